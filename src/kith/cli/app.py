"""What every command shares: where the database is, what time it is, how to print."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kith import clock
from kith.errors import KithError
from kith.store import SQLiteError, Store, open_store

if TYPE_CHECKING:
    from kith.cli.ahead import Ahead

APP_NAME = "kith"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


@dataclass
class App:
    """The global options of one `kith` call, and the store and clock they open."""

    db_option: str | None = None
    demo: bool = False
    now_option: str | None = None
    json: bool = False
    debug: bool = False
    _store: Store | None = field(default=None, repr=False)
    _now: datetime | None = field(default=None, repr=False)
    _tz: tzinfo | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        if self.demo:
            return data_dir() / "demo.db"
        chosen = self.db_option or os.environ.get("KITH_DB")
        return Path(chosen).expanduser() if chosen else data_dir() / "kith.db"

    @property
    def uses_default_location(self) -> bool:
        return self.demo or not (self.db_option or os.environ.get("KITH_DB"))

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db_path, private_dir=self.uses_default_location)
            for note in self._store.notes:
                print(note, file=sys.stderr)
        return self._store

    @property
    def tz(self) -> tzinfo:
        if self._tz is None:
            self._tz = clock.zone(self.store.meta.setting("timezone"))
        return self._tz

    @property
    def now(self) -> datetime:
        if self._now is None:
            self._now = clock.face_now(self.now_option or os.environ.get("KITH_NOW"), self.tz)
        return self._now

    def ahead(self) -> Ahead | None:
        """What to prepare after the command (cli/ahead.py), on a file it can write: when it
        moved the stored layers to a new instant, or left the week with nothing prepared for
        the next Monday (services/week/week_ahead.wanted: one read of meta), so that the next
        Monday's step may be ready."""
        store = self._store
        if store is None or store.read_only:
            return None
        from kith.cli.ahead import Ahead, mode

        if mode() == "off":  # asked off, or streams not the process's own (a test's runner)
            return None
        from kith.services.week import week_ahead

        try:
            now = self.now
            if not store.layers_moved() and not week_ahead.wanted(store, now):
                return None
        except (KithError, SQLiteError):  # a clock or a file it cannot read: the command's
            return None  # answer stands, nothing is prepared
        return Ahead(self.db_path, self.uses_default_location, now)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def remove_database(self) -> None:
        """Close and delete the database file (with SQLite's side files): for a dry run that
        had to create it, so that trying a command leaves nothing behind."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal", "-ahead"):
            self.db_path.with_name(self.db_path.name + suffix).unlink(missing_ok=True)


def interactive() -> bool:
    """Prompts only on a terminal: nothing ever waits on a closed or piped stdin."""
    return sys.stdin.isatty() and sys.stdout.isatty()
