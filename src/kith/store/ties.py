"""One person's tie as the store holds it: the closeness rating, their events, mutual contacts."""

from __future__ import annotations

import sqlite3

from kith.relate import Event
from kith.store.rows import instant, placeholders
from kith.vocab import KIN

# One indexed read of one person's log: the participant key (person_id, interaction_id) finds
# their interactions, and each head count is a lookup on participant(interaction_id). The user
# is never a participant row, so the count is §1's `others` (participants besides the user).
EVENTS_SQL = """
SELECT i.at, i.channel, i.direction,
       (SELECT count(*) FROM participant q WHERE q.interaction_id = i.id)
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 WHERE p.person_id = ?
 ORDER BY i.at, i.id"""

# Other contacts with link evidence or a typed relationship with this person, each counted once;
# every branch is an index lookup (a_id leads the unique keys, b_id has its own index).
# Prospects are not the user's contacts yet, so they are not mutual contacts.
MUTUAL_SQL = """
SELECT count(*) FROM (
  SELECT b_id AS other FROM link WHERE a_id = :id
  UNION SELECT a_id FROM link WHERE b_id = :id
  UNION SELECT b_id FROM relationship WHERE a_id = :id
  UNION SELECT a_id FROM relationship WHERE b_id = :id
) JOIN person ON person.id = other AND person.kind = 'contact'"""

KIN_TYPES = tuple(sorted(KIN))
KIN_SQL = f"""
SELECT EXISTS (
  SELECT 1 FROM relationship WHERE a_id = ? AND type IN ({placeholders(len(KIN_TYPES))})
  UNION ALL
  SELECT 1 FROM relationship WHERE b_id = ? AND type IN ({placeholders(len(KIN_TYPES))}))"""


class TieRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def rating(self, person_id: int) -> int | None:
        """The user's closeness rating, 1 to 5, or None when unrated."""
        row = self.db.execute("SELECT closeness FROM person WHERE id = ?", (person_id,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def set_rating(self, person_id: int, rating: int | None, now: str) -> None:
        """Rate closeness (None clears it); the database refuses anything outside 1 to 5."""
        self.db.execute(
            "UPDATE person SET closeness = ?, updated_at = ? WHERE id = ?",
            (rating, now, person_id),
        )

    def events(self, person_id: int) -> list[Event]:
        """Every interaction with this person as tie strength sees it, oldest first."""
        found = []
        for at, channel, direction, others in self.db.execute(EVENTS_SQL, (person_id,)):
            moment = instant(at)
            assert moment is not None  # interaction.at is NOT NULL
            found.append(Event(moment, channel, direction, others=int(others)))
        return found

    def mutual_contacts(self, person_id: int) -> int:
        """How many other contacts are linked or related to this person."""
        return int(self.db.execute(MUTUAL_SQL, {"id": person_id}).fetchone()[0])

    def is_kin(self, person_id: int) -> bool:
        """Whether the user recorded a kin relationship (spouse, partner, parent, ...) for them."""
        params = (person_id, *KIN_TYPES, person_id, *KIN_TYPES)
        return bool(self.db.execute(KIN_SQL, params).fetchone()[0])
