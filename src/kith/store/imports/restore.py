"""Writing back the weekly plan's data an import brings (a Kith JSON export): a person's plan
choices, follow-ups, articles with topics and shares, wants and skips, with their own ids and
dates. Each write says whether it added anything, so that an import can report it and a
second import of the same file adds nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

PERSON_PLAN = ("pinned", "muted", "snoozed_until", "cadence_days", "cadence_max_days")


class RestoreRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def person_plan(self, person_id: int) -> dict[str, Any]:
        row = self.db.execute(
            f"SELECT {', '.join(PERSON_PLAN)} FROM person WHERE id = ?", (person_id,)
        ).fetchone()
        return dict(zip(PERSON_PLAN, row, strict=True))

    def set_person_plan(self, person_id: int, fields: dict[str, Any]) -> None:
        columns = [name for name in fields if name in PERSON_PLAN]
        if columns:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self.db.execute(
                f"UPDATE person SET {assignments} WHERE id = ?",
                (*(fields[name] for name in columns), person_id),
            )

    def add_let_go(self, person_id: int, at: str) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO let_go (person_id, at) VALUES (?, ?)", (person_id, at)
        )
        return cursor.rowcount > 0

    def follow_ups_like(self, person_id: int, text: str, created_at: str) -> int:
        """How many follow-ups this person has with this text, made at this time."""
        row = self.db.execute(
            "SELECT count(*) FROM follow_up WHERE person_id = ? AND text = ? AND created_at = ?",
            (person_id, text, created_at),
        ).fetchone()
        return int(row[0])

    def add_follow_up(self, wanted_id: int | None, values: tuple[object, ...]) -> int:
        """values: (person_id, text, owner, due, created_at, done_at, done_note, interaction_id);
        the row keeps `wanted_id` when it is free."""
        cursor = self.db.execute(
            "INSERT INTO follow_up (id, person_id, text, owner, due, created_at, done_at, "
            "done_note, interaction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self._free("follow_up", wanted_id), *values),
        )
        return int(cursor.lastrowid or 0)

    def article_for_url(self, url: str) -> int | None:
        row = self.db.execute("SELECT id FROM article WHERE url = ?", (url,)).fetchone()
        return int(row[0]) if row else None

    def add_article(
        self, wanted_id: int | None, url: str, title: str | None, note: str | None, saved_at: str
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO article (id, url, title, note, saved_at) VALUES (?, ?, ?, ?, ?)",
            (self._free("article", wanted_id), url, title, note, saved_at),
        )
        return int(cursor.lastrowid or 0)

    def add_topics(self, article_id: int, topics: Iterable[str]) -> int:
        """The topics the article lacked; how many."""
        cursor = self.db.executemany(
            "INSERT OR IGNORE INTO article_topic (article_id, topic) VALUES (?, ?)",
            [(article_id, topic) for topic in topics],
        )
        return max(cursor.rowcount, 0)

    def add_share(
        self, article_id: int, person_id: int, at: str, interaction_id: int | None
    ) -> bool:
        """Unless the article went to this person already."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO article_share (article_id, person_id, at, interaction_id) "
            "VALUES (?, ?, ?, ?)",
            (article_id, person_id, at, interaction_id),
        )
        return cursor.rowcount > 0

    def add_want(
        self, person_id: int, why: str | None, created_at: str, met_at: str | None
    ) -> bool:
        """Unless the person is on the want-to-meet list already."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO want (person_id, why, created_at, met_at) VALUES (?, ?, ?, ?)",
            (person_id, why, created_at, met_at),
        )
        return cursor.rowcount > 0

    def add_skip(self, person_id: int, at: str) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO plan_skip (person_id, at) VALUES (?, ?)", (person_id, at)
        )
        return cursor.rowcount > 0

    def _free(self, table: str, wanted_id: int | None) -> int | None:
        """`wanted_id` when no row of `table` has it; None lets SQLite choose."""
        if wanted_id is None:
            return None
        taken = self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (wanted_id,)).fetchone()
        return None if taken else wanted_id
