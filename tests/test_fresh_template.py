"""The suite's new files are copies of a template (tests/fresh_template.py): a copy holds what
the real migrations make in a new file, page for page, the time each was applied apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kith.store import migrations, open_store
from tests.conftest import undo_migration_47
from tests.fresh_template import copying, made

LONG_AGO = "2001-01-01T00:00:00Z"  # when the template says its migrations were applied


def contents(path: Path) -> dict[str, object]:
    """Everything in the file but when each migration was applied: the header's numbers, each
    object with its root page, each table's rows."""
    connection = sqlite3.connect(path)
    pragmas = ("user_version", "application_id", "page_size", "page_count", "freelist_count")
    found: dict[str, object] = {
        name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in pragmas
    }
    found["journal_mode"] = connection.execute("PRAGMA journal_mode").fetchone()[0]
    found["schema"] = connection.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid"
    ).fetchall()
    tables = [row[1] for row in found["schema"] if row[0] == "table"]  # type: ignore[attr-defined]
    for table in tables:
        columns = "version, name" if table == "schema_migration" else "*"
        found[table] = connection.execute(f"SELECT {columns} FROM {table} ORDER BY 1").fetchall()
    connection.close()
    return found


def stamps(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT applied_at FROM schema_migration ORDER BY version")
    found = [row[0] for row in rows]
    connection.close()
    return found


@pytest.fixture
def template(tmp_path: Path) -> sqlite3.Connection:
    connection = made(tmp_path / "template.db")
    connection.execute(f"UPDATE schema_migration SET applied_at = '{LONG_AGO}'")
    return connection


def test_a_new_file_from_the_template_holds_what_the_migrations_make(
    tmp_path: Path, template: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(tmp_path / "migrated.db").close()
    monkeypatch.setattr(migrations, "migrate", copying(template, migrations.migrate))
    open_store(tmp_path / "copied.db").close()
    assert stamps(tmp_path / "copied.db") == [LONG_AGO] * len(migrations.all_migrations())
    assert stamps(tmp_path / "migrated.db") != stamps(tmp_path / "copied.db")
    assert contents(tmp_path / "copied.db") == contents(tmp_path / "migrated.db")
    template.close()


def test_a_file_that_is_not_new_is_migrated_not_copied(
    tmp_path: Path, template: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = tmp_path / "older.db"
    open_store(older).close()
    connection = sqlite3.connect(older, isolation_level=None)
    undo_migration_47(connection)
    connection.execute("DELETE FROM schema_migration WHERE version >= 47")
    connection.execute("PRAGMA user_version = 46")
    connection.close()
    before = stamps(older)
    monkeypatch.setattr(migrations, "migrate", copying(template, migrations.migrate))
    open_store(older).close()
    after = stamps(older)
    assert after[: len(before)] == before
    assert len(after) == len(before) + sum(m.version > 46 for m in migrations.all_migrations())
    assert LONG_AGO not in after[len(before) :]
    assert contents(older)["user_version"] == migrations.latest_version()
