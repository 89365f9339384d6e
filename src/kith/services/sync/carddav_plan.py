"""Deciding what a CardDAV sync does, card by card, from the status table and both sides.

For each card the status table knows, the two sides are compared with how they were when they
last agreed (the server's ETag, and the content hash of the card both held):

| server \\ Kith     | unchanged        | changed                       | person gone         |
|-------------------|------------------|-------------------------------|---------------------|
| unchanged         | nothing          | write it there                | delete it there     |
| changed           | apply it here    | conflict (same content: none) | create it here again|
| deleted           | delete it here   | create it there again         | forget the row      |

A card the status table does not know is new there (imported by the importer's rules, which
match a person Kith already has), unless it is Kith's own card for a person no row points at,
with the same content (written there by a run that stopped before saving its status: agreed);
a person no row points at is new here. A row whose person
was merged into another in Kith (its UID is now an alias) is deleted there, so the merge leaves
one card. Writing Kith's side out is decided after the server's changes are applied
(`pushes`): any person whose card no longer hashes as agreed is written there.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from kith.services.exports.vcard_export import file_name
from kith.services.sync.carddav_cards import Parsed, parse, text_hash
from kith.store.sync.carddav import CardStatus


@dataclass(frozen=True)
class Mine:
    """A person's card as Kith would send it. Its text's hash is cheap and tells "unchanged"
    for certain when it equals the one saved at the last agreement; only when it does not is
    the card read back for its content hash."""

    person_id: int
    uid: str
    name: str
    text: str
    now: datetime
    notes: bool
    left_out: str = ""  # the kept lines not sent (carddav_cards.unsendable), by property name

    @cached_property
    def text_hash(self) -> str:
        return text_hash(self.text)

    @cached_property
    def hash(self) -> str:
        return parse(self.text, self.now, notes=self.notes).hash

    def changed(self, status: CardStatus) -> bool:
        """Whether the person's card differs from the one both sides agreed on."""
        return self.text_hash != status.mine and self.hash != status.hash


@dataclass(frozen=True)
class Theirs:
    href: str
    etag: str
    card: Parsed


@dataclass
class Decisions:
    create_here: list[Theirs] = field(default_factory=list)
    apply_here: list[tuple[Theirs, int]] = field(default_factory=list)
    delete_here: list[tuple[CardStatus, int]] = field(default_factory=list)
    delete_there: list[CardStatus] = field(default_factory=list)
    conflicts: list[tuple[Theirs, int]] = field(default_factory=list)
    agreed: list[CardStatus] = field(default_factory=list)  # rows whose ETag alone moved
    dropped: list[str] = field(default_factory=list)  # rows to forget (gone on both sides)
    not_people: list[Theirs] = field(default_factory=list)  # company or unreadable cards


@dataclass(frozen=True)
class Push:
    href: str
    person_id: int
    etag: str | None  # None: a new card (If-None-Match)


def to_fetch(
    statuses: list[CardStatus], server: Mapping[str, str], waiting: Collection[str]
) -> list[str]:
    """The cards to download: new there, or whose ETag moved (and no conflict waits on them)."""
    known = {s.href: s.etag for s in statuses}
    return sorted(
        href for href, etag in server.items() if href not in waiting and known.get(href) != etag
    )


def decide(
    statuses: list[CardStatus],
    server: Mapping[str, str],
    fetched: Mapping[str, Theirs],
    mine: Mapping[int, Mine],
    waiting: Collection[str],
) -> Decisions:
    """What to do here, and what to delete there, for every card on either side."""
    found = Decisions()
    known = {s.href for s in statuses}
    for status in statuses:
        if status.href not in waiting:
            _row(found, status, server.get(status.href), fetched.get(status.href), mine)
    held = {s.person_id for s in statuses}
    by_uid = {ours.uid: ours for ours in mine.values() if ours.person_id not in held}
    for href, theirs in sorted(fetched.items()):
        if href in known:
            continue
        ours = by_uid.get(theirs.card.uid or "")
        if ours is not None and ours.hash == theirs.card.hash:
            # Kith's own card, written there by a run that stopped before saving its status:
            # agreed as that run would have saved it (not imported back as a new card)
            found.agreed.append(
                CardStatus(
                    href,
                    ours.uid,
                    ours.person_id,
                    theirs.etag,
                    ours.hash,
                    ours.text,
                    ours.text_hash,
                )
            )
            del by_uid[ours.uid]
            continue
        _new_there(found, theirs)
    return found


def _new_there(found: Decisions, theirs: Theirs) -> None:
    (found.create_here if theirs.card.record else found.not_people).append(theirs)


def _row(
    found: Decisions,
    status: CardStatus,
    etag: str | None,
    theirs: Theirs | None,
    mine: Mapping[int, Mine],
) -> None:
    ours = mine.get(status.person_id) if status.person_id is not None else None
    if not status.uid:  # a company's or unreadable card: looked at again only when it changes
        _not_a_person(found, status, etag, theirs)
        return
    if ours is None:
        _gone_here(found, status, etag, theirs)
        return
    changed_here = ours.changed(status)
    if not changed_here and ours.text_hash != status.mine:
        status = replace(status, mine=ours.text_hash)  # the same card, written anew
        found.agreed.append(status)
    if etag is None:
        if changed_here:
            found.dropped.append(status.href)  # written there again as a new card
        else:
            found.delete_here.append((status, ours.person_id))
        return
    if theirs is None or theirs.card.hash == status.hash:
        if theirs is not None:  # re-serialised by another client: only the ETag moved
            found.agreed.append(_moved(status, theirs))
        return  # Kith's own change, if any, is written there by `pushes`
    if theirs.card.record is None:
        found.agreed.append(_moved(status, theirs))  # a card Kith can no longer read: left alone
    elif not changed_here:
        found.apply_here.append((theirs, ours.person_id))
    elif theirs.card.hash == ours.hash:
        found.agreed.append(_moved(status, theirs, ours.hash, ours.text_hash))
    else:
        found.conflicts.append((theirs, ours.person_id))


def _not_a_person(
    found: Decisions, status: CardStatus, etag: str | None, theirs: Theirs | None
) -> None:
    if etag is None or theirs is not None:
        found.dropped.append(status.href)
    if etag is not None and theirs is not None:
        _new_there(found, theirs)


def _gone_here(
    found: Decisions,
    status: CardStatus,
    etag: str | None,
    theirs: Theirs | None,
) -> None:
    if etag is None:
        found.dropped.append(status.href)
    elif theirs is None:
        found.delete_there.append(status)  # deleted here, or merged into another person
    else:
        found.dropped.append(status.href)  # changed there: the server's card comes back
        _new_there(found, theirs)


def _moved(
    status: CardStatus, theirs: Theirs, hash_: str | None = None, mine: str | None = None
) -> CardStatus:
    return CardStatus(
        status.href,
        status.uid,
        status.person_id,
        theirs.etag,
        hash_ or status.hash,
        theirs.card.text,
        mine or status.mine,
    )


def pushes(
    statuses: list[CardStatus], mine: Mapping[int, Mine], waiting: Collection[str], folder: str
) -> list[Push]:
    """Kith's side written there: changed cards (If-Match) and people no card holds (new)."""
    found: list[Push] = []
    linked: set[int] = set()
    for status in statuses:
        ours = mine.get(status.person_id) if status.person_id is not None else None
        if ours is None or not status.uid:
            continue
        linked.add(ours.person_id)
        if status.href not in waiting and ours.changed(status):
            found.append(Push(status.href, ours.person_id, status.etag))
    for person_id, ours in sorted(mine.items()):
        if person_id not in linked:
            found.append(Push(new_href(folder, ours.uid), person_id, None))
    return found


def new_href(folder: str, uid: str) -> str:
    return f"{folder.rstrip('/')}/{file_name(uid)}"


def too_many(deletions: int, size: int, share: float) -> bool:
    """More than `share` of a side's cards (two or fewer always pass)."""
    return deletions > max(2, int(share * size))
