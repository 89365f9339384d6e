"""Large mailboxes: staged in committed batches, invisible to reads, resumed after a kill."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kith.services.importing.staging import batches
from tests.conftest import NOW_TEXT

PEOPLE = 40
ME = "me@example.org"


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


ONE_WAY_AND_GROUPS = [  # (sender, To, Cc): exchanges, a group, one-way mail, a list, a note
    *[(a, b, "") for p in "abc" for a, b in ((ME, f"{p}@example.org"), (f"{p}@example.org", ME))],
    (ME, "a@example.org, b@example.org", "c@example.org"),
    ("a@example.org", f"{ME}, d@example.org", ""),
    ("lonely@example.org", ME, ""),
    ("lonely@example.org", ME, ""),
    (ME, "never-replied@example.org", ""),
    ("noreply@example.org", ME, ""),
    (ME, ME, ""),
]


def mixed_mailbox(path: Path, extra: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, (sender, to, cc) in enumerate(
            [*ONE_WAY_AND_GROUPS, *[("b@example.org", ME, "")] * extra]
        ):
            out.write(
                f"From {sender} Sat Nov  1 09:00:00 2025\nFrom: {sender}\nTo: {to}\n"
                + (f"Cc: {cc}\n" if cc else "")
                + f"Date: Sat, {1 + n % 20} Nov 2025 09:{n:02d}:00 +0000\n"
                f"Message-ID: <mixed{n}@example.org>\nSubject: s{n}\n\nhello\n\n"
            )
    return path


def imported(db: Path, source: Path, *flags: str) -> dict[str, Any]:
    result = kith(db, "import", str(source), "--me", ME, "--json", *flags)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)["imports"][0]
    assert report["found"] == sum(report["accounted"].values())
    return report


def test_a_staged_mailbox_imported_again_is_all_unchanged_as_its_dry_run_says(
    tmp_path: Path,
) -> None:
    source, db = mixed_mailbox(tmp_path / "mail.mbox"), tmp_path / "kith.db"
    first = imported(db, source)
    assert (first["found"], first["created"]) == (13, {"person": 3, "interaction": 8})
    planned, again = imported(db, source, "--dry-run"), imported(db, source)
    assert staged_so_far(db) == 13  # the real imports took the staged path, the dry run not
    for report in (planned, again):
        assert (report["created"], report["updated"]) == ({}, {})
        assert report["unchanged"] == {"interaction": 8}
        assert report["accounted"] == {
            "imported": 0, "known": 8, "one_way": 3, "ignored": 2, "skipped": 0
        }  # fmt: skip
    assert counts(db) == (3, 8)


def test_a_staged_mailbox_grown_since_counts_the_old_mail_unchanged_and_the_new_created(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    imported(db, mixed_mailbox(tmp_path / "mail.mbox"))
    grown = imported(db, mixed_mailbox(tmp_path / "mail.mbox", extra=2))
    assert (grown["found"], grown["created"]) == (15, {"interaction": 2})
    assert grown["unchanged"] == {"interaction": 8}
    assert grown["accounted"]["known"] == 8
