"""What the digest and the calendar feed read that no other repository does: every contact's
birthday, and the introductions still in flight."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from kith.store.rows import instant

# Asked or agreed (and, for a while, made and not followed up): the user owes the next step.
# `suggested` is only an idea; followed_up, outcome, declined and let_go are settled.
IN_PROGRESS = ("asked_a", "agreed_a", "asked_b", "agreed_b")  # waiting on an answer or on you


@dataclass(frozen=True)
class BirthdayRow:
    """A stored birthday of one person."""

    person_id: int
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class IntroductionRow:
    """A stored introduction as the digest reads it."""

    id: int
    a_id: int
    b_id: int
    why: str | None
    state: str
    created_at: datetime
    updated_at: datetime


class DigestRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def birthdays(self) -> list[BirthdayRow]:
        """Contacts (not archived, not prospects) with a birthday, by month, day and id."""
        rows = self.db.execute(
            "SELECT id, birthday_month, birthday_day, birthday_year FROM person "
            "WHERE kind = 'contact' AND archived = 0 "
            "AND birthday_month IS NOT NULL AND birthday_day IS NOT NULL "
            "ORDER BY birthday_month, birthday_day, id"
        )
        return [BirthdayRow(int(i), int(m), int(d), y) for i, m, d, y in rows if _real(m, d, y)]

    def introductions_in_progress(self, made_from: str, made_to: str) -> list[IntroductionRow]:
        """Introductions asked or agreed, and those made between `made_from` and `made_to`
        and not followed up yet, the longest waiting first."""
        marks = ", ".join("?" * len(IN_PROGRESS))
        rows = self.db.execute(
            "SELECT id, a_id, b_id, why, state, created_at, updated_at FROM introduction "
            f"WHERE state IN ({marks}) OR (state = 'introduced' AND updated_at BETWEEN ? AND ?) "
            "ORDER BY updated_at, id",
            (*IN_PROGRESS, made_from, made_to),
        )
        return [
            IntroductionRow(int(r[0]), int(r[1]), int(r[2]), r[3], r[4], _at(r[5]), _at(r[6]))
            for r in rows
        ]


def _real(month: int, day: int, year: int | None) -> bool:
    """Whether the day exists (in a leap year when the year is unknown): the schema bounds the
    month and the day, not the pair."""
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _at(text: str) -> datetime:
    moment = instant(text)
    assert moment is not None
    return moment
