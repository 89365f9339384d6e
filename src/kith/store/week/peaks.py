"""The monthly peaks of S stored month-major (issue 15, migration 0049).

A state's peaks (science.md §4: S's highest value in each of the last 60 months, a ring of 60
columns named by meta 'layers.months') are held for the people whose peaks are not all 0, in
blocks of 256 person ids (`person_id >> 8`). A block has a row for its roster (slot −1: the
held people's `person_id & 255`, one byte each, ascending) and a row for each column of the
ring (slot 0 … 59: the roster's peaks in that column, float64 each, in the roster's order).
The rows are keyed (slot, block): a column's rows lie together.

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
    from kith.relate.network import Floats, Ints

BITS = 8  # a block holds the ids sharing person_id >> BITS
MASK = (1 << BITS) - 1  # a person's place in its block
ROSTER = -1  # the slot of a block's roster
ROSTERS_SQL = """
SELECT group_concat(block), group_concat(length(data)), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT block, data FROM {table} WHERE slot = -1{among} ORDER BY block)"""
COLUMNS_SQL = """
SELECT count(*), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT data FROM {table} WHERE slot >= 0{among} ORDER BY slot, block)"""
AMONG = " AND block IN (SELECT value FROM json_each(?))"
BLOCK_SQL = "SELECT slot, data FROM {table} WHERE block = ? ORDER BY slot"
SLOT_SQL = "SELECT block, data FROM {table} WHERE slot = ?"
PUT_SQL = "INSERT OR REPLACE INTO {table} (slot, block, data) VALUES (?, ?, ?)"
DROP_SQL = "DELETE FROM {table} WHERE block = ?"


@dataclass(frozen=True)
class Columns:
    """What a weekly step leaves of the peaks: the state's people (`ids`, ascending) and their
    peaks (`values`, a row each), the people whose peaks the state held before it (`held`,
    as `read` gave them), and the columns (`slots`) it may have changed for those people."""

    ids: Ints
    values: Floats
    held: Ints
    slots: Sequence[int]


def read(
    db: sqlite3.Connection, table: str, among: Sequence[int] | None = None
) -> tuple[Ints, Floats]:
    """The held people (ascending) and their peaks (a row each, a view of the stored bytes),
    of everyone or of the blocks of `among`'s people (the caller keeps whom it wants)."""
    import json

    import numpy as np

    given: tuple[str, ...] = ()
    where = ""
    if among is not None:
        given = (json.dumps(sorted({int(person) >> BITS for person in among})),)
        where = AMONG
    found = db.execute(named(db, ROSTERS_SQL.format(table=table, among=where)), given)
    blocks, lengths, rosters = found.fetchone()
    if not blocks:
        return np.zeros(0, np.int64), np.zeros((0, S_MAX_MONTHS))
    block = np.fromstring(blocks, np.int64, sep=",")
    size = np.fromstring(lengths, np.int64, sep=",")
    ids = np.repeat(block, size) << BITS | np.frombuffer(rosters, np.uint8)
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
            rows = dict(db.execute(named(db, BLOCK_SQL.format(table=table)), (block,)))
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

    kept = columns.values.any(axis=1)
    ids, values = columns.ids[kept], columns.values[kept]
    rosters = dict(db.execute(named(db, SLOT_SQL.format(table=table)), (ROSTER,)))
    slots = {
        slot: dict(db.execute(named(db, SLOT_SQL.format(table=table)), (slot,)))
        for slot in columns.slots
    }
    block_of, held_block = ids >> BITS, columns.held >> BITS
    for block in sorted(set(rosters) | set(np.unique(block_of).tolist())):
        low, high = np.searchsorted(block_of, [block, block + 1])
        mine, own = ids[low:high], values[low:high]
        start, end = np.searchsorted(held_block, [block, block + 1])
        was = columns.held[start:end]
        roster = (mine & MASK).astype(np.uint8).tobytes()
        if roster != rosters.get(block, b"") or len(was) != len(mine) or (was != mine).any():
            old = dict(db.execute(named(db, BLOCK_SQL.format(table=table)), (block,)))
            _write_block(db, table, block, mine.tolist(), own, old)
            continue
        for slot, found in slots.items():
            data = np.ascontiguousarray(own[:, slot]).tobytes()
            if found.get(block) != data:
                db.execute(named(db, PUT_SQL.format(table=table)), (slot, block, data))


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
            db.execute(named(db, DROP_SQL.format(table=table)), (block,))
        return
    offsets = (np.asarray(held, np.int64) & MASK).astype(np.uint8).tobytes()
    data = [(ROSTER, offsets)]
    data += [(slot, column.tobytes()) for slot, column in enumerate(np.ascontiguousarray(values.T))]
    db.executemany(
        named(db, PUT_SQL.format(table=table)),
        [(slot, block, blob) for slot, blob in data if rows.get(slot) != blob],
    )


def of(ids: Ints, values: Floats, wanted: Ints) -> tuple[Ints, Floats]:
    """Of the held `ids` and their peaks, those of the `wanted` people (ascending); no copy
    when all of them are wanted."""
    import numpy as np

    if not len(wanted):
        return ids[:0], values[:0]
    at = np.minimum(np.searchsorted(wanted, ids), len(wanted) - 1)
    keep = wanted[at] == ids
    return (ids, values) if keep.all() else (ids[keep], values[keep])
