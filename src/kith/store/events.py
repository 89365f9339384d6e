"""Events (a talk, a conference, a dinner) and who attended."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from kith.model import Event, PersonRef
from kith.store.rows import column, day


class EventRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def insert(
        self,
        name: str,
        on: str,
        place: str | None,
        kind: str | None,
        now: str,
        event_id: int | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO event (id, name, day, place, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (event_id, name, on, place, kind, now),
        )
        return int(cursor.lastrowid or 0)

    def attend(self, event_id: int, person_ids: Iterable[int], about: str | None = None) -> None:
        """They were there; `about` (what stood out, for the claim note) replaces an earlier
        one only when given."""
        self.db.executemany(
            "INSERT INTO attendee (event_id, person_id, about) VALUES (?, ?, ?) "
            "ON CONFLICT (event_id, person_id) "
            "DO UPDATE SET about = coalesce(excluded.about, about)",
            [(event_id, p, about) for p in person_ids],
        )

    def remark(self, event_id: int, person_id: int, about: str) -> bool:
        """Set what stood out about an attendee where nothing is recorded; whether it was."""
        cursor = self.db.execute(
            "UPDATE attendee SET about = ? WHERE event_id = ? AND person_id = ? "
            "AND (about IS NULL OR about = '')",
            (about, event_id, person_id),
        )
        return cursor.rowcount > 0

    def ids_named(self, name: str) -> list[int]:
        return column(
            self.db,
            "SELECT id FROM event WHERE name = ? COLLATE NOCASE ORDER BY day DESC, id DESC",
            (name,),
        )

    def ids_containing(self, text: str) -> list[int]:
        return column(
            self.db,
            "SELECT id FROM event WHERE instr(lower(name), lower(?)) > 0 "
            "ORDER BY day DESC, id DESC",
            (text,),
        )

    def get(self, event_id: int) -> Event | None:
        row = self.db.execute(
            "SELECT id, name, day, place, kind FROM event WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            return None
        attendees = tuple(
            PersonRef(int(r[0]), r[1], r[2])
            for r in self.db.execute(
                "SELECT p.id, p.uid, p.display_name FROM attendee a JOIN person p "
                "ON p.id = a.person_id WHERE a.event_id = ? ORDER BY p.display_name",
                (event_id,),
            )
        )
        on = day(row[2])
        assert on is not None
        return Event(int(row[0]), row[1], on, row[3], row[4], attendees)

    def all(self) -> list[Event]:
        found = []
        for event_id in column(self.db, "SELECT id FROM event ORDER BY day DESC, id DESC"):
            event = self.get(event_id)
            if event is not None:
                found.append(event)
        return found

    def for_person(self, person_id: int) -> list[Event]:
        ids = column(
            self.db,
            "SELECT e.id FROM attendee a JOIN event e ON e.id = a.event_id "
            "WHERE a.person_id = ? ORDER BY e.day DESC",
            (person_id,),
        )
        return [e for e in (self.get(i) for i in ids) if e is not None]
