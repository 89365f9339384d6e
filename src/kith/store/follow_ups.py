"""Follow-ups: promises the user made to someone (`mine`) or someone made to the user (`theirs`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kith.store.rows import chunks, day, instant, placeholders

COLUMNS = "id, person_id, text, owner, due, created_at, done_at, done_note, interaction_id"
# open before done, then the oldest due date first, undated last, then the order they were made
ORDER = "ORDER BY done_at IS NOT NULL, due IS NULL, due, id"


@dataclass(frozen=True)
class FollowUp:
    """One promise as stored; `due` is a day in the user's zone, None when undated."""

    id: int
    person_id: int
    text: str
    owner: str  # 'mine' or 'theirs'
    due: date | None
    created_at: datetime
    done_at: datetime | None
    done_note: str | None
    interaction_id: int | None

    @property
    def is_open(self) -> bool:
        return self.done_at is None


class FollowUpRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def add(self, person_id: int, text: str, owner: str, due: str | None, now: str) -> int:
        """Record a promise (`due` as YYYY-MM-DD or None); its new id."""
        cursor = self.db.execute(
            "INSERT INTO follow_up (person_id, text, owner, due, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (person_id, text, owner, due, now),
        )
        return int(cursor.lastrowid or 0)

    def get(self, follow_up_id: int) -> FollowUp | None:
        row = self.db.execute(
            f"SELECT {COLUMNS} FROM follow_up WHERE id = ?", (follow_up_id,)
        ).fetchone()
        return _follow_up(row) if row else None

    def close(self, follow_up_id: int, done_at: str, note: str | None, interaction_id: int) -> None:
        """Mark a follow-up done, with the interaction that fulfilled it."""
        self.db.execute(
            "UPDATE follow_up SET done_at = ?, done_note = ?, interaction_id = ? WHERE id = ?",
            (done_at, note, interaction_id, follow_up_id),
        )

    def listing(
        self, person_id: int | None = None, owner: str | None = None, with_done: bool = False
    ) -> list[FollowUp]:
        """Follow-ups, open ones first, oldest due first and undated last; optionally only one
        person's, only one owner's, and done ones too with `with_done`."""
        where: list[str] = []
        params: list[object] = []
        if not with_done:
            where.append("done_at IS NULL")
        if person_id is not None:
            where.append("person_id = ?")
            params.append(person_id)
        if owner is not None:
            where.append("owner = ?")
            params.append(owner)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.execute(f"SELECT {COLUMNS} FROM follow_up {clause} {ORDER}", params)
        return [_follow_up(row) for row in rows]

    def due_by(self, day: str) -> list[FollowUp]:
        """Open follow-ups due on or before `day` (YYYY-MM-DD, the user's zone), oldest due
        first: what is due this week (pass the week's last day) or overdue (pass yesterday).
        Undated follow-ups are never due, so they are not here; see `open_for`."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM follow_up WHERE done_at IS NULL AND due <= ? {ORDER}", (day,)
        )
        return [_follow_up(row) for row in rows]

    def open_for(self, person_ids: Iterable[int]) -> dict[int, list[FollowUp]]:
        """Open follow-ups of these people (dated or not), by person id, each list oldest due
        first and undated last; people with none are absent from the result."""
        found: dict[int, list[FollowUp]] = {}
        for chunk in chunks(list(dict.fromkeys(person_ids))):
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM follow_up WHERE done_at IS NULL "
                f"AND person_id IN ({placeholders(len(chunk))}) {ORDER}",
                chunk,
            )
            for row in rows:
                follow_up = _follow_up(row)
                found.setdefault(follow_up.person_id, []).append(follow_up)
        return found


def _follow_up(row: tuple[Any, ...]) -> FollowUp:
    created = instant(row[5])
    assert created is not None  # created_at is NOT NULL
    return FollowUp(
        id=int(row[0]),
        person_id=int(row[1]),
        text=str(row[2]),
        owner=str(row[3]),
        due=day(row[4]),
        created_at=created,
        done_at=instant(row[6]),
        done_note=row[7],
        interaction_id=None if row[8] is None else int(row[8]),
    )
