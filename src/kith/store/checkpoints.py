"""Copying the WAL back into the database from a thread of its own, for a process that answers
people (the web app): with SQLite's automatic checkpoint, whichever COMMIT first crossed 1,000
WAL pages copied them all back before returning, and a web write's answer waited for it (1.1 s
beside an import on a loaded machine). The app's connection has its automatic checkpoint off;
this thread runs a passive checkpoint (it never blocks a writer) every `EVERY` seconds."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress

EVERY = 1.0


class Checkpointer:
    def __init__(self, path: str, every: float = EVERY) -> None:
        self.path, self.every = path, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kith-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            connection.execute("PRAGMA busy_timeout = 0")
            while not self._stop.wait(self.every):
                with suppress(sqlite3.Error):  # busy, or a full disk: the WAL keeps the pages
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
