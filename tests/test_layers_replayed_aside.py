"""Stale layers are replayed outside the write lock (services/ties/layers.py) and saved only if no
change to the past came meanwhile, which the count of migration 0028 tells."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

import pytest

from kith.services.ties import layer_replay, layers
from kith.store import migrations, open_store
from kith.store.week.layers import StateRow
from tests.conftest import NOW_TEXT, Kith, undo_migration_44

NOW = datetime.fromisoformat(NOW_TEXT)
COUNTED = "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"


def stale_count(db_path: Path) -> str | None:
    store = open_store(db_path)
    try:
        return store.layers.stale_count()
    finally:
        store.close()


def layer_rows(db_path: Path) -> list[StateRow]:
    store = open_store(db_path)
    try:
        return store.layers.state()
    finally:
        store.close()


def test_each_change_to_the_past_adds_one_to_the_count_that_marks_the_layers_stale(
    demo: Kith, db_path: Path
) -> None:
    demo("plan")
    assert stale_count(db_path) is None
    demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01")
    demo("log", "Yara", "a walk", "-c", "in_person", "--when", "2026-10-08")
    assert stale_count(db_path) == "2"


def test_a_replay_reads_without_holding_the_write_lock_and_saves_when_the_past_stood_still(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo("plan")
    demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01")
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    took_the_lock: list[bool] = []
    replayed = layer_replay.replayed

    def watched(store: object, now: datetime, zone: tzinfo) -> layer_replay.Replayed:
        other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if the replay held it
        took_the_lock.append(True)
        other.execute("ROLLBACK")
        return replayed(store, now, zone)  # type: ignore[arg-type]

    monkeypatch.setattr(layer_replay, "replayed", watched)
    store = open_store(db_path)
    try:
        kept = layers.keep_current(store, NOW)
        assert (kept.how, took_the_lock, store.layers.stale()) == ("replayed", [True], False)
    finally:
        store.close()
        other.close()


def test_a_change_to_the_past_while_the_replay_read_is_not_lost(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo("plan")
    demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01")
    replayed: Callable[..., layer_replay.Replayed] = layer_replay.replayed

    def meanwhile(store: object, now: datetime, zone: tzinfo) -> layer_replay.Replayed:
        made = replayed(store, now, zone)
        demo("log", "Yara", "a week away together", "-c", "in_person", "--when", "2026-09-01")
        return made  # read before the second change to the past

    monkeypatch.setattr(layer_replay, "replayed", meanwhile)
    store = open_store(db_path)
    try:
        assert layers.keep_current(store, NOW).how == "replayed"
        assert not store.layers.stale()
    finally:
        store.close()
    monkeypatch.undo()
    kept = layer_rows(db_path)
    demo("rebuild")
    assert kept == layer_rows(db_path)


def test_migration_28_counts_on_a_database_of_the_version_before(db_path: Path, demo: Kith) -> None:
    demo("plan")
    mine = next(m for m in migrations.all_migrations() if m.name == "layer_stale_count")
    earlier = max(m.version for m in migrations.all_migrations() if m.version < mine.version)
    connection = sqlite3.connect(db_path, isolation_level=None)
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE ?",
        (f"%{COUNTED}%",),
    ).fetchall()
    for name, sql in triggers:  # as migrations 8 and 10 made them
        connection.execute(f"DROP TRIGGER {name}")
        connection.execute(
            sql.replace("INSERT INTO", "INSERT OR REPLACE INTO").split("\n      ON")[0] + "; END"
        )
    connection.execute(f"DELETE FROM schema_migration WHERE version >= {mine.version}")
    undo_migration_44(connection)
    connection.execute(f"PRAGMA user_version = {earlier}")
    connection.close()
    demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01")
    demo("log", "Yara", "a walk", "-c", "in_person", "--when", "2026-10-08")
    # one count for each backdated log, and one from migration 0046 (run again with the rest
    # from 28 on: layers kept before latent ties are replayed once)
    assert (len(triggers), stale_count(db_path)) == (14, "3")
