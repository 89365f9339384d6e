"""S as the weekly step stored it (layer_strength, one row of blobs since migration 0048, as of the
layers' instant):
read by those who need everyone's S at the week's instant without working it out again."""

from __future__ import annotations

import sqlite3
from itertools import chain
from typing import TYPE_CHECKING

from kith.store.week import strength_blob
from kith.store.week.ahead import INSTANT_KEY, STALE_KEY

if TYPE_CHECKING:  # numpy loads only for the arrays
    import numpy as np
    from numpy.typing import NDArray

META_SQL = "SELECT key, value FROM meta WHERE key IN (?, ?)"


def stored_at_least(db: sqlite3.Connection, instant: str, least: float) -> dict[int, float] | None:
    """Every contact whose stored S is at least `least`, when the layers stand at `instant`
    and are not stale (strength_blob.at_least); None when they are not so."""
    if not _current(db, instant):
        return None
    return dict(strength_blob.at_least(db, least))


def stored_arrays_at_least(
    db: sqlite3.Connection, instant: str, least: float
) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
    """`stored_at_least` as two arrays, (people ascending, their S), without a dict."""
    import numpy as np

    if not _current(db, instant):
        return None
    found = strength_blob.at_least(db, least)
    flat = np.fromiter(chain.from_iterable(found), np.float64, 2 * len(found))
    return flat[0::2].astype(np.int64), flat[1::2].copy()


def _current(db: sqlite3.Connection, instant: str) -> bool:
    meta = dict(db.execute(META_SQL, (INSTANT_KEY, STALE_KEY)).fetchall())
    return meta.get(INSTANT_KEY) == instant and STALE_KEY not in meta
