"""The week's gift's prepared inputs (migration 0034): blobs kept under a name with the stamp
they were made at, the stamp being the network's and the facets' versions (bumped by triggers
on every change to people, links, jobs, circles and needs, offers and interests)."""

from __future__ import annotations

import sqlite3

from kith.store.week import strength_blob

STAMP_SQL = "SELECT key, value FROM meta WHERE key IN ('network.version', 'facets.version')"
READ_SQL = "SELECT data FROM gift_input WHERE name = ? AND stamp = ?"
CURRENT_SQL = "SELECT 1 FROM gift_input WHERE name = ? AND stamp = ?"
KEEP_SQL = "INSERT OR REPLACE INTO gift_input (name, stamp, data) VALUES (?, ?, ?)"


def stamp(db: sqlite3.Connection) -> str:
    """What the inputs are made from, as it stands: 'network version/facets version'."""
    found = dict(db.execute(STAMP_SQL).fetchall())
    return f"{found.get('network.version', '0')}/{found.get('facets.version', '0')}"


def kept(db: sqlite3.Connection, name: str, at: str) -> bytes | None:
    """The input kept under `name` when it was made at stamp `at`, else None."""
    row = db.execute(READ_SQL, (name, at)).fetchone()
    return bytes(row[0]) if row else None


def current(db: sqlite3.Connection, name: str, at: str) -> bool:
    """Whether an input is kept under `name` made at stamp `at` (without reading it)."""
    return db.execute(CURRENT_SQL, (name, at)).fetchone() is not None


def keep(db: sqlite3.Connection, name: str, at: str, data: bytes) -> None:
    """Keep an input made at stamp `at` (inside the caller's write)."""
    db.execute(KEEP_SQL, (name, at, data))


# The week's gift chosen ahead (services/mesh/gift_ahead.py, migration 0037): the warm S of the
# step an import prepared, kept, and compared with the layers' S when that week comes.
KEPT_WARM_SQL = "SELECT person_id, strength FROM gift_strength ORDER BY person_id"


def prepared_warm(db: sqlite3.Connection, least: float) -> list[tuple[int, float]]:
    """Each contact's S in the step an import prepared (layer_prepared_strength), when at least
    `least`, by id."""
    return strength_blob.at_least(db, least, strength_blob.PREPARED)


def keep_warm(db: sqlite3.Connection, rows: list[tuple[int, float]]) -> None:
    """Keep the S a gift was chosen with (inside the caller's write), replacing the last."""
    db.execute("DELETE FROM gift_strength")
    db.executemany("INSERT INTO gift_strength (person_id, strength) VALUES (?, ?)", rows)


def same_warm(db: sqlite3.Connection, least: float) -> bool:
    """Whether the layers' S is exactly the kept one for everyone at least `least`: the kept
    rows are, one for one, everyone at least `least` in layer_strength, with the same S."""
    kept = [(int(person), float(s)) for person, s in db.execute(KEPT_WARM_SQL)]
    return bool(kept) and strength_blob.at_least(db, least) == kept
