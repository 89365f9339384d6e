"""The give-first ledger's reads: gives, asks, thanks and introductions per person, and what
the user could give someone (articles not yet shared, contacts whose offers meet their needs)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from kith.store.introductions import MADE  # introductions the user has actually made
from kith.store.rows import instant, placeholders

LEDGER_KINDS = ("give", "ask", "thanks", "intro")
GIVES = ("give", "intro")  # what makes the user a giver; a thank-you is not a gift
SEP = "\x1f"

# Per kind and direction, the newest of a person's ledger interactions and how many there are:
# a dozen rows at most, however long the log (its busiest person on L has thousands).
NEWEST_SQL = f"""
SELECT id, at, kind, direction, summary, n FROM (
  SELECT i.id, i.at, i.kind, i.direction, i.summary,
         count(*) OVER (PARTITION BY i.kind, i.direction) AS n,
         row_number() OVER (PARTITION BY i.kind, i.direction ORDER BY i.at DESC, i.id DESC) AS k
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
  WHERE p.person_id = ? AND i.kind IN ({placeholders(len(LEDGER_KINDS))}))
WHERE k = 1"""

MADE_SQL = f"""
SELECT i.id, i.updated_at, o.display_name
FROM introduction i JOIN person o ON o.id = CASE WHEN i.a_id = :id THEN i.b_id ELSE i.a_id END
WHERE (i.a_id = :id OR i.b_id = :id) AND i.state IN ({", ".join(repr(s) for s in MADE)})
ORDER BY i.updated_at DESC, i.id DESC"""

COUNTS_SQL = f"""
SELECT l.person_id, l.kind, l.direction, count(*), max(l.at) FROM (
  SELECT p.person_id, i.kind, i.direction, i.at
  FROM interaction i JOIN participant p ON p.interaction_id = i.id
  WHERE i.kind IN ({placeholders(len(LEDGER_KINDS))})
  UNION ALL
  SELECT a_id, 'intro', 'out', updated_at FROM introduction
  WHERE state IN ({", ".join(repr(s) for s in MADE)})
  UNION ALL
  SELECT b_id, 'intro', 'out', updated_at FROM introduction
  WHERE state IN ({", ".join(repr(s) for s in MADE)})
) AS l JOIN person ON person.id = l.person_id AND person.archived = 0
GROUP BY l.person_id, l.kind, l.direction"""

MADE_LIST = ", ".join(repr(s) for s in MADE)
# `COUNTS_SQL` without the latest times, with each person's name: the interactions' side reads
# migration 0026's partial index of ledger kinds only (covering), not the whole log; the kinds
# are written into the SQL, so that the planner can see the index holds them.
PEOPLE_COUNTS_SQL = f"""
SELECT l.person_id, person.display_name, l.kind, l.direction, sum(l.n) FROM (
  SELECT p.person_id, i.kind, i.direction, count(*) AS n
  FROM interaction i JOIN participant p ON p.interaction_id = i.id
  WHERE i.kind IN ({", ".join(repr(k) for k in LEDGER_KINDS)})
  GROUP BY p.person_id, i.kind, i.direction
  UNION ALL
  SELECT a_id, 'intro', 'out', 1 FROM introduction WHERE state IN ({MADE_LIST})
  UNION ALL
  SELECT b_id, 'intro', 'out', 1 FROM introduction WHERE state IN ({MADE_LIST})
) AS l JOIN person ON person.id = l.person_id AND person.archived = 0
GROUP BY l.person_id, l.kind, l.direction"""

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
OFFERS_SQL = """
SELECT o.person_id, p.uid, p.display_name, n.text
FROM facet n
CROSS JOIN facet o ON o.kind = 'offer' AND o.text = n.text AND o.person_id <> n.person_id
JOIN person p ON p.id = o.person_id AND p.kind = 'contact' AND p.archived = 0
WHERE n.person_id = :id AND n.kind = 'need' AND NOT EXISTS (
  SELECT 1 FROM introduction i
  WHERE (i.a_id = :id AND i.b_id = o.person_id) OR (i.b_id = :id AND i.a_id = o.person_id))
ORDER BY n.text, p.last_contact_at DESC NULLS LAST, p.name_key, p.id"""


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
class Tally:
    """How many entries of one kind in one direction a person has, and the latest one's time."""

    person_id: int
    kind: str
    direction: str
    count: int
    latest: datetime


@dataclass(frozen=True)
class Article:
    id: int
    url: str
    title: str | None
    topics: tuple[str, ...]  # lower-cased


@dataclass(frozen=True)
class Offer:
    """Another contact who offers what the person needs (the shared phrase)."""

    person_id: int
    uid: str
    name: str
    need: str


class LedgerRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def newest(self, person_id: int) -> list[tuple[Entry, int]]:
        """This person's gives, asks, thanks and intros, and the introductions the user made of
        them to someone else: per kind and direction, the newest entry and how many."""
        logged = [
            (Entry(_at(at), kind, direction, summary, interaction_id=int(iid)), int(n))
            for iid, at, kind, direction, summary, n in self.db.execute(
                NEWEST_SQL, (person_id, *LEDGER_KINDS)
            )
        ]
        made = [
            Entry(_at(at), "intro", "out", f"introduced to {other}", introduction_id=int(iid))
            for iid, at, other in self.db.execute(MADE_SQL, {"id": person_id})
        ]
        return logged + ([(made[0], len(made))] if made else [])

    def tallies(self) -> list[Tally]:
        """Counts and latest times per person (not archived), kind and direction, introductions
        made counting as an `intro` out to each side. One pass over the log."""
        rows = self.db.execute(COUNTS_SQL, LEDGER_KINDS)
        return [Tally(int(pid), k, d, int(n), _at(latest)) for pid, k, d, n, latest in rows]

    def counts(self) -> list[tuple[int, str, str, int]]:
        """`tallies` without the latest times: (person, kind, direction, count)."""
        rows = self.db.execute(COUNTS_SQL, LEDGER_KINDS)
        return [(int(pid), str(k), str(d), int(n)) for pid, k, d, n, _ in rows]

    def named_counts(self) -> list[tuple[int, str, str, str, int]]:
        """`counts` with each person's name: (person, name, kind, direction, count)."""
        rows = self.db.execute(PEOPLE_COUNTS_SQL)
        return [(int(pid), str(name), str(k), str(d), int(n)) for pid, name, k, d, n in rows]

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

    def offers_for_needs(self, person_id: int) -> list[Offer]:
        """Other contacts whose offers meet one of this person's needs (same phrase, any case),
        leaving out pairs already in an introduction; by need, then the latest in touch first."""
        rows = self.db.execute(OFFERS_SQL, {"id": person_id})
        return [Offer(int(pid), uid, name, need) for pid, uid, name, need in rows]


def _at(text: str) -> datetime:
    moment = instant(text)
    assert moment is not None  # interaction.at and introduction.updated_at are NOT NULL
    return moment
