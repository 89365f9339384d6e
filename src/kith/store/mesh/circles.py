"""Circles as stored: each circle (Kith's name, the user's name, a pin) and each contact's
circle with the digest of their evidence at the last run (migration 0013)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

# What may name a circle, per person: current organisations, tags, events attended.
LABELS_SQL = """
SELECT e.person_id, o.name FROM employment e JOIN organisation o ON o.id = e.organisation_id
 WHERE e.end_day IS NULL
UNION
SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
UNION
SELECT a.person_id, ev.name FROM attendee a JOIN event ev ON ev.id = a.event_id"""


@dataclass(frozen=True)
class StoredCircle:
    """A circle as stored: its found name, the name a person gave it, whether pinned."""

    id: int
    name: str
    custom_name: str | None
    pinned: bool

    @property
    def shown_name(self) -> str:
        return self.custom_name or self.name


@dataclass(frozen=True)
class Membership:
    """A contact's circle, and the digest of their evidence at the last run."""

    circle_id: int
    digest: str


class CircleRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def circles(self) -> dict[int, StoredCircle]:
        rows = self.db.execute("SELECT id, name, custom_name, pinned FROM circle ORDER BY id")
        return {
            int(cid): StoredCircle(int(cid), str(name), custom, bool(pinned))
            for cid, name, custom, pinned in rows
        }

    def memberships(self) -> dict[int, Membership]:
        rows = self.db.execute("SELECT person_id, circle_id, digest FROM circle_member")
        return {int(pid): Membership(int(cid), str(digest)) for pid, cid, digest in rows}

    def of_people(self, ids: Iterable[int]) -> dict[int, int]:
        """Each of these people's circle, for those in one."""
        wanted = list(ids)
        found: dict[int, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.execute(
                f"SELECT person_id, circle_id FROM circle_member WHERE person_id IN ({marks})",
                chunk,
            )
            found.update({int(pid): int(cid) for pid, cid in rows})
        return found

    def size(self, circle_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM circle_member WHERE circle_id = ?", (circle_id,)
        ).fetchone()
        return int(row[0])

    def labels(self) -> dict[int, list[str]]:
        """Per person, what may name their circle: organisations now, tags, events."""
        found: dict[int, list[str]] = {}
        for pid, label in self.db.execute(LABELS_SQL):
            found.setdefault(int(pid), []).append(str(label))
        return found

    def add(self, name: str, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO circle (name, created_at, updated_at) VALUES (?, ?, ?)", (name, now, now)
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def save(self, names: dict[int, str], members: dict[int, tuple[int, str]], now: str) -> None:
        """Circles `names` (id → Kith's name) with exactly `members` (person → circle,
        digest); every other circle and membership goes."""
        self.db.execute("DELETE FROM circle_member")
        kept = list(names)
        marks = ", ".join("?" for _ in kept)
        self.db.execute(f"DELETE FROM circle WHERE id NOT IN ({marks})", kept)
        self.db.executemany(
            "UPDATE circle SET name = ?, updated_at = ? WHERE id = ? AND name != ?",
            [(name, now, cid, name) for cid, name in names.items()],
        )
        self.db.executemany(
            "INSERT INTO circle_member (person_id, circle_id, digest) VALUES (?, ?, ?)",
            [(pid, cid, digest) for pid, (cid, digest) in members.items()],
        )

    def rename(self, circle_id: int, name: str | None, now: str) -> bool:
        cursor = self.db.execute(
            "UPDATE circle SET custom_name = ?, updated_at = ? WHERE id = ?",
            (name, now, circle_id),
        )
        return cursor.rowcount > 0

    def pin(self, circle_id: int, pinned: bool, now: str) -> bool:
        cursor = self.db.execute(
            "UPDATE circle SET pinned = ?, updated_at = ? WHERE id = ?",
            (int(pinned), now, circle_id),
        )
        return cursor.rowcount > 0
