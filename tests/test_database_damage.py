"""A damaged database is refused (exit 5, "damaged … restore from a backup"), never read as an
empty one, and left exactly as it was; `kith check` reads every page; a backup checks its copy."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kith.store import integrity, migrations
from reliability import database as damage
from tests.conftest import Kith

RESTORE = (
    "Restore from a backup (`kith restore BACKUP`): your own, or a copy Kith kept beside the "
    "file (kith.db.before-*). With none, `sqlite3 {db} .recover` salvages what can still be read."
)
LATEST = migrations.latest_version()


@pytest.fixture
def damaged_demo(demo: Kith, db_path: Path) -> Kith:
    damage.settle(db_path)
    return demo


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (damage.schema_not_utf8, "the schema text of 'meta' is not valid UTF-8"),
        (damage.negative_version, "its schema version is -3, which no Kith writes"),
        (
            damage.lowered_version,
            f"its schema version is 5, lower than the migration {LATEST} it records",
        ),
        (
            damage.dropped_table,
            "'layers_prepared_channel_added', 'layers_prepared_channel_changed', "
            "'layers_prepared_channel_removed', 'person_channel', 'person_channel_last' and 1 "
            "more of its schema are missing",
        ),
        (damage.dropped_trigger, "'interaction_fts_insert' of its schema is missing"),
    ],
)
def test_schema_damage_is_refused_as_damaged_with_exit_5_and_the_file_unchanged(
    damaged_demo: Kith, db_path: Path, make: Callable[[Path], None], problem: str
) -> None:
    make(db_path)
    before = db_path.read_bytes()
    for args in (("list",), ("search", "Santoro"), ("add", "Zed Quinn"), ("check",)):
        result = damaged_demo(*args)
        assert (result.exit_code, result.stderr) == (
            5,
            f"Error: {db_path} is damaged ({problem}); Kith has not written to it. "
            f"{RESTORE.format(db=db_path)}\n",
        )
    assert db_path.read_bytes() == before


def test_text_that_is_not_utf8_read_in_the_middle_of_a_command_is_damage_not_busy(
    damaged_demo: Kith, db_path: Path
) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE person SET display_name = CAST(X'41FF' AS TEXT) WHERE id = 5")
    connection.commit()
    connection.close()
    result = damaged_demo("show", "#5")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: {db_path} is damaged (text that is not UTF-8: ")


def test_a_zeroed_page_never_makes_list_or_search_answer_nothing_found(
    damaged_demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    base = tmp_path / "sound.db"
    shutil.copy(db_path, base)
    row = damage.zeroed_page_row(tmp_path, base, 10, seed=3)
    assert (row["count"], row["lost"]) == (40, [])


def test_kith_check_says_a_sound_database_is_sound(damaged_demo: Kith, db_path: Path) -> None:
    result = damaged_demo("check")
    assert (result.exit_code, result.output) == (
        0,
        f"{db_path} is sound: every page, index and link checked (150 people).\n",
    )


def test_kith_check_finds_a_zeroed_page_of_the_person_table(
    damaged_demo: Kith, db_path: Path
) -> None:
    connection = sqlite3.connect(db_path)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()
    connection.close()
    damage.zero_page(db_path, root[0])
    result = damaged_demo("check", "--json")
    assert result.exit_code == 5
    assert json.loads(result.stdout)["sound"] is False
    assert result.stderr.startswith(f"Error: {db_path} is damaged (")
    assert result.stderr.endswith(f"{RESTORE.format(db=db_path)}\n")


def test_kith_check_finds_a_row_whose_person_is_gone(damaged_demo: Kith, db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM person WHERE id = (SELECT min(person_id) FROM identity)")
    connection.commit()
    connection.close()
    result = damaged_demo("check")
    assert result.exit_code == 5
    assert "refers to a missing row of 'person'" in result.output


def test_kith_check_neither_creates_nor_migrates_a_database(kith: Kith, db_path: Path) -> None:
    result = kith("check")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: There is no database at {db_path}; nothing to check.\n",
    )
    assert not db_path.exists()


def test_a_backup_of_a_damaged_database_is_refused_and_an_older_backup_kept(
    damaged_demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.db"
    older.write_bytes(b"a good older backup")
    damage.zero_page(db_path, 45)
    result = damaged_demo("backup", str(older), "--force")
    assert result.exit_code == 5
    assert result.stderr.endswith(
        f"{RESTORE.format(db=db_path)} No backup was written to {older}.\n"
    )
    assert older.read_bytes() == b"a good older backup"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".older")) == []


def test_the_expected_schema_read_from_the_migrations_is_what_running_them_makes() -> None:
    connection = sqlite3.connect(":memory:")
    for migration in migrations.all_migrations():
        migrations.apply(connection, migration, 1)
        virtual = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"
            )
        ]
        made = {
            name
            for (name, kind) in connection.execute("SELECT name, type FROM sqlite_master")
            if not name.startswith("sqlite_autoindex")
            and not (kind == "table" and any(name.startswith(f"{v}_") for v in virtual))
        }
        assert (migration.version, made) == (
            migration.version,
            set(integrity.expected_objects(migration.version)),
        )


def test_a_backup_missing_a_table_is_not_restored(
    damaged_demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    assert damaged_demo("backup", str(backup)).exit_code == 0
    damage.dropped_table(backup)
    before = damage.row_hashes(db_path)
    result = damaged_demo("restore", str(backup), "--yes")
    assert (result.exit_code, result.stderr) == (
        5,
        f"Error: {backup} is damaged ('layers_prepared_channel_added', "
        "'layers_prepared_channel_changed', 'layers_prepared_channel_removed', 'person_channel', "
        "'person_channel_last' and 1 more of its schema are missing). Nothing was changed; "
        "choose another backup.\n",
    )
    assert damage.row_hashes(db_path) == before


def test_kith_check_counts_one_person_as_one_person(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace")
    result = kith("check")
    assert (result.exit_code, result.output) == (
        0,
        f"{db_path} is sound: every page, index and link checked (1 person).\n",
    )
