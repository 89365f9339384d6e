"""Migration 0054: the layer's CHECK of both sets of layer_state as seven comparisons, which pass
and refuse exactly the values `layer IN ('L1', …, 'L7')` did, with the rows, the index and the
pool's triggers kept."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from kith.store import migrations
from kith.store.connection import APPLICATION_ID, open_store

FIXTURE_52 = Path(__file__).parent / "fixtures" / "schema" / "v0052.db.gz"
OLD_CHECK = "CHECK (layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'))"
# every layer, and values near one: other text, a blob of a layer's bytes, numbers, NULL
VALUES: list[Any] = [f"L{k}" for k in range(0, 9)] + [
    "l1",
    "L1 ",
    " L1",
    "",
    "L",
    "L10",
    "L07",
    "L1\x00",
    "1",
    b"L1",
    b"L7",
    1,
    7,
    1.0,
    None,
]


def accepted(connection: sqlite3.Connection, table: str, person: int, value: Any) -> bool:
    """Whether a row with this layer goes into `table` (taken back either way)."""
    connection.execute("SAVEPOINT trying")
    try:
        connection.execute(f"INSERT INTO {table} (person_id, layer) VALUES (?, ?)", (person, value))
    except sqlite3.IntegrityError:
        return False
    finally:
        connection.execute("ROLLBACK TO trying")
        connection.execute("RELEASE trying")
    return True


def test_the_compared_check_passes_and_refuses_what_the_in_list_did(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    db = store.connection
    person = store.people.insert(uid="ada", name="Ada", name_key="ada", now="2026-01-01T00:00:00Z")
    old = sqlite3.connect(":memory:", isolation_level=None)
    old.execute(f"CREATE TABLE layer_old (person_id INTEGER, layer TEXT NOT NULL {OLD_CHECK})")
    schema = dict(
        db.execute(
            "SELECT name, sql FROM sqlite_schema WHERE name IN ('layer_state_a', 'layer_state_b')"
        ).fetchall()
    )
    assert "IN (" not in schema["layer_state_a"]
    assert "IN (" not in schema["layer_state_b"]
    wanted = [accepted(old, "layer_old", 1, value) for value in VALUES]
    assert wanted == [False] + [True] * 7 + [False] * (len(VALUES) - 8)
    for table in ("layer_state_a", "layer_state_b"):
        assert [accepted(db, table, person, value) for value in VALUES] == wanted
    store.close()


def test_migration_54_keeps_the_rows_the_index_and_the_pools_triggers(tmp_path: Path) -> None:
    path = tmp_path / "v0052.db"
    with gzip.open(FIXTURE_52) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    people = [row[0] for row in connection.execute("SELECT id FROM person ORDER BY id")]
    for k, table in enumerate(("layer_state_a", "layer_state_b")):
        connection.executemany(
            f"INSERT OR REPLACE INTO {table} "
            "(person_id, layer, above_since, below_since, bound, s_max) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (p, f"L{(p + k) % 7 + 1}", p * 3 % 5, 105_700 + p, None if p % 2 else "L4", p / 7)
                for p in people
            ],
        )

    def objects() -> list[tuple[str, str, str]]:
        return connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_schema "
            "WHERE tbl_name IN ('layer_state_a', 'layer_state_b') ORDER BY name"
        ).fetchall()

    def rows() -> list[list[tuple[Any, ...]]]:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY person_id").fetchall()
            for table in ("layer_state_a", "layer_state_b")
        ]

    before, kept = objects(), rows()
    assert len(kept[0]) == len(people) >= 2
    migrations.migrate(connection, path, APPLICATION_ID, upto=54)
    assert objects() == before
    assert rows() == kept
    assert [row[1] for row in connection.execute("PRAGMA index_list(layer_state_a)")] == [
        "layer_state_a_layer"
    ]
    # the pool's triggers still note a layer row's person while a pool is kept
    connection.execute(
        "INSERT INTO plan_pool_prepared (id, stamp, silent_before, data) VALUES (1, 's', 'x', x'')"
    )
    connection.execute("DELETE FROM plan_pool_touched")
    connection.execute("UPDATE layer_state_a SET s_max = 9.5 WHERE person_id = ?", (people[0],))
    connection.execute("DELETE FROM layer_state_b WHERE person_id = ?", (people[1],))
    touched = connection.execute("SELECT person_id FROM plan_pool_touched ORDER BY person_id")
    assert [row[0] for row in touched] == sorted(people[:2])
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
