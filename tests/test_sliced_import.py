"""An import into a database that holds something is written in short slices (Store.sliced)
and stays all-or-nothing through the run journal (store/journal.py)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.imports import vcards
from kith.errors import UserError
from kith.records import Record
from kith.services.imports import import_file, import_records
from kith.services.mesh import stored
from kith.services.ties import layers
from kith.sources import registry
from kith.store import journal, migrations, open_store
from reliability._kith import copy_db, damage, state
from tests.conftest import NOW_TEXT, undo_migration_44

NOW = datetime.fromisoformat(NOW_TEXT)


def base(tmp_path: Path) -> Path:
    """A database with one person in it (an empty one is imported in one transaction)."""
    db = tmp_path / "kith.db"
    subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "add", "Ada Lovelace"],
        check=True,
        capture_output=True,
    )
    return db


def read_cards(path: Path) -> Iterator[Record]:
    return iter(registry.records("vcard", path, NOW))


def journal_entries(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM run_journal").fetchone()[0])
    finally:
        connection.close()


def imported(db: Path, path: Path, when: datetime = NOW, strict: bool = False) -> None:
    store = open_store(db)
    try:
        import_file(store, path, kind=None, now=when, strict=strict)
    finally:
        store.close()


def test_an_import_in_many_slices_ends_as_one_in_a_single_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = vcards(200, tmp_path / "cards.vcf")
    one = base(tmp_path)
    many = copy_db(one, tmp_path / "many.db")
    monkeypatch.setattr(journal, "SLICE", 3600.0)
    imported(one, cards)
    monkeypatch.setattr(journal, "SLICE", 0.0)
    monkeypatch.setattr(journal, "PAUSE", 0.0)
    imported(many, cards)
    assert state(many) == state(one)
    assert (journal_entries(many), damage(many)) == (0, [])


def test_a_failed_import_takes_back_the_slices_it_had_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = base(tmp_path)
    cards = vcards(120, tmp_path / "cards.vcf")
    text = cards.read_text(encoding="utf-8")
    cards.write_text(text + "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", encoding="utf-8")
    before = state(db)
    monkeypatch.setattr(journal, "SLICE", 0.0)
    monkeypatch.setattr(journal, "PAUSE", 0.0)
    with pytest.raises(UserError, match="Nothing was imported"):
        imported(db, cards, strict=True)
    assert (state(db), journal_entries(db), damage(db)) == (before, 0, [])


def killed_import(db: Path, cards: int = 3_000, slices: int = 2_000) -> None:
    """`kith import` of `cards` new people into `db`, killed once `slices` rows are journaled."""
    source = vcards(cards, db.parent / "cards.vcf")
    child = subprocess.Popen(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "import", str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and journal_entries(db) < slices:
        time.sleep(0.02)  # until several slices are committed
    assert child.poll() is None, "the import finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert journal_entries(db) >= slices  # the slices are in the file, with their journal


def test_a_killed_import_is_taken_back_by_the_next_open(tmp_path: Path) -> None:
    db = base(tmp_path)
    before = state(db)
    killed_import(db)
    open_store(db).close()
    assert (state(db), journal_entries(db), damage(db)) == (before, 0, [])
    assert list(tmp_path.glob("*.lock")) == []


def test_a_connection_kept_open_takes_back_an_import_killed_meanwhile_before_its_next_use(
    tmp_path: Path,
) -> None:
    db = base(tmp_path)
    from tests.web_support import web_client

    with web_client(db) as client:
        assert "Ada Lovelace" in client.get("/people").text  # the app's connection is open
        killed_import(db, slices=500)
        page = client.get("/people?q=Person")
        assert (page.status_code, "Person 1" in page.text) == (200, False)
    assert journal_entries(db) == 0


def test_a_read_only_file_with_a_cut_off_import_is_read_as_it_was_before_it(
    tmp_path: Path,
) -> None:
    db = base(tmp_path)
    killed_import(db, slices=500)
    view = tmp_path / "view"
    view.mkdir()
    mounted = subprocess.run(
        ["mount", "--bind", str(tmp_path), str(view)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("this process may not bind-mount a folder read-only")
    try:
        remounted = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(view)], capture_output=True, check=False
        )
        if remounted.returncode != 0:
            pytest.skip("this process may not bind-mount a folder read-only")
        listed = subprocess.run(
            [sys.executable, "-m", "kith", "--db", str(view / "kith.db"), "list", "--json"],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        subprocess.run(["umount", str(view)], capture_output=True, check=False)
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)["people"]] == ["Ada Lovelace"]
    assert "cannot be taken back yet (the file is read-only here)" in listed.stderr
    assert journal_entries(db) >= 500  # the next open that can write takes it back
    open_store(db).close()
    assert journal_entries(db) == 0


def test_another_writer_gets_in_while_a_large_import_runs(tmp_path: Path) -> None:
    db = base(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "plan"],
        check=True,
        capture_output=True,
    )  # the layers, computed
    cards = vcards(2_000, tmp_path / "cards.vcf")
    importer = threading.Thread(target=imported, args=(db, cards))
    importer.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and journal_entries(db) == 0:
        time.sleep(0.01)
    other = open_store(db)  # opening beside a live run does not take it back
    try:
        with other.transaction():
            other.meta.set_setting("timezone", "UTC")
        with other.transaction():
            other.meta.set_fact("layers.stale", "1")  # as an import of a log marks them
        kept = layers.keep_current(other, NOW)  # not replayed for every write meanwhile
        running = importer.is_alive() and journal_entries(db) > 0
    finally:
        other.close()
    importer.join()
    assert running, "the write waited for the whole import"
    assert kept.how == "importing"
    store = open_store(db)
    try:
        assert (store.people.count(), store.meta.setting("timezone")) == (2_001, "UTC")
    finally:
        store.close()
    assert (journal_entries(db), damage(db)) == (0, [])


def test_migration_27_adds_an_empty_run_journal_to_a_database_of_the_version_before(
    tmp_path: Path,
) -> None:
    db = base(tmp_path)
    mine = next(m for m in migrations.all_migrations() if m.name == "run_journal")
    earlier = max(m.version for m in migrations.all_migrations() if m.version < mine.version)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute(f"DELETE FROM schema_migration WHERE version >= {mine.version}")
    connection.execute("DROP TABLE run_journal")
    undo_migration_44(connection)
    connection.execute(f"PRAGMA user_version = {earlier}")
    connection.close()
    store = open_store(db)
    try:
        version = store.connection.execute("PRAGMA user_version").fetchone()[0]
        assert (version >= mine.version, store.people.count()) == (True, 1)
    finally:
        store.close()
    assert (journal_entries(db), damage(db)) == (0, [])


def test_an_import_inside_a_transaction_of_its_caller_is_one_transaction(tmp_path: Path) -> None:
    db = base(tmp_path)
    cards = vcards(30, tmp_path / "cards.vcf")
    store = open_store(db)
    try:
        with store.transaction():
            import_records(store, read_cards(cards), kind="vcard", path=None, now=NOW)
            assert store.in_transaction
        assert store.people.count() == 31
    finally:
        store.close()


def test_the_stored_report_waits_for_an_import_under_way_before_it_is_made_again(
    tmp_path: Path,
) -> None:
    db = base(tmp_path)
    store = open_store(db)
    try:
        stored.refresh(store, NOW, UTC)
        with store.transaction():
            store.connection.execute("UPDATE stored_result SET stale = 1")
        assert stored.needs_refresh(store, NOW, UTC)
        with store.transaction():  # a journal entry: an import in slices, under way
            store.connection.execute(
                "INSERT INTO run_journal (token, tbl, op, key) VALUES (1, 'note', 'I', '0')"
            )
        assert not stored.needs_refresh(store, NOW, UTC)
    finally:
        store.close()
