"""The frame every sync source runs in: configuration without secrets, runs recorded, status."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kith.errors import UserError
from kith.services import sync
from kith.services.sync import secrets
from kith.store import Store, migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.sync.sources import SyncSource
from tests.conftest import Kith


def counting(store: Store, source: SyncSource, context: sync.RunContext) -> dict[str, Any]:
    """A kind with no server: fails when its configuration says so, else reports counts."""
    if source.config.get("fail"):
        raise UserError("the server said no")
    return {"created_here": 0 if context.dry_run else 2, "changed_there": 1}


@pytest.fixture(autouse=True)
def _counting_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sync.RUNNERS, "counting", "tests.test_sync_frame:counting")


def test_a_run_is_recorded_with_its_summary_and_shown_by_status(
    store: Store, now: datetime, kith: Kith
) -> None:
    chosen = sync.configure(store, "books", "counting", {"url": "http://127.0.0.1:1/"}, now)
    outcome = sync.run(store, chosen, sync.RunContext(now=now))
    assert outcome.outcome == "ok"
    assert outcome.summary == {"created_here": 2, "changed_there": 1}
    result = kith("sync", "status")
    assert result.exit_code == 0
    assert "books" in result.output
    assert "2 created here, 1 changed there" in result.output


def test_a_failing_source_is_recorded_and_the_others_still_run(
    store: Store, now: datetime, kith: Kith
) -> None:
    sync.configure(store, "a-broken", "counting", {"fail": True}, now)
    sync.configure(store, "b-fine", "counting", {}, now)
    store.close()
    result = kith("sync")
    assert result.exit_code == 1
    assert "a-broken: the server said no" in result.output
    assert "b-fine: 2 created here, 1 changed there" in result.output
    shown = json.loads(kith("sync", "status", "--json").output)
    assert [(s["source"], s["last"]["outcome"]) for s in shown["sources"]] == [
        ("a-broken", "failed"),
        ("b-fine", "ok"),
    ]


def test_a_dry_run_is_recorded_as_a_dry_run(store: Store, now: datetime, kith: Kith) -> None:
    sync.configure(store, "books", "counting", {}, now)
    store.close()
    result = kith("sync", "--dry-run")
    assert result.exit_code == 0
    assert "books: 1 changed there" in result.output
    shown = json.loads(kith("sync", "status", "--json").output)
    assert shown["sources"][0]["last"] is None
    assert shown["sources"][0]["dry_run"]["outcome"] == "dry-run"


def test_a_dry_run_after_a_real_run_leaves_the_real_run_as_the_last_run(
    store: Store, now: datetime, kith: Kith
) -> None:
    sync.configure(store, "books", "counting", {}, now)
    store.close()
    assert kith("sync").exit_code == 0
    assert kith("sync", "--dry-run").exit_code == 0
    shown = json.loads(kith("sync", "status", "--json").output)["sources"][0]
    assert shown["last"]["outcome"] == "ok"
    assert shown["last"]["summary"] == {"created_here": 2, "changed_there": 1}
    assert shown["dry_run"]["summary"] == {"created_here": 0, "changed_there": 1}
    lines = kith("sync", "status").output.splitlines()
    assert lines[1].split()[0] == "books"
    assert "ok" in lines[1].split()
    assert lines[1].endswith("2 created here, 1 changed there")
    assert lines[2].startswith("books (dry run)")
    assert lines[2].endswith("would: 1 changed there")


def test_a_failed_dry_run_does_not_hide_the_last_real_run(
    store: Store, now: datetime, kith: Kith
) -> None:
    chosen = sync.configure(store, "books", "counting", {}, now)
    sync.run(store, chosen, sync.RunContext(now=now))
    broken = sync.configure(store, "books", "counting", {"fail": True}, now)
    with pytest.raises(UserError):
        sync.run(store, broken, sync.RunContext(now=now, dry_run=True))
    (status,) = sync.status(store)
    assert status.last is not None
    assert status.last.outcome == "ok"
    assert status.dry_run is not None
    assert status.dry_run.error == "the server said no"


def test_one_failing_source_alone_is_not_said_as_if_others_ran(
    store: Store, now: datetime, kith: Kith
) -> None:
    sync.configure(store, "books", "counting", {"fail": True}, now)
    store.close()
    result = kith("sync")
    assert result.exit_code == 1
    assert "others" not in result.output
    assert result.output.splitlines()[-1] == (
        "Error: books failed (above); `kith sync status` shows its last runs."
    )


def test_of_several_sources_the_error_counts_the_ones_that_failed(
    store: Store, now: datetime, kith: Kith
) -> None:
    sync.configure(store, "a-broken", "counting", {"fail": True}, now)
    sync.configure(store, "b-fine", "counting", {}, now)
    sync.configure(store, "c-fine", "counting", {}, now)
    store.close()
    result = kith("sync")
    assert result.output.splitlines()[-1] == (
        "Error: 1 of 3 sync sources failed (a-broken); the other 2 ran. "
        "`kith sync status` shows each."
    )


def test_no_sources_says_how_to_add_one(kith: Kith) -> None:
    result = kith("sync")
    assert result.exit_code == 0
    assert "No sync sources yet" in result.output


def test_the_password_comes_from_the_environment_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CARDDAV_PASSWORD", "s3cret-from-env")
    assert secrets.password("carddav", "ada") == "s3cret-from-env"


def test_without_a_password_or_keyring_the_error_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KITH_IMAP_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(UserError, match="set KITH_IMAP_PASSWORD"):
        secrets.password("imap", "ada")
    assert secrets.keyring_note("imap") == (
        "No system keyring here: Kith reads the password from KITH_IMAP_PASSWORD."
    )


def test_migration_22_adds_the_sync_tables_to_a_version_21_file(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=21)
    connection.close()
    store = open_store(path)
    try:
        assert store.sync.sources() == []
        assert store.sync.last_runs() == {}
    finally:
        store.close()


def test_a_source_can_be_removed_and_kith_sync_no_longer_runs_it(
    store: Store, now: datetime, kith: Kith
) -> None:
    sync.configure(store, "calendar:2", "counting", {"fail": True}, now)
    store.close()
    assert kith("sync").exit_code == 1
    removed = kith("sync", "remove", "calendar:2")
    assert removed.output == "Removed calendar:2; `kith sync` no longer runs it.\n"
    assert kith("sync").output == (
        "No sync sources yet: `kith sync carddav --url URL --user NAME` adds one.\n"
    )
    assert kith("sync", "remove", "calendar:2").exit_code == 3
