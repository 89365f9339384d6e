"""The stored report and suggestions, refreshed in a background thread on its own connection,
so no page waits for them: started when a page finds them out of date and after a write that
made them stale. One refresh at a time; a page meanwhile shows the kept ones."""

from __future__ import annotations

import threading
from datetime import datetime, tzinfo
from pathlib import Path

from kith.services.mesh import stored
from kith.store import open_store

# At shutdown, how long to let a refresh finish; one cut short by the exit leaves the kept
# results marked as being refreshed, which counts as out of date: the next start refreshes.
WAIT_SECONDS = 5.0


class Refresher:
    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.failure: BaseException | None = None  # the last refresh's error, for the page

    def kick(self, now: datetime, zone: tzinfo) -> bool:
        """Start a refresh unless one is running; whether one started."""
        with self._lock:
            if self.running:
                return False
            self._thread = threading.Thread(
                target=self._run, args=(now, zone), name="kith-refresh", daemon=True
            )
            self._thread.start()
            return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, seconds: float | None = None) -> None:
        """Until the running refresh ends (or `seconds` pass)."""
        thread = self._thread
        if thread is not None:
            thread.join(seconds)

    def _run(self, now: datetime, zone: tzinfo) -> None:
        store = open_store(self.store_path)
        try:
            stored.refresh(store, now, zone)
            self.failure = None
        except Exception as problem:  # kept for the page to say; the kept result stays shown
            self.failure = problem
        finally:
            store.close()
