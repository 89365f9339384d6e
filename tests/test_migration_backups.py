"""Migrations and backups: a database at every schema version upgrades with its rows kept, one
from a newer Kith is refused untouched, a checked copy precedes every migration and every bulk
undo, `backups.keep` prunes the oldest, and backup then restore gives back every row."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kith.store import migrations
from kith.store.connection import APPLICATION_ID
from reliability import database, schema_versions
from tests.conftest import Kith

FIXTURES = sorted(schema_versions.FIXTURES.glob("v*.db.gz"))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    assert [int(f.name[1:5]) for f in FIXTURES] == [m.version for m in migrations.all_migrations()]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name[:5] for f in FIXTURES])
def test_a_database_at_each_schema_version_upgrades_with_every_row_kept(
    fixture: Path, tmp_path: Path
) -> None:
    assert schema_versions.upgrade_problems(fixture, tmp_path) == []


def test_a_database_from_a_newer_kith_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    assert schema_versions.newer_problems(tmp_path) == []


def _older(tmp_path: Path) -> Path:
    path = tmp_path / "kith.db"
    schema_versions.load(FIXTURES[-2], path)
    return path


def test_a_checked_copy_precedes_the_migration_of_an_existing_file(
    kith: Kith, tmp_path: Path
) -> None:
    path = _older(tmp_path)
    before = database.row_hashes(path)
    assert kith("list").exit_code == 0
    copies = sorted(p.name for p in tmp_path.glob("kith.db.before-*"))
    latest = migrations.all_migrations()[-1]
    assert copies == [f"kith.db.before-{latest.version:04d}-{latest.name}"]
    assert database.row_hashes(tmp_path / copies[0]) == before


def test_a_damaged_older_file_is_not_migrated(kith: Kith, tmp_path: Path) -> None:
    path = _older(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM person WHERE id = 1")
    connection.commit()
    connection.close()
    before = database.row_hashes(path)
    result = kith("list")
    assert result.exit_code == 5
    assert "refers to a missing row of 'person'" in result.stderr
    assert database.row_hashes(path) == before  # not migrated: no row, no version changed
    assert list(tmp_path.glob("kith.db.before-*")) == []


def test_backups_keep_leaves_only_the_newest_copies(kith: Kith, tmp_path: Path) -> None:
    path = _older(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO setting (key, value) VALUES ('backups.keep', '2')")
    connection.commit()
    connection.close()
    for n in range(3):
        old = tmp_path / f"kith.db.before-restore-2026010{n}T000000"
        old.write_bytes(b"an older copy")
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
    assert kith("list").exit_code == 0
    latest = migrations.all_migrations()[-1]
    assert sorted(p.name for p in tmp_path.glob("kith.db.before-*")) == [
        f"kith.db.before-{latest.version:04d}-{latest.name}",
        "kith.db.before-restore-20260102T000000",
    ]


def test_backups_keep_takes_a_whole_number_from_1(kith: Kith) -> None:
    assert kith("config", "set", "backups.keep", "3").output == "backups.keep = 3\n"
    assert kith("config", "set", "backups.keep", "0").exit_code == 1


def test_an_undo_that_removes_many_people_keeps_a_copy_first(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    cards = tmp_path / "many.vcf"
    cards.write_text(
        "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person Number{n}\nEND:VCARD\n" for n in range(12))
    )
    kith("import", str(cards))
    before = database.row_hashes(db_path)
    result = kith("import", "--undo", "1", "--yes")
    kept = sorted(db_path.parent.glob("kith.db.before-undo-1-*"))
    assert len(kept) == 1
    assert result.output.endswith(f"The database as it was is kept as {kept[0]}.\n")
    assert database.row_hashes(kept[0]) == before


def test_a_forced_demo_over_the_users_data_keeps_a_copy_first(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace")
    result = kith("demo", "--force")
    kept = sorted(db_path.parent.glob("kith.db.before-demo-*"))
    assert len(kept) == 1
    assert f"The database as it was is kept as {kept[0]}.\n" in result.stderr
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT display_name FROM person").fetchall() == [("Ada Lovelace",)]
    copy.close()


def test_backup_and_restore_round_trip_every_row(demo: Kith, db_path: Path, tmp_path: Path) -> None:
    row = database.round_trip_row(tmp_path, db_path, 2)
    assert (row["count"], row["lost"]) == (2, [])


def test_the_migrations_leave_the_application_id(tmp_path: Path) -> None:
    path = _older(tmp_path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()
