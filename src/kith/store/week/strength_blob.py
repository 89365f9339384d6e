"""S as one row per state (migration 0048): the ids as int64 and their S as float64, each
little-endian end to end in a blob, the ids ascending, aligned one to one. A weekly step moves
S for nearly everyone (28,536 rows of the narrow table on profile L, ~36 ms of B-tree work and
their pages in the COMMIT): it now writes one row of two ~230 kB blobs.

A person has S in a state when they have a row of its layer_state as well as an id here (the
tables SQL calls layer_strength and layer_prepared_strength, named through
store/week/generation.py). A person deleted leaves their layer_state row by the foreign key's
cascade but their id here until the next write of this state: every reader keeps to the ids
with a layer_state row, as the join with the table of rows did.

The quick reads (`kith list`) see the blobs through `memoryview` casts: no numpy, and no
extension module loaded (array, bisect and heapq are each a shared library to open, a
twentieth of a millisecond apiece); the writers (a step, a replay, a patch, a preparation)
already run with numpy."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, cast

from kith.store.week.generation import named

if TYPE_CHECKING:
    from kith.relate.network import Floats, Ints

CURRENT = "layer_strength"  # the logical names (generation.KINDS, generation.PREPARED)
PREPARED = "layer_prepared_strength"
READ_SQL = "SELECT ids, strength FROM {table} WHERE one = 1"
# An UPDATE of the row where there is one, not INSERT OR REPLACE: a REPLACE's delete fires no
# trigger (without recursive_triggers), so an undo journal (store/journal.py) would take the
# insert back by deleting the row, not by putting the old S back.
UPDATE_SQL = "UPDATE {table} SET ids = ?, strength = ? WHERE one = 1"
INSERT_SQL = "INSERT INTO {table} (one, ids, strength) VALUES (1, ?, ?)"
CLEAR_SQL = "DELETE FROM {table}"
STATE_IDS_SQL = {CURRENT: "layer_state", PREPARED: "layer_prepared"}
SECURE_DELETE = ("OFF", "ON", "FAST")  # PRAGMA secure_delete's values, as it reads them back
_SWAP = sys.byteorder != "little"


def blobs(db: sqlite3.Connection, table: str = CURRENT) -> tuple[bytes, bytes]:
    """The two blobs of `table` (a logical name) as stored; empty when no row is."""
    row = db.execute(named(db, READ_SQL.format(table=table))).fetchone()
    return (b"", b"") if row is None else (bytes(row[0]), bytes(row[1]))


def unpacked(ids: bytes, strength: bytes) -> tuple[Sequence[int], Sequence[float]]:
    """The blobs as sequences of numbers (no numpy): views of the bytes as they are, or on a
    big-endian machine `array`s swapped."""
    if _SWAP:
        from array import array

        people, s = array("q", ids), array("d", strength)
        people.byteswap()
        s.byteswap()
        return people, s
    return memoryview(ids).cast("q"), cast(Sequence[float], memoryview(strength).cast("d"))


def read(db: sqlite3.Connection, table: str = CURRENT) -> tuple[Sequence[int], Sequence[float]]:
    """The ids and S of `table` as stored (ids with no layer_state row included)."""
    return unpacked(*blobs(db, table))


def position(ids: Sequence[int], person: int) -> int | None:
    """Where `person` is in the ascending `ids`, if there (a bisection: no module to load)."""
    low, high = 0, len(ids)
    while low < high:
        middle = (low + high) // 2
        if ids[middle] < person:
            low = middle + 1
        else:
            high = middle
    return low if low < len(ids) and ids[low] == person else None


def read_arrays(db: sqlite3.Connection, table: str = CURRENT) -> tuple[Ints, Floats]:
    """`read` as numpy arrays (copies, for a writer to change)."""
    import numpy as np

    ids, strength = blobs(db, table)
    return np.frombuffer(ids, "<i8").astype(np.int64), np.frombuffer(strength, "<f8").astype(
        np.float64
    )


def packed(ids: Sequence[int], strength: Sequence[float]) -> tuple[bytes, bytes]:
    """ids and S as the two blobs (no numpy): what a migration packs."""
    from array import array

    people, s = array("q", ids), array("d", strength)
    if _SWAP:
        people.byteswap()
        s.byteswap()
    return people.tobytes(), s.tobytes()


def write_arrays(db: sqlite3.Connection, table: str, ids: Ints, strength: Floats) -> None:
    """Store ids (ascending) and their S as `table`'s one row. The blobs it replaces are freed
    without zeroing their pages (secure_delete FAST for the statement), where a SQLite built
    with SECURE_DELETE (Debian's, the usual Linux Python's) wrote ~110 pages of zeros on
    profile L into the WAL and then the file: a fifth of the pages a cold week's first command
    writes. What those pages keep until SQLite reuses them is the state's previous S (of a
    person deleted since too), as every SQLite built without SECURE_DELETE (the default
    elsewhere) keeps it; every other delete zeroes as the connection's setting says."""
    import numpy as np

    # + 0.0 turns −0.0 into 0.0, as a REAL column stored it (a whole number on disk)
    given = (np.asarray(ids, "<i8").tobytes(), (np.asarray(strength, "<f8") + 0.0).tobytes())
    secure = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = FAST")
    try:
        if not db.execute(named(db, UPDATE_SQL.format(table=table)), given).rowcount:
            db.execute(named(db, INSERT_SQL.format(table=table)), given)
    finally:
        db.execute(f"PRAGMA secure_delete = {SECURE_DELETE[secure]}")


def write(
    db: sqlite3.Connection,
    table: str,
    put: Iterable[tuple[int, float]] = (),
    updates: Iterable[tuple[float, int]] = (),
    gone: Sequence[int] = (),
    clear: bool = False,
) -> None:
    """What the table of rows took as statements, on the blob: the rows of `gone` deleted, then
    each (person, S) of `put` inserted or replaced (a later one over an earlier), then each
    (S, person) of `updates` set where the person has S (an UPDATE of no row does nothing);
    `clear`: from nothing (the table emptied first)."""
    import numpy as np

    from kith.store.week.layers import positions

    if clear:
        ids, strength = np.zeros(0, np.int64), np.zeros(0)
    else:
        ids, strength = read_arrays(db, table)
    if len(gone):
        kept = ~np.isin(ids, np.asarray(gone, np.int64))
        ids, strength = ids[kept], strength[kept]
    new = dict(put)  # the last of each person's wins, as INSERT OR REPLACE in turn
    if new:
        new_ids = np.fromiter(new, np.int64, len(new))
        kept = ~np.isin(ids, new_ids)
        ids = np.concatenate([ids[kept], new_ids])
        strength = np.concatenate([strength[kept], np.fromiter(new.values(), np.float64)])
        order = np.argsort(ids, kind="stable")
        ids, strength = ids[order], strength[order]
    changed = {person: s for s, person in updates}
    if changed:
        at, known = positions(ids, np.fromiter(changed, np.int64, len(changed)))
        strength[at] = np.fromiter(changed.values(), np.float64, len(changed))[known]
    if not clear and not len(gone) and not new and not changed:
        return  # nothing to write
    write_arrays(db, table, ids, strength)


def with_state(db: sqlite3.Connection, table: str, wanted: Sequence[int]) -> set[int]:
    """Which of `wanted` have a row of the layer_state beside `table`."""
    import json

    sql = named(
        db,
        f"SELECT person_id FROM {STATE_IDS_SQL[table]} "
        "WHERE person_id IN (SELECT value FROM json_each(?))",
    )
    return {int(person) for (person,) in db.execute(sql, (json.dumps(list(wanted)),))}


def at_least(db: sqlite3.Connection, least: float, table: str = CURRENT) -> list[tuple[int, float]]:
    """(person, S) of everyone with S at least `least` in `table`, by id: what
    `SELECT person_id, strength FROM layer_strength WHERE strength >= ? ORDER BY person_id`
    read from the table of rows."""
    ids, strength = read(db, table)
    found = [(person, s) for person, s in zip(ids, strength, strict=True) if s >= least]
    present = with_state(db, table, [person for person, _ in found])
    return [(person, s) for person, s in found if person in present]


def from_rows(db: sqlite3.Connection, run: Callable[[], None]) -> None:
    """Migration 0048's step: each set's rows of S read, the migration's statements `run` (the
    tables of rows dropped, those of one row made), and the rows written packed into that row:
    the same float64 bits, in id order."""
    from kith.store.week.generation import SETS

    held = {
        which: db.execute(
            f"SELECT person_id, strength FROM layer_strength_{which} ORDER BY person_id"
        ).fetchall()
        for which in SETS
    }
    run()
    for which, rows in held.items():
        if rows:
            ids, strength = packed([r[0] for r in rows], [float(r[1]) for r in rows])
            db.execute(
                f"INSERT INTO layer_strength_{which} (one, ids, strength) VALUES (1, ?, ?)",
                (ids, strength),
            )
