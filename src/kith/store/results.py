"""Stored results (migration 0016): the report and the introductions to suggest, kept as JSON
with when they were made and whether a write has made them stale since."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

FRESH, STALE, REFRESHING = 0, 1, 2


@dataclass(frozen=True)
class StoredResult:
    name: str
    made_at: str | None
    body: str | None
    stale: int


class ResultRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def get(self, name: str) -> StoredResult | None:
        row = self.db.execute(
            "SELECT name, made_at, body, stale FROM stored_result WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else StoredResult(str(row[0]), row[1], row[2], int(row[3]))

    def begin(self, name: str) -> None:
        """Mark a refresh under way: a write from now on marks the result stale again."""
        self.db.execute(
            "INSERT INTO stored_result (name, stale) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET stale = excluded.stale",
            (name, REFRESHING),
        )

    def put(self, name: str, made_at: str, body: str) -> None:
        """Keep a refreshed result: fresh, unless a write came after `begin`."""
        self.db.execute(
            "UPDATE stored_result SET made_at = ?, body = ?, "
            "stale = CASE stale WHEN ? THEN ? ELSE ? END WHERE name = ?",
            (made_at, body, REFRESHING, FRESH, STALE, name),
        )

    def mark_stale(self) -> None:
        """What the triggers do, for a write they do not see (a circle renamed or pinned)."""
        self.db.execute("UPDATE stored_result SET stale = ? WHERE stale <> ?", (STALE, STALE))
