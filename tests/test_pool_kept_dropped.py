"""Migration 0055: the week's pool rows kept ahead (0041) dropped, with every trigger that named
the people written since (0041, 0042, 0054) and meta 'layers.promoted', and the rest of the
schema and every other row as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from kith.store import migrations
from kith.store.connection import APPLICATION_ID, open_store
from reliability import schema_versions

POOL_KEPT = "name LIKE 'plan\\_pool\\_%' ESCAPE '\\'"


def schema(connection: sqlite3.Connection, where: str) -> list[tuple[str, str, str, str]]:
    return connection.execute(
        f"SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE {where} ORDER BY type, name"
    ).fetchall()


def every_row(connection: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows but the pool's kept ones, in rowid order (meta's but 'layers.promoted')."""
    tables = connection.execute(
        f"SELECT name FROM sqlite_schema WHERE type = 'table' AND NOT {POOL_KEPT} "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    )
    found = {}
    for (table,) in tables.fetchall():
        found[table] = connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    found["meta"] = [row for row in found["meta"] if row[0] != "layers.promoted"]
    return found


def test_migration_55_drops_the_pool_kept_and_its_triggers_and_keeps_everything_else(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v0054.db"
    schema_versions.load(schema_versions.fixture_path(54), path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(  # a pool kept, as a preparation left it, and the step it was for
        "INSERT INTO plan_pool_prepared (id, stamp, silent_before, data) VALUES (1, 's', 'x', x'')"
    )
    connection.execute("INSERT INTO meta (key, value) VALUES ('layers.promoted', 's')")
    pool = schema(connection, POOL_KEPT)
    assert [(kind, name) for kind, name, _, _ in pool if kind == "table"] == [
        ("table", "plan_pool_prepared"),
        ("table", "plan_pool_touched"),
    ]
    assert len([name for kind, name, _, _ in pool if kind == "trigger"]) == 15
    others, rows = schema(connection, f"NOT {POOL_KEPT}"), every_row(connection)
    assert len(rows["person"]) >= 2

    migrations.migrate(connection, path, APPLICATION_ID, upto=55)

    assert schema(connection, POOL_KEPT) == []
    assert schema(connection, "sql LIKE '%plan\\_pool%' ESCAPE '\\'") == []
    assert schema(connection, f"NOT {POOL_KEPT}") == others
    after = every_row(connection)
    applied = after["schema_migration"]
    assert [row[:2] for row in applied[len(rows["schema_migration"]) :]] == [
        (55, "pool_kept_dropped")
    ]
    after["schema_migration"] = applied[: len(rows["schema_migration"])]
    assert after == rows
    found = connection.execute("SELECT count(*) FROM meta WHERE key = 'layers.promoted'")
    assert found.fetchone() == (0,)
    # a write of a person, which ran the pool's triggers, still goes through
    connection.execute("UPDATE person SET pinned = 1 WHERE id = ?", (rows["person"][0][0],))
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_a_new_database_has_no_pool_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    found = store.connection.execute(f"SELECT name FROM sqlite_schema WHERE {POOL_KEPT}")
    assert found.fetchall() == []
    store.close()
