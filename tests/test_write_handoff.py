"""A sliced import hands the write lock to the writers waiting when a slice commits, before it
begins its next slice (journal.Turnstile), and leaves no file of it behind."""

from __future__ import annotations

import fcntl
import glob
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kith.store import Store, journal, open_store
from tests.conftest import NOW_TEXT


def waiting_writers(db: Path) -> bool:
    """Whether a writer holds a run's .wait file (shared), i.e. waits for the lock."""
    for name in glob.glob(f"{db}-run-*.wait"):
        descriptor = os.open(name, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(descriptor)
    return False


def people(store: Store) -> list[str]:
    return [
        row[0] for row in store.connection.execute("SELECT display_name FROM person ORDER BY id")
    ]


def add(store: Store, name: str) -> None:
    with store.transaction():
        store.people.insert(uid=f"uid-{name}", name=name, name_key=name.lower(), now=NOW_TEXT)


WRITER = """
import sys
from kith.store import open_store
store = open_store(sys.argv[1])
with store.transaction():
    store.people.insert(uid="uid-w", name="Written Meanwhile", name_key="w", now=sys.argv[2])
store.close()
"""


def test_a_writer_waiting_when_a_slice_commits_writes_before_the_next_slice(
    tmp_path: Path,
) -> None:
    """Even when the waiting process is not scheduled at once (stopped here for 0.1 s, as a
    loaded machine may leave it): the run waits for it rather than pausing a fixed time."""
    db = tmp_path / "kith.db"
    importer = open_store(db)
    try:
        with importer.sliced():
            add(importer, "Imported First")
            writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), NOW_TEXT])
            deadline = time.monotonic() + 30
            while not waiting_writers(db) and time.monotonic() < deadline:
                time.sleep(0.005)
            assert waiting_writers(db)
            time.sleep(journal.SLICE)  # the slice has lasted long enough to commit
            writer.send_signal(signal.SIGSTOP)
            threading.Timer(0.1, writer.send_signal, (signal.SIGCONT,)).start()
            importer.breathe()  # commits, lets the writer in, begins the next slice after it
            seen_in_next_slice = people(importer)
            add(importer, "Imported Second")
        assert writer.wait() == 0
        assert seen_in_next_slice == ["Imported First", "Written Meanwhile"]
        assert people(importer) == ["Imported First", "Written Meanwhile", "Imported Second"]
    finally:
        importer.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "-run-" in p.name) == []
