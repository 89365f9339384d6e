"""Privacy of the files and the logs: the data folder 0700, every file 0600 (a looser one
tightened with a note), and no token, password or message body in any log at any level."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.services import web_access
from kith.store import open_store
from tests.conftest import NOW_TEXT, Kith

SECRET_BODY = "the-secret-body-7f3a"
PASSWORD = "hunter2-pass-91c"


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
    assert {m for m in found.values()} == {0o600}


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
    demo: Kith, db_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.web_support import csrf_of, web_client

    caplog.set_level(logging.DEBUG)  # every logger, every level
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From ada@example.org Sat Nov 21 10:00:00 2026\n"
        "From: Ada Lovelace <ada@example.org>\nTo: me@example.org\n"
        f"Subject: hello\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n\n{SECRET_BODY}\n"
    )
    demo("config", "set", "me.emails", "me@example.org")
    demo("import", str(mbox))
    demo("log", "Ayaka Abe", SECRET_BODY, "--notes", PASSWORD)
    store = open_store(db_path)
    page_token, feed_token = web_access.issue_token(store), web_access.issue_feed_token(store)
    store.close()
    with web_client(db_path) as client:
        client.get(f"/?token={page_token}")
        client.get(f"/calendar/{feed_token}.ics")
        client.get(f"/calendar/{feed_token[:-1]}x.ics")
        client.get("/people", headers={"authorization": f"Bearer {page_token}"})
        form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": SECRET_BODY}
        client.post("/log", data=form)
        client.post("/log", data={"csrf": "wrong", "who": "x", "what": PASSWORD})
    # the test's HTTP client logs the URLs it asks for: that is the test, not Kith
    logged = "\n".join(
        f"{record.name} {record.getMessage()}"
        for record in caplog.records
        if not record.name.startswith("httpx")
    )
    assert "kith.web GET /calendar/TOKEN.ics 200" in logged  # the web app's lines were caught
    for secret in (page_token, feed_token, feed_token[:-1], SECRET_BODY, PASSWORD):
        assert secret not in logged
