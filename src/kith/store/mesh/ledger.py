"""The give-first ledger's reads: gives, asks, thanks and introductions per person, and what
the user could give someone (articles not yet shared, contacts whose offers meet their needs)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from kith.store.mesh.introductions import MADE  # introductions the user has actually made
from kith.store.rows import instant, placeholders

LEDGER_KINDS = ("give", "ask", "thanks", "intro")
GIVES = ("give", "intro")  # what makes the user a giver; a thank-you is not a gift
SEP = "\x1f"

# A person's ledger interactions by id, time, kind and direction; `newest` keeps the count and
# the newest of each kind and direction as it reads them, then reads those few summaries. (The
# busiest person on L has thousands: a window over their whole rows, sorted by SQLite, was
# most of a `kith ledger NAME`, 78 M instructions where this takes about 15.)
MINE_SQL = f"""
SELECT i.id, i.at, i.kind, i.direction
FROM participant p JOIN interaction i ON i.id = p.interaction_id
WHERE p.person_id = ? AND i.kind IN ({placeholders(len(LEDGER_KINDS))})"""

MADE_SQL = f"""
SELECT i.id, i.updated_at, o.display_name
FROM introduction i JOIN person o ON o.id = CASE WHEN i.a_id = :id THEN i.b_id ELSE i.a_id END
WHERE (i.a_id = :id OR i.b_id = :id) AND i.state IN ({", ".join(repr(s) for s in MADE)})
ORDER BY i.updated_at DESC, i.id DESC"""

MADE_LIST = ", ".join(repr(s) for s in MADE)
# Each person's counts per kind and direction, counted from the log: what migration 0029's
# `ledger_total` keeps (the tests hold the two equal). The interactions' side reads the
# partial index of ledger kinds only (covering), not the whole log: migration 0031's index
# holds `kind <> 'checkin'` (the same rows, by the column's CHECK), which the query names for
# SQLite to use it.
PEOPLE_COUNTS_SQL = f"""
SELECT l.person_id, person.display_name, l.kind, l.direction, sum(l.n) FROM (
  SELECT p.person_id, i.kind, i.direction, count(*) AS n
  FROM interaction i JOIN participant p ON p.interaction_id = i.id
  WHERE i.kind IN ({", ".join(repr(k) for k in LEDGER_KINDS)}) AND i.kind <> 'checkin'
  GROUP BY p.person_id, i.kind, i.direction
  UNION ALL
  SELECT a_id, 'intro', 'out', 1 FROM introduction WHERE state IN ({MADE_LIST})
  UNION ALL
  SELECT b_id, 'intro', 'out', 1 FROM introduction WHERE state IN ({MADE_LIST})
) AS l JOIN person ON person.id = l.person_id AND person.archived = 0
GROUP BY l.person_id, l.kind, l.direction"""

# migration 0029's columns: each kind's user side (out) and theirs (in), in LEDGER_KINDS order
TOTAL_COLUMNS = tuple(f"{kind}_{side}" for kind in LEDGER_KINDS for side in ("out", "in"))
NOT_ARCHIVED = "person_id NOT IN (SELECT id FROM person WHERE archived = 1)"
# Everyone (not archived) with an entry, by migration 0029's index of the overview's order as
# far as numbers go (the caller breaks ties by name): people with gives by how far the user's
# share of them is from even, then by how many entries; the rest last
LOPSIDED_SQL = f"""
SELECT person_id, {", ".join(TOTAL_COLUMNS)} FROM ledger_total WHERE {NOT_ARCHIVED}
ORDER BY share IS NULL, coalesce(abs(share - 0.5), 0.0) DESC, entries DESC"""
# The overview's figures: everyone's stored totals counted by migration 0029's share index,
# less those of the archived (few)
BALANCE_SQL = """
SELECT (SELECT count(*) FROM ledger_total) - count(*),
  (SELECT count(*) FROM ledger_total WHERE share IS NOT NULL) - count(share),
  (SELECT count(*) FROM ledger_total WHERE share > :giving) - coalesce(sum(share > :giving), 0),
  (SELECT count(*) FROM ledger_total WHERE share < :taking) - coalesce(sum(share < :taking), 0)
FROM ledger_total WHERE person_id IN (SELECT id FROM person WHERE archived = 1)"""

HAS_GIVEN_SQL = f"""
SELECT EXISTS (
  SELECT 1 FROM participant p JOIN interaction i ON i.id = p.interaction_id
  WHERE p.person_id = :id AND i.kind IN ('give', 'intro') AND i.direction IN ('out', 'both')
    AND i.at <= :now
) OR EXISTS (
  SELECT 1 FROM introduction
  WHERE (a_id = :id OR b_id = :id) AND state IN ({", ".join(repr(s) for s in MADE)})
    AND updated_at <= :now
)"""

UNSHARED_SQL = """
SELECT a.id, a.url, a.title, group_concat(t.topic, char(31))
FROM article a JOIN article_topic t ON t.article_id = a.id
WHERE NOT EXISTS (SELECT 1 FROM article_share s WHERE s.article_id = a.id AND s.person_id = ?)
GROUP BY a.id ORDER BY a.saved_at DESC, a.id DESC"""

# facet.text is COLLATE NOCASE: a need meets an offer worded the same, whatever the case. CROSS
# JOIN keeps this person's needs the outer loop: each offer is then an index lookup, where the
# planner would otherwise read every offer (30 ms on profile L).
# What other live contacts offer (distinct phrases), and who offers which of some phrases, with
# the newest introduction between them and the person (an idea already taken up).
LIVE_OFFER = (
    "FROM facet o JOIN person p ON p.id = o.person_id AND p.kind = 'contact' AND p.archived = 0 "
    "WHERE o.kind = 'offer' AND o.person_id <> :id"
)
# every phrase anyone offers, by the (kind, text) index: who offers it, and whether they are a
# live contact other than the one asking, is `offerers`' to say (a text only the asker or an
# archived contact offers finds no offerer there); filtering here cost ~24 ms on profile L
OFFER_TEXTS_SQL = "SELECT DISTINCT text FROM facet WHERE kind = 'offer'"
OFFERERS_SQL = """
SELECT o.person_id, p.uid, p.display_name, o.text
{live} AND o.text IN ({texts})
ORDER BY p.last_contact_at DESC NULLS LAST, p.name_key, p.id"""
# the asker's introductions, newest first: the first of each other person is the one an offerer
# is shown with (read once, not by a subquery for each offerer: the busiest of profile L has 941)
ASKERS_INTRODUCTIONS_SQL = """
SELECT id, CASE WHEN a_id = :id THEN b_id ELSE a_id END FROM introduction
WHERE a_id = :id OR b_id = :id
ORDER BY updated_at DESC, id DESC"""


@dataclass(frozen=True)
class Entry:
    """One ledger entry: an interaction of a ledger kind, or an introduction the user made
    (`interaction_id` None, `introduction_id` set, always out)."""

    at: datetime
    kind: str
    direction: str
    summary: str
    interaction_id: int | None = None
    introduction_id: int | None = None


@dataclass(frozen=True)
class Article:
    """A saved article as the ledger's gift ideas read it."""

    id: int
    url: str
    title: str | None
    topics: tuple[str, ...]  # lower-cased


@dataclass(frozen=True)
class Offer:
    """Another contact who offers something the person needs: their need, the phrase offered,
    and the newest introduction between the two, if any."""

    person_id: int
    uid: str
    name: str
    need: str
    offered: str = ""
    introduction_id: int | None = None


class LedgerRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def newest(self, person_id: int) -> list[tuple[Entry, int]]:
        """This person's gives, asks, thanks and intros, and the introductions the user made of
        them to someone else: per kind and direction, the newest entry and how many."""
        newest: dict[tuple[str, str], tuple[str, int]] = {}  # (kind, direction) → (at, id)
        counts: dict[tuple[str, str], int] = {}
        for iid, at, kind, direction in self.db.execute(MINE_SQL, (person_id, *LEDGER_KINDS)):
            key = (kind, direction)
            counts[key] = counts.get(key, 0) + 1
            top = newest.get(key)
            if top is None or (at, iid) > top:  # by time, then id: the latest logged
                newest[key] = (at, iid)
        summaries = self._summaries([iid for _, iid in newest.values()])
        logged = [
            (Entry(_at(at), kind, side, summaries[iid], interaction_id=iid), counts[kind, side])
            for (kind, side), (at, iid) in sorted(newest.items())  # by kind, then direction
        ]
        made = [
            Entry(_at(at), "intro", "out", f"introduced to {other}", introduction_id=int(iid))
            for iid, at, other in self.db.execute(MADE_SQL, {"id": person_id})
        ]
        return logged + ([(made[0], len(made))] if made else [])

    def _summaries(self, ids: list[int]) -> dict[int, str]:
        rows = self.db.execute(
            f"SELECT id, summary FROM interaction WHERE id IN ({placeholders(len(ids))})", ids
        )
        return {int(iid): summary for iid, summary in rows}

    def named_counts(self) -> list[tuple[int, str, str, str, int]]:
        """Counted from the log: (person, name, kind, direction, count); `lopsided` reads the
        same from the stored totals."""
        rows = self.db.execute(PEOPLE_COUNTS_SQL)
        return [(int(pid), str(name), str(k), str(d), int(n)) for pid, name, k, d, n in rows]

    def lopsided(self) -> Iterator[tuple[int, tuple[int, ...]]]:
        """Everyone (not archived) with an entry and their stored totals (TOTAL_COLUMNS), by how
        far the user's share of the gives is from even, then by how many entries (people with
        no gives last); ties in no set order. Read as far as the caller needs."""
        for pid, *counts in self.db.execute(LOPSIDED_SQL):
            yield int(pid), tuple(int(n) for n in counts)

    def balance(self, giving: float, taking: float) -> tuple[int, int, int, int]:
        """From the stored totals: how many people have an entry, how many a give either way,
        and of those how many the user gave more than `giving` / less than `taking` of."""
        row = self.db.execute(BALANCE_SQL, {"giving": giving, "taking": taking})
        everyone, with_gives, gave, took = row.fetchone()
        return int(everyone), int(with_gives), int(gave), int(took)

    def has_given(self, person_id: int, until: str) -> bool:
        """Whether the user ever gave to this person up to `until` (a UTC instant): a give or an
        intro, out or both, or an introduction made of them."""
        row = self.db.execute(HAS_GIVEN_SQL, {"id": person_id, "now": until}).fetchone()
        return bool(row[0])

    def interests(self, person_id: int) -> list[str]:
        return self._facets(person_id, "interest")

    def needs(self, person_id: int) -> list[str]:
        return self._facets(person_id, "need")

    def _facets(self, person_id: int, kind: str) -> list[str]:
        rows = self.db.execute(
            "SELECT text FROM facet WHERE person_id = ? AND kind = ? ORDER BY id", (person_id, kind)
        )
        return [str(r[0]) for r in rows]

    def working_on(self, person_id: int) -> list[str]:
        """What they are working on, the latest first."""
        rows = self.db.execute(
            "SELECT text FROM working_on WHERE person_id = ? ORDER BY as_of DESC, id DESC",
            (person_id,),
        )
        return [str(r[0]) for r in rows]

    def unshared_articles(self, person_id: int) -> list[Article]:
        """Saved articles with topics not yet shared with this person, newest saved first."""
        rows = self.db.execute(UNSHARED_SQL, (person_id,))
        return [
            Article(int(i), url, title, tuple(topics.split(SEP))) for i, url, title, topics in rows
        ]

    def offer_texts(self) -> list[str]:
        """Every phrase offered, once each (`offerers` says by which live contacts)."""
        return [str(r[0]) for r in self.db.execute(OFFER_TEXTS_SQL)]

    def offerers(self, person_id: int, texts: list[str]) -> list[Offer]:
        """Other live contacts who offer one of `texts` (`need` left for the caller to say),
        the latest in touch first, each with the newest introduction between them and
        `person_id`."""
        if not texts:
            return []
        named = {f"t{k}": text for k, text in enumerate(texts)}
        sql = OFFERERS_SQL.format(live=LIVE_OFFER, texts=", ".join(f":{k}" for k in named))
        rows = self.db.execute(sql, {"id": person_id} | named).fetchall()
        newest: dict[int, int] = {}
        for intro, other in self.db.execute(ASKERS_INTRODUCTIONS_SQL, {"id": person_id}):
            newest.setdefault(int(other), int(intro))
        return [
            Offer(int(pid), uid, name, "", text, newest.get(int(pid)))
            for pid, uid, name, text in rows
        ]


def _at(text: str) -> datetime:
    moment = instant(text)
    assert moment is not None  # interaction.at and introduction.updated_at are NOT NULL
    return moment
