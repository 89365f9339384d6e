"""Two-way CardDAV sync, run by `services.sync` for a source of kind "carddav".

One run: list the address book's ETags (nothing downloaded); download only the cards that are
new or whose ETag moved; decide (carddav_plan) and apply the server's side to Kith in one
transaction together with the status rows, so a crash there leaves Kith as it was; then write
Kith's side there card by card with conditional requests, saving each card's new status in
short transactions (every WRITE_BATCH cards, and whatever was written when a request fails).
A run that stops anywhere leaves both sides consistent: a card written there whose status was
not saved is found next time as a card with a person's UID, which the importer's rules match
back to that person, and its content hash equal to Kith's card, so nothing is duplicated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.services.sync import RunContext, secrets
from kith.services.sync.carddav_apply import apply_here, create_here, keep_unheld, person_for
from kith.services.sync.carddav_cards import outgoing, parse, property_names, unsendable
from kith.services.sync.carddav_client import Changed, Client, Refused
from kith.services.sync.carddav_conflicts import record_conflict
from kith.services.sync.carddav_discovery import find_book
from kith.services.sync.carddav_plan import (
    Decisions,
    Mine,
    Push,
    Theirs,
    decide,
    pushes,
    to_fetch,
    too_many,
)
from kith.store import Store
from kith.store.rows import chunks
from kith.store.sync.carddav import CardStatus
from kith.store.sync.sources import SyncSource

KIND = "carddav"
DELETE_SHARE = 0.25  # a run deleting more than this share of either side's cards is refused
WRITE_BATCH = 100  # cards written there between two saves of their status


class _DryRun(Exception):
    """Rolls back what a dry run applied here."""


@dataclass
class Sides:
    """What one run works from: the source, its address book and the server's listing."""

    store: Store
    source: SyncSource
    context: RunContext
    book: str
    server: dict[str, str]

    @property
    def notes(self) -> bool:
        return bool(self.source.config.get("notes"))

    def say(self, text: str) -> None:
        if self.context.progress is not None:
            self.context.progress(f"{self.source.name}: {text}")


def run(store: Store, source: SyncSource, context: RunContext) -> dict[str, Any]:
    """One two-way sync of `source` (the runner named in services.sync.RUNNERS)."""
    url, user = str(source.config["url"]), str(source.config["user"])
    with Client(url, user, password_for(user)) as client:
        sides = Sides(store, source, context, book_of(store, source, client), {})
        sides.server = client.etags(sides.book)
        waiting = {c.href for c in store.carddav.conflicts(source.name)}
        statuses = store.carddav.statuses(source.name)
        wanted = to_fetch(statuses, sides.server, waiting)
        sides.say(f"{len(sides.server)} cards there, {len(wanted)} to download")
        fetched = {
            href: Theirs(href, etag, parse(text, context.now, notes=sides.notes))
            for href, etag, text in client.cards(sides.book, wanted)
        }
        summary, planned = _here(sides, statuses, fetched, waiting)
        if context.dry_run:
            return summary
        _there(sides, client, planned, summary)
    return summary


def password_for(user: str) -> str:
    """The password, from the environment or the keyring; on a machine with no keyring, the
    refusal says so in one line naming the variable."""
    try:
        return secrets.password(KIND, user) or ""
    except UserError as exc:
        note = secrets.keyring_note(KIND)
        if note is None:
            raise
        raise UserError(note) from exc


def book_of(store: Store, source: SyncSource, client: Client) -> str:
    """The address book's URL: found once by discovery, then kept."""
    found = store.carddav.book(source.name)
    if found is None:
        found = find_book(client, str(source.config["url"]))
        with store.transaction():
            store.carddav.set_book(source.name, found)
    return found


def _here(
    sides: Sides,
    statuses: list[CardStatus],
    fetched: Mapping[str, Theirs],
    waiting: set[str],
) -> tuple[dict[str, Any], _Planned]:
    """Apply the server's side to Kith with its status rows (rolled back in a dry run); return
    the summary so far and what remains to do there."""
    store, name = sides.store, sides.source.name
    summary: dict[str, Any] = {}
    try:
        with store.transaction():
            mine = snapshot(store, sides.context.now, sides.notes)
            decisions = decide(statuses, sides.server, fetched, mine, waiting)
            _refuse_mass_deletion(sides, decisions, len(mine))
            summary = _apply(sides, decisions)
            touched = _touched(store, decisions)
            mine.update(snapshot(store, sides.context.now, sides.notes, touched))
            for person_id in [p for _, p in decisions.delete_here]:
                mine.pop(person_id, None)
            statuses = _remember_mine(store, name, mine, set(touched))
            planned = _Planned(
                pushes(
                    statuses,
                    mine,
                    waiting | _waiting(decisions),
                    _folder(sides),
                ),
                decisions.delete_there,
                mine,
            )
            summary.update(_there_counts(planned))
            _tell(sides, decisions, planned)
            if sides.context.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary, planned


def _remember_mine(
    store: Store, name: str, mine: dict[int, Mine], touched: set[int]
) -> list[CardStatus]:
    """The status rows, each card just taken from the server marked with the hash of Kith's
    own text for its person when the two say the same (so the next run need not read it)."""
    statuses = store.carddav.statuses(name)
    for index, status in enumerate(statuses):
        ours = mine.get(status.person_id) if status.person_id in touched else None
        if ours is not None and status.mine != ours.text_hash and ours.hash == status.hash:
            statuses[index] = replace(status, mine=ours.text_hash)
            store.carddav.save_status(name, statuses[index])
    return statuses


@dataclass(frozen=True)
class _Planned:
    pushes: list[Push]
    deletions: list[CardStatus]
    mine: dict[int, Mine]


def snapshot(
    store: Store, now: datetime, notes: bool, ids: list[int] | None = None
) -> dict[int, Mine]:
    """Every person's card as Kith would send it (or only `ids`'), with its content hash."""
    found: dict[int, Mine] = {}
    for chunk in chunks(store.carddav.person_ids() if ids is None else ids):
        for person in store.people.load(chunk, detail=True):
            text = outgoing(person, now, notes=notes)
            left_out = property_names(unsendable(person))
            found[person.id] = Mine(person.id, person.uid, person.name, text, now, notes, left_out)
    return found


def _refuse_mass_deletion(sides: Sides, decisions: Decisions, here: int) -> None:
    share = float(sides.source.config.get("max_delete", DELETE_SHARE))
    if sides.context.options.get("yes"):
        return
    there, gone = len(decisions.delete_there), len(decisions.delete_here)
    if too_many(there, len(sides.server), share) or too_many(gone, here, share):
        said = (
            f"This sync would delete {there} of {len(sides.server)} cards on the server and "
            f"archive {gone} of {here} people in Kith, more than {share:.0%} of a side"
        )
        if sides.context.dry_run:  # the dry run lists each change; the real run would refuse
            sides.say(f"{said}: a real run refuses it without --yes.")
            return
        raise UserError(
            f"{said}; nothing was changed. If that is what you meant, run "
            "`kith sync carddav --yes` once; `kith sync carddav --dry-run` shows each change."
        )


def _name(store: Store, person_id: int) -> str:
    found = store.people.heads([person_id])
    return found[0].name if found else f"#{person_id}"


def _apply(sides: Sides, decisions: Decisions) -> dict[str, Any]:
    store, name, now = sides.store, sides.source.name, sides.context.now
    store.carddav.save_statuses(name, decisions.agreed)  # first: the rows below are newer
    records = [t.card.record for t in decisions.create_here if t.card.record is not None]
    created = create_here(store, records, sides.book, now)
    for theirs in decisions.create_here:
        assert theirs.card.record is not None
        person_id = person_for(store, theirs.card.record)
        if person_id is not None:
            keep_unheld(store, person_id, theirs.card.record)
        store.carddav.save_status(name, _agreed(theirs, person_id, theirs.card.uid or ""))
    for theirs, person_id in decisions.apply_here:
        person = store.people.get(person_id)
        assert person is not None
        assert theirs.card.record is not None
        apply_here(store, person, theirs.card.record, now)
        store.carddav.save_status(name, _agreed(theirs, person_id, person.uid))
    for status, person_id in decisions.delete_here:  # archived, never erased: history stays
        store.people.update(person_id, to_utc_text(now), archived=1)
        store.carddav.drop_status(name, status.href)
    for theirs, person_id in decisions.conflicts:
        record_conflict(store, name, theirs, person_id, now, sides.notes)
    for theirs in decisions.not_people:
        store.carddav.save_status(name, _agreed(theirs, None, ""))
    for href in decisions.dropped:
        store.carddav.drop_status(name, href)
    return {
        "created_here": created,
        "matched_here": len(records) - created,
        "changed_here": len(decisions.apply_here),
        "archived_here": len(decisions.delete_here),
        "conflicts": len(decisions.conflicts),
    }


def _agreed(theirs: Theirs, person_id: int | None, uid: str) -> CardStatus:
    return CardStatus(theirs.href, uid, person_id, theirs.etag, theirs.card.hash, theirs.card.text)


def _touched(store: Store, decisions: Decisions) -> list[int]:
    ids = [p for _, p in decisions.apply_here]
    for theirs in decisions.create_here:
        found = person_for(store, theirs.card.record) if theirs.card.record else None
        ids.extend([found] if found is not None else [])
    return ids


def _waiting(decisions: Decisions) -> set[str]:
    return {theirs.href for theirs, _ in decisions.conflicts}


def _folder(sides: Sides) -> str:
    return urlsplit(sides.book).path


def _there_counts(planned: _Planned) -> dict[str, int]:
    return {
        "created_there": sum(1 for p in planned.pushes if p.etag is None),
        "changed_there": sum(1 for p in planned.pushes if p.etag is not None),
        "deleted_there": len(planned.deletions),
    }


def _tell(sides: Sides, decisions: Decisions, planned: _Planned) -> None:
    """In a dry run, each change on its own line."""
    if not sides.context.dry_run:
        return
    for theirs in decisions.create_here:
        sides.say(f"would create here: {theirs.card.record.name if theirs.card.record else ''}")
    for _theirs, person_id in decisions.apply_here:
        sides.say(f"would change here: {planned.mine[person_id].name}")
    for _status, person_id in decisions.delete_here:
        sides.say(f"would archive here (their card is gone there): {_name(sides.store, person_id)}")
    for _theirs, person_id in decisions.conflicts:
        sides.say(f"would record a conflict: {planned.mine[person_id].name}")
    for push in planned.pushes:
        verb = "create" if push.etag is None else "change"
        ours = planned.mine[push.person_id]
        sides.say(f"would {verb} there: {ours.name}{_without(ours)}")
    for status in planned.deletions:
        sides.say(f"would delete there: {status.href}")


def _there(sides: Sides, client: Client, planned: _Planned, summary: dict[str, Any]) -> None:
    """Kith's side written to the server, each card's status saved as it goes."""
    skipped = refused = 0
    with _saving(sides) as save:
        for number, push in enumerate(planned.pushes, start=1):
            ours = planned.mine[push.person_id]
            try:
                etag = client.put(push.href, ours.text, push.etag)
            except Changed:  # written there meanwhile: the next run sees it
                skipped += 1
                continue
            except Refused as answer:  # this card only: the others still go
                refused += 1
                summary["created_there" if push.etag is None else "changed_there"] -= 1
                sides.say(
                    f"the server refused {ours.name}'s card ({answer.status}); it stays in Kith "
                    "and is tried again next run (`kith export vcard` shows what is sent)"
                )
                continue
            save(
                CardStatus(
                    push.href, ours.uid, push.person_id, etag, ours.hash, ours.text, ours.text_hash
                )
            )
            if ours.left_out:
                sides.say(f"{ours.name}'s card went{_without(ours)}")
            if number % WRITE_BATCH == 0:
                sides.say(f"{number} of {len(planned.pushes)} cards written there")
        for status in planned.deletions:
            try:
                client.delete(status.href, status.etag)
            except Changed:
                skipped += 1
                continue
            save(None, status.href)
    summary["changed_meanwhile"] = skipped
    summary["refused_there"] = refused


def _without(ours: Mine) -> str:
    """What a card is sent without, said; "" for a card sent whole."""
    if not ours.left_out:
        return ""
    return (
        f" without its {ours.left_out}, whose base64 does not decode (the server would refuse "
        "the card; the line stays in Kith)"
    )


@contextmanager
def _saving(sides: Sides) -> Iterator[Callable[..., None]]:
    """A function that queues a status row to save (or an href to forget), saved in batches and
    whatever happens, so what reached the server is recorded."""
    store, name = sides.store, sides.source.name
    queued: list[tuple[CardStatus | None, str | None]] = []

    def flush() -> None:
        with store.transaction():
            for status, href in queued:
                if status is not None:
                    store.carddav.save_status(name, status)
                elif href is not None:
                    store.carddav.drop_status(name, href)
        queued.clear()

    def save(status: CardStatus | None, href: str | None = None) -> None:
        queued.append((status, href))
        if len(queued) >= WRITE_BATCH:
            flush()

    try:
        yield save
    finally:
        flush()
