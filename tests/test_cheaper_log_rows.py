"""Migration 0031 (issue 14): the ledger's partial index and its trigger on new participants ask
`kind <> 'checkin'` instead of an IN list SQLite rebuilds for every row written; migrated from
the version before, the ledger's totals and counts are what they were, and keep up with new rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.mesh.ledger import PEOPLE_COUNTS_SQL, TOTAL_COLUMNS

STAMP = "2026-11-21T10:00:00Z"
KINDS = ["checkin", "give", "ask", "thanks", "intro", "checkin", "give"]


def logged(connection: sqlite3.Connection, first: int, kinds: list[str], person: int) -> None:
    for offset, kind in enumerate(kinds):
        interaction = first + offset
        connection.execute(
            "INSERT INTO interaction (id, at, channel, direction, kind, summary, source, "
            "source_id, created_at) VALUES (?, ?, 'message', 'out', ?, 'x', 'manual', ?, ?)",
            (interaction, STAMP, kind, f"m{interaction}", STAMP),
        )
        connection.execute(
            "INSERT INTO participant (interaction_id, person_id) VALUES (?, ?)",
            (interaction, person),
        )


def totals(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    columns = ", ".join(TOTAL_COLUMNS)
    return connection.execute(
        f"SELECT person_id, {columns} FROM ledger_total ORDER BY person_id"
    ).fetchall()


def test_migration_31_keeps_the_ledger_and_writes_ledger_rows_as_before(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=30)
    for pid in (1, 2):
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'contact', ?, ?)",
            (pid, f"u-{pid}", f"P{pid}", f"p{pid}", STAMP, STAMP),
        )
    logged(connection, 1, KINDS, 1)
    before = (totals(connection), connection.execute(PEOPLE_COUNTS_SQL).fetchall())
    assert before[0] == [(1, 2, 0, 1, 0, 1, 0, 1, 0)]
    migrations.migrate(connection, path, APPLICATION_ID, upto=31)
    assert (totals(connection), connection.execute(PEOPLE_COUNTS_SQL).fetchall()) == before
    logged(connection, 100, KINDS, 2)  # through the new trigger
    assert totals(connection) == [(1, 2, 0, 1, 0, 1, 0, 1, 0), (2, 2, 0, 1, 0, 1, 0, 1, 0)]
    index = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'interaction_ledger'"
    ).fetchone()[0]
    assert index.endswith("WHERE kind <> 'checkin'")
    ledger_rows = connection.execute(
        "SELECT count(*) FROM interaction INDEXED BY interaction_ledger WHERE kind <> 'checkin'"
    ).fetchone()[0]
    assert ledger_rows == 10
    connection.close()
    store = open_store(path)
    try:
        plan = " ".join(
            str(row[-1])
            for row in store.connection.execute(f"EXPLAIN QUERY PLAN {PEOPLE_COUNTS_SQL}")
        )
        assert "USING COVERING INDEX interaction_ledger" in plan
    finally:
        store.close()
