"""The web app open on a phone (`kith serve --host 0.0.0.0`, with the token), another on this
computer (127.0.0.1) and `kith today` in a terminal, all on one database and all at once on a new
week's first look, when each may step the layers (promoting the step prepared ahead), choose the
week and its gift, and start preparing the next Monday in the background: real processes over
real HTTP (reliability/_http.py). No answer may be a server error, and all show one week."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reliability._http import Answer, Serve, send
from reliability._kith import damage
from tests.conftest import Kith
from tests.web_support import issue_token, web_client

MONDAY = "2026-11-23T10:00:00+00:00"  # the week after the demo's Sunday
READS = ("/api/plan", "/", "/api/today", "/api/plan")


def kith_json(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real `kith` in a terminal at MONDAY; its preparation of the next Monday in-process, so
    that nothing of it outlives the test."""
    return subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", MONDAY, *args, "--json"],
        capture_output=True,
        text=True,
        env=os.environ | {"KITH_PREPARE_AHEAD": "inline"},
        check=False,
    )


def test_two_servers_and_kith_today_at_once_on_a_new_week_answer_every_read_with_one_week(
    demo: Kith, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITH_PREPARE_AHEAD", "inline")
    assert demo("plan").exit_code == 0  # the demo's week chosen, its next Monday prepared
    token = issue_token(db_path)
    bearer = {"Authorization": f"Bearer {token}"}
    env = {"KITH_PREPARE_AHEAD": "background", "TMPDIR": str(tmp_path)}
    wide = Serve(db_path, "0.0.0.0", env, MONDAY)
    local = Serve(db_path, "127.0.0.1", env, MONDAY)
    try:
        wide.ready()
        local.ready()
        places = ((wide, bearer), (local, {}))
        answers: list[tuple[str, Answer]] = []
        terminal: list[subprocess.CompletedProcess[str]] = []
        start = threading.Barrier(len(READS) * len(places) + 1)

        def read(server: Serve, path: str, headers: dict[str, str]) -> None:
            start.wait()
            answers.append((f"{server.host} {path}", send(server.port, "GET", path, headers)))

        def today() -> None:
            start.wait()
            terminal.append(kith_json(db_path, "today"))

        threads = [
            threading.Thread(target=read, args=(server, path, headers))
            for path in READS
            for server, headers in places
        ]
        threads.append(threading.Thread(target=today))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        failed = [f"{where}: {a.status} {a.body[:200]}" for where, a in answers if a.status != 200]
        assert (failed, len(answers)) == ([], 8), wide.output()[-3000:] + local.output()[-3000:]
        assert terminal[0].returncode == 0, terminal[0].stderr
        plans = [json.loads(send(s.port, "GET", "/api/plan", h).body) for s, h in places]
    finally:
        wide.stop()
        local.stop()
    plans.append(json.loads(kith_json(db_path, "plan").stdout))
    plans.append(json.loads(terminal[0].stdout))  # today's picks: the week's open ones
    weeks = [(plan["week"], sorted(pick["id"] for pick in plan["picks"])) for plan in plans]
    assert weeks[0][0] == "2026-W48"
    assert weeks[0][1] != []
    assert weeks == [weeks[0]] * 4
    assert damage(db_path) == []


def test_a_page_that_must_write_while_another_process_holds_the_write_lock_says_busy_not_500(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The week page's first look of the week writes (the layers, the week); `kith today` in a
    terminal may hold the write lock longer than a writer waits (BUSY_TIMEOUT_MS, shortened
    here): the page says so and what to do, as the API does, never a server error."""
    import sqlite3

    from kith.store import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    terminal = sqlite3.connect(db_path, isolation_level=None)
    try:
        with web_client(db_path) as client:
            terminal.execute("BEGIN IMMEDIATE")  # another process's write under way
            busy = client.get("/")
            terminal.execute("ROLLBACK")
            after = client.get("/")
    finally:
        terminal.close()
    assert busy.status_code == 503
    assert "is busy or cannot be written (database is locked); try again" in busy.text
    assert after.status_code == 200
