"""S as the weekly step stored it (layer_state.strength, as of the layers' instant): read by
those who need everyone's S at the week's instant without working it out again."""

from __future__ import annotations

import sqlite3

from kith.store.layers import INSTANT_KEY, STALE_KEY

WARM_SQL = "SELECT person_id, strength FROM layer_state WHERE strength >= ? ORDER BY person_id"
META_SQL = "SELECT key, value FROM meta WHERE key IN (?, ?)"


def stored_at_least(db: sqlite3.Connection, instant: str, least: float) -> dict[int, float] | None:
    """Every contact whose stored S is at least `least`, when the layers stand at `instant`
    and are not stale (by the layer_state_strength index); None when they are not so."""
    meta = dict(db.execute(META_SQL, (INSTANT_KEY, STALE_KEY)).fetchall())
    if meta.get(INSTANT_KEY) != instant or STALE_KEY in meta:
        return None
    return {int(person): float(s) for person, s in db.execute(WARM_SQL, (least,))}
