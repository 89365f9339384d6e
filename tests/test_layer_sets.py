"""The layers' two states in two fixed sets of tables (issue 15, migration 0047): a promotion
writes meta 'layers.current' and changes no schema; SQL names the tables by what they hold and
`generation.named` puts in the sets' names; the migration keeps both states row for row from a
file whose promotions had swapped the tables' and the indexes' names."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from kith.services.week import plan
from kith.store import open_store
from kith.store.connection import _open_read_only
from kith.store.week import generation
from tests.conftest import Kith, undo_migration_47
from tests.test_week_prepared import (
    NEXT_WEEK,
    first_today_next_week,
    import_one_card,
    rows_hash,
)

OLD_STATE = """
SELECT s.person_id, s.layer, s.above, s.below, s.bound, s.s_max, k.peaks, g.strength
  FROM {state} s JOIN {strength} g ON g.person_id = s.person_id
  LEFT JOIN {peaks} k ON k.person_id = s.person_id
 ORDER BY s.person_id"""
# the prepared state's rows as 0046 named its tables (from 0049 the peaks are month-major: conftest)
PREPARED_STATE = OLD_STATE.format(
    state="layer_prepared", strength="layer_prepared_strength", peaks="layer_prepared_peaks"
)
INDEXES_SQL = (
    "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'layer_%' "
    "AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name"
)


def hashed(rows: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()


def both_sets(connection: sqlite3.Connection) -> list[str]:
    return [
        hashed(connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall())
        for which in generation.SETS
        for table in generation.tables(which)
    ]


def test_the_names_sql_uses_become_the_current_set_s_and_the_other_set_s() -> None:
    sql = (
        "SELECT * FROM layer_state s JOIN layer_strength g JOIN layer_peaks k "
        "JOIN layer_prepared p JOIN layer_prepared_strength q JOIN layer_prepared_peaks r "
        "JOIN layer_prepared_touched t JOIN layer_prepared_rank u JOIN layer_state_a v "
        "JOIN my_layer_state w"
    )
    assert generation.on(sql, "b") == (
        "SELECT * FROM layer_state_b s JOIN layer_strength_b g JOIN layer_peaks_b k "
        "JOIN layer_state_a p JOIN layer_strength_a q JOIN layer_peaks_a r "
        "JOIN layer_prepared_touched t JOIN layer_prepared_rank u JOIN layer_state_a v "
        "JOIN my_layer_state w"
    )
    assert generation.on(sql, "a").startswith(
        "SELECT * FROM layer_state_a s JOIN layer_strength_a g JOIN layer_peaks_a k "
        "JOIN layer_state_b p JOIN layer_strength_b q JOIN layer_peaks_b r "
    )


def test_a_promotion_names_the_other_set_and_a_second_one_names_the_first_again(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    with closing(open_store(db_path)) as store:
        assert generation.current(store.connection) == "a"
        prepared = store.connection.execute(
            generation.named(store.connection, "SELECT * FROM layer_prepared ORDER BY person_id")
        ).fetchall()
        schema = store.connection.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
        rows = both_sets(store.connection)
        with store.transaction():
            store.layers.promote("2026-11-23T00:00:00Z", store.layers.months())
        assert both_sets(store.connection) == rows  # not a row of either set written
        assert generation.current(store.connection) == "b"
        assert store.layers.state()[0][:6] == prepared[0]
        assert (
            store.connection.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
            == schema
        )
        with store.transaction():
            store.layers.promote("2026-11-30T00:00:00Z", store.layers.months())
        assert generation.current(store.connection) == "a"


def test_migration_47_keeps_both_states_from_a_file_whose_promotions_swapped_the_names(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)  # the layers current, and the next Monday prepared
    with closing(open_store(db_path)) as store:
        state = hashed(store.layers.state())
        prepared = hashed(store.layers.state(prepared=True))
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("DELETE FROM schema_migration WHERE version >= 47")
    undo_migration_47(connection)  # the names of 0046
    # as an odd number of promotions left them: each table's index under the other's name
    connection.execute("DROP INDEX layer_state_layer")
    connection.execute("CREATE INDEX layer_prepared_layer ON layer_state(layer)")
    connection.execute("CREATE INDEX layer_state_layer ON layer_prepared(layer)")
    connection.execute("PRAGMA user_version = 46")
    old = OLD_STATE.format(state="layer_state", strength="layer_strength", peaks="layer_peaks")
    assert hashed(connection.execute(old).fetchall()) == state
    assert hashed(connection.execute(PREPARED_STATE).fetchall()) == prepared
    connection.close()
    with closing(open_store(db_path)) as store:  # migrates
        assert generation.current(store.connection) == "a"
        assert hashed(store.layers.state()) == state
        assert hashed(store.layers.state(prepared=True)) == prepared
        assert store.connection.execute(INDEXES_SQL).fetchall() == [
            ("layer_state_a_layer", "layer_state_a"),
            ("layer_state_b_layer", "layer_state_b"),
        ]
    first_today_next_week(db_path)  # promotes what the import prepared
    with closing(open_store(db_path)) as store:
        assert generation.current(store.connection) == "b"


def test_a_read_only_file_whose_current_set_is_b_steps_in_copies_of_that_set(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    first_today_next_week(db_path)  # promoted: set b is the current one
    store = open_store(db_path)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    writable = tmp_path / "writable.db"
    writable.write_bytes(db_path.read_bytes())
    before = db_path.read_bytes()
    later = NEXT_WEEK + timedelta(days=14)  # two Mondays on
    reader = _open_read_only(db_path, str(db_path.resolve()) + "#read-only")
    try:
        assert generation.current(reader.connection) == "b"
        week = plan.this_week(reader, later)
        read_state = rows_hash(reader)
    finally:
        reader.close()
    with closing(open_store(writable)) as store:
        expected = plan.this_week(store, later)
        assert rows_hash(store) == read_state
        assert [p.person.id for p in week.picks] == [p.person.id for p in expected.picks]
    assert db_path.read_bytes() == before
