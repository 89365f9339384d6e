"""Reads for claiming connections after an event and preparing for one: people met at recent
events with no other interaction, and open follow-ups with an event's attendees."""

from __future__ import annotations

import sqlite3
from datetime import date

# Met at an event in the window, never in touch except at that event, and not let go: from the
# window's events (event_day) to the people met there (person_met_event, migration 0032), not
# a scan of every contact, read once per `kith claim`, `today` or `plan`.
CANDIDATES_SQL = """
SELECT p.id, e.id FROM event e JOIN person p ON p.met_event_id = e.id
 WHERE e.day >= ? AND e.day <= ? AND p.archived = 0 AND p.met_event_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM let_go g WHERE g.person_id = p.id)
   AND NOT EXISTS (
       SELECT 1 FROM participant q JOIN interaction i ON i.id = q.interaction_id
        WHERE q.person_id = p.id AND (i.event_id IS NULL OR i.event_id <> e.id))
 ORDER BY e.day DESC, e.id DESC, p.name_key, p.id"""


class ClaimRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def candidates(self, first: date, last: date) -> list[tuple[int, int]]:
        """(person id, event id) of everyone met at an event held from `first` to `last`."""
        rows = self.db.execute(CANDIDATES_SQL, (first.isoformat(), last.isoformat()))
        return [(int(r[0]), int(r[1])) for r in rows]

    def let_go(self, person_id: int, at: str) -> None:
        """Record the decision to let someone met at an event go (kept at its first moment)."""
        self.db.execute(
            "INSERT OR IGNORE INTO let_go (person_id, at) VALUES (?, ?)", (person_id, at)
        )

    def take_back(self, person_id: int) -> bool:
        """Undo a let-go; False when there was none."""
        cursor = self.db.execute("DELETE FROM let_go WHERE person_id = ?", (person_id,))
        return cursor.rowcount > 0
