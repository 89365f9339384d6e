"""The week's pool rows read ahead with the next Monday's step (migration 0041): everyone who
may be in the pool at any instant of that week, with the prepared step's layers, kept as one
marshalled blob stamped with the step's stamp, and the people whose rows changed since
(plan_pool_touched, named by the migration's triggers), whose rows are read again when it is
used (services/week/plan_pool.py)."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections.abc import Sequence
from typing import Any

from kith.store.week.ahead import PROMOTED_KEY
from kith.store.week.generation import named
from kith.store.week.plan import POOL_COLUMNS, POOL_FROM, POOL_WHICH

# POOL_WHICH at every instant of a week: silent since before :silent_before at the latest
AHEAD_WHICH = """(s.layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6')
        OR p.pinned = 1 OR p.cadence_days IS NOT NULL
        OR (p.last_contact_at < :silent_before AND s.s_max >= :dormant_s_max))"""
AHEAD_SQL = f"SELECT {POOL_COLUMNS}, p.last_contact_at" + POOL_FROM.format(
    state="layer_prepared", which=AHEAD_WHICH
)
AGAIN_SQL = f"SELECT {POOL_COLUMNS}" + POOL_FROM.format(
    state="layer_state",
    which=f"p.id IN (SELECT value FROM json_each(:ids)) AND {POOL_WHICH}",
)

Row = tuple[Any, ...]


class PoolRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def keep(self, stamp: str, dormant_s_max: float, silent_before: str) -> None:
        """Read the pool's rows with the prepared step's layers and keep them with `stamp`, for
        any instant whose dormant ties are silent since before `silent_before`; no one is
        touched since (inside the caller's write)."""
        params = {"dormant_s_max": dormant_s_max, "silent_before": silent_before}
        found = self.db.execute(named(self.db, AHEAD_SQL), params).fetchall()
        rows = [row[:-1] for row in found]
        lasts = [row[-1] for row in found]
        self.db.execute("DELETE FROM plan_pool_prepared")
        self.db.execute("DELETE FROM plan_pool_touched")
        self.db.execute(
            "INSERT INTO plan_pool_prepared (id, stamp, silent_before, data) VALUES (1, ?, ?, ?)",
            (stamp, silent_before, marshal.dumps((rows, lasts))),
        )

    def forget(self) -> None:
        """No rows kept (before the prepared layers are written again: their triggers would
        name everyone)."""
        self.db.execute("DELETE FROM plan_pool_prepared")
        self.db.execute("DELETE FROM plan_pool_touched")

    def stamp(self) -> tuple[str, str] | None:
        """The stamp of the rows kept and the instant their dormant ties are silent since."""
        found = self.db.execute("SELECT stamp, silent_before FROM plan_pool_prepared").fetchone()
        return None if found is None else (str(found[0]), str(found[1]))

    def touched(self) -> list[int]:
        found = self.db.execute("SELECT person_id FROM plan_pool_touched ORDER BY person_id")
        return [int(person) for (person,) in found]

    def kept(self) -> tuple[list[Row], list[str | None]] | None:
        """The rows kept and their last contacts' text; None when none are."""
        found = self.db.execute("SELECT data FROM plan_pool_prepared").fetchone()
        if found is None:
            return None
        rows, lasts = marshal.loads(found[0])
        return rows, lasts

    def promoted(self) -> str | None:
        """The stamp of the prepared step the current layers were promoted from, if they were
        (and not stepped or rebuilt since)."""
        found = self.db.execute("SELECT value FROM meta WHERE key = ?", (PROMOTED_KEY,))
        row = found.fetchone()
        return None if row is None else str(row[0])

    def again(
        self, ids: Sequence[int], dormant_s_max: float, silent_since: str, extra: str
    ) -> list[Row]:
        """POOL_ROWS_SQL's rows of these people alone (`extra`: its JSON array)."""
        params = {
            "ids": json.dumps(list(ids)),
            "dormant_s_max": dormant_s_max,
            "silent_since": silent_since,
            "extra": extra,
        }
        return self.db.execute(named(self.db, AGAIN_SQL), params).fetchall()
