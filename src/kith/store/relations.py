"""Between two people: typed relationships, link evidence, referrals and introductions."""

from __future__ import annotations

import sqlite3


class RelationRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def relate(self, a_id: int, b_id: int, type_: str, now: str) -> bool:
        """Record that a is b's `type_`; False if it was already known."""
        if type_ in ("spouse", "partner", "sibling", "colleague", "friend") and a_id > b_id:
            a_id, b_id = b_id, a_id
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO relationship (a_id, b_id, type, created_at) VALUES (?, ?, ?, ?)",
            (a_id, b_id, type_, now),
        )
        return cursor.rowcount > 0

    def unrelate(self, a_id: int, b_id: int, type_: str) -> int:
        cursor = self.db.execute(
            "DELETE FROM relationship WHERE type = ? AND ((a_id = ? AND b_id = ?) OR "
            "(a_id = ? AND b_id = ? AND type IN ('spouse','partner','sibling','colleague',"
            "'friend')))",
            (type_, a_id, b_id, b_id, a_id),
        )
        return cursor.rowcount

    def add_link(
        self, a_id: int, b_id: int, kind: str, evidence: str | None, at: str | None, count: int = 1
    ) -> None:
        low, high = sorted((a_id, b_id))
        self.db.execute(
            "INSERT INTO link (a_id, b_id, kind, count, evidence, last_at) "
            "VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (a_id, b_id, kind) DO UPDATE SET count = link.count + excluded.count, "
            "evidence = coalesce(excluded.evidence, link.evidence), "
            "last_at = CASE WHEN link.last_at IS NULL THEN excluded.last_at "
            "WHEN excluded.last_at IS NULL THEN link.last_at "
            "ELSE max(link.last_at, excluded.last_at) END",
            (low, high, kind, count, evidence, at),
        )

    def add_referral(
        self,
        referrer_id: int,
        referred_id: int,
        note: str | None,
        now: str,
        followed_up_at: str | None = None,
        thanked_at: str | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO referral (referrer_id, referred_id, note, created_at, followed_up_at, "
            "thanked_at) VALUES (?, ?, ?, ?, ?, ?)",
            (referrer_id, referred_id, note, now, followed_up_at, thanked_at),
        )
        return int(cursor.lastrowid or 0)

    def add_introduction(
        self,
        a_id: int,
        b_id: int,
        why: str | None,
        state: str,
        now: str,
        outcome: str | None = None,
        updated_at: str | None = None,
        declined_by: str | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO introduction (a_id, b_id, why, state, outcome, created_at, updated_at, "
            "declined_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (a_id, b_id, why, state, outcome, now, updated_at or now, declined_by),
        )
        return int(cursor.lastrowid or 0)
