"""The evidence of who knows whom among the user's contacts, as rows: links (the user's word,
shared meetings and mail threads, imported links), typed relationships, referrals, the
introductions made, and jobs at the same organisation. Prospects are not contacts yet."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

# The user's own word on a pair: one of these at a time.
WORD_KINDS = ("explicit", "knows_well", "not")
# Organisations with more contacts than this give no pairwise evidence: everyone there would
# "know" everyone else, which says nothing (and costs the square of its size) [H].
ORG_MAX_MEMBERS = 500

# Every pair's evidence of one kind, a < b, between contacts. Typed relationships, referrals
# and made introductions join the links as kinds of their own.
PAIRS_SQL = """
SELECT l.a_id, l.b_id, l.kind, l.count, l.evidence FROM link l
  JOIN person pa ON pa.id = l.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = l.b_id AND pb.kind = 'contact'
UNION ALL
SELECT min(r.a_id, r.b_id), max(r.a_id, r.b_id), 'relationship', 1, r.type FROM relationship r
  JOIN person pa ON pa.id = r.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = r.b_id AND pb.kind = 'contact'
UNION ALL
SELECT min(f.referrer_id, f.referred_id), max(f.referrer_id, f.referred_id), 'referral', 1,
       NULL FROM referral f
  JOIN person pa ON pa.id = f.referrer_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = f.referred_id AND pb.kind = 'contact'
UNION ALL
SELECT min(i.a_id, i.b_id), max(i.a_id, i.b_id), 'introduction', 1, NULL FROM introduction i
  JOIN person pa ON pa.id = i.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = i.b_id AND pb.kind = 'contact'
 WHERE i.state IN ('introduced', 'followed_up')"""

# The same, for one person (:person): each branch an index lookup.
PAIRS_OF_SQL = """
SELECT l.a_id, l.b_id, l.kind, l.count, l.evidence FROM link l
  JOIN person pa ON pa.id = l.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = l.b_id AND pb.kind = 'contact'
 WHERE l.a_id = :person OR l.b_id = :person
UNION ALL
SELECT min(r.a_id, r.b_id), max(r.a_id, r.b_id), 'relationship', 1, r.type FROM relationship r
  JOIN person pa ON pa.id = r.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = r.b_id AND pb.kind = 'contact'
 WHERE r.a_id = :person OR r.b_id = :person
UNION ALL
SELECT min(f.referrer_id, f.referred_id), max(f.referrer_id, f.referred_id), 'referral', 1,
       NULL FROM referral f
  JOIN person pa ON pa.id = f.referrer_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = f.referred_id AND pb.kind = 'contact'
 WHERE f.referrer_id = :person OR f.referred_id = :person
UNION ALL
SELECT min(i.a_id, i.b_id), max(i.a_id, i.b_id), 'introduction', 1, NULL FROM introduction i
  JOIN person pa ON pa.id = i.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = i.b_id AND pb.kind = 'contact'
 WHERE i.state IN ('introduced', 'followed_up') AND (i.a_id = :person OR i.b_id = :person)"""

# Pairs at the same organisation: (a, b, organisation, its contacts, a's start and end, b's).
JOBS_SQL = """
WITH members AS (
  SELECT e.organisation_id AS org, count(DISTINCT e.person_id) AS size
    FROM employment e JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
   GROUP BY e.organisation_id HAVING count(DISTINCT e.person_id) BETWEEN 2 AND :most)
SELECT e1.person_id, e2.person_id, o.name, m.size, e1.start_day, e1.end_day, e2.start_day,
       e2.end_day
  FROM members m JOIN organisation o ON o.id = m.org
  JOIN employment e1 ON e1.organisation_id = m.org
  JOIN employment e2 ON e2.organisation_id = m.org AND e2.person_id > e1.person_id
  JOIN person p1 ON p1.id = e1.person_id AND p1.kind = 'contact'
  JOIN person p2 ON p2.id = e2.person_id AND p2.kind = 'contact'"""

# The same, for one person (:person), reading only the organisations they worked at.
JOBS_OF_SQL = """
WITH mine AS (SELECT organisation_id AS org, start_day, end_day FROM employment
               WHERE person_id = :person),
sizes AS (SELECT e.organisation_id AS org, count(DISTINCT e.person_id) AS size
            FROM employment e JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
           WHERE e.organisation_id IN (SELECT org FROM mine) GROUP BY e.organisation_id)
SELECT :person, e.person_id, o.name, s.size, m.start_day, m.end_day, e.start_day, e.end_day
  FROM mine m JOIN sizes s ON s.org = m.org AND s.size <= :most
  JOIN organisation o ON o.id = m.org
  JOIN employment e ON e.organisation_id = m.org AND e.person_id != :person
  JOIN person p ON p.id = e.person_id AND p.kind = 'contact'"""


# Every job of a contact at an organisation where 2 to :most contacts worked.
JOBS_ROWS_SQL = """
WITH members AS (
  SELECT e.organisation_id AS org, count(DISTINCT e.person_id) AS size
    FROM employment e JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
   GROUP BY e.organisation_id HAVING count(DISTINCT e.person_id) BETWEEN 2 AND :most)
SELECT e.person_id, m.org, m.size, e.start_day, e.end_day
  FROM members m JOIN employment e ON e.organisation_id = m.org
  JOIN person p ON p.id = e.person_id AND p.kind = 'contact'"""

JobRow = tuple[int, int, int, str | None, str | None]


@dataclass(frozen=True)
class PairRow:
    a: int
    b: int
    kind: str
    count: int
    detail: str | None


@dataclass(frozen=True)
class JobPair:
    a: int
    b: int
    organisation: str
    size: int  # the user's contacts who ever worked there
    a_span: tuple[str | None, str | None]  # start, end (None while current)
    b_span: tuple[str | None, str | None]


class MeshRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def pairs(self, person_id: int | None = None) -> Iterator[PairRow]:
        """Every pair's evidence, or only the pairs with `person_id`."""
        if person_id is None:
            rows = self.db.execute(PAIRS_SQL)
        else:
            rows = self.db.execute(PAIRS_OF_SQL, {"person": person_id})
        for a, b, kind, count, detail in rows:
            yield PairRow(int(a), int(b), str(kind), int(count), detail)

    def job_pairs(self, person_id: int | None = None) -> Iterator[JobPair]:
        """Pairs of contacts who worked at the same organisation (one of at most
        ORG_MAX_MEMBERS contacts), with their spans there; or only the pairs with `person_id`."""
        if person_id is None:
            rows = self.db.execute(JOBS_SQL, {"most": ORG_MAX_MEMBERS})
        else:
            rows = self.db.execute(JOBS_OF_SQL, {"most": ORG_MAX_MEMBERS, "person": person_id})
        for a, b, name, size, a_start, a_end, b_start, b_end in rows:
            yield JobPair(int(a), int(b), str(name), int(size), (a_start, a_end), (b_start, b_end))

    def jobs(self) -> list[JobRow]:
        """(person, organisation, its contacts, start, end) for every job of a contact at an
        organisation where 2 to ORG_MAX_MEMBERS contacts worked: job_pairs without the pairs."""
        rows = self.db.execute(JOBS_ROWS_SQL, {"most": ORG_MAX_MEMBERS}).fetchall()
        return [(int(p), int(o), int(n), start, end) for p, o, n, start, end in rows]

    def contact_names(self) -> dict[int, str]:
        """Every contact's display name, by id (prospects are not contacts yet)."""
        rows = self.db.execute("SELECT id, display_name FROM person WHERE kind = 'contact'")
        return {int(pid): str(name) for pid, name in rows}

    def set_word(self, a_id: int, b_id: int, kind: str | None, now: str) -> None:
        """The user's word on a pair: explicit, knows_well, not, or None to take it back."""
        low, high = sorted((a_id, b_id))
        marks = ", ".join("?" for _ in WORD_KINDS)
        self.db.execute(
            f"DELETE FROM link WHERE a_id = ? AND b_id = ? AND kind IN ({marks})",
            (low, high, *WORD_KINDS),
        )
        if kind is not None:
            self.db.execute(
                "INSERT INTO link (a_id, b_id, kind, count, evidence, last_at) "
                "VALUES (?, ?, ?, 1, 'you said so', ?)",
                (low, high, kind, now),
            )

    def word(self, a_id: int, b_id: int) -> str | None:
        low, high = sorted((a_id, b_id))
        marks = ", ".join("?" for _ in WORD_KINDS)
        row = self.db.execute(
            f"SELECT kind FROM link WHERE a_id = ? AND b_id = ? AND kind IN ({marks})",
            (low, high, *WORD_KINDS),
        ).fetchone()
        return None if row is None else str(row[0])
