"""One-way correspondents ("seen"): addresses you wrote to or heard from, not yet people."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kith.records import Party


@dataclass(frozen=True)
class Seen:
    id: int
    kind: str
    value: str
    name: str | None
    first_at: str
    last_at: str
    n_out: int
    n_in: int


@dataclass(frozen=True)
class SeenMessage:
    source: str
    source_id: str
    at: str
    channel: str
    direction: str
    summary: str
    duration: int | None = None  # a call's length in seconds
    notes: str | None = None  # the text a chat import was asked to keep


class SeenRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def note(self, party: Party, message: SeenMessage, run_id: int | None) -> Seen:
        """Count `message` for `party` once (the same message again changes nothing)."""
        self.db.execute(
            "INSERT INTO seen_identity (kind, value, name, first_at, last_at, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET "
            "name = coalesce(seen_identity.name, excluded.name)",
            (party.kind, party.value, party.name, message.at, message.at, run_id),
        )
        seen_id = self.db.execute(
            "SELECT id FROM seen_identity WHERE kind = ? AND value = ?", (party.kind, party.value)
        ).fetchone()[0]
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO seen_message (seen_id, source, source_id, at, channel, "
            "direction, summary, run_id, duration, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seen_id,
                message.source,
                message.source_id,
                message.at,
                message.channel,
                message.direction,
                message.summary,
                run_id,
                message.duration,
                message.notes,
            ),
        )
        if cursor.rowcount:  # a new message: it dates them; it counts only if not a copy
            column = {"out": "n_out", "in": "n_in", "both": "n_in"}.get(message.direction)
            counting = f"{column} = {column} + 1, " if column else ""
            self.db.execute(
                f"UPDATE seen_identity SET {counting}"
                "first_at = min(first_at, ?), last_at = max(last_at, ?) WHERE id = ?",
                (message.at, message.at, seen_id),
            )
        found = self.get(int(seen_id))
        assert found is not None
        return found

    def write(
        self,
        address: tuple[str, str],
        name: str | None,
        first_at: str,
        last_at: str,
        n_out: int,
        n_in: int,
        messages: list[SeenMessage],
        run_id: int | None,
    ) -> None:
        """Set a correspondent's counts as a plan computed them, and add its new messages."""
        self.db.execute(
            "INSERT INTO seen_identity (kind, value, name, first_at, last_at, n_out, n_in, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET "
            "name = excluded.name, first_at = excluded.first_at, last_at = excluded.last_at, "
            "n_out = excluded.n_out, n_in = excluded.n_in",
            (*address, name, first_at, last_at, n_out, n_in, run_id),
        )
        seen_id = self.db.execute(
            "SELECT id FROM seen_identity WHERE kind = ? AND value = ?", address
        ).fetchone()[0]
        self.db.executemany(
            "INSERT OR IGNORE INTO seen_message (seen_id, source, source_id, at, channel, "
            "direction, summary, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (seen_id, m.source, m.source_id, m.at, m.channel, m.direction, m.summary, run_id)
                for m in messages
            ],
        )

    def get(self, seen_id: int) -> Seen | None:
        row = self.db.execute(
            f"SELECT {SEEN_COLUMNS} FROM seen_identity WHERE id = ?", (seen_id,)
        ).fetchone()
        return Seen(*row) if row else None

    def find(self, kind: str, value: str) -> Seen | None:
        row = self.db.execute(
            f"SELECT {SEEN_COLUMNS} FROM seen_identity WHERE kind = ? AND value = ?", (kind, value)
        ).fetchone()
        return Seen(*row) if row else None

    def for_person(self, person_id: int) -> list[Seen]:
        """Seen correspondents whose address this person now has."""
        rows = self.db.execute(
            f"SELECT {', '.join('s.' + c for c in SEEN_COLUMNS.split(', '))} FROM seen_identity s "
            "JOIN identity i ON i.kind = s.kind AND i.value = s.value WHERE i.person_id = ? "
            "ORDER BY s.id",
            (person_id,),
        )
        return [Seen(*row) for row in rows]

    def all(self) -> list[Seen]:
        """Those you wrote to or who wrote to you (not those only ever copied in)."""
        rows = self.db.execute(
            f"SELECT {SEEN_COLUMNS} FROM seen_identity WHERE n_out + n_in > 0 "
            "ORDER BY last_at DESC, id"
        )
        return [Seen(*row) for row in rows]

    def messages(self, seen_id: int) -> list[SeenMessage]:
        rows = self.db.execute(
            "SELECT source, source_id, at, channel, direction, summary, duration, notes "
            "FROM seen_message "
            "WHERE seen_id = ? ORDER BY at, source_id",
            (seen_id,),
        )
        return [SeenMessage(*row) for row in rows]

    def forget(self, seen_id: int) -> None:
        self.db.execute("DELETE FROM seen_identity WHERE id = ?", (seen_id,))


SEEN_COLUMNS = "id, kind, value, name, first_at, last_at, n_out, n_in"
