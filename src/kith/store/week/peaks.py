"""The monthly peaks of S stored month-major (issue 15, migration 0049).

A state's peaks (science.md §4: S's highest value in each of the last 60 months, a ring of 60
columns named by meta 'layers.months') are held for the people whose peaks are not all 0, in
blocks of 256 person ids (`person_id >> 8`). A block has a row for its roster (slot −1: the
held people's `person_id & 255`, one byte each, ascending) and a row for each column of the
ring (slot 0 … 59: the roster's peaks in that column, float64 each, in the roster's order).
The rows are keyed (slot + 1) · 2⁴⁸ + block (a rowid: a column's rows lie together, two to a
page on profile L; as a WITHOUT ROWID table keyed (slot, block) they spilled into overflow
pages and took twice the pages).

A weekly step within a month changes one column, so it rewrites that column's ~120 rows on
profile L (a block's roster changes only when someone's peaks start, stop, or the person leaves
the state: then that block's 61 rows), where a row per person (480 bytes, migration 0044)
rewrote ~3,100 rows on ~3,600 pages. A person's peaks written alone (a patch, a replay's rows
that changed) rewrite the rows of their block.

A block may hold a person whose layer_state row has gone (a person deleted: their state rows
go by cascade, not these): readers keep only the people their state holds, and the step writes
the block whole when its roster is not what the state held."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kith.relate.strength import S_MAX_MONTHS
from kith.store.week.generation import named

if TYPE_CHECKING:
    from kith.relate.network import Bools, Floats, Ints

BITS = 8  # a block holds the ids sharing person_id >> BITS
MASK = (1 << BITS) - 1  # a person's place in its block
ROSTER = -1  # the slot of a block's roster
SHIFT = 48  # a row's key: (slot + 1) · 2⁴⁸ + block, for ids from 0 below 2⁵⁶
BLOCKS = 1 << SHIFT
ROSTERS_SQL = f"""
SELECT group_concat(key), group_concat(length(data)), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT key, data FROM {{table}} WHERE key < {BLOCKS}{{among}} ORDER BY key)"""
COLUMNS_SQL = f"""
SELECT count(*), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT data FROM {{table}} WHERE key >= {BLOCKS}{{among}} ORDER BY key)"""
IN_KEYS = "key IN (SELECT value FROM json_each(?))"  # keys given as a JSON array
AMONG = f" AND {IN_KEYS}"
BLOCK_SQL = f"SELECT (key >> {SHIFT}) - 1, data FROM {{table}} WHERE {IN_KEYS}"
SLOT_SQL = f"SELECT key & {BLOCKS - 1}, data FROM {{table}} WHERE key >= ? AND key < ?"
PUT_SQL = "INSERT OR REPLACE INTO {table} (key, data) VALUES (?, ?)"
DROP_SQL = f"DELETE FROM {{table}} WHERE {IN_KEYS}"


def key(slot: int, block: int) -> int:
    """The key of a block's row of `slot` (ROSTER or a column)."""
    if not 0 <= block < BLOCKS:
        raise ValueError(f"person ids from 0 below 2^{SHIFT + BITS} only, not block {block}")
    return (slot + 1) << SHIFT | block


def _keys(blocks: Iterable[int], slots: Iterable[int] = range(S_MAX_MONTHS)) -> str:
    """The keys of these blocks' rows of `slots`, as a JSON array."""
    import json

    return json.dumps([key(slot, block) for slot in slots for block in blocks])


@dataclass(frozen=True)
class Columns:
    """What a weekly step leaves of the peaks: everyone's (`ids`, ascending, and `values`, a
    row each) of whom the state holds those in `state`, the people whose peaks the state held
    before it (`held`, as `read` gave them), and the columns (`slots`) it may have changed for
    those people. (No copy of the rows: ~14 MB on profile L, whose first touch costs more
    than the writes.)"""

    ids: Ints
    values: Floats
    state: Bools
    held: Ints
    slots: Sequence[int]


def read(
    db: sqlite3.Connection, table: str, among: Sequence[int] | None = None
) -> tuple[Ints, Floats]:
    """The held people (ascending) and their peaks (a row each, a view of the stored bytes),
    of everyone or of the blocks of `among`'s people (the caller keeps whom it wants)."""
    import numpy as np

    given: tuple[str, ...] = ()
    where = ""
    if among is not None:
        chosen = sorted({int(person) >> BITS for person in among})
        given, where = (_keys(chosen, [ROSTER]),), AMONG
    found = db.execute(named(db, ROSTERS_SQL.format(table=table, among=where)), given)
    blocks, lengths, rosters = found.fetchone()
    if not blocks:
        return np.zeros(0, np.int64), np.zeros((0, S_MAX_MONTHS))
    block = np.fromstring(blocks, np.int64, sep=",")
    size = np.fromstring(lengths, np.int64, sep=",")
    ids = np.repeat(block, size) << BITS | np.frombuffer(rosters, np.uint8)
    if among is not None:
        given = (_keys(chosen),)
    found = db.execute(named(db, COLUMNS_SQL.format(table=table, among=where)), given)
    count, data = found.fetchone()
    values = np.frombuffer(data or b"", np.float64)
    if count != S_MAX_MONTHS * len(block) or len(values) != S_MAX_MONTHS * len(ids):
        raise sqlite3.DatabaseError(f"{table}: a block's rows do not match its roster")
    return ids, values.reshape(S_MAX_MONTHS, len(ids)).T


def put(
    db: sqlite3.Connection,
    table: str,
    peaks: Iterable[tuple[int, bytes | None]],
    fresh: bool = False,
) -> None:
    """Each person's peaks (60 float64), or None: all 0, not held. `fresh`: the table is
    empty (no block is read first)."""
    import numpy as np

    blocks: dict[int, list[tuple[int, bytes | None]]] = {}
    for person, blob in peaks:
        blocks.setdefault(person >> BITS, []).append((person, blob))
    for block, changes in blocks.items():
        before: dict[int, bytes] = {}
        rows: dict[int, bytes] = {}
        if not fresh:
            rows = _block(db, table, block)
        if rows:
            ids = (block << BITS) + np.frombuffer(rows[ROSTER], np.uint8).astype(np.int64)
            stacked = np.stack(
                [np.frombuffer(rows[slot], np.float64) for slot in range(S_MAX_MONTHS)], axis=1
            )
            before = dict(zip(ids.tolist(), (row.tobytes() for row in stacked), strict=True))
        for person, blob in changes:
            if blob is None:
                before.pop(person, None)
            else:
                before[person] = blob
        held = sorted(before)
        values = np.frombuffer(b"".join(before[person] for person in held), np.float64)
        _write_block(db, table, block, held, values.reshape(len(held), S_MAX_MONTHS), rows)


def put_columns(db: sqlite3.Connection, table: str, columns: Columns) -> None:
    """A weekly step's peaks: the state's people's peaks as `columns` gives them, the people
    whose peaks are all 0 not held. A block whose roster stays what it was (and what the state
    held) has only `columns.slots`' rows written, where they changed; any other, all its rows."""
    import numpy as np

    kept = np.flatnonzero(columns.state & columns.values.any(axis=1))
    ids = columns.ids[kept]
    rosters, slots = (
        _slot(db, table, ROSTER),
        {slot: _slot(db, table, slot) for slot in columns.slots},
    )
    block_of, held_block = ids >> BITS, columns.held >> BITS
    starts = np.flatnonzero(np.diff(block_of, prepend=-1))  # (ascending: no np.unique)
    for block in sorted(set(rosters) | set(block_of[starts].tolist())):
        low, high = np.searchsorted(block_of, [block, block + 1])
        mine, rows = ids[low:high], kept[low:high]
        start, end = np.searchsorted(held_block, [block, block + 1])
        was = columns.held[start:end]
        roster = (mine & MASK).astype(np.uint8).tobytes()
        if roster != rosters.get(block, b"") or len(was) != len(mine) or (was != mine).any():
            old = _block(db, table, block)
            _write_block(db, table, block, mine.tolist(), columns.values[rows], old)
            continue
        for slot, found in slots.items():
            data = columns.values[rows, slot].tobytes()
            if found.get(block) != data:
                db.execute(named(db, PUT_SQL.format(table=table)), (key(slot, block), data))


def _write_block(
    db: sqlite3.Connection,
    table: str,
    block: int,
    held: Sequence[int],
    values: Floats,
    rows: dict[int, bytes],
) -> None:
    """Block `block` as `held` (ascending) with their peaks (a row each), writing only the rows
    that differ from `rows` (what it held); no rows when no one is held."""
    import numpy as np

    if not held:
        if rows:
            db.execute(named(db, DROP_SQL.format(table=table)), (_keys([block], rows),))
        return
    offsets = (np.asarray(held, np.int64) & MASK).astype(np.uint8).tobytes()
    data = [(ROSTER, offsets)]
    data += [(slot, column.tobytes()) for slot, column in enumerate(np.ascontiguousarray(values.T))]
    db.executemany(
        named(db, PUT_SQL.format(table=table)),
        [(key(slot, block), blob) for slot, blob in data if rows.get(slot) != blob],
    )


def _block(db: sqlite3.Connection, table: str, block: int) -> dict[int, bytes]:
    """A block's rows by slot (none when no one in it is held)."""
    sql = named(db, BLOCK_SQL.format(table=table))
    return dict(db.execute(sql, (_keys([block], range(ROSTER, S_MAX_MONTHS)),)))


def _slot(db: sqlite3.Connection, table: str, slot: int) -> dict[int, bytes]:
    """Every block's row of `slot`, by block."""
    sql = named(db, SLOT_SQL.format(table=table))
    return dict(db.execute(sql, (key(slot, 0), key(slot + 1, 0))))


def of(ids: Ints, values: Floats, wanted: Ints) -> tuple[Ints, Floats]:
    """Of the held `ids` and their peaks, those of the `wanted` people (ascending); no copy
    when all of them are wanted."""
    import numpy as np

    if not len(wanted):
        return ids[:0], values[:0]
    at = np.minimum(np.searchsorted(wanted, ids), len(wanted) - 1)
    keep = wanted[at] == ids
    return (ids, values) if keep.all() else (ids[keep], values[keep])
