"""The evidence of who knows whom among the user's contacts, as rows: links (the user's word,
shared meetings and mail threads, imported links), typed relationships, referrals, the
introductions made, and jobs at the same organisation. Prospects are not contacts yet."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from kith.store.cards import organisation_key

# A meeting you logged by hand (`kith log A B "lunch"`) or an event of yours (`kith event
# attend`) with 2 to this many people is evidence that they met, with you; a larger group is a
# talk or a crowd (importing.exchange.GROUP_LIMIT, for imported meetings and threads) [H].
GROUP_MOST = 10
# Channels where the people logged together were together (a thread is not a meeting: imports
# give shared threads their own evidence).
MET_CHANNELS = ("in_person", "event", "video", "call")

# The user's own word on a pair: one of these at a time.
WORD_KINDS = ("explicit", "knows_well", "not")
# Organisations with more contacts than this give no pairwise evidence: everyone there would
# "know" everyone else, which says nothing (and costs the square of its size) [H].
ORG_MAX_MEMBERS = 500

# Every pair's evidence of one kind, a < b, between contacts. Typed relationships, referrals
# and made introductions join the links as kinds of their own.
PAIRS_SQL = """
SELECT l.a_id, l.b_id, l.kind, l.count, l.evidence, l.last_at FROM link l
  JOIN person pa ON pa.id = l.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = l.b_id AND pb.kind = 'contact'
UNION ALL
SELECT min(r.a_id, r.b_id), max(r.a_id, r.b_id), 'relationship', 1, r.type, r.created_at
  FROM relationship r
  JOIN person pa ON pa.id = r.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = r.b_id AND pb.kind = 'contact'
UNION ALL
SELECT min(f.referrer_id, f.referred_id), max(f.referrer_id, f.referred_id), 'referral', 1,
       NULL, f.created_at FROM referral f
  JOIN person pa ON pa.id = f.referrer_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = f.referred_id AND pb.kind = 'contact'
UNION ALL
SELECT min(i.a_id, i.b_id), max(i.a_id, i.b_id), 'introduction', 1, NULL, i.updated_at
  FROM introduction i
  JOIN person pa ON pa.id = i.a_id AND pa.kind = 'contact'
  JOIN person pb ON pb.id = i.b_id AND pb.kind = 'contact'
 WHERE i.state IN ('introduced', 'followed_up', 'outcome')"""

# The same, for one person (:person): each branch an index lookup. The other side is always a
# contact; :person may be anyone (a prospect, when they are the end of a warm path).
PAIRS_OF_SQL = """
SELECT l.a_id, l.b_id, l.kind, l.count, l.evidence, l.last_at FROM link l
  JOIN person pa ON pa.id = l.a_id AND (pa.kind = 'contact' OR pa.id = :anyone)
  JOIN person pb ON pb.id = l.b_id AND (pb.kind = 'contact' OR pb.id = :anyone)
 WHERE l.a_id = :person OR l.b_id = :person
UNION ALL
SELECT min(r.a_id, r.b_id), max(r.a_id, r.b_id), 'relationship', 1, r.type, r.created_at
  FROM relationship r
  JOIN person pa ON pa.id = r.a_id AND (pa.kind = 'contact' OR pa.id = :anyone)
  JOIN person pb ON pb.id = r.b_id AND (pb.kind = 'contact' OR pb.id = :anyone)
 WHERE r.a_id = :person OR r.b_id = :person
UNION ALL
SELECT min(f.referrer_id, f.referred_id), max(f.referrer_id, f.referred_id), 'referral', 1,
       NULL, f.created_at FROM referral f
  JOIN person pa ON pa.id = f.referrer_id AND (pa.kind = 'contact' OR pa.id = :anyone)
  JOIN person pb ON pb.id = f.referred_id AND (pb.kind = 'contact' OR pb.id = :anyone)
 WHERE f.referrer_id = :person OR f.referred_id = :person
UNION ALL
SELECT min(i.a_id, i.b_id), max(i.a_id, i.b_id), 'introduction', 1, NULL, i.updated_at
  FROM introduction i
  JOIN person pa ON pa.id = i.a_id AND (pa.kind = 'contact' OR pa.id = :anyone)
  JOIN person pb ON pb.id = i.b_id AND (pb.kind = 'contact' OR pb.id = :anyone)
 WHERE i.state IN ('introduced', 'followed_up', 'outcome')
   AND (i.a_id = :person OR i.b_id = :person)"""

# The people :person met with you (:anyone may be a prospect, as in PAIRS_OF_SQL): hand-logged
# meetings (imported ones give their evidence as `co_attendee` links) and your past events, each
# a small group; per other person how many and the latest (SQLite takes a bare column from the
# row of max()). Each branch starts from :person's rows (participant's and attendee's keys).
MET_OF_SQL = f"""
WITH me AS (SELECT id FROM person WHERE id = :person AND (kind = 'contact' OR id = :anyone)),
logged AS (
  SELECT i.id, i.at, i.summary FROM me JOIN participant p ON p.person_id = me.id
    JOIN interaction i ON i.id = p.interaction_id
   WHERE i.source = 'manual' AND i.channel IN {MET_CHANNELS!r}
     AND (SELECT count(*) FROM participant n WHERE n.interaction_id = i.id)
         BETWEEN 2 AND :most),
events AS (
  SELECT e.id, e.day, e.name FROM me CROSS JOIN attendee a ON a.person_id = me.id
    CROSS JOIN event e ON e.id = a.event_id
   WHERE e.day <= :today
     AND (SELECT count(*) FROM attendee n WHERE n.event_id = e.id) BETWEEN 2 AND :most)
SELECT min(:person, o.person_id), max(:person, o.person_id), 'met_with_you', count(*),
       l.summary || ' on ' || substr(max(l.at), 1, 10), max(l.at)
  FROM logged l JOIN participant o ON o.interaction_id = l.id AND o.person_id != :person
  JOIN person x ON x.id = o.person_id AND (x.kind = 'contact' OR x.id = :anyone)
 GROUP BY o.person_id
UNION ALL
SELECT min(:person, o.person_id), max(:person, o.person_id), 'same_event', count(*),
       v.name || ' on ' || max(v.day), max(v.day) || 'T12:00:00Z'
  FROM events v CROSS JOIN attendee o ON o.event_id = v.id AND o.person_id != :person
  JOIN person x ON x.id = o.person_id AND (x.kind = 'contact' OR x.id = :anyone)
 GROUP BY o.person_id"""

# Every pair of contacts who met with you so (a < b), as MET_OF_SQL reads them for one; each
# group's size counted once (CROSS JOIN keeps SQLite from starting at every attendee).
MET_SQL = f"""
WITH logged AS (
  SELECT i.id, i.at, i.summary FROM interaction i
   WHERE i.source = 'manual' AND i.channel IN {MET_CHANNELS!r}
     AND (SELECT count(*) FROM participant n WHERE n.interaction_id = i.id)
         BETWEEN 2 AND :most),
events AS (
  SELECT e.id, e.day, e.name FROM event e
   WHERE e.day <= :today
     AND (SELECT count(*) FROM attendee n WHERE n.event_id = e.id) BETWEEN 2 AND :most)
SELECT pa.person_id AS a, pb.person_id AS b, 'met_with_you', count(*),
       l.summary || ' on ' || substr(max(l.at), 1, 10), max(l.at)
  FROM logged l CROSS JOIN participant pa ON pa.interaction_id = l.id
  CROSS JOIN participant pb ON pb.interaction_id = l.id AND pb.person_id > pa.person_id
  JOIN person x ON x.id = pa.person_id AND x.kind = 'contact'
  JOIN person y ON y.id = pb.person_id AND y.kind = 'contact'
 GROUP BY pa.person_id, pb.person_id
UNION ALL
SELECT xa.person_id, xb.person_id, 'same_event', count(*),
       v.name || ' on ' || max(v.day), max(v.day) || 'T12:00:00Z'
  FROM events v CROSS JOIN attendee xa ON xa.event_id = v.id
  CROSS JOIN attendee xb ON xb.event_id = v.id AND xb.person_id > xa.person_id
  JOIN person x ON x.id = xa.person_id AND x.kind = 'contact'
  JOIN person y ON y.id = xb.person_id AND y.kind = 'contact'
 GROUP BY xa.person_id, xb.person_id"""

# Those pairs, less those the user said do not know each other: introductions leave them out.
MET_PAIRS_SQL = f"""
SELECT DISTINCT m.a, m.b FROM ({MET_SQL}) m
 WHERE NOT EXISTS (SELECT 1 FROM link k WHERE k.a_id = m.a AND k.b_id = m.b AND k.kind = 'not')"""

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

# The same for some people (:ids, a JSON array), reading only the organisations they worked at,
# each counted once; a large organisation's contacts are counted only up to :most + 1, which is
# enough to leave it out.
JOBS_AMONG_SQL = """
WITH mine AS (SELECT person_id AS person, organisation_id AS org, start_day, end_day
                FROM employment WHERE person_id IN (SELECT value FROM json_each(:ids))),
sizes AS MATERIALIZED (
  SELECT org, size FROM (
    SELECT org, (SELECT count(*) FROM (
             SELECT DISTINCT e.person_id FROM employment e
               JOIN person p ON p.id = e.person_id AND p.kind = 'contact'
              WHERE e.organisation_id = orgs.org LIMIT :most + 1)) AS size
      FROM (SELECT DISTINCT org FROM mine) orgs)
   WHERE size <= :most)
SELECT m.person, e.person_id, o.name, s.size, m.start_day, m.end_day, e.start_day, e.end_day
  FROM sizes s CROSS JOIN mine m ON m.org = s.org
  JOIN organisation o ON o.id = m.org
  JOIN employment e ON e.organisation_id = m.org AND e.person_id != m.person
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
JobSpans = tuple[int, int, str | None, str | None, str | None, str | None]


@dataclass(frozen=True)
class PairRow:
    """Stored evidence that two contacts know each other, of one kind."""

    a: int
    b: int
    kind: str
    count: int
    detail: str | None
    last_at: str | None = None  # the latest evidence of this kind, when known


@dataclass(frozen=True)
class JobPair:
    """Two contacts who worked at the same organisation, with both spans."""

    a: int
    b: int
    organisation: str
    size: int  # the user's contacts who ever worked there
    a_span: tuple[str | None, str | None]  # start, end (None while current)
    b_span: tuple[str | None, str | None]


class MeshRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def pairs(self, person_id: int | None = None, anyone: bool = False) -> Iterator[PairRow]:
        """Every pair's evidence between contacts, or only the pairs with `person_id`;
        `anyone`: `person_id` may be a prospect (the other side is still a contact)."""
        if person_id is None:
            rows = self.db.execute(PAIRS_SQL)
        else:
            reach = person_id if anyone else None
            rows = self.db.execute(PAIRS_OF_SQL, {"person": person_id, "anyone": reach})
        for a, b, kind, count, detail, last_at in rows:
            yield PairRow(int(a), int(b), str(kind), int(count), detail, last_at)

    def met(self, person_id: int, today: str, anyone: bool = False) -> Iterator[PairRow]:
        """The contacts `person_id` met with you (a small hand-logged meeting, or one of your
        events up to `today`, YYYY-MM-DD): kinds met_with_you and same_event, with how many
        times, the latest's summary or name and its day, and when. `anyone`: as for `pairs`."""
        params = {
            "person": person_id,
            "anyone": person_id if anyone else None,
            "today": today,
            "most": GROUP_MOST,
        }
        for a, b, kind, count, detail, last_at in self.db.execute(MET_OF_SQL, params):
            yield PairRow(int(a), int(b), str(kind), int(count), detail, last_at)

    def met_all(self, today: str) -> Iterator[PairRow]:
        """`met` for every contact at once, each pair once (a < b)."""
        for a, b, kind, count, detail, last_at in self.db.execute(
            MET_SQL, {"today": today, "most": GROUP_MOST}
        ):
            yield PairRow(int(a), int(b), str(kind), int(count), detail, last_at)

    def met_pairs(self, today: str) -> set[tuple[int, int]]:
        """Every pair of contacts (low id first) who met with you, as `met` reads it, and whom
        the user has not said do not know each other."""
        rows = self.db.execute(MET_PAIRS_SQL, {"today": today, "most": GROUP_MOST})
        return {(int(a), int(b)) for a, b in rows}

    def pair_kinds(self) -> list[tuple[int, int, str]]:
        """Every pair's evidence as (a, b, kind) only: light enough to read whole on L."""
        return [(row[0], row[1], row[2]) for row in self.db.execute(PAIRS_SQL)]

    def job_pairs(self, person_id: int | None = None) -> Iterator[JobPair]:
        """Pairs of contacts who worked at the same organisation (one of at most
        ORG_MAX_MEMBERS contacts), with their spans there; or only the pairs with `person_id`."""
        if person_id is not None:
            yield from self.job_pairs_among([person_id])
            return
        for a, b, name, size, a_start, a_end, b_start, b_end in self.db.execute(
            JOBS_SQL, {"most": ORG_MAX_MEMBERS}
        ):
            yield JobPair(int(a), int(b), str(name), int(size), (a_start, a_end), (b_start, b_end))

    def pair_ends(self, person_id: int) -> list[tuple[int, int, str, int]]:
        """`pairs(person_id)` as (a, b, kind, count) only: light enough to read for each of
        a person's contacts (whom they know, for the contacts the person may know)."""
        params = {"person": person_id, "anyone": None}
        return [(row[0], row[1], row[2], row[3]) for row in self.db.execute(PAIRS_OF_SQL, params)]

    def job_spans_among(self, ids: list[int]) -> list[JobSpans]:
        """`job_pairs_among(ids)` as (a, b, a's start, a's end, b's start, b's end) only."""
        params = {"most": ORG_MAX_MEMBERS, "ids": json.dumps(ids)}
        return [
            (row[0], row[1], row[4], row[5], row[6], row[7])
            for row in self.db.execute(JOBS_AMONG_SQL, params)
        ]

    def job_pairs_among(self, ids: list[int]) -> Iterator[JobPair]:
        """`job_pairs(person)` for each of `ids` at once (`a` is the one of `ids`)."""
        params = {"most": ORG_MAX_MEMBERS, "ids": json.dumps(ids)}
        for a, b, name, size, a_start, a_end, b_start, b_end in self.db.execute(
            JOBS_AMONG_SQL, params
        ):
            yield JobPair(int(a), int(b), str(name), int(size), (a_start, a_end), (b_start, b_end))

    def organisations_named(self, name: str) -> list[tuple[str, list[int]]]:
        """The organisations called `name` (however spelled; else those whose name contains
        it), each with the ids of the people there now, most in touch first."""
        key = organisation_key(name)
        for test in ("o.norm = ?", "instr(o.norm, ?) > 0"):
            rows = self.db.execute(
                f"SELECT o.name, e.person_id FROM organisation o "
                f"JOIN employment e ON e.organisation_id = o.id AND e.end_day IS NULL "
                f"JOIN person p ON p.id = e.person_id AND p.archived = 0 WHERE {test} "
                f"ORDER BY o.name, p.last_contact_at IS NULL, p.last_contact_at DESC, p.id",
                (key,),
            ).fetchall()
            if rows:
                found: dict[str, list[int]] = {}
                for organisation, person in rows:
                    found.setdefault(str(organisation), []).append(int(person))
                return [(o, list(dict.fromkeys(ids))) for o, ids in found.items()]
        return []

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
