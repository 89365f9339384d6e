"""Introductions the user makes between two contacts: the double opt-in's rows and states."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# Every state, in the order an introduction moves through them; 'declined' (by the side last
# asked) or 'let_go' (the user stopped waiting for an answer: migration 0045) ends it before it
# is made.
STATES = (
    "suggested",
    "asked_a",
    "agreed_a",
    "asked_b",
    "agreed_b",
    "introduced",
    "followed_up",
    "outcome",
)
DECLINED = "declined"
LET_GO = "let_go"
CLOSED = (DECLINED, LET_GO)  # ended before the introduction was made
OPEN = ("suggested", "asked_a", "agreed_a", "asked_b", "agreed_b", "introduced", "followed_up")
MADE = ("introduced", "followed_up", "outcome")  # a give to both, and tie evidence
COLUMNS = "id, a_id, b_id, why, state, declined_by, outcome, created_at, updated_at"


@dataclass(frozen=True)
class IntroductionRow:
    """A stored introduction and where its double opt-in stands."""

    id: int
    a_id: int
    b_id: int
    why: str | None
    state: str
    declined_by: str | None  # 'a' or 'b'; None before 0012 or from a document without it
    outcome: str | None
    created_at: str
    updated_at: str


# Needs, offers and interests of contacts who are not archived.
FACETS_SQL = """
SELECT f.person_id, f.kind, f.text FROM facet f
  JOIN person p ON p.id = f.person_id AND p.kind = 'contact' AND p.archived = 0"""
# Current jobs at organisations where at most :most contacts ever worked.
CURRENT_JOBS_SQL = """
WITH small AS (
  SELECT e.organisation_id AS org FROM employment e
    JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
   GROUP BY e.organisation_id HAVING count(DISTINCT e.person_id) <= :most)
SELECT DISTINCT e.person_id, e.organisation_id FROM employment e
  JOIN small s ON s.org = e.organisation_id
  JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
 WHERE e.end_day IS NULL"""


class IntroductionRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def latest(self, a_id: int, b_id: int) -> IntroductionRow | None:
        """The newest introduction of this pair, either way round."""
        row = self.db.execute(
            f"SELECT {COLUMNS} FROM introduction WHERE (a_id = ? AND b_id = ?) "
            "OR (a_id = ? AND b_id = ?) ORDER BY created_at DESC, id DESC LIMIT 1",
            (a_id, b_id, b_id, a_id),
        ).fetchone()
        return None if row is None else _row(row)

    def get(self, intro_id: int) -> IntroductionRow | None:
        row = self.db.execute(
            f"SELECT {COLUMNS} FROM introduction WHERE id = ?", (intro_id,)
        ).fetchone()
        return None if row is None else _row(row)

    def add(self, a_id: int, b_id: int, why: str | None, state: str, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO introduction (a_id, b_id, why, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (a_id, b_id, why, state, now, now),
        )
        return int(cursor.lastrowid or 0)

    def move(
        self,
        intro_id: int,
        state: str,
        now: str,
        declined_by: str | None = None,
        outcome: str | None = None,
        why: str | None = None,
    ) -> None:
        """Set the state (and who declined, the outcome or the reason, when given)."""
        self.db.execute(
            "UPDATE introduction SET state = ?, updated_at = ?, declined_by = coalesce(?, "
            "declined_by), outcome = coalesce(?, outcome), why = coalesce(?, why) WHERE id = ?",
            (state, now, declined_by, outcome, why, intro_id),
        )

    def touched_since(self, since: str) -> set[tuple[int, int]]:
        """Pairs (low id first) with an introduction created or changed since `since`, or
        still open: not fresh for a new suggestion."""
        marks = ", ".join("?" for _ in OPEN)
        rows = self.db.execute(
            "SELECT min(a_id, b_id), max(a_id, b_id) FROM introduction "
            f"WHERE updated_at >= ? OR created_at >= ? OR state IN ({marks})",
            (since, since, *OPEN),
        )
        return {(int(a), int(b)) for a, b in rows}

    def in_flight(self) -> list[IntroductionRow]:
        """Introductions waiting on someone (asked, agreed or made and not followed up), the
        longest waiting first."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM introduction WHERE state IN "
            "('asked_a', 'agreed_a', 'asked_b', 'agreed_b', 'introduced') "
            "ORDER BY updated_at, id"
        )
        return [_row(r) for r in rows]

    def facets(self) -> list[tuple[int, str, str]]:
        """(person, kind, text) of every need, offer and interest of a contact."""
        return self.db.execute(FACETS_SQL).fetchall()  # integer ids and text, as stored

    def facets_of(self, people: list[int]) -> list[tuple[int, str, str]]:
        """(person, kind, text) of the needs, offers and interests of these contacts."""
        marks = ", ".join("?" * len(people))
        return self.db.execute(f"{FACETS_SQL} WHERE f.person_id IN ({marks})", people).fetchall()

    def current_jobs(self, most: int) -> list[tuple[int, int]]:
        """(person, organisation) of every current job at an organisation of at most `most`
        contacts: colleagues now, who know each other."""
        return self.db.execute(CURRENT_JOBS_SQL, {"most": most}).fetchall()

    def started_since(self, since: str) -> int:
        """How many introductions were begun since `since`."""
        row = self.db.execute(
            "SELECT count(*) FROM introduction WHERE created_at >= ?", (since,)
        ).fetchone()
        return int(row[0])

    def all(self) -> list[IntroductionRow]:
        """Every introduction, newest change first."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM introduction ORDER BY updated_at DESC, id DESC"
        )
        return [_row(r) for r in rows]


def _row(row: tuple[object, ...]) -> IntroductionRow:
    (id_, a, b, why, state, declined_by, outcome, created, updated) = row
    return IntroductionRow(
        int(str(id_)),
        int(str(a)),
        int(str(b)),
        None if why is None else str(why),
        str(state),
        None if declined_by is None else str(declined_by),
        None if outcome is None else str(outcome),
        str(created),
        str(updated),
    )
