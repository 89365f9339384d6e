"""S as the weekly step stored it (layer_strength, migration 0044, as of the layers' instant):
read by those who need everyone's S at the week's instant without working it out again."""

from __future__ import annotations

import sqlite3
from itertools import chain
from typing import TYPE_CHECKING

from kith.store.week.ahead import INSTANT_KEY, STALE_KEY
from kith.store.week.generation import named

if TYPE_CHECKING:  # numpy loads only for the arrays
    import numpy as np
    from numpy.typing import NDArray

WARM_SQL = "SELECT person_id, strength FROM layer_strength WHERE strength >= ? ORDER BY person_id"
META_SQL = "SELECT key, value FROM meta WHERE key IN (?, ?)"


def stored_at_least(db: sqlite3.Connection, instant: str, least: float) -> dict[int, float] | None:
    """Every contact whose stored S is at least `least`, when the layers stand at `instant`
    and are not stale (a scan of the narrow layer_strength); None when they are not so."""
    if not _current(db, instant):
        return None
    return {int(person): float(s) for person, s in db.execute(named(db, WARM_SQL), (least,))}


def stored_arrays_at_least(
    db: sqlite3.Connection, instant: str, least: float
) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
    """`stored_at_least` as two arrays, (people ascending, their S), without a dict."""
    import numpy as np

    if not _current(db, instant):
        return None
    flat = np.fromiter(chain.from_iterable(db.execute(named(db, WARM_SQL), (least,))), np.float64)
    return flat[0::2].astype(np.int64), flat[1::2].copy()


def _current(db: sqlite3.Connection, instant: str) -> bool:
    meta = dict(db.execute(META_SQL, (INSTANT_KEY, STALE_KEY)).fetchall())
    return meta.get(INSTANT_KEY) == instant and STALE_KEY not in meta
