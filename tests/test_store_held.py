"""Opening a database a second time in one process must not release the first connection's
locks: POSIX drops all of a process's locks on a file when any descriptor of it is closed, and
then another process closing the file deletes the WAL the first connection still writes to
(the web app's background jobs open their own connections beside the page's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kith.store import open_store


def kith(db: Path, *args: str) -> str:
    command = [sys.executable, "-m", "kith", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def test_a_write_after_a_second_open_in_process_is_seen_by_another_process(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    kith(db, "add", "Ada Lovelace")
    first = open_store(db)
    first.connection.execute("INSERT INTO meta (key, value) VALUES ('probe', 'one')")
    second = open_store(db)  # as a background job opens its own connection
    second.close()
    kith(db, "config", "get", "timezone")  # another process opens and closes the file
    first.connection.execute("UPDATE meta SET value = 'two' WHERE key = 'probe'")
    reader = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    reader += "print(c.execute(\"SELECT value FROM meta WHERE key = 'probe'\").fetchone()[0])"
    other = subprocess.run(
        [sys.executable, "-c", reader, str(db)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    first.close()
    assert (other.stdout.strip(), other.returncode) == ("two", 0)
