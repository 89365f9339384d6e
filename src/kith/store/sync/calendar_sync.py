"""Upcoming meetings a calendar subscription made that its calendar no longer holds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


class CalendarSyncRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def vanished(self, path: str, today: str, kept: Iterable[tuple[str, str]]) -> list[int]:
        """Meetings after `today` that imports of `path` created, not among `kept` (name,
        day), and that nothing else holds on to: no interaction, no one met there, no notes."""
        rows = self.db.execute(
            "SELECT e.id, e.name, e.day FROM event e "
            "JOIN import_run r ON r.id = e.run_id AND r.path = ? "
            "WHERE e.day > ? AND e.kind = 'meeting' AND e.notes IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.event_id = e.id) "
            "AND NOT EXISTS (SELECT 1 FROM person p WHERE p.met_event_id = e.id)",
            (path, today),
        )
        keep = set(kept)
        return [int(row[0]) for row in rows if (row[1], row[2]) not in keep]

    def drop(self, event_ids: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM event WHERE id = ?", [(i,) for i in event_ids])
