"""Interactions and their participants, with the per-person aggregates kept in step.

Every write updates `person.last_contact_at`, `person.interaction_count`, `person_channel` and
the person's `tie` row in the caller's transaction, so reads never scan the log. `recompute`
rebuilds them from the log. A new interaction folds into the tie rows of its people without
reading their logs when it is their newest (TieRepo.append); an edit, a delete or a backdated
entry rewrites the tie row from that person's own log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kith.model import Interaction, PersonRef
from kith.store.rows import chunks, column, instant, placeholders
from kith.store.week.ties import ChannelRow, TieRepo

COLUMNS = (
    "i.id, i.at, i.channel, i.direction, i.kind, i.summary, i.notes, e.name, i.source, "
    "i.source_id, i.topic, i.duration"
)


@dataclass(frozen=True)
class NewInteraction:
    """An interaction to insert, with its participants' ids."""

    at: str
    channel: str
    direction: str
    kind: str
    summary: str
    participants: tuple[int, ...]
    notes: str | None = None
    event_id: int | None = None
    source: str = "manual"
    source_id: str | None = None  # a fresh UUID when None: every interaction has one
    interaction_id: int | None = None
    run_id: int | None = None
    topic: str | None = None
    duration: int | None = None


class InteractionRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.ties = TieRepo(connection)

    def insert(self, new: NewInteraction, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO interaction (id, at, channel, direction, kind, summary, notes, event_id, "
            "source, source_id, run_id, created_at, topic, duration) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.interaction_id,
                new.at,
                new.channel,
                new.direction,
                new.kind,
                new.summary,
                new.notes,
                new.event_id,
                new.source,
                new.source_id or _new_id(),
                new.run_id,
                now,
                new.topic,
                new.duration,
            ),
        )
        interaction_id = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO participant (interaction_id, person_id) VALUES (?, ?)",
            [(interaction_id, p) for p in new.participants],
        )
        for person_id in dict.fromkeys(new.participants):
            self._count_in(person_id, new.channel, new.at)
        self.ties.append(interaction_id)
        return interaction_id

    def _count_in(self, person_id: int, channel: str, at: str) -> None:
        self.db.execute(
            "UPDATE person SET interaction_count = interaction_count + 1, "
            "last_contact_at = max(coalesce(last_contact_at, ''), ?) WHERE id = ?",
            (at, person_id),
        )
        self.db.execute(
            "INSERT INTO person_channel (person_id, channel, last_at, count, last_s) "
            "VALUES (?1, ?2, ?3, 1, unixepoch(?3)) "
            "ON CONFLICT (person_id, channel) DO UPDATE SET count = count + 1, "
            "last_at = max(last_at, excluded.last_at), "
            "last_s = unixepoch(max(last_at, excluded.last_at))",
            (person_id, channel, at),
        )

    def add_participant(self, interaction_id: int, person_id: int) -> None:
        """Someone else was part of it too (a correspondent promoted later). Everyone on it is
        recomputed: one more head changes the interaction's weight for all of them."""
        if self.add_participants(interaction_id, [person_id]):
            self.recompute(self.participant_ids(interaction_id))

    def add_participants(self, interaction_id: int, people: Iterable[int]) -> list[int]:
        """Add these people to an interaction; the ones who were not on it yet. The caller
        recomputes their aggregates."""
        added = []
        for person_id in people:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO participant (interaction_id, person_id) VALUES (?, ?)",
                (interaction_id, person_id),
            )
            if cursor.rowcount:
                added.append(person_id)
        return added

    def id_for_source(self, source: str, source_id: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM interaction WHERE source = ? AND source_id = ?", (source, source_id)
        ).fetchone()
        return int(row[0]) if row else None

    def update(self, interaction_id: int, **fields: object) -> None:
        allowed = {"at", "channel", "direction", "kind", "summary", "notes", "topic"}
        if set(fields) - allowed:
            raise ValueError(f"not interaction columns: {sorted(set(fields) - allowed)}")
        people = self.participant_ids(interaction_id)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE interaction SET {assignments} WHERE id = ?", (*fields.values(), interaction_id)
        )
        self.recompute(people)

    def delete(self, interaction_id: int) -> None:
        people = self.participant_ids(interaction_id)
        self.db.execute("DELETE FROM interaction WHERE id = ?", (interaction_id,))
        self.recompute(people)

    def ids_only_with(self, person_id: int) -> list[int]:
        """Interactions whose only participant is this person."""
        return column(
            self.db,
            "SELECT p.interaction_id FROM participant p WHERE p.person_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM participant q WHERE q.interaction_id = "
            "p.interaction_id AND q.person_id <> ?)",
            (person_id, person_id),
        )

    def participant_ids(self, interaction_id: int) -> list[int]:
        return column(
            self.db,
            "SELECT person_id FROM participant WHERE interaction_id = ? ORDER BY person_id",
            (interaction_id,),
        )

    def recompute(self, person_ids: Iterable[int]) -> None:
        """Rebuild these people's aggregates from the log: the totals per channel come from
        the logs read for their tie rows (one reading of each log, not two)."""
        people = list(dict.fromkeys(person_ids))
        for chunk in chunks(people):
            marks = placeholders(len(chunk))
            self.db.execute(f"DELETE FROM person_channel WHERE person_id IN ({marks})", chunk)
            channels: list[ChannelRow] = []
            self.ties.recompute(chunk, channels=channels)
            self.db.executemany(INSERT_CHANNEL_SQL, channels)
            self.db.execute(AGGREGATE_PEOPLE_SQL + f" WHERE id IN ({marks})", chunk)

    def recompute_all(self) -> None:
        """Every aggregate from the log: the totals per channel come from the tie rows' pass
        over it (one join of the whole log, not two)."""
        self.db.execute("DELETE FROM person_channel")
        channels: list[ChannelRow] = []
        self.ties.recompute_all(channels)
        self.db.executemany(INSERT_CHANNEL_SQL, channels)
        self.db.execute(AGGREGATE_PEOPLE_SQL)

    # reading ----------------------------------------------------------------------------------

    def get(self, interaction_id: int) -> Interaction | None:
        found = self._load(
            f"SELECT {COLUMNS} FROM interaction i LEFT JOIN event e "
            "ON e.id = i.event_id WHERE i.id = ?",
            (interaction_id,),
        )
        return found[0] if found else None

    def for_person(self, person_id: int, limit: int | None = None) -> list[Interaction]:
        """Newest first."""
        sql = (
            f"SELECT {COLUMNS} FROM participant p JOIN interaction i ON i.id = p.interaction_id "
            "LEFT JOIN event e ON e.id = i.event_id WHERE p.person_id = ? "
            "ORDER BY i.at DESC, i.id DESC"
        )
        params: tuple[object, ...] = (person_id,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (person_id, limit)
        return self._load(sql, params)

    def since(self, start: str, end: str, limit: int | None = None) -> list[Interaction]:
        sql = (
            f"SELECT {COLUMNS} FROM interaction i LEFT JOIN event e ON e.id = i.event_id "
            "WHERE i.at >= ? AND i.at <= ? ORDER BY i.at DESC, i.id DESC"
        )
        params: tuple[object, ...] = (start, end)
        if limit is not None:
            sql += " LIMIT ?"
            params = (start, end, limit)
        return self._load(sql, params)

    def count_since(self, start: str, end: str) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM interaction WHERE at >= ? AND at <= ?", (start, end)
        ).fetchone()
        return int(row[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM interaction").fetchone()[0])

    def exist(self) -> bool:
        """Whether any interaction is stored (one index step, not a count)."""
        return self.db.execute("SELECT 1 FROM interaction LIMIT 1").fetchone() is not None

    def monthly(self, start: str, end: str) -> list[tuple[str, int]]:
        """(YYYY-MM in UTC, count) of the interactions from `start` to `end`: read from the
        index on `at` alone, never the rows (0.1 s for profile L's two latest years)."""
        rows = self.db.execute(
            "SELECT substr(at, 1, 7), count(*) FROM interaction "
            "WHERE at >= ? AND at <= ? GROUP BY 1 ORDER BY 1",
            (start, end),
        )
        return [(str(month), int(count)) for month, count in rows]

    def _load(self, sql: str, params: Sequence[object]) -> list[Interaction]:
        found = []
        for r in self.db.execute(sql, params):
            at = instant(r[1])
            assert at is not None
            found.append(
                Interaction(
                    int(r[0]), at, r[2], r[3], r[4], r[5], r[6], [], r[7], r[8], r[9], r[10], r[11]
                )
            )
        self._fill_participants(found)
        return found

    def _fill_participants(self, found: list[Interaction]) -> None:
        by_id = {i.id: i for i in found}
        for chunk in chunks(list(by_id)):
            rows = self.db.execute(
                "SELECT pa.interaction_id, p.id, p.uid, p.display_name FROM participant pa "
                f"JOIN person p ON p.id = pa.person_id WHERE pa.interaction_id IN "
                f"({placeholders(len(chunk))}) ORDER BY p.display_name, p.id",
                chunk,
            )
            for r in rows:
                by_id[r[0]].participants.append(PersonRef(int(r[1]), r[2], r[3]))


# last_s: last_at's instant in epoch seconds (migration 0050), which every writer sets with it
INSERT_CHANNEL_SQL = (
    "INSERT INTO person_channel (person_id, channel, last_at, count, last_s) "
    "VALUES (?1, ?2, ?3, ?4, unixepoch(?3))"
)
AGGREGATE_PEOPLE_SQL = """
UPDATE person SET
  last_contact_at = (SELECT max(last_at) FROM person_channel c WHERE c.person_id = person.id),
  interaction_count = coalesce(
      (SELECT sum(count) FROM person_channel c WHERE c.person_id = person.id), 0)"""


def _new_id() -> str:
    """A logged interaction's source id. uuid is imported here, not at the top: with platform
    it is ~9 M instructions that a read (`kith show`, run without click) never needs."""
    import uuid

    return uuid.uuid4().hex
