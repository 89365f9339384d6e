"""`kith search`'s ranking (store/search.py) held to the one it replaced (kept here): every
person's log matches counted and every one ranked in Python, the archived left out by reading
each match's person row. The log's counts are now grouped, ordered and cut to what the ranking
can take in SQL; the same people come out, with the same scores and counts, in the same order —
for words on cards and in logs, common and rare, with people archived, at several limits."""

from __future__ import annotations

import heapq
import random
import sqlite3
from datetime import UTC, datetime, timedelta

from kith.clock import to_utc_text
from kith.model import PersonDraft
from kith.services.people import add_person
from kith.store import Store
from kith.store.interactions import NewInteraction
from kith.store.search import CARD_WEIGHTS, PUBLIC_CARD, Hit, fts_query

WORDS = ("kintsugi", "tea", "teapot", "garden", "chess", "Lovelace", "Ada", "engine")
START = datetime(2025, 1, 1, 9, tzinfo=UTC)


def ranked_before(db: sqlite3.Connection, text: str, limit: int, private: bool) -> list[Hit]:
    """SearchRepo.people as it was before the log's counts were cut in SQL."""
    match = fts_query(text)
    if match is None:
        return []
    card_match = match if private else f"{PUBLIC_CARD} : ({match})"
    cards = {
        int(pid): -float(rank)
        for pid, rank in db.execute(
            f"SELECT f.rowid, bm25(person_fts, {CARD_WEIGHTS}) FROM person_fts f "
            "JOIN person p ON p.id = f.rowid WHERE person_fts MATCH ? AND p.archived = 0",
            (card_match,),
        )
    }
    logs = (
        dict(
            db.execute(
                "SELECT pa.person_id, count(*) FROM (SELECT rowid FROM interaction_fts "
                "WHERE interaction_fts MATCH ?) m JOIN participant pa ON pa.interaction_id = "
                "m.rowid JOIN person p ON p.id = pa.person_id WHERE p.archived = 0 "
                "GROUP BY pa.person_id",
                (match,),
            )
        )
        if private
        else {}
    )
    ranks = (
        (-(cards.get(pid, 0.0) > 0), -cards.get(pid, 0.0), -logs.get(pid, 0), pid)
        for pid in cards.keys() | logs
    )
    best = heapq.nsmallest(limit, ranks)
    return [Hit(pid, cards.get(pid, 0.0), logs.get(pid, 0)) for *_, pid in best]


def test_search_ranks_as_before_with_cards_logs_and_archived_people(store: Store) -> None:
    rng = random.Random(15)
    with store.transaction():
        people = []
        for n in range(60):
            interests = (rng.choice(WORDS),) if n % 4 == 0 else ()
            draft = PersonDraft(f"{rng.choice(WORDS)} Person{n}", interests=interests)
            people.append(add_person(store, draft, START).id)
        for k in range(400):
            words = " ".join(rng.sample(WORDS, rng.choice([1, 2, 3])))
            new = NewInteraction(
                at=to_utc_text(START + timedelta(hours=k)),
                channel="email",
                direction="out",
                kind="checkin",
                summary=f"about {words}",
                participants=tuple(rng.sample(people, rng.choice([1, 1, 2, 3]))),
            )
            store.interactions.insert(new, "2026-11-22T10:00:00Z")
        archived = rng.sample(people, 12)
        for person_id in archived:
            store.connection.execute("UPDATE person SET archived = 1 WHERE id = ?", (person_id,))
    db = store.connection
    compared = 0
    for text in (*WORDS, "te", "tea garden", "Person1", "nothing-matches"):
        for limit in (1, 3, 20, 100):
            for private in (True, False):
                expected = ranked_before(db, text, limit, private)
                assert store.search.people(text, limit, private) == expected, (text, limit)
                assert not {hit.person_id for hit in expected} & set(archived)
                compared += len(expected)
    assert compared > 500
