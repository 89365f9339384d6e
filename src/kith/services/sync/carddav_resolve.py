"""Configuring a CardDAV source, and settling a conflict the way the user chose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from kith.errors import NotFound, UserError
from kith.services import sync
from kith.services.sync.carddav import KIND, book_of, password_for
from kith.services.sync.carddav_apply import apply_here
from kith.services.sync.carddav_cards import outgoing, parse
from kith.services.sync.carddav_client import Changed, Client
from kith.services.sync.carddav_conflicts import Difference, differences
from kith.store import Store
from kith.store.sync.carddav import CardConflict, CardStatus
from kith.store.sync.sources import SyncSource

CHOICES = ("ours", "theirs", "merged")


@dataclass(frozen=True)
class Conflict:
    source: str
    conflict: CardConflict
    name: str
    differences: list[Difference]


def configure(
    store: Store, url: str | None, user: str | None, now: datetime, **choices: Any
) -> SyncSource:
    """The source named "carddav": saved from --url and --user, or the one saved before."""
    found = store.sync.source(KIND)
    if url is None and user is None and found is None:
        raise UserError(
            "No CardDAV server is configured yet: `kith sync carddav --url URL --user NAME`."
        )
    config = dict(found.config) if found else {}
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(f"{url} is not an http(s) URL; give the server's or the book's URL.")
        if parts.password or parts.username:
            raise UserError(
                "Give the user with --user and the password in KITH_CARDDAV_PASSWORD "
                "or the keyring, never inside the URL."
            )
        if found is not None and config.get("url") != url:
            with store.transaction():
                store.carddav.forget_book(KIND)
        config["url"] = url
    if user is not None:
        config["user"] = user
    if "user" not in config:
        raise UserError("Say whose address book it is: `--user NAME`.")
    config.update({k: v for k, v in choices.items() if v is not None})
    return sync.configure(store, KIND, KIND, config, now)


def conflicts(store: Store) -> list[Conflict]:
    """Every card waiting for the user's choice, with what differs."""
    found = []
    for source in store.sync.sources():
        if source.kind != KIND:
            continue
        for conflict in store.carddav.conflicts(source.name):
            refs = store.people.refs([conflict.person_id])
            name = refs[conflict.person_id].name if conflict.person_id in refs else conflict.href
            found.append(Conflict(source.name, conflict, name, differences(conflict)))
    return found


def resolve(store: Store, person_id: int, take: str, now: datetime) -> Conflict:
    """Settle the person's conflict: keep Kith's card, the server's, or the merged one."""
    chosen = next((c for c in conflicts(store) if c.conflict.person_id == person_id), None)
    if chosen is None:
        raise NotFound("That person has no sync conflict: `kith sync conflicts` lists them.")
    conflict, source = chosen.conflict, sync.source(store, chosen.source)
    if take == "merged" and conflict.merged is None:
        raise UserError(
            "Both sides changed the same properties, so Kith has no merged card to offer; "
            "take ours or theirs, then edit."
        )
    notes = bool(source.config.get("notes"))
    if take in ("theirs", "merged"):
        text = conflict.theirs if take == "theirs" else str(conflict.merged)
        _apply_text(store, conflict.person_id, text, now, notes)
    if take == "theirs":
        card = parse(conflict.theirs, now, notes=notes)
        _settle(
            store,
            source,
            conflict,
            CardStatus(
                conflict.href,
                card.uid or "",
                conflict.person_id,
                conflict.theirs_etag,
                card.hash,
                conflict.theirs,
            ),
        )
        return chosen
    _send(store, source, conflict, now, notes)
    return chosen


def _apply_text(store: Store, person_id: int, text: str, now: datetime, notes: bool) -> None:
    record = parse(text, now, notes=notes).record
    person = store.people.get(person_id)
    if record is None or person is None:
        raise UserError("Kith cannot read that card any more; take ours instead.")
    with store.transaction():
        apply_here(store, person, record, now)


def _send(
    store: Store, source: SyncSource, conflict: CardConflict, now: datetime, notes: bool
) -> None:
    person = store.people.get(conflict.person_id)
    if person is None:
        raise UserError("That person is no longer in Kith; take theirs instead.")
    text = outgoing(person, now, notes=notes)
    user = str(source.config["user"])
    with Client(str(source.config["url"]), user, password_for(user)) as client:
        book_of(store, source, client)
        try:
            etag = client.put(conflict.href, text, conflict.theirs_etag)
        except Changed as exc:
            with store.transaction():
                store.carddav.drop_conflict(source.name, conflict.href)
            raise UserError(
                "The card changed on the server again; run `kith sync carddav` to see it anew."
            ) from exc
    card = parse(text, now, notes=notes)
    _settle(
        store,
        source,
        conflict,
        CardStatus(conflict.href, person.uid, person.id, etag, card.hash, text),
    )


def _settle(store: Store, source: SyncSource, conflict: CardConflict, status: CardStatus) -> None:
    with store.transaction():
        store.carddav.save_status(source.name, status)
        store.carddav.drop_conflict(source.name, conflict.href)
