"""Full-text search over people's cards and the interaction log, ranked per person."""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

LOG_TRIGGER = "interaction_fts_insert"
CARD_WEIGHTS = "10.0, 4.0, 2.0, 3.0, 3.0"  # name, company, notes, interests, working_on
LOG_WEIGHT = 0.5  # a match in the log counts half a card match
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    person_id: int
    score: float
    card_match: bool
    log_matches: int


def fts_query(text: str) -> str | None:
    """Each word of `text` as a quoted prefix term, ANDed: safe for any input."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


class SearchRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def people(self, text: str, limit: int, *, include_prospects: bool = True) -> list[Hit]:
        """The best `limit` people for `text`: card matches first, then matches in their log."""
        match = fts_query(text)
        if match is None:
            return []
        scores: dict[int, list[float]] = {}
        for person_id, rank in self.db.execute(
            f"SELECT rowid, bm25(person_fts, {CARD_WEIGHTS}) FROM person_fts "
            "WHERE person_fts MATCH ?",
            (match,),
        ):
            scores[int(person_id)] = [-float(rank), 0.0, 0.0]
        for person_id, best, count in self.db.execute(
            "SELECT p.person_id, max(-m.rank), count(*) FROM "
            "(SELECT rowid, rank FROM interaction_fts WHERE interaction_fts MATCH ?) m "
            "JOIN participant p ON p.interaction_id = m.rowid GROUP BY p.person_id",
            (match,),
        ):
            entry = scores.setdefault(int(person_id), [0.0, 0.0, 0.0])
            entry[1], entry[2] = float(best), float(count)
        hidden = self._hidden(include_prospects)
        hits = [
            Hit(pid, card + LOG_WEIGHT * best * (1 + math.log1p(count)), card > 0, int(count))
            for pid, (card, best, count) in scores.items()
            if pid not in hidden
        ]
        hits.sort(key=lambda h: (-h.score, h.person_id))
        return hits[:limit]

    def _hidden(self, include_prospects: bool) -> set[int]:
        sql = "SELECT id FROM person WHERE archived = 1"
        if not include_prospects:
            sql += " OR kind = 'prospect'"
        return {int(r[0]) for r in self.db.execute(sql)}

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
