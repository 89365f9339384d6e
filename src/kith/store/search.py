"""Full-text search over people's cards and the interaction log, ranked per person."""

from __future__ import annotations

import heapq
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

LOG_TRIGGER = "interaction_fts_insert"
CARD_WEIGHTS = "10.0, 4.0, 2.0, 3.0, 3.0"  # name, company, notes, interests, working_on
TOKENIZER = "porter unicode61 remove_diacritics 2"  # person_fts's (0001_initial.sql)
PUBLIC_CARD = "{name company interests working_on}"  # the card without its private notes
PUBLIC_WEIGHTS = "10.0, 4.0, 3.0, 3.0"  # CARD_WEIGHTS of the public card's columns
_WORD = r"\w+"  # compiled at its first use (re's cache), not at import


@dataclass(frozen=True)
class Hit:
    """A person a search found, by their card or by their log."""

    person_id: int
    card_score: float  # bm25 of the card match, higher is better; 0 when only the log matched
    log_matches: int  # how many of their interactions match

    @property
    def card_match(self) -> bool:
        return self.card_score > 0


def fts_query(text: str) -> str | None:
    """Each word of `text` as a quoted prefix term, ANDed: safe for any input."""
    words = re.findall(_WORD, text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def _scored(match: str, rows: list[tuple[Any, ...]]) -> dict[int, float]:
    """bm25 (public weights, scaled by 1e6) of each row (id, name, company, interests,
    working on) that `match` finds, in a table of these rows alone in memory."""
    if not rows:
        return {}
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(
            "CREATE VIRTUAL TABLE card USING fts5(name, company, interests, working_on, "
            f"tokenize = '{TOKENIZER}', content = '')"  # contentless: a fifth cheaper to fill
        )
        scratch.executemany(
            "INSERT INTO card(rowid, name, company, interests, working_on) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        found = scratch.execute(
            f"SELECT rowid, bm25(card, {PUBLIC_WEIGHTS}) FROM card WHERE card MATCH ?", (match,)
        )
        return {int(pid): round(-float(rank) * 1e6, 9) for pid, rank in found}
    finally:
        scratch.close()


class SearchRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def people(self, text: str, limit: int, private: bool = True) -> list[Hit]:
        """The best `limit` people for `text`, archived people left out; without `private`,
        neither the card's notes nor the log (summaries and notes) are searched.

        Ranked in tiers: people whose card matches, by bm25 (name weighs most); then people
        found only in their log, by how many of their interactions match. Counting log matches
        instead of scoring each one keeps a common word cheap (15 ms, not 35, for 10,000 rows).
        """
        match = fts_query(text)
        if match is None:
            return []
        card_match = match if private else f"{PUBLIC_CARD} : ({match})"
        cards = {
            int(pid): -float(rank)
            for pid, rank in self.db.execute(
                f"SELECT f.rowid, bm25(person_fts, {CARD_WEIGHTS}) FROM person_fts f "
                "JOIN person p ON p.id = f.rowid WHERE person_fts MATCH ? AND p.archived = 0",
                (card_match,),
            )
        }
        logs = self._log_counts(match, list(cards), limit) if private else {}
        # a common word is in thousands of logs: only the best `limit` are made records
        ranks = (
            (-(cards.get(pid, 0.0) > 0), -cards.get(pid, 0.0), -logs.get(pid, 0), pid)
            for pid in cards.keys() | logs
        )
        best = heapq.nsmallest(limit, ranks)
        return [Hit(pid, cards.get(pid, 0.0), logs.get(pid, 0)) for *_, pid in best]

    def shown(self, text: str, limit: int, said: Callable[[str], bool]) -> list[Hit]:
        """The best `limit` people for `text` by what may be shown of their card (an assistant
        without notes): name, company, interests and the "working on" texts `said` allows.
        They are matched and ranked in a table of those texts alone, so that nothing else moves
        them: a "working on" text kept back adds nothing to a score, and neither do the other
        people's notes (bm25's corpus statistics). There every match holds every word, so each
        word's IDF is FTS5's floor (1e-6) and the score, scaled back by 1e6, is its weighted,
        length-normalised frequencies alone."""
        match = fts_query(text)
        if match is None:
            return []
        cards: dict[int, tuple[Any, ...]] = {
            int(pid): (name, company, interests, [])
            for pid, name, company, interests in self.db.execute(
                "SELECT f.rowid, f.name, f.company, f.interests FROM person_fts f "
                "JOIN person p ON p.id = f.rowid WHERE person_fts MATCH ? AND p.archived = 0",
                (f"{PUBLIC_CARD} : ({match})",),
            )
        }
        for pid, item in self.db.execute(
            "SELECT person_id, text FROM working_on "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(list(cards)),),
        ):
            cards[int(pid)][3].append(str(item))
        rows = [
            (pid, *card[:3], " ".join(w for w in card[3] if said(w))) for pid, card in cards.items()
        ]
        scores = _scored(match, rows)
        best = heapq.nsmallest(limit, ((-score, pid) for pid, score in scores.items()))
        return [Hit(pid, -negative, 0) for negative, pid in best]

    def _log_counts(self, match: str, carded: list[int], limit: int) -> dict[int, int]:
        """How many of each person's interactions match: for everyone in `carded` (their card
        matched) and the first `limit + len(carded)` of the rest by most matches, then id —
        enough for `people`'s ranking, which takes no one found only in their log after `limit`
        others found so, and saves making a record of each of thousands (L's "kintsugi": 6,521).
        The archived are left out by a lookup in their partial index (person_archived), not by
        reading the person row of every match (11,602 on L): every participant is a person (the
        foreign key) and `archived` is 0 or 1 (its CHECK)."""
        rows = self.db.execute(
            "SELECT pa.person_id, count(*) FROM (SELECT rowid FROM interaction_fts "
            "WHERE interaction_fts MATCH ?) m JOIN participant pa ON pa.interaction_id = "
            "m.rowid GROUP BY pa.person_id HAVING NOT EXISTS (SELECT 1 FROM person a "
            "INDEXED BY person_archived WHERE a.id = pa.person_id AND a.archived = 1) "
            "ORDER BY pa.person_id IN (SELECT value FROM json_each(?)) DESC, count(*) DESC, "
            "pa.person_id LIMIT ?",
            (match, json.dumps(carded), limit + len(carded)),
        )
        return dict(rows)  # integers both: an INTEGER PRIMARY KEY and a count

    def interaction_ids(self, text: str, person_id: int, limit: int = 3) -> list[int]:
        match = fts_query(text)
        if match is None:
            return []
        rows = self.db.execute(
            "SELECT m.rowid FROM (SELECT rowid, rank FROM interaction_fts "
            "WHERE interaction_fts MATCH ?) m JOIN participant p ON p.interaction_id = m.rowid "
            "AND p.person_id = ? JOIN interaction i ON i.id = m.rowid "
            "ORDER BY m.rank, i.at DESC LIMIT ?",
            (match, person_id, limit),
        )
        return [int(r[0]) for r in rows]

    def rebuild(self) -> None:
        self.db.execute("INSERT INTO interaction_fts(interaction_fts) VALUES ('rebuild')")

    @contextmanager
    def indexing_log_at_the_end(self) -> Iterator[None]:
        """For a bulk load: index the log once at the end instead of row by row.

        Indexing a row from its insert trigger costs about 15 times what one 'rebuild' costs
        per row. The trigger is dropped and recreated inside the caller's transaction, so a
        failure rolls it back with everything else.
        """
        row = self.db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (LOG_TRIGGER,)
        ).fetchone()
        self.db.execute(f"DROP TRIGGER {LOG_TRIGGER}")
        yield
        self.db.execute(row[0])
        self.rebuild()
