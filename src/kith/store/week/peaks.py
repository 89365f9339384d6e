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

A block also keeps "the rest's max" (slot 60, migration 0053): the month it was made for (as
float64), then each of the roster's highest peak in the ring's OTHER columns valid in that month
(relate/month_peaks.py). S_max in that month is max(rest, the month's column), so a step within
the month of the ring's newest column reads the rosters', that column's and the rests' rows
(`read_month`: ~0.7 MB on profile L, not the ring's ~14 MB). Every writer keeps a block's rest
right or drops it: `put_columns` makes it for the step's month (a block's whole rows written
from its stored rows and the month's column when the step read no more), `put` makes it when
given the ring and drops it otherwise; a block without a rest of the month is read whole and
its rest made, and where one cannot stand for everyone (a peak below 0, NaN, or not 0 in a
column not valid), the caller reads the whole ring.

A block may hold a person whose layer_state row has gone (a person deleted: their state rows
go by cascade, not these): readers keep only the people their state holds, and the step writes
the block whole when its roster is not what the state held."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kith.relate.strength import S_MAX_MONTHS
from kith.store.week.generation import named

if TYPE_CHECKING:
    from kith.relate.network import Bools, Floats, Ints

BITS = 8  # a block holds the ids sharing person_id >> BITS
MASK = (1 << BITS) - 1  # a person's place in its block
ROSTER = -1  # the slot of a block's roster
REST = S_MAX_MONTHS  # the slot of a block's rest's max (its month, then a float64 a person)
SHIFT = 48  # a row's key: (slot + 1) · 2⁴⁸ + block, for ids from 0 below 2⁵⁶
BLOCKS = 1 << SHIFT
RESTS = (REST + 1) << SHIFT  # the first key of the rests' rows
ROSTERS_SQL = f"""
SELECT group_concat(key), group_concat(length(data)), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT key, data FROM {{table}} WHERE key < {BLOCKS}{{among}} ORDER BY key)"""
COLUMNS_SQL = f"""
SELECT count(*), CAST(group_concat(data, x'') AS BLOB)
  FROM (SELECT data FROM {{table}} WHERE key >= {BLOCKS} AND key < {RESTS}{{among}} ORDER BY key)"""
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
    those people; the ring (`months`, none: no rest's max is kept) and, when the step read
    only its month's column (relate/month_peaks.py), everyone's rest's max (`rest`: then
    `values` holds that column alone). (No copy of the rows: ~14 MB on profile L, whose first
    touch costs more than the writes.)"""

    ids: Ints
    values: Floats
    state: Bools
    held: Ints
    slots: Sequence[int]
    months: Sequence[int] = ()
    rest: Floats | None = None


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


def read_month(
    db: sqlite3.Connection, table: str, months: Sequence[int], month: int
) -> tuple[Ints, Floats, Floats] | None:
    """For a step within `month` (the newest of the ring `months`): the held people
    (ascending), their peaks in the month's column and their rest's max in it — the rosters',
    the column's and the rests' rows. A block whose rest's max is missing or of another month
    is read whole and its rest's max made; None when one cannot be (relate/month_peaks.py
    `rest_of`: the caller reads the whole ring)."""
    import numpy as np

    from kith.relate.month_peaks import rest_of

    column = month % S_MAX_MONTHS
    rosters, found, rests = (_slot(db, table, slot) for slot in (ROSTER, column, REST))
    ids, values, rest = [], [], []
    for block, roster in rosters.items():
        people = (block << BITS) + np.frombuffer(roster, np.uint8).astype(np.int64)
        kept = np.frombuffer(rests.get(block, b""), np.float64)
        data = found.get(block, b"")
        if len(kept) == len(people) + 1 and kept[0] == month and len(data) == 8 * len(people):
            values.append(np.frombuffer(data, np.float64))
            rest.append(kept[1:])
        else:
            whole = _values(_block(db, table, block), len(people), table)
            made, eligible = rest_of(whole, months, month)
            if not eligible.all():
                return None
            values.append(whole[:, column])
            rest.append(made)
        ids.append(people)
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    return np.concatenate(ids), np.concatenate(values), np.concatenate(rest)


def make_rests(db: sqlite3.Connection, run: Callable[[], None]) -> None:
    """Migration 0053's step: its statements `run`, then each set's rest's max rows made for
    the newest month of its ring (the current set's: meta 'layers.months'; the prepared
    set's: meta 'layers.prepared', when one is kept)."""
    import json

    from kith.store.week.ahead import PREPARED_KEY
    from kith.store.week.generation import current, other

    run()
    which = current(db)
    rings = {}
    for name, kept in db.execute(
        "SELECT key, value FROM meta WHERE key IN ('layers.months', ?)", (PREPARED_KEY,)
    ):
        if name == PREPARED_KEY:  # a stamp without its ring: no rows made (read whole)
            stamp = json.loads(kept)
            months = stamp.get("months") if isinstance(stamp, dict) else None
            if isinstance(months, list):
                rings[other(which)] = [int(month) for month in months]
        else:
            rings[which] = [int(month) for month in kept.split()]
    for found, ring in rings.items():
        keep_rests(db, f"layer_peaks_{found}", ring)


def keep_rests(db: sqlite3.Connection, table: str, months: Sequence[int]) -> None:
    """Every block's rest's max row for the newest month of the ring `months`, where one can
    stand for everyone in the block (the blocks read whole)."""
    import numpy as np

    ids, values = read(db, table)
    block_of = ids >> BITS
    starts = np.flatnonzero(np.diff(block_of, prepend=-1)).tolist()
    for low, high in zip(starts, starts[1:] + [len(ids)] * bool(starts), strict=True):
        made = _rest(values[low:high], months)
        if made is not None:
            put_sql = named(db, PUT_SQL.format(table=table))
            db.execute(put_sql, (key(REST, int(block_of[low])), made))


def put(
    db: sqlite3.Connection,
    table: str,
    peaks: Iterable[tuple[int, bytes | None]],
    fresh: bool = False,
    months: Sequence[int] = (),
) -> None:
    """Each person's peaks (60 float64), or None: all 0, not held. `fresh`: the table is
    empty (no block is read first). A block written keeps its rest's max for the newest month
    of the ring `months` when given, else loses it (a step reads that block whole)."""
    import numpy as np

    blocks: dict[int, list[tuple[int, bytes | None]]] = {}
    for person, blob in peaks:
        blocks.setdefault(person >> BITS, []).append((person, blob))
    for block, changes in blocks.items():
        before: dict[int, bytes] = {}
        rows: dict[int, bytes] = {}
        if not fresh:
            rows = _block(db, table, block)
        if ROSTER in rows:
            ids = (block << BITS) + np.frombuffer(rows[ROSTER], np.uint8).astype(np.int64)
            stacked = _values(rows, len(ids), table)
            before = dict(zip(ids.tolist(), (row.tobytes() for row in stacked), strict=True))
        for person, blob in changes:
            if blob is None:
                before.pop(person, None)
            else:
                before[person] = blob
        held = sorted(before)
        values = np.frombuffer(b"".join(before[person] for person in held), np.float64)
        values = values.reshape(len(held), S_MAX_MONTHS)
        rest = _rest(values, months)
        _write_block(db, table, block, held, values, rows, rest)


def put_columns(db: sqlite3.Connection, table: str, columns: Columns) -> None:
    """A weekly step's peaks: the state's people's peaks as `columns` gives them, the people
    whose peaks are all 0 not held. A block whose roster stays what it was (and what the state
    held) has only `columns.slots`' rows written, where they changed, and its rest's max; any
    other, all its rows (from its rows as stored and the month's column, when the step read that
    column alone)."""
    import numpy as np

    month = max(columns.months, default=-1)
    column = month % S_MAX_MONTHS
    if columns.rest is None:
        nonzero = columns.values.any(axis=1)
        rest, eligible = _rests(columns.values, columns.months, month)
    else:
        rest, eligible = columns.rest, None
        nonzero = (rest > 0.0) | (columns.values[:, column] != 0.0)
    kept = np.flatnonzero(columns.state & nonzero)
    ids = columns.ids[kept]
    rosters, slots, rests = (
        _slot(db, table, ROSTER),
        {slot: _slot(db, table, slot) for slot in columns.slots},
        _slot(db, table, REST),
    )
    block_of, held_block = ids >> BITS, columns.held >> BITS
    starts = np.flatnonzero(np.diff(block_of, prepend=-1))  # (ascending: no np.unique)
    for block in sorted(set(rosters) | set(block_of[starts].tolist())):
        low, high = np.searchsorted(block_of, [block, block + 1])
        mine, rows = ids[low:high], kept[low:high]
        made = None
        if rest is not None and (eligible is None or eligible[rows].all()):
            made = _rest_row(month, rest[rows])
        start, end = np.searchsorted(held_block, [block, block + 1])
        was = columns.held[start:end]
        roster = (mine & MASK).astype(np.uint8).tobytes()
        if roster != rosters.get(block, b"") or len(was) != len(mine) or (was != mine).any():
            old = _block(db, table, block)
            if columns.rest is None:
                values = columns.values[rows]
            else:  # the month's column on the block's rows as stored (0 for those not held)
                values = _stored_values(block, old, mine, table)
                values[:, column] = columns.values[rows, column]
            _write_block(db, table, block, mine.tolist(), values, old, made)
            continue
        for slot, found in slots.items():
            data = columns.values[rows, slot].tobytes()
            if found.get(block) != data:
                db.execute(named(db, PUT_SQL.format(table=table)), (key(slot, block), data))
        if made is None and block in rests:
            db.execute(named(db, DROP_SQL.format(table=table)), (_keys([block], [REST]),))
        elif made is not None and rests.get(block) != made:
            db.execute(named(db, PUT_SQL.format(table=table)), (key(REST, block), made))


def _rests(values: Floats, months: Sequence[int], month: int) -> tuple[Floats | None, Bools | None]:
    """Everyone's rest's max in `month` from the whole ring, and whom it may stand for; none
    without a ring (none, or not one of S_MAX_MONTHS columns)."""
    if month < 0 or len(months) != S_MAX_MONTHS:
        return None, None
    from kith.relate.month_peaks import rest_of

    return rest_of(values, months, month)


def _rest(values: Floats, months: Sequence[int]) -> bytes | None:
    """A block's rest's max row for the newest month of `months`, of the peaks `values` (a row
    each); None without a ring or when it cannot stand for someone."""
    month = max(months, default=-1)
    rest, eligible = _rests(values, months, month)
    if rest is None or eligible is None or not eligible.all():
        return None
    return _rest_row(month, rest)


def _rest_row(month: int, rest: Floats) -> bytes:
    """A rest's max row: the month (as float64), then the rest's max of each of the roster."""
    import numpy as np

    return np.float64(month).tobytes() + np.ascontiguousarray(rest, np.float64).tobytes()


def _values(rows: dict[int, bytes], n: int, table: str) -> Floats:
    """A block's peaks from its rows (`n` held), a row each."""
    import numpy as np

    try:
        stacked = np.stack(
            [np.frombuffer(rows[slot], np.float64) for slot in range(S_MAX_MONTHS)], axis=1
        )
    except (KeyError, ValueError) as error:
        raise sqlite3.DatabaseError(f"{table}: a block's rows do not match its roster") from error
    if stacked.shape != (n, S_MAX_MONTHS):
        raise sqlite3.DatabaseError(f"{table}: a block's rows do not match its roster")
    return stacked


def _stored_values(block: int, rows: dict[int, bytes], mine: Ints, table: str) -> Floats:
    """The stored peaks of `mine` (ascending, in `block`) from the block's rows, a row each
    (a copy; 0 for those not held)."""
    import numpy as np

    values = np.zeros((len(mine), S_MAX_MONTHS))
    if ROSTER not in rows:
        return values
    held = (block << BITS) + np.frombuffer(rows[ROSTER], np.uint8).astype(np.int64)
    stored = _values(rows, len(held), table)
    at = np.searchsorted(held, mine)
    found = at < len(held)
    found[found] = held[at[found]] == mine[found]
    values[found] = stored[at[found]]
    return values


def _write_block(
    db: sqlite3.Connection,
    table: str,
    block: int,
    held: Sequence[int],
    values: Floats,
    rows: dict[int, bytes],
    rest: bytes | None = None,
) -> None:
    """Block `block` as `held` (ascending) with their peaks (a row each) and their rest's max
    row `rest` (none: not kept), writing only the rows that differ from `rows` (what it held);
    no rows when no one is held."""
    import numpy as np

    if not held:
        if rows:
            db.execute(named(db, DROP_SQL.format(table=table)), (_keys([block], rows),))
        return
    offsets = (np.asarray(held, np.int64) & MASK).astype(np.uint8).tobytes()
    data = [(ROSTER, offsets)]
    data += [(slot, column.tobytes()) for slot, column in enumerate(np.ascontiguousarray(values.T))]
    if rest is not None:
        data.append((REST, rest))
    elif REST in rows:
        db.execute(named(db, DROP_SQL.format(table=table)), (_keys([block], [REST]),))
    db.executemany(
        named(db, PUT_SQL.format(table=table)),
        [(key(slot, block), blob) for slot, blob in data if rows.get(slot) != blob],
    )


def _block(db: sqlite3.Connection, table: str, block: int) -> dict[int, bytes]:
    """A block's rows by slot, its rest's max's among them if kept (none when no one in it is
    held)."""
    sql = named(db, BLOCK_SQL.format(table=table))
    return dict(db.execute(sql, (_keys([block], range(ROSTER, REST + 1)),)))


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
