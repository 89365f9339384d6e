"""Everyone's mutual counts, counted on arrays for the weekly step, are MUTUALS_SQL's: links
said both ways, relationships, links denied taken out, only contacts counted; and everyone's
tie inputs read into arrays are those read row by row."""

from __future__ import annotations

import math
import random
import shutil
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kith.store import Store, open_store
from kith.store.week.layers import KIN_SQL, KIN_TYPES, MUTUALS_SQL, PEOPLE_SQL, People

RELATIONS = ("friend", "colleague", "sibling")
KINDS = ("explicit", "knows_well", "co_recipient", "not", "not", "same_organisation")


def opened_copy(built_demo: Path, tmp_path: Path) -> Store:
    """The built demo network, copied into `tmp_path` and opened."""
    path = tmp_path / "kith.db"
    shutil.copy(built_demo, path)
    return open_store(path)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_mutual_counts_on_arrays_are_the_sql_counts(
    built_demo: Path, tmp_path: Path, seed: int
) -> None:
    store = opened_copy(built_demo, tmp_path)
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


def reference_people(
    store: Store, zone: ZoneInfo, only: list[int] | None = None
) -> dict[str, list[Any]]:
    """Every contact's tie inputs row by row, as the weekly step read them before arrays."""
    db = store.connection
    rows = db.execute(PEOPLE_SQL).fetchall()
    if only is not None:
        rows = [row for row in rows if row[0] in only]
    kin = {row[0] for row in db.execute(KIN_SQL, KIN_TYPES + KIN_TYPES)}
    mutual = dict(db.execute(MUTUALS_SQL).fetchall())
    return {
        "ids": [row[0] for row in rows],
        "kin": [row[0] in kin for row in rows],
        "rating": [None if row[1] is None else float(row[1]) for row in rows],
        "mutual": [mutual.get(row[0], 0) for row in rows],
        "known_since": [
            None
            if not row[2]
            else datetime.combine(date.fromisoformat(row[2][:10]), time(), zone).timestamp()
            for row in rows
        ],
        "pinned": [bool(row[3]) for row in rows],
        "entry": [min(row[4], math.inf if row[5] is None else row[5]) for row in rows],
    }


def as_lists(people: People) -> dict[str, list[Any]]:
    def nans(values: Any) -> list[float | None]:
        return [None if math.isnan(v) else v for v in values.tolist()]

    return {
        "ids": people.ids.tolist(),
        "kin": people.kin.tolist(),
        "rating": nans(people.rating),
        "mutual": people.mutual.tolist(),
        "known_since": nans(people.known_since),
        "pinned": people.pinned.tolist(),
        "entry": people.entry.tolist(),
    }


def test_everyones_tie_inputs_on_arrays_are_those_read_row_by_row(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    zone = ZoneInfo("Pacific/Auckland")
    try:
        with store.transaction():
            store.connection.execute(
                "UPDATE person SET pinned = 1, closeness = 4, known_since = '2019-03-31'"
                " WHERE id IN (SELECT id FROM person ORDER BY id LIMIT 3)"
            )
            people = store.layers.people(zone, keep=True)
        expected = reference_people(store, zone)
        assert as_lists(people) == expected
        assert sum(expected["kin"]) > 0
        assert sum(expected["pinned"]) >= 3
        assert max(expected["mutual"]) > 0
        assert any(r is not None for r in expected["rating"])
        assert as_lists(store.layers.people(zone)) == expected  # from the kept counts
        some = expected["ids"][5:40:3]
        assert as_lists(store.layers.people(zone, only=some)) == reference_people(store, zone, some)
    finally:
        store.close()


def test_the_tie_inputs_of_no_contact_are_empty_even_with_links(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        linked = store.connection.execute("SELECT a_id FROM link LIMIT 1").fetchone()[0]
        with store.transaction():
            store.connection.execute("UPDATE person SET archived = 1 WHERE id = ?", (linked,))
        people = store.layers.people(ZoneInfo("UTC"), only=[linked])
        assert people.ids.tolist() == []
        assert people.mutual.tolist() == []
    finally:
        store.close()


def test_the_mutual_counts_kept_are_read_back_as_counted_and_a_stale_version_is_not_read(
    built_demo: Path, tmp_path: Path
) -> None:
    import base64

    from kith.store.week.layers import MUTUALS_KEY, NETWORK_VERSION_KEY

    store = opened_copy(built_demo, tmp_path)
    try:
        db = store.connection
        counted = store.layers._count_mutuals()
        with store.transaction():
            store.layers.keep_mutuals()
        version = db.execute("SELECT value FROM meta WHERE key = ?", (NETWORK_VERSION_KEY,))
        kept = db.execute("SELECT value FROM meta WHERE key = ?", (MUTUALS_KEY,)).fetchone()[0]
        head, _, body = kept.partition(" ")
        assert head == (version.fetchone() or ["0"])[0]
        flat = list(memoryview(base64.b64decode(body)).cast("q"))
        assert dict(zip(flat[::2], flat[1::2], strict=True)) == counted  # the text as kept
        assert len(counted) > 20
        assert store.layers.mutual_counts() == counted  # read back from it
        with store.transaction():  # kept at another version: counted again, not read
            db.execute(
                "UPDATE meta SET value = '0 AQAAAAAAAAAFAAAAAAAAAA==' WHERE key = ?", (MUTUALS_KEY,)
            )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, '7')", (NETWORK_VERSION_KEY,)
            )
        assert store.layers.mutual_counts() == counted
        with store.transaction():  # kept at this version: read, whatever it holds
            db.execute(
                "UPDATE meta SET value = '7 AQAAAAAAAAAFAAAAAAAAAA==' WHERE key = ?", (MUTUALS_KEY,)
            )
        assert store.layers.mutual_counts() == {1: 5}
    finally:
        store.close()
