"""CardDAV sync's own rows: the address book found, the status of each card, the conflicts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CardStatus:
    """How one server card and its person looked when both sides last agreed."""

    href: str
    uid: str
    person_id: int | None
    etag: str
    hash: str
    base: str
    mine: str = ""  # the hash of Kith's own text for the person then ("" unknown)


@dataclass(frozen=True)
class CardConflict:
    href: str
    person_id: int
    ours: str
    theirs: str
    theirs_etag: str
    merged: str | None
    found_at: str


class CardDavRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    # the address book --------------------------------------------------------------------

    def book(self, source: str) -> str | None:
        row = self.db.execute("SELECT url FROM carddav_book WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def set_book(self, source: str, url: str) -> None:
        self.db.execute(
            "INSERT INTO carddav_book (source, url) VALUES (?, ?) "
            "ON CONFLICT (source) DO UPDATE SET url = excluded.url",
            (source, url),
        )

    def forget_book(self, source: str) -> None:
        """A new address book: the status of the old one means nothing there."""
        for table in ("carddav_book", "carddav_card", "carddav_conflict"):
            self.db.execute(f"DELETE FROM {table} WHERE source = ?", (source,))

    # the status table --------------------------------------------------------------------

    def statuses(self, source: str) -> list[CardStatus]:
        rows = self.db.execute(
            "SELECT href, uid, person_id, etag, hash, base, mine FROM carddav_card "
            "WHERE source = ? ORDER BY href",
            (source,),
        )
        return [CardStatus(*row) for row in rows]

    def save_status(self, source: str, status: CardStatus) -> None:
        self.db.execute(
            "INSERT INTO carddav_card (source, href, uid, person_id, etag, hash, base, mine) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, href) DO UPDATE SET "
            "uid = excluded.uid, person_id = excluded.person_id, etag = excluded.etag, "
            "hash = excluded.hash, base = excluded.base, mine = excluded.mine",
            (
                source,
                status.href,
                status.uid,
                status.person_id,
                status.etag,
                status.hash,
                status.base,
                status.mine,
            ),
        )

    def save_statuses(self, source: str, statuses: Iterable[CardStatus]) -> None:
        for status in statuses:
            self.save_status(source, status)

    def drop_status(self, source: str, href: str) -> None:
        self.db.execute("DELETE FROM carddav_card WHERE source = ? AND href = ?", (source, href))

    # conflicts ---------------------------------------------------------------------------

    def conflicts(self, source: str) -> list[CardConflict]:
        rows = self.db.execute(
            "SELECT href, person_id, ours, theirs, theirs_etag, merged, found_at "
            "FROM carddav_conflict WHERE source = ? ORDER BY found_at, href",
            (source,),
        )
        return [CardConflict(*row) for row in rows]

    def save_conflict(self, source: str, conflict: CardConflict) -> None:
        self.db.execute(
            "INSERT INTO carddav_conflict (source, href, person_id, ours, theirs, theirs_etag, "
            "merged, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, href) "
            "DO UPDATE SET person_id = excluded.person_id, ours = excluded.ours, "
            "theirs = excluded.theirs, theirs_etag = excluded.theirs_etag, "
            "merged = excluded.merged",
            (
                source,
                conflict.href,
                conflict.person_id,
                conflict.ours,
                conflict.theirs,
                conflict.theirs_etag,
                conflict.merged,
                conflict.found_at,
            ),
        )

    def drop_conflict(self, source: str, href: str) -> None:
        self.db.execute(
            "DELETE FROM carddav_conflict WHERE source = ? AND href = ?", (source, href)
        )

    # the person's side -------------------------------------------------------------------

    def set_vcard_lines(self, person_id: int, lines: list[str]) -> None:
        """Replace the lines Kith keeps for a card's properties it has no field for."""
        self.db.execute(
            "UPDATE person SET vcard_extra = ? WHERE id = ?",
            ("\n".join(lines) or None, person_id),
        )

    def person_ids(self) -> list[int]:
        """The people whose cards travel: everyone not archived (archived people stay here)."""
        found = self.db.execute("SELECT id FROM person WHERE archived = 0 ORDER BY id")
        return [int(row[0]) for row in found]
