"""The web app's writes are copied from the WAL into the database by a thread of their own
(store/checkpoints.py), never inside a write's COMMIT, where an answer waited for it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from kith.store import open_store
from tests.conftest import NOW_TEXT

IN_THE_FILE = """
import sqlite3, sys
probe = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro&immutable=1", uri=True)
print(probe.execute("SELECT count(*) FROM person").fetchone()[0])
"""


def in_the_file(db: Path) -> int:
    """People in the database file itself, the WAL left aside (read in a process of its own)."""
    done = subprocess.run(
        [sys.executable, "-c", IN_THE_FILE, str(db)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_a_write_is_copied_into_the_file_by_the_checkpoint_thread_not_its_commit(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    open_store(db).close()
    store = open_store(db)
    try:
        store.checkpoint_aside(every=5.0)  # (1 s in the app) long enough to look before it
        automatic = store.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        with store.transaction():
            store.people.insert(uid="uid-a", name="Ada Lovelace", name_key="ada", now=NOW_TEXT)
        just_after = in_the_file(db)
        deadline = time.monotonic() + 30
        while in_the_file(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        later = in_the_file(db)
    finally:
        store.close()
    assert (automatic, just_after, later) == (0, 0, 1)
