"""The weekly step's whole inputs kept as blocks of ids (issue 15, migration 0051).

A cold week read every contact's inputs and every tie row again (group_concat scans of ~30,000
rows each on profile L, ~560 M instructions) although almost none changed since last week. Each
input is now also kept as its matrix (float64, one row per id, ids ascending in column 0) cut
into blocks of 64 ids (`id >> BITS`): a row per block in `people_block` or `tie_block`, the
block's rows end to end as one blob (empty when no id of the block has a row).

The cache is exact by construction: 0051's triggers delete a block's row on every INSERT,
UPDATE or DELETE of a source row that could change it (person: its id, kind, archived,
closeness, known_since, pinned, created_at; tie: any change), so a block kept is the source's
rows as they are. The reader takes the blocks kept, reads the rest from the source (one query
per run of missing blocks, by id range: everything at once when nothing is kept), and, inside
a write transaction, keeps what it read. Concatenated in block order the matrix is the whole
read's, row for row and bit for bit (each row is read alone; the whole read's row order is the
ids'). The undo journal does not note these tables (store/journal.py SKIPPED): taking a run back
writes the source rows back, and their triggers drop the blocks the run left."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kith.relate.network import Floats

BITS = 6  # a block holds the ids sharing id >> BITS
# at most this many blocks from the lowest id's to the highest's (2,097,152 ids: ~70× profile L's
# span) — every block between is kept, empty or not, so ids far apart (an id of 2³³ beside 1)
# are read uncached rather than as millions of empty blocks
MAX_BLOCKS = 1 << 15
PEOPLE, TIES = "people_block", "tie_block"
# the ids' range of each source (two index seeks), for the blocks there must be
PEOPLE_SPAN_SQL = "SELECT (SELECT min(id) FROM person), (SELECT max(id) FROM person)"
TIES_SPAN_SQL = "SELECT (SELECT min(person_id) FROM tie), (SELECT max(person_id) FROM tie)"
KEPT_SQL = "SELECT block, data FROM {table} WHERE block BETWEEN ? AND ?"
PUT_SQL = "INSERT OR REPLACE INTO {table} (block, data) VALUES (?, ?)"

# the source's rows of the ids low … high, or of those in a JSON array, ids ascending
Fetch = Callable[[int | None, int | None, str | None], "Floats"]


def read(
    db: sqlite3.Connection, table: str, span_sql: str, width: int, fetch: Fetch, keep: bool
) -> Floats | None:
    """The whole input as a matrix of `width` columns: the blocks kept, the rest from `fetch`
    (kept when `keep`: the caller is inside a write transaction). None for ids below 0 or from
    2⁵³ on (the ids pass as float64, exact below it), or spread over more than MAX_BLOCKS
    blocks: the caller reads uncached."""
    if db.in_transaction:
        return _read(db, table, span_sql, width, fetch, keep)
    db.execute("SAVEPOINT blocks")  # its statements in one snapshot, as the whole read's one
    try:
        return _read(db, table, span_sql, width, fetch, keep=False)
    finally:
        db.execute("RELEASE blocks")


def _read(
    db: sqlite3.Connection, table: str, span_sql: str, width: int, fetch: Fetch, keep: bool
) -> Floats | None:
    import numpy as np

    low, high = db.execute(span_sql).fetchone()
    if low is None:
        return np.zeros((0, width))
    if low < 0 or high >= 1 << 53:
        return None
    first, last = low >> BITS, high >> BITS
    if last - first >= MAX_BLOCKS:
        return None
    kept: dict[int, bytes] = dict(
        db.execute(KEPT_SQL.format(table=table), (first, last)).fetchall()
    )
    missing = [block for block in range(first, last + 1) if block not in kept]
    runs = _runs(missing)
    if len(runs) > 1 and 2 * len(missing) <= last - first + 1:  # a few, apart: by their ids
        among = json.dumps(
            [n for block in missing for n in range(block << BITS, (block + 1) << BITS)]
        )
        found = [fetch(None, None, among)]
    else:  # most of them, or one run: by id range (a scan of the table for all of them)
        found = [fetch(start << BITS, ((end + 1) << BITS) - 1, None) for start, end in runs]
    rows = np.concatenate([*found, np.zeros((0, width))])  # the runs in turn: ascending
    if len(rows) > 1 and (np.diff(rows[:, 0]) <= 0).any():
        rows = rows[np.argsort(rows[:, 0], kind="stable")]  # the ids' order, as blocks hold
    edges = np.array([block << BITS for block in missing], np.float64)
    starts = np.searchsorted(rows[:, 0], edges)
    ends = np.searchsorted(rows[:, 0], edges + (1 << BITS))
    made = [
        (block, rows[start:end].tobytes())
        for block, start, end in zip(missing, starts.tolist(), ends.tolist(), strict=True)
    ]
    kept.update(made)
    if keep:
        db.executemany(PUT_SQL.format(table=table), made)
    joined = b"".join(kept[block] for block in range(first, last + 1))
    return np.frombuffer(joined, np.float64).reshape(-1, width).copy()


def _runs(blocks: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending blocks as runs of consecutive ones (first, last)."""
    runs: list[list[int]] = []
    for block in blocks:
        if runs and block == runs[-1][1] + 1:
            runs[-1][1] = block
        else:
            runs.append([block, block])
    return [(start, end) for start, end in runs]


def fill(db: sqlite3.Connection, run: Callable[[], None]) -> None:
    """Migration 0051's step: its statements `run` (the tables and triggers made), then every
    block of both inputs read and kept, so the first week after the upgrade is not cold for
    them. A person whose known_since is no date (the weekly step refuses it) leaves the people's
    blocks unkept: the first read keeps them, or refuses as before."""
    from kith.store.week.layers import LayerRepo

    run()
    if db.execute("SELECT 1 FROM person LIMIT 1").fetchone() is None:
        return  # a new file: nothing to keep (and numpy not imported for it)
    layers = LayerRepo(db, writing=lambda: True)
    layers.tie_rows()
    with suppress(ValueError):
        layers.people_matrix()
