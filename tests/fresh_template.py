"""New database files from a template: a file made in a test takes its migrations by a copy.

A new file runs every migration (47 of them, ~0.1 s of CPU each time), and about half the
suite's tests make one or more. `from_template` migrates one file once per test session with
the real `migrations.migrate`, then gives each new, empty file a page-for-page copy of it
(SQLite's backup API, ~2 ms) where `migrate` would apply them all again. A copy holds exactly
what the migrations made, the time each was applied apart (the template's: its session's
start); tests/test_fresh_template.py compares the two. Files that are not new (a test's older
schema, `upto`) and the modules about migrating a new file (REAL_MIGRATIONS) run the real one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kith.store import migrations, open_store

Migrate = Callable[..., list[migrations.Migration]]

# the test modules that are about what migrating a new file does: they keep the real path
REAL_MIGRATIONS = frozenset({"test_store", "test_migrations", "test_fresh_template"})


def made(path: Path) -> sqlite3.Connection:
    """The template: a new file at `path` migrated by the real code, open for copying."""
    open_store(path).close()
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def copying(template: sqlite3.Connection, real: Migrate) -> Migrate:
    """`migrations.migrate`, but a new, empty file gets the template's pages instead."""
    lock = threading.Lock()  # two threads opening one new file: the second finds it migrated

    def migrate(
        connection: sqlite3.Connection, path: Path, application_id: int, upto: int | None = None
    ) -> list[migrations.Migration]:
        if upto is None:
            with lock:
                if empty(connection):
                    template.backup(connection)
                    return list(migrations.all_migrations())
        return real(connection, path, application_id, upto)

    return migrate


def empty(connection: sqlite3.Connection) -> bool:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return version == 0 and connection.execute("SELECT 1 FROM sqlite_master").fetchone() is None


@contextmanager
def from_template(folder: Path) -> Iterator[Callable[[str], None]]:
    """While open, new files are copies of a template made in `folder`; the function it gives
    takes a test module's name and runs the real migrations for those in REAL_MIGRATIONS."""
    real = migrations.migrate
    template = made(folder / "fresh.db")
    copy = copying(template, real)

    def use(module: str) -> None:
        real_here = module.rsplit(".", 1)[-1] in REAL_MIGRATIONS
        migrations.migrate = real if real_here else copy  # type: ignore[assignment]

    try:
        yield use
    finally:
        migrations.migrate = real  # type: ignore[assignment]
        template.close()
