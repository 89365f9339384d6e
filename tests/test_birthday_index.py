"""Migration 0030 (issue 15): the week's birthday hooks are read from an index on the birthday,
not by a scan of every contact; migrated from the version before, the birthdays found are the
same."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from kith.services.week.hooks import hooks
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def test_migration_31_finds_the_weeks_birthdays_through_its_index(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=28)
    people = [(1, 12, 1), (2, 12, 6), (3, 12, 7), (4, 11, 28), (5, None, None)]
    for pid, month, day in people:
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at, "
            "birthday_month, birthday_day) VALUES (?, ?, ?, ?, 'contact', "
            "'2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', ?, ?)",
            (pid, f"u-{pid}", f"P{pid}", f"p{pid}", month, day),
        )
    migrations.migrate(connection, path, APPLICATION_ID, upto=30)
    connection.close()
    store = open_store(path)
    try:
        sql = (
            "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 "
            "AND ((birthday_month = 12 AND birthday_day = 1) "
            "OR (birthday_month = 12 AND birthday_day = 2))"
        )
        plan = " ".join(str(row) for row in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INDEX person_birthday" in plan
        found = {pid: hook["birthday"] for pid, hook in hooks(store, NOW).items()}
        assert found == {1: "Tue 1 Dec", 2: "Sun 6 Dec"}
    finally:
        store.close()
