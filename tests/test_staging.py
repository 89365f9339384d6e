"""Large mailboxes: staged in committed batches, invisible to reads, resumed after a kill."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kith.services.importing.staging import batches
from tests.conftest import NOW_TEXT

PEOPLE = 40


def mailbox(path: Path, messages: int) -> Path:
    """Messages between me and a few dozen people, each exchange going both ways."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(messages):
            other = f"person{n % PEOPLE}@example.org"
            outgoing = (n // PEOPLE) % 2  # each person both writes and is written to
            sender, to = ("me@example.org", other) if outgoing else (other, "me@example.org")
            day = 1 + (n // 5000) % 27
            out.write(
                f"From {sender} Sat Nov  1 09:00:00 2025\nFrom: {sender}\nTo: {to}\n"
                f"Date: Sat, {day} Nov 2025 09:{n % 60:02d}:00 +0000\n"
                f"Message-ID: <m{n}@example.org>\nSubject: message {n}\n\nhello\n\n"
            )
    return path


def kith(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, *args],
        capture_output=True,
        text=True,
        check=False,
    )


def counts(db: Path) -> tuple[int, int]:
    listed = json.loads(kith(db, "list", "--json").stdout)
    timeline = json.loads(kith(db, "timeline", "--since", "5y", "--json").stdout)
    return listed["total"], timeline["total"]


def staged_so_far(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as probe:
            row = probe.execute("SELECT max(staged) FROM import_run").fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0] or 0)


def importing(db: Path, source: Path, staged: int) -> subprocess.Popen[bytes]:
    """`kith import` of the mailbox in a child process, once it has staged `staged` records."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kith",
            "--db",
            str(db),
            "--now",
            NOW_TEXT,
            "import",
            str(source),
            "--me",
            "me@example.org",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and staged_so_far(db) < staged:
        time.sleep(0.02)
    return child


def test_batches_number_records_after_a_checkpoint() -> None:
    found = [(first, len(batch)) for first, batch in batches(range(12_000), skip=3_000)]  # type: ignore[arg-type]
    assert found == [(3_001 + k * 1_000, 1_000) for k in range(9)]


def test_a_killed_import_resumes_where_it_stopped_and_ends_as_a_clean_one(
    tmp_path: Path,
) -> None:
    source = mailbox(tmp_path / "big.mbox", 40_000)
    db = tmp_path / "kith.db"
    child = importing(db, source, staged=10_000)
    assert child.poll() is None, "the import finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    checkpoint = staged_so_far(db)
    assert 10_000 <= checkpoint < 40_000
    assert counts(db) == (0, 0)  # staged rows are invisible to every read
    resumed = kith(db, "import", str(source), "--me", "me@example.org", "--json")
    assert resumed.returncode == 0, resumed.stderr
    clean = tmp_path / "clean.db"
    kith(clean, "import", str(source), "--me", "me@example.org")
    assert counts(db) == counts(clean) == (PEOPLE, 40_000)
    runs = json.loads(kith(db, "imports", "--json").stdout)["runs"]
    assert [run["id"] for run in runs] == [1]


def test_another_writer_gets_through_while_a_mailbox_is_staged(tmp_path: Path) -> None:
    source = mailbox(tmp_path / "big.mbox", 40_000)
    db = tmp_path / "kith.db"
    assert kith(db, "add", "Ada Lovelace").returncode == 0
    child = importing(db, source, staged=5_000)
    assert child.poll() is None, "the import finished before another writer could try"
    logged = kith(db, "log", "Ada", "coffee while the mail was importing")
    assert child.wait() == 0
    assert (logged.returncode, logged.stdout) == (
        0,
        "Logged #1: coffee while the mail was importing (in_person, both) with Ada Lovelace.\n",
    )
