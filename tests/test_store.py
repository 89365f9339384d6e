"""Opening a Kith database: what it creates, what it refuses and leaves untouched."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

import pytest

from kith.errors import DatabaseRefused, UserError
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith, undo_migration_23, undo_migration_44


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    with store.transaction():
        store.meta.set_setting("timezone", "UTC")
    assert mode(tmp_path / "kith.db") == 0o600
    assert mode(tmp_path / "kith.db-wal") == 0o600
    store.close()


def test_the_default_data_directory_is_created_private(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new" / "dir" / "kith.db", private_dir=True)
    store.close()
    assert mode(tmp_path / "new" / "dir") == 0o700


def test_a_missing_folder_the_user_chose_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "kith.db")
    assert not (tmp_path / "nowhere").exists()


def test_a_new_database_has_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    pragma = store.connection.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert pragma("PRAGMA busy_timeout").fetchone()[0] == 15_000
    assert pragma("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert pragma("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    store.close()


def test_migrations_are_recorded_by_number_and_name(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    rows = store.connection.execute("SELECT version, name FROM schema_migration").fetchall()
    assert rows == [(m.version, m.name) for m in migrations.all_migrations()]
    store.close()


@pytest.mark.parametrize("migration", migrations.all_migrations(), ids=lambda m: m.name)
def test_each_migration_applies_from_the_version_before(tmp_path: Path, migration) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=migration.version - 1)
    applied = migrations.migrate(connection, path, APPLICATION_ID, upto=migration.version)
    assert [m.version for m in applied] == [migration.version]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == migration.version
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_a_failing_migration_leaves_the_database_at_the_version_before(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    broken = migrations.Migration(1, "broken", "CREATE TABLE half (x); CREATE TABLE half (y);")
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrations.apply(connection, broken, APPLICATION_ID)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 0
    assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    connection.close()


def test_a_migration_that_rewrites_data_backs_the_file_up_first(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    store = open_store(path)
    rewrite = migrations.Migration(99, "rewrite", "-- rewrites data\nUPDATE setting SET value = 1;")
    store.connection.execute("INSERT INTO meta (key, value) VALUES ('written', 'in the WAL')")
    backup = migrations.backup_before(path, rewrite)
    store.close()
    copy = sqlite3.connect(backup)
    kept = copy.execute("SELECT value FROM meta WHERE key = 'written'").fetchone()
    copy.close()
    assert backup.name == "kith.db.before-0099-rewrite"
    assert mode(backup) == 0o600
    assert kept == ("in the WAL",)


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is my shopping list, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="damaged or not a database"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="not a Kith database"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_kith_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    open_store(path).close()
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    newer.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="newer Kith"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_truncated_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    store = open_store(path)
    with store.transaction():
        for n in range(300):
            store.meta.set_setting(f"cadence.tag.t{n}", "30d" * 50)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 20 + data[120 : len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused):
        open_store(path)
    assert path.read_bytes() == before


def test_the_cli_exits_5_with_a_message_for_a_file_that_is_not_a_database(
    tmp_path: Path, kith: Kith, db_path: Path
) -> None:
    db_path.write_text("hello\n" * 100)
    result = kith("list")
    assert result.exit_code == 5
    assert result.stderr == (
        f"Error: {db_path} is damaged or not a database (file is not a database); "
        "Kith has not changed it. Restore from a backup (`kith restore BACKUP`).\n"
    )
    assert db_path.read_text() == "hello\n" * 100


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")

    def crash_halfway() -> None:
        with store.transaction():
            store.meta.set_setting("timezone", "UTC")
            raise RuntimeError("crash in the middle")

    with pytest.raises(RuntimeError):
        crash_halfway()
    assert store.meta.settings() == {}
    store.close()


def test_damage_found_in_the_middle_of_a_command_exits_5_without_a_traceback(
    kith: Kith, db_path: Path
) -> None:
    for n in range(40):
        kith("add", f"Person Number{n}", "--tag", "x" * 200)
    store = open_store(db_path)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[2 * page : len(data)] = b"\x00\xff" * ((len(data) - 2 * page) // 2)
    db_path.write_bytes(bytes(data))
    result = kith("list", "tag:" + "x" * 200)
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: {db_path} is damaged")
    assert "Traceback" not in result.output


def test_refusing_a_foreign_wal_database_leaves_no_files_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(DatabaseRefused, match="not a Kith database"):
        open_store(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_folder_given_as_the_database_is_a_clear_error(tmp_path: Path, kith: Kith) -> None:
    with pytest.raises(UserError, match="is a folder; give the database file"):
        open_store(tmp_path)


def test_migration_11_keeps_people_met_at_events_and_starts_with_nobody_let_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=10)
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
        "VALUES (1, 'u-1', 'Lin Okafor', 'lin okafor', '2026-11-21T10:00:00Z', "
        "'2026-11-21T10:00:00Z')"
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=11)
    assert connection.execute("SELECT display_name FROM person").fetchall() == [("Lin Okafor",)]
    assert connection.execute("SELECT count(*) FROM let_go").fetchone() == (0,)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("INSERT INTO let_go (person_id, at) VALUES (1, '2026-12-01T09:00:00Z')")
    connection.execute("DELETE FROM person WHERE id = 1")
    assert connection.execute("SELECT count(*) FROM let_go").fetchone() == (0,)
    connection.close()


def test_migration_14_has_the_tie_rows_summed_again_by_contact_day_at_the_next_command(
    db_path: Path, kith: Kith
) -> None:
    kith("add", "Ada Lovelace")
    for minute in ("10:00", "10:05", "10:10"):
        kith("log", "Ada", "chat", "-c", "message", "--when", f"2026-11-20 {minute}")
    kith("plan")
    connection = sqlite3.connect(db_path, isolation_level=None)
    counted = connection.execute("SELECT volume, warmth FROM tie").fetchone()
    connection.execute("UPDATE tie SET volume = volume * 3, warmth = warmth * 3")  # per message
    connection.execute("DELETE FROM schema_migration WHERE version >= 14")  # and later ones
    undo_migration_44(connection)
    connection.execute("DROP INDEX layer_state_strength")  # as version 13 had it
    connection.execute("ALTER TABLE layer_state DROP COLUMN strength")
    undo_migration_23(connection)
    connection.execute("PRAGMA user_version = 13")
    connection.close()
    kith("plan")  # opens (migration 14 marks the rows), then brings the layers current
    connection = sqlite3.connect(db_path, isolation_level=None)
    assert connection.execute("SELECT volume, warmth FROM tie").fetchone() == counted
    assert connection.execute("SELECT count(*) FROM meta WHERE key LIKE '%.stale'").fetchone() == (
        0,
    )
    connection.close()


def test_a_migration_script_splits_into_whole_statements_triggers_and_strings_kept() -> None:
    script = (
        "-- a comment; with a semicolon\nCREATE TABLE a (x); CREATE TABLE b (y TEXT DEFAULT ';');\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); END;\n-- the end\n"
    )
    assert migrations.statements(script) == [
        "-- a comment; with a semicolon\nCREATE TABLE a (x);",
        "CREATE TABLE b (y TEXT DEFAULT ';');",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); END;",
    ]


def test_a_migration_already_applied_by_another_process_is_not_applied_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    first = sqlite3.connect(path, isolation_level=None)
    second = sqlite3.connect(path, isolation_level=None)
    migration = migrations.all_migrations()[0]
    assert migrations.apply(first, migration, APPLICATION_ID) is True
    assert migrations.apply(second, migration, APPLICATION_ID) is False
    rows = second.execute("SELECT count(*) FROM schema_migration").fetchone()[0]
    assert rows == 1
    first.close()
    second.close()


def test_four_processes_opening_one_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    for round_ in range(3):
        target = tmp_path / f"new{round_}.db"
        command = [sys.executable, "-m", "kith", "--db", str(target), "add"]
        started = [
            subprocess.Popen([*command, f"R{i}"], stdout=PIPE, stderr=PIPE, text=True)
            for i in range(4)
        ]
        errors = [process.communicate(timeout=60)[1] for process in started]
        assert [process.returncode for process in started] == [0, 0, 0, 0], errors
        store = open_store(target)
        names = sorted(person.name for person in store.people.heads(store.people.all_ids()))
        store.close()
        assert names == ["R0", "R1", "R2", "R3"]
