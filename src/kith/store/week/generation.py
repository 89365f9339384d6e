"""Which of the layers' two table sets holds the current state (migration 0047).

A state is three tables: the layers and counters, S, and the peaks that are not all 0
(migration 0044). There are two fixed sets of them, a (layer_state_a, layer_strength_a,
layer_peaks_a) and b. meta 'layers.current' names the set that holds the current state (a when
it is absent); the other set holds the next Monday's state worked out ahead (store/week/
layers.py keep_prepared), or the rows the last promotion left there. A promotion is a write of
that meta row: no schema change, where swapping the tables' names cost ~5 ms a rename on profile
L (SQLite parses the whole schema again at each).

SQL names the tables by what they hold: layer_state, layer_strength and layer_peaks for the
current state, layer_prepared, layer_prepared_strength and layer_prepared_peaks for the prepared
one. Every query that reads or writes them goes through `named`, which puts in the names of the
sets as the meta row stands in the caller's transaction. No table has those names, so a query
that skips `named` fails."""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

CURRENT_KEY = "layers.current"
SETS = ("a", "b")
KINDS = ("layer_state", "layer_strength", "layer_peaks")  # a state's tables, as SQL names them
PREPARED = {  # the prepared state's, as SQL names them
    "layer_state": "layer_prepared",
    "layer_strength": "layer_prepared_strength",
    "layer_peaks": "layer_prepared_peaks",
}
_WORD = re.compile(r"\w*")
CURRENT_SQL = "SELECT value FROM meta WHERE key = ?"


def current(db: sqlite3.Connection) -> str:
    """The set that holds the current state: "a" or "b"."""
    row = db.execute(CURRENT_SQL, (CURRENT_KEY,)).fetchone()
    return SETS[0] if row is None else str(row[0])


def other(which: str) -> str:
    return SETS[1] if which == SETS[0] else SETS[0]


def tables(which: str) -> tuple[str, ...]:
    """The three tables of set `which`, in the order of KINDS."""
    return tuple(f"{kind}_{which}" for kind in KINDS)


def named(db: sqlite3.Connection, sql: str) -> str:
    """`sql` with the state's tables named as the sets stand now."""
    return on(sql, current(db))


@lru_cache(maxsize=512)
def on(sql: str, which: str) -> str:
    """`sql` with the state's tables named as they are when set `which` is the current one:
    each whole word that names one (a tenth of the CPU of a regular expression's `sub`)."""
    names = dict(zip(KINDS, tables(which), strict=True))
    names |= {
        PREPARED[kind]: table for kind, table in zip(KINDS, tables(other(which)), strict=True)
    }
    head, *parts = sql.split("layer_")
    out = [head]
    for part in parts:
        end = len(_WORD.match(part).group())  # type: ignore[union-attr]  # \w* always matches
        table = names.get(f"layer_{part[:end]}")
        inside = out[-1][-1:].isalnum() or out[-1][-1:] == "_"  # the end of a longer word
        out.append(f"layer_{part}" if table is None or inside else table + part[end:])
    return "".join(out)
