"""`kith backup` and `kith restore`: private copies, no silent overwrite, a safety copy, and
refusals that leave the current database exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pexpect
import pytest

from kith.errors import DatabaseRefused, UserError
from kith.model import PersonDraft
from kith.services import people
from kith.services.exports import backup as service
from kith.store import open_store
from tests.conftest import NOW, NOW_TEXT, Kith

SAFETY = "kith.db.before-restore-20261122T100000"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(kith: Kith) -> str:
    return kith("list").output


def test_backup_writes_a_private_copy_with_everything(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("config", "set", "plan.budget", "3")
    target = tmp_path / "backups" / "kith-2026-11-22.db"
    target.parent.mkdir()
    result = kith("backup", str(target))
    assert (result.exit_code, result.output) == (
        0,
        f"Backed up {tmp_path / 'kith.db'} to {target}.\n",
    )
    assert mode(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["kith-2026-11-22.db"]
    copy = open_store(target)
    assert (copy.people.all_names(), copy.meta.setting("plan.budget")) == (
        [(1, "Ada Lovelace")],
        "3",
    )
    copy.close()


def test_backup_refuses_to_overwrite_without_force(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace")
    target = tmp_path / "backup.db"
    target.write_bytes(b"an older backup")
    result = kith("backup", str(target))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {target} already exists; add --force to overwrite it.\n",
    )
    assert target.read_bytes() == b"an older backup"


def test_backup_with_force_replaces_the_file_and_keeps_it_private(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace")
    target = tmp_path / "backup.db"
    target.write_bytes(b"an older backup")
    target.chmod(0o644)
    assert kith("backup", str(target), "--force", "--json").exit_code == 0
    assert mode(target) == 0o600
    assert open_store(target).people.all_names() == [(1, "Ada Lovelace")]


def test_backup_then_restore_gives_back_the_same_data(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace", "--tag", "python")
    before = names(kith)
    kith("backup", str(tmp_path / "backup.db"))
    kith("add", "Charles Babbage")
    kith("forget", "Ada", "--yes")
    result = kith("restore", str(tmp_path / "backup.db"), "--yes")
    assert (result.exit_code, result.output) == (
        0,
        f"Restored {tmp_path / 'kith.db'} from {tmp_path / 'backup.db'}.\n"
        f"The file it replaced is kept as {tmp_path / SAFETY}.\n",
    )
    assert names(kith) == before
    assert mode(tmp_path / "kith.db") == 0o600


def test_restore_keeps_a_private_safety_copy_of_the_file_it_replaced(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace")
    kith("backup", str(tmp_path / "backup.db"))
    kith("add", "Charles Babbage")
    result = kith("restore", str(tmp_path / "backup.db"), "--yes", "--json")
    assert result.exit_code == 0
    safety = tmp_path / SAFETY
    assert mode(safety) == 0o600
    kept = open_store(safety)
    assert kept.people.all_names() == [(1, "Ada Lovelace"), (2, "Charles Babbage")]
    kept.close()
    assert names(kith) == "id  name          company  tags  last contact\n1   Ada Lovelace\n"


@pytest.mark.parametrize("kind", ["text", "foreign sqlite", "empty"])
def test_restore_of_a_file_that_is_not_a_kith_database_exits_5_and_changes_nothing(
    kith: Kith, tmp_path: Path, kind: str
) -> None:
    kith("add", "Ada Lovelace")
    database = tmp_path / "kith.db"
    before = database.read_bytes()
    source = tmp_path / "source"
    if kind == "text":
        source.write_text("Ada Lovelace, ada@example.org\n" * 50, "utf-8")
    elif kind == "foreign sqlite":
        foreign = sqlite3.connect(source)
        foreign.execute("CREATE TABLE moz_places (url TEXT)")
        foreign.close()
    else:
        source.touch()
    result = kith("restore", str(source), "--yes")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: {source} is not a Kith backup: ")
    assert result.stderr.endswith("Nothing was changed; give a file made by `kith backup`.\n")
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kith.db", "source"]


def test_restore_of_a_backup_from_a_newer_kith_exits_5(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("backup", str(tmp_path / "backup.db"))
    newer = sqlite3.connect(tmp_path / "backup.db")
    newer.execute("PRAGMA user_version = 999")
    newer.close()
    result = kith("restore", str(tmp_path / "backup.db"), "--yes")
    assert result.exit_code == 5
    assert "was written by a newer Kith (schema 999" in result.stderr
    assert not (tmp_path / SAFETY).exists()


def test_restore_off_a_terminal_needs_yes(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("backup", str(tmp_path / "backup.db"))
    result = kith("restore", str(tmp_path / "backup.db"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: Restoring replaces {tmp_path / 'kith.db'}; add --yes to confirm.\n",
    )


def test_restore_replaces_a_damaged_database_and_keeps_its_bytes(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace")
    kith("backup", str(tmp_path / "backup.db"))
    database = tmp_path / "kith.db"
    database.write_bytes(b"\x00garbage" * 512)
    result = kith("restore", str(tmp_path / "backup.db"), "--yes")
    assert result.exit_code == 0, result.output
    assert (tmp_path / SAFETY).read_bytes() == b"\x00garbage" * 512
    assert names(kith) == "id  name          company  tags  last contact\n1   Ada Lovelace\n"


def test_restore_into_a_new_location_has_nothing_to_keep(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    service.backup(store, tmp_path / "backup.db", force=False)
    store.close()
    fresh = tmp_path / "new" / "kith.db"
    fresh.parent.mkdir()
    assert service.restore(fresh, tmp_path / "backup.db", NOW) is None
    assert open_store(fresh).people.count() == 0


def test_restore_refuses_while_another_connection_has_the_database_open(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "kith.db")
    service.backup(store, tmp_path / "backup.db", force=False)
    with pytest.raises(UserError, match="is in use"):
        service.restore(tmp_path / "kith.db", tmp_path / "backup.db", NOW)
    store.close()


def test_a_backup_is_checked_before_anything_is_touched(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        service.check_backup(tmp_path / "missing.db")
    (tmp_path / "plain.txt").write_text("hello", "utf-8")
    with pytest.raises(DatabaseRefused):
        service.check_backup(tmp_path / "plain.txt")


def test_restore_asks_on_a_terminal_and_a_no_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    people.add_person(store, PersonDraft("Ada Lovelace"), NOW)
    service.backup(store, tmp_path / "backup.db", force=False)
    store.close()
    before = (tmp_path / "kith.db").read_bytes()
    env = {**os.environ, "KITH_DB": str(tmp_path / "kith.db"), "KITH_NOW": NOW_TEXT}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kith", "restore", str(tmp_path / "backup.db")],
        env=env | {"TERM": "dumb"},
        encoding="utf-8",
        timeout=20,
    )
    child.expect(r"Replace .*kith\.db with .*backup\.db\? \(the current file is kept\) \[y/N\]")
    child.sendline("n")
    child.expect("Aborted!")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert (tmp_path / "kith.db").read_bytes() == before
    assert not (tmp_path / SAFETY).exists()
