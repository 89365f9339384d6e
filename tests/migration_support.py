"""A database at an old schema version with one contact in it: where a migration's test starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kith.store import migrations
from kith.store.connection import APPLICATION_ID

STAMP = "2026-11-21T10:00:00Z"


def one_contact_at(path: Path, version: int, name: str) -> sqlite3.Connection:
    """A new file migrated up to `version` (autocommit), holding contact 1 called `name`."""
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=version)
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
        "VALUES (1, 'u-1', ?, ?, 'contact', ?, ?)",
        (name, name.lower(), STAMP, STAMP),
    )
    return connection
