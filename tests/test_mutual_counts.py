"""Everyone's mutual counts, counted on arrays for the weekly step, are MUTUALS_SQL's: links
said both ways, relationships, links denied taken out, only contacts counted."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from kith.store import open_store
from kith.store.layers import MUTUALS_SQL

RELATIONS = ("friend", "colleague", "sibling")
KINDS = ("explicit", "knows_well", "co_recipient", "not", "not", "same_organisation")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_mutual_counts_on_arrays_are_the_sql_counts(
    built_demo: Path, tmp_path: Path, seed: int
) -> None:
    path = tmp_path / "kith.db"
    shutil.copy(built_demo, path)
    store = open_store(path)
    try:
        db = store.connection
        rng = random.Random(seed)
        ids = [row[0] for row in db.execute("SELECT id FROM person ORDER BY id")]
        with store.transaction():
            db.execute("UPDATE person SET kind = 'prospect' WHERE id IN (?, ?)", ids[3:5])
            for _ in range(300):
                a, b = sorted(rng.sample(ids, 2))
                db.execute(
                    "INSERT OR IGNORE INTO link (a_id, b_id, kind) VALUES (?, ?, ?)",
                    (a, b, rng.choice(KINDS)),
                )
            for _ in range(60):
                a, b = rng.sample(ids, 2)
                db.execute(
                    "INSERT OR IGNORE INTO relationship (a_id, b_id, type, created_at)"
                    " VALUES (?, ?, ?, '2026-11-01T00:00:00Z')",
                    (a, b, rng.choice(RELATIONS)),
                )
        denied = db.execute("SELECT count(*) FROM link WHERE kind = 'not'").fetchone()[0]
        expected = dict(db.execute(MUTUALS_SQL).fetchall())
        assert denied > 50
        assert store.layers._count_mutuals() == expected
        assert len(expected) > 100
    finally:
        store.close()


def test_no_links_and_no_relationships_count_no_mutuals(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    try:
        assert store.layers._count_mutuals() == {}
    finally:
        store.close()
