"""Ordered, named schema migrations: `sql/NNNN_name.sql`, recorded in `schema_migration`.

Each migration runs in its own transaction when a database is opened. A migration whose file
starts with the line `-- rewrites data` gets a backup of the file beside it before it runs.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
REWRITES_DATA = "-- rewrites data"
SQL_DIR = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def rewrites_data(self) -> bool:
        return self.sql.startswith(REWRITES_DATA)


@cache
def all_migrations() -> tuple[Migration, ...]:
    found = []
    for entry in SQL_DIR.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    return tuple(found)


def latest_version() -> int:
    return all_migrations()[-1].version


def migrate(
    connection: sqlite3.Connection, path: Path, application_id: int, upto: int | None = None
) -> list[Migration]:
    """Apply every migration newer than the file's `user_version` (up to `upto`); return them."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    pending = [
        m for m in all_migrations() if m.version > current and (upto is None or m.version <= upto)
    ]
    existed = current > 0  # a file made in this run has nothing to back up
    for migration in pending:
        if existed and migration.rewrites_data:
            backup_before(connection, path, migration)
        apply(connection, migration, application_id)
    return pending


def apply(connection: sqlite3.Connection, migration: Migration, application_id: int) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    script = f"""
        BEGIN IMMEDIATE;
        PRAGMA application_id = {application_id};
        CREATE TABLE IF NOT EXISTS schema_migration (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
        {migration.sql}
        ;
        INSERT INTO schema_migration VALUES ({migration.version}, '{migration.name}', '{stamp}');
        PRAGMA user_version = {migration.version};
        COMMIT;
    """
    try:
        connection.executescript(script)
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def backup_before(connection: sqlite3.Connection, path: Path, migration: Migration) -> Path:
    target = path.with_name(f"{path.name}.before-{migration.version:04d}-{migration.name}")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, target)
    target.chmod(0o600)
    return target
