"""Calendar subscriptions, read-only: an .ics URL or a CalDAV calendar, by the .ics importer's
rules (meetings that ended are logged with their attendees, later ones kept as events for
`kith prep`).

Each subscription is a source `calendar:N`. A run fetches the whole calendar (calendars are
small next to mailboxes), then imports it in one transaction as `kith import` would import the
same file: occurrences are keyed by UID and start (`ics.ORIGIN`), so a re-run changes nothing
and a meeting that has ended since the last run moves from upcoming to logged. A meeting on a
later day that this calendar gave before and no longer has (cancelled, or moved: the moved one
comes back as a new event) is removed, unless an interaction, a person met there or a note
holds on to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from kith.errors import UserError
from kith.records import Record, UpcomingRecord
from kith.services import sync
from kith.services.imports import ImportReport, import_records, my_identities
from kith.services.sync import secrets
from kith.services.sync.calendar_fetch import calendar_texts, clean_url
from kith.sources import ics
from kith.store import Store
from kith.store.sync.sources import SyncSource

KIND = "calendar"
IMPORT_KIND = "ics"  # the calendar importer's: the same keys, the same report


def subscribe(
    store: Store, url: str, *, user: str | None, me: list[str], now: datetime
) -> SyncSource:
    """The subscription to `url`, made (`calendar:N`, the next free N) or updated."""
    address, named_user = clean_url(url)
    config = {"url": address, "user": user or named_user, "me": me}
    known = [s for s in store.sync.sources() if s.kind == KIND]
    same = next((s for s in known if s.config.get("url") == address), None)
    name = same.name if same else f"{KIND}:{_next_number(known)}"
    return sync.configure(store, name, KIND, config, now)


def subscriptions(store: Store) -> list[SyncSource]:
    found = [s for s in store.sync.sources() if s.kind == KIND]
    if not found:
        raise UserError("No calendar subscribed yet: `kith sync calendar URL` adds one.")
    return found


def run(store: Store, source: SyncSource, context: sync.RunContext) -> dict[str, Any]:
    """The runner for `kith sync` (sync.RUNNERS["calendar"])."""
    config = source.config
    url, user = config["url"], config.get("user")
    if not my_identities(store, config.get("me") or []):
        raise UserError(
            "Kith needs to know which attendee is you: give --me ADDRESS to "
            "`kith sync calendar`, or `kith config set me.emails you@example.org`."
        )
    password = secrets.password(KIND, user) if user else None
    form, texts = calendar_texts(url, user, password)
    if context.progress is not None:
        fetched = f"{len(texts)} events over CalDAV" if form == "caldav" else "the .ics file"
        context.progress(f"{source.name}: fetched {fetched}")
    upcoming: set[tuple[str, str]] = set()
    records = _noting(ics.read_texts(texts, url, context.now), upcoming)
    report = _imported(store, records, url, context, config)
    removed = _forget_vanished(store, url, upcoming, context)
    return {
        "people_created": report.created["person"],
        "meetings_logged": report.created["interaction"],
        "meetings_joined": report.updated["interaction"],
        "upcoming_events": report.created["event"],
        "already_known": report.accounted["known"],
        "ignored": sum(report.ignored.values()),
        "skipped": len(report.skipped),
        "upcoming_removed": removed,
    }


def _noting(records: Iterable[Record], upcoming: set[tuple[str, str]]) -> Iterator[Record]:
    """The records, noting each upcoming meeting's (name, day) as it goes by."""
    for record in records:
        if isinstance(record, UpcomingRecord):
            upcoming.add((record.name, record.day.isoformat()))
        yield record


def _forget_vanished(
    store: Store, url: str, upcoming: set[tuple[str, str]], context: sync.RunContext
) -> int:
    """Remove the meetings on later days that this calendar gave before and no longer has
    (cancelled or moved), unless something else holds on to them; how many (would be)."""
    today = context.now.date().isoformat()
    with store.transaction():
        gone = store.calendar_sync.vanished(url, today, upcoming)
        if not context.dry_run:
            store.calendar_sync.drop(gone)
    return len(gone)


def _imported(
    store: Store,
    records: Iterable[Record],
    url: str,
    context: sync.RunContext,
    config: dict[str, Any],
) -> ImportReport:
    """The import of the calendar's records, written in slices like any import (one
    transaction held the lock ~1 s on a loaded machine once the calendar had a hundred
    meetings, each compared again); a run that changed nothing leaves no import run behind (a
    dry run rolls itself back, and must not be nested in a transaction that would commit it)."""

    def imported() -> ImportReport:
        return import_records(
            store,
            records,
            kind=IMPORT_KIND,
            path=url,
            now=context.now,
            dry_run=context.dry_run,
            me=config.get("me") or [],
        )

    if context.dry_run:
        return imported()
    report = imported()  # in slices into a database that holds something, letting others in
    if not report.changed_anything and report.run_id is not None:
        with store.transaction():  # (a kill before this leaves a run of nothing: bookkeeping)
            store.imports.forget_run(report.run_id)
    return report


def _next_number(known: list[SyncSource]) -> int:
    numbers = [int(n) for s in known if (n := s.name.partition(":")[2]).isdigit()]
    return max(numbers, default=0) + 1
