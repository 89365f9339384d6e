"""Privacy of the files and the logs: the data folder 0700, every file 0600 (a looser one
tightened with a note), and no token, password or message body in any log at any level."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from reliability import database
from tests.conftest import NOW_TEXT, Kith


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def in_home(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--now", NOW_TEXT, *args])
    return result.exit_code, result.stderr


def test_kiths_own_folder_is_0700_and_its_files_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KITH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert in_home("add", "Ada Lovelace") == (0, "")
    folder = tmp_path / "data" / "kith"
    found = {path.name: mode(path) for path in folder.iterdir()}
    assert (mode(folder), found["kith.db"]) == (0o700, 0o600)
    assert set(found.values()) == {0o600}


def test_a_looser_database_and_folder_are_tightened_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KITH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    in_home("add", "Ada Lovelace")
    folder = tmp_path / "data" / "kith"
    database = folder / "kith.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.chmod(0o644)
    folder.chmod(0o755)
    code, notes = in_home("list")
    assert (code, notes) == (
        0,
        f"Note: {database} could be read by others (mode 644); tightened to 600.\n"
        f"Note: {folder} could be read by others (mode 755); tightened to 700.\n",
    )
    assert (mode(folder), mode(database)) == (0o700, 0o600)
    assert in_home("list")[1] == ""  # said once


def test_a_folder_the_user_chose_is_never_changed_but_the_file_is_tightened(
    kith: Kith, db_path: Path
) -> None:
    kith("add", "Ada Lovelace")
    db_path.parent.chmod(0o755)
    db_path.chmod(0o640)
    result = kith("list")
    assert result.stderr == (
        f"Note: {db_path} could be read by others (mode 640); tightened to 600.\n"
    )
    assert (mode(db_path.parent), mode(db_path)) == (0o755, 0o600)


def test_no_token_password_or_message_body_reaches_any_log_at_debug(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    row = database.logs_row(tmp_path, db_path)
    assert row["lost"] == []
    assert str(row["notes"]).split()[0] != "0"  # the web app's lines were caught at all


def test_a_file_system_that_keeps_no_modes_is_said_once_and_by_kith_check(
    kith: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kith("add", "Ada Lovelace")
    db_path.chmod(0o644)
    # a disk that keeps no modes (FAT, some network shares): chmod succeeds and changes nothing
    monkeypatch.setattr(Path, "chmod", lambda self, mode: None)
    said = (
        f"Note: {db_path} can be read by others (mode 644) and its disk keeps no file modes, "
        "so Kith cannot change that: keep it on a disk only you use. Said once; `kith check` "
        "says it again.\n"
    )
    assert kith("list").stderr == said
    assert kith("list").stderr == ""
    assert kith("add", "Grace Hopper").stderr == ""
    checked = kith("check")
    assert checked.exit_code == 0
    assert said.strip() in checked.output.splitlines()  # and its -wal or -shm, if left beside
    assert mode(db_path) == 0o644
