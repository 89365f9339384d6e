"""Ctrl-C in the middle of an import (found trying Kith as a new user: it printed click's bare
"Aborted!", which says nothing of what became of the import). The message says the write under
way was taken back whole and where to look; the database holds nothing of the import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

KITH = Path(sys.executable).parent / "kith"
NOW = "2026-06-01T12:00:00Z"
# Ctrl-C reaches a command started from a terminal (not one a shell put in the background, which
# ignores SIGINT): the default disposition, then kith itself
AS_ON_A_TERMINAL = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def chat(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            day, minute = 1 + (i // 1440) % 28, i % 1440
            who = "Sam Rivera" if i % 2 else "Ada Lovelace"
            when = f"{day:02d}/{1 + i // 40320:02d}/2024, {minute // 60:02d}:{minute % 60:02d}"
            out.write(f"{when} - {who}: message {i}\n")
    return path


def kith(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(KITH), "--db", str(database), "--now", NOW, *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_ctrl_c_mid_import_says_nothing_half_done_was_kept_and_keeps_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "kith.db"
    assert kith(database, "add", "Bea Known").returncode == 0  # a database that holds something
    command = [str(KITH), "--db", str(database), "--now", NOW, "import", "--me", "Sam Rivera"]
    command.append(str(chat(tmp_path / "chat.txt", 200_000)))
    running = subprocess.Popen(
        [
            sys.executable,
            "-c",
            AS_ON_A_TERMINAL,
            *command,
            str(chat(tmp_path / "chat.txt", 200_000)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TZ": "UTC"},
    )
    while running.poll() is None and not list(tmp_path.glob("kith.db-run-*.lock")):
        time.sleep(0.002)  # the import's write has begun
    running.send_signal(signal.SIGINT)
    _, err = running.communicate()
    listed = json.loads(kith(database, "list", "--json").stdout)["people"]
    assert running.returncode == 1
    assert err.startswith("Error: Interrupted: nothing half-written was kept")
    assert "Aborted!" not in err
    assert [p["name"] for p in listed] == ["Bea Known"]
    assert json.loads(kith(database, "imports", "--json").stdout)["runs"] == []
