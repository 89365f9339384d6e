"""Ordered, named schema migrations: `sql/NNNN_name.sql`, recorded in `schema_migration`.

Each migration runs in its own transaction when a database is opened. An existing file is
copied beside itself (checked whole, then the oldest copies beyond `backups.keep` pruned) before
the first migration it needs; a damaged file raises `integrity.Damage` and is not migrated.
"""

from __future__ import annotations

import importlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from kith.store import kept

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
SQL_DIR = Path(__file__).parent / "sql"
# What SQL cannot do, by the migration's name (a number may change at a merge):
# "module:function", given the connection and a callable that runs the migration's statements
# (it reads what it needs first, runs them, then writes), in the migration's transaction.
STEPS = {
    "layer_strength_blob": "kith.store.week.strength_blob:from_rows",
    "input_blocks": "kith.store.week.blocks:fill",
    "peaks_rest": "kith.store.week.peaks:make_rests",
}


@dataclass(frozen=True)
class Migration:
    """One numbered SQL migration."""

    version: int
    name: str
    sql: str


@cache
def all_migrations() -> tuple[Migration, ...]:
    found = []
    for name in os.listdir(SQL_DIR):  # not Path.iterdir: a tenth of an open's instructions
        match = _NAME.match(name)
        if match:
            with open(os.path.join(SQL_DIR, name), encoding="utf-8") as file:
                found.append(Migration(int(match.group(1)), match.group(2), file.read()))
    found.sort(key=lambda migration: migration.version)
    return tuple(found)


def latest_version() -> int:
    return all_migrations()[-1].version


def migrate(
    connection: sqlite3.Connection, path: Path, application_id: int, upto: int | None = None
) -> list[Migration]:
    """Apply every migration newer than the file's `user_version` (up to `upto`); return the
    ones this call applied. Each takes the write lock first and reads the version again under
    it, so processes opening the same new or older file at once migrate it once between them."""
    current = _version(connection)
    pending = [
        m for m in all_migrations() if m.version > current and (upto is None or m.version <= upto)
    ]
    backup_of = path if current > 0 else None  # a file made in this run has nothing to back up
    applied = []
    for migration in pending:
        if apply(connection, migration, application_id, backup_of):
            applied.append(migration)
            backup_of = None  # one copy, from before the first
    return applied


def apply(
    connection: sqlite3.Connection,
    migration: Migration,
    application_id: int,
    backup_of: Path | None = None,
) -> bool:
    """Run one migration in its own write transaction; False when another process already has.
    With `backup_of`, the file is copied first, under the same lock."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _version(connection) >= migration.version:
            connection.execute("ROLLBACK")
            return False
        if backup_of is not None:
            backup_before(backup_of, migration)
            kept.prune(backup_of, kept.keep_setting(connection))
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )

        def run() -> None:
            for statement in statements(migration.sql):
                connection.execute(statement)

        if migration.name in STEPS:
            step(STEPS[migration.name])(connection, run)
        else:
            run()
        connection.execute(
            "INSERT INTO schema_migration VALUES (?, ?, ?)",
            (migration.version, migration.name, stamp),
        )
        connection.execute(f"PRAGMA user_version = {migration.version}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return True


def statements(script: str) -> list[str]:
    """A migration's SQL as single statements (a trigger's BEGIN ... END stays whole), so they
    run inside the transaction that holds the lock, which `executescript` would commit."""
    found, pending = [], ""
    for piece in script.split(";")[:-1]:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):  # not inside a string, comment or trigger
            found.append(pending.strip())
            pending = ""
    rest = (pending + script.rsplit(";", 1)[-1]).strip()
    if any(line.strip() and not line.strip().startswith("--") for line in rest.splitlines()):
        raise ValueError(f"an unfinished SQL statement ends a migration: {rest[:80]!r}")
    return found


Step = Callable[[sqlite3.Connection, Callable[[], None]], None]


def step(path: str) -> Step:
    """A migration's Python step, imported when a migration needs it."""
    module, _, name = path.partition(":")
    found: Step = getattr(importlib.import_module(module), name)
    return found


def _version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def backup_before(path: Path, migration: Migration) -> Path:
    """A consistent copy through SQLite's backup API (what the WAL holds included). It reads
    through a connection of its own: the caller holds the write lock but has written nothing
    yet, so a reader still sees the file as it was (SQLite refuses to back up from the
    connection that is writing). The copy is checked whole: a damaged file raises `Damage`, and
    leaves no copy to crowd out the good ones."""
    from kith.store import integrity  # it reads the migrations: imported when first needed

    target = path.with_name(f"{path.name}.before-{migration.version:04d}-{migration.name}")
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)
    source, copy = sqlite3.connect(path), sqlite3.connect(target)
    try:
        source.backup(copy)
        problems = integrity.check_connection(copy)
    finally:
        copy.close()
        source.close()
    if problems:
        target.unlink()
        raise integrity.Damage(problems[0])
    return target
