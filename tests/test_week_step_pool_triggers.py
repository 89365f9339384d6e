"""The week's pool reads a layer row's layer and S_max, never S (issue 15, migration 0042): a
weekly step's updates of S alone name no one for the pool's rows to be read again, and cost no
trigger's work, while an update of a layer or of S_max still names its person — in both sets of
the layers' tables (migration 0047), before and after `promote` makes the other set current."""

from __future__ import annotations

from pathlib import Path

from kith.store import Store, open_store
from kith.store.week import generation
from tests.conftest import Kith


def touched_by(store: Store, table: str, assignment: str, key: str = "person_id") -> list[int]:
    """The people named after one update of `table`'s first row (by `key`), with a pool kept."""
    db = store.connection
    with store.transaction():
        db.execute("DELETE FROM plan_pool_touched")
        db.execute("DELETE FROM plan_pool_prepared")
        db.execute("INSERT INTO plan_pool_prepared VALUES (1, 'stamp', 'before', x'00')")
        (person,) = db.execute(f"SELECT min({key}) FROM {table}").fetchone()
        db.execute(f"UPDATE {table} SET {assignment} WHERE {key} = ?", (person,))
        named = [row[0] for row in db.execute("SELECT person_id FROM plan_pool_touched")]
        db.execute("DELETE FROM plan_pool_prepared")
        db.execute("DELETE FROM plan_pool_touched")
    return [p - person for p in named]  # 0: the person updated


def test_an_update_of_s_alone_names_no_one_and_one_of_a_layer_or_s_max_names_its_person(
    demo: Kith, db_path: Path
) -> None:
    demo("today")  # the layers current at the data's clock
    store = open_store(db_path)
    try:
        with store.transaction():  # the prepared tables hold a copy of the state's rows
            for table in generation.KINDS:
                prepared = generation.PREPARED[table]
                copy = f"INSERT INTO {prepared} SELECT * FROM {table}"
                store.connection.execute(generation.named(store.connection, copy))
        for _ in range(2):  # as made, then with the other set current, as `promote` leaves it
            for which in generation.SETS:
                table, strength, peaks = generation.tables(which)  # S and the peaks apart (0044)
                # S: one row of blobs (0048), written whole by a step
                s_written = "strength = zeroblob(length(strength))"
                assert touched_by(store, strength, s_written, key="one") == []
                assert touched_by(store, peaks, "data = x'00'", key="key") == []  # (0049)
                assert touched_by(store, table, "s_max = s_max + 0.5") == [0]
                assert touched_by(store, table, "layer = 'L7'") == [0]
                assert touched_by(store, table, "above_since = above_since + 1") == []
            with store.transaction():
                store.layers.promote("2026-11-23T00:00:00Z", [])
    finally:
        store.close()
