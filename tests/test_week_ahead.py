"""The next Monday's step prepared after the week's first command (cli/ahead.py,
services/week/week_ahead.py; issue 15): in a process detached from the command, which returns
first; given up when another writer commits while it works, and tried once more; prepared
again after an edit that voided it and in a week that has none (the first after an upgrade);
and over weeks of use without an import, every week's first command promotes it, leaving the
layers a database that never prepared one has."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.ahead import GATE_ENV, SIDE_SUFFIX, _turn
from kith.cli.main import cli
from kith.services.week import week_ahead
from kith.services.week.week_ahead import MODE_ENV
from kith.store import open_store
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import named
from tests.conftest import NOW
from tests.test_week_prepared_edits import STALING

PROGRAM = [sys.executable, "-m", "kith"]  # kith/__main__.py runs kith.cli.entry.main
WEEK_1 = NOW + timedelta(days=1, hours=-1)  # Monday 23 Nov 2026, 09:00: the layers step
WEEK_2 = WEEK_1 + timedelta(weeks=1)
PATIENCE = 120.0  # seconds a detached preparation may take on a loaded machine


def kith_process(
    db: Path, when: datetime, *args: str, mode: str, gate: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `kith` program, its output read through pipes until they close."""
    env = {**os.environ, MODE_ENV: mode}
    if gate is not None:
        env[GATE_ENV] = str(gate)
    argv = [*PROGRAM, "--db", str(db), "--now", when.isoformat(), *args]
    ran = subprocess.run(
        argv, capture_output=True, text=True, env=env, timeout=PATIENCE, check=False
    )
    return ran


def kith_in_process(db: Path, when: datetime, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "--now", when.isoformat(), *args])
    assert result.exit_code == 0, result.output


def table_hash(db: Path, table: str, order: str = "person_id") -> str:
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            named(connection, f"SELECT * FROM {table} ORDER BY {order}")
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def root(db: Path, table: str) -> int:
    """The b-tree's first page of the table SQL names `table`: a promotion makes the prepared
    set of tables the current one (store/week/layers.py `promote`), a step writes the state's
    own rows."""
    with closing(sqlite3.connect(db)) as connection:
        found = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (named(connection, table),)
        )
        return int(found.fetchone()[0])


def meta(db: Path, key: str) -> str | None:
    with closing(sqlite3.connect(db)) as connection:
        found = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if found is None else str(found[0])


def waited_for(done: Path) -> str:
    """What the detached preparation wrote when it ended (cli/ahead.py GATE_ENV)."""
    deadline = time.monotonic() + PATIENCE
    while not done.exists():
        assert time.monotonic() < deadline, "the preparation did not end"
        time.sleep(0.05)
    return done.read_text()


class Gate:
    """The test's end of the FIFO the detached preparation waits on (cli/ahead.py GATE_ENV):
    each `let_pass` lets it past one gate."""

    def __init__(self, fifo: Path) -> None:
        self.fifo = fifo
        self.end: int | None = None

    def reached(self) -> int:
        """Once the preparation waits at its first gate (it opened the FIFO there)."""
        deadline = time.monotonic() + PATIENCE
        while self.end is None:
            try:  # ENXIO until the preparation has opened it to read
                self.end = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                assert time.monotonic() < deadline, "the preparation never reached its gate"
                time.sleep(0.02)
        return self.end

    def let_pass(self) -> None:
        os.write(self.reached(), b"x")

    def close(self) -> None:
        if self.end is not None:
            os.close(self.end)


@pytest.fixture
def demo_db(built_demo: Path, tmp_path: Path) -> Path:
    db = tmp_path / "ahead.db"
    shutil.copy(built_demo, db)
    return db


@pytest.fixture
def never(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database that never prepares a Monday ahead (conftest: off)."""
    copied = tmp_path / "never.db"
    shutil.copy(demo_db, copied)
    return copied


def two_weeks_never_prepared(db: Path, log_at: datetime, note: str) -> None:
    """Week 1's first `today`, a log of #4 at `log_at`, week 2's first `today`, in-process."""
    kith_in_process(db, WEEK_1, "today")
    kith_in_process(db, log_at, "log", "#4", note)
    kith_in_process(db, WEEK_2, "today")


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[Gate]:
    fifo = tmp_path / "gate"
    os.mkfifo(fifo)
    opened = Gate(fifo)
    yield opened
    opened.close()  # a preparation still held then reads the end and goes on


def test_the_weeks_first_command_prepares_the_next_monday_aside_and_the_next_week_promotes_it(
    demo_db: Path, never: Path
) -> None:
    first = kith_process(demo_db, WEEK_1, "today", mode="background")
    assert first.returncode == 0
    assert first.stdout.strip() != ""
    deadline = time.monotonic() + PATIENCE
    while meta(demo_db, PREPARED_KEY) is None:
        assert time.monotonic() < deadline, "nothing was prepared"
        time.sleep(0.05)
    time.sleep(0.5)  # next week's gift is kept after the step, in a transaction of its own
    kith_in_process(never, WEEK_1, "today")
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")
    week_1 = table_hash(demo_db, "layer_state")
    second = kith_process(demo_db, WEEK_2, "today", mode="off")
    kith_in_process(never, WEEK_2, "today")
    assert second.returncode == 0
    # promoted: the tables swapped names, so last week's state is now the prepared table's
    assert table_hash(demo_db, "layer_prepared") == week_1
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")
    assert meta(demo_db, "layers.instant") == "2026-11-30T00:00:00Z"


def test_the_command_returns_with_its_output_while_the_preparation_still_waits(
    demo_db: Path, gate: Gate
) -> None:
    first = kith_process(demo_db, WEEK_1, "today", mode="background", gate=gate.fifo)
    assert first.returncode == 0
    assert first.stdout.strip() != ""
    assert first.stderr == ""
    done = Path(f"{gate.fifo}.done")
    assert not done.exists()  # held at its first gate, after the command ended
    assert meta(demo_db, PREPARED_KEY) is None
    gate.let_pass()
    gate.let_pass()
    assert waited_for(done) == "prepared"
    assert meta(demo_db, PREPARED_KEY) is not None


def test_a_log_while_the_preparation_is_under_way_succeeds_and_the_preparation_tries_again(
    demo_db: Path, gate: Gate, never: Path
) -> None:
    kith_process(demo_db, WEEK_1, "today", mode="background", gate=gate.fifo)
    gate.reached()  # the preparation has begun; it holds no lock while it waits there
    logged = kith_process(demo_db, WEEK_1, "log", "#4", "coffee", mode="off")
    assert logged.returncode == 0, logged.stderr
    gate.let_pass()  # it works the step out, from a snapshot with the log in it
    gate.let_pass()  # and finds another connection committed since it began: it keeps nothing
    assert meta(demo_db, PREPARED_KEY) is None
    week_1 = table_hash(demo_db, "layer_state")
    gate.let_pass()  # once more, the log committed: nothing moves now
    gate.let_pass()
    assert waited_for(Path(f"{gate.fifo}.done")) == "prepared"
    kith_in_process(demo_db, WEEK_2, "today")  # promoted
    two_weeks_never_prepared(never, WEEK_1, "coffee")
    assert table_hash(demo_db, "layer_prepared") == week_1
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")


def test_a_log_after_the_preparation_is_patched_into_the_step_the_next_week_promotes(
    demo_db: Path, gate: Gate, never: Path
) -> None:
    kith_process(demo_db, WEEK_1, "today", mode="background", gate=gate.fifo)
    gate.let_pass()
    gate.let_pass()
    assert waited_for(Path(f"{gate.fifo}.done")) == "prepared"
    week_1 = table_hash(demo_db, "layer_state")
    logged = kith_process(demo_db, WEEK_1 + timedelta(hours=3), "log", "#4", "tea", mode="off")
    assert logged.returncode == 0, logged.stderr
    kith_in_process(demo_db, WEEK_2, "today")
    two_weeks_never_prepared(never, WEEK_1 + timedelta(hours=3), "tea")
    assert table_hash(demo_db, "layer_prepared") == week_1  # promoted, patched for #4
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")


def test_weeks_of_use_without_an_import_promote_every_week_after_the_first(
    demo_db: Path, never: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with closing(sqlite3.connect(demo_db)) as connection:
        ids = [pid for (pid,) in connection.execute("SELECT id FROM person WHERE kind = 'contact'")]
    rng = random.Random(15)
    promoted = []
    for week in range(8):
        monday = WEEK_1 + timedelta(weeks=week)
        first = ("today", "plan")[week % 2]  # `plan` shows the week's gift too
        prepared_root = root(demo_db, "layer_prepared")
        monkeypatch.setenv(MODE_ENV, "inline")
        kith_in_process(demo_db, monday, first)
        monkeypatch.setenv(MODE_ENV, "off")
        kith_in_process(never, monday, first)
        promoted.append(root(demo_db, "layer_state") == prepared_root)
        assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")
        picks = "week, position"
        assert table_hash(demo_db, "plan_pick", picks) == table_hash(never, "plan_pick", picks)
        assert meta(demo_db, "plan.gift") == meta(never, "plan.gift")
        assert meta(demo_db, PREPARED_KEY) is not None  # the next Monday's, prepared inline
        for _ in range(rng.randint(0, 4)):
            when = monday + timedelta(hours=rng.randint(1, 150))
            person, channel = rng.choice(ids), rng.choice(["coffee", "call", "email"])
            for db in (demo_db, never):
                kith_in_process(db, when, "log", f"#{person}", "caught up", "--channel", channel)
    assert promoted == [False, *[True] * 7]


def test_a_command_in_a_test_runner_prepares_nothing_unless_asked(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MODE_ENV)
    kith_in_process(demo_db, WEEK_1, "today")
    assert meta(demo_db, PREPARED_KEY) is None


def prepared_for(db: Path, monday: str) -> None:
    """Until the next Monday's step and next week's gift are kept (a thread of a long-running
    face prepares them after the call that stepped)."""
    deadline = time.monotonic() + PATIENCE
    while (meta(db, "plan.gift_ahead") or "").find(f'"instant": "{monday}"') < 0:
        assert time.monotonic() < deadline, "nothing was prepared"
        time.sleep(0.05)
    assert meta(db, PREPARED_KEY) is not None


def test_the_web_page_that_steps_the_week_prepares_the_next_monday_in_a_thread(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.testclient import TestClient

    from kith.web.app import create_app
    from kith.web.config import WebSettings

    monkeypatch.setenv(MODE_ENV, "background")
    app = create_app(demo_db, WebSettings(host="127.0.0.1", now=WEEK_1.isoformat()))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/").status_code == 200
        prepared_for(demo_db, "2026-11-30T00:00:00Z")
    prepared_root = root(demo_db, "layer_prepared")
    kith_in_process(demo_db, WEEK_2, "today")
    assert root(demo_db, "layer_state") == prepared_root


def test_an_mcp_call_that_steps_the_week_prepares_the_next_monday_in_a_thread(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kith.mcp.session import Session
    from kith.services.week import plan

    monkeypatch.setenv(MODE_ENV, "background")
    session = Session(demo_db, now_text=WEEK_1.isoformat())
    with session.call():
        plan.this_week(session.store, session.now())
    prepared_for(demo_db, "2026-11-30T00:00:00Z")
    session.close()
    prepared_root = root(demo_db, "layer_prepared")
    kith_in_process(demo_db, WEEK_2, "today")
    assert root(demo_db, "layer_state") == prepared_root


def test_a_long_running_face_prepares_nothing_when_it_is_off(demo_db: Path) -> None:
    from kith.mcp.session import Session
    from kith.services.week import plan

    session = Session(demo_db, now_text=WEEK_1.isoformat())  # conftest: KITH_PREPARE_AHEAD=off
    with session.call():
        plan.this_week(session.store, session.now())
    session.close()
    assert [t.name for t in threading.enumerate() if t.name == "kith-week-ahead"] == []
    assert meta(demo_db, PREPARED_KEY) is None


def prepared_again_after(db: Path, gate: Gate, when: datetime, *args: str) -> str:
    """A real `kith` command in background mode, its detached preparation let through its two
    gates; what the preparation did."""
    ran = kith_process(db, when, *args, mode="background", gate=gate.fifo)
    assert ran.returncode == 0, ran.stderr
    gate.let_pass()
    gate.let_pass()
    return waited_for(Path(f"{gate.fifo}.done"))


def next_weeks_today(db: Path) -> str:
    """Week 2's first `today`, a real process that prepares nothing: its output."""
    ran = kith_process(db, WEEK_2, "today", mode="off")
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


@pytest.fixture
def read_after(demo_db: Path, tmp_path: Path) -> Path:
    """A copy that never prepares and whose layers are read again after the week's edit."""
    copied = tmp_path / "read-after.db"
    shutil.copy(demo_db, copied)
    return copied


@pytest.mark.parametrize("write", list(STALING.values()), ids=list(STALING))
def test_an_edit_that_voids_the_step_prepares_it_again_and_the_next_week_promotes_it(
    demo_db: Path,
    never: Path,
    read_after: Path,
    gate: Gate,
    write: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(MODE_ENV, "inline")
    kith_in_process(demo_db, WEEK_1, "today")  # the week's first command prepared the next
    monkeypatch.setenv(MODE_ENV, "off")
    edited_at = WEEK_1 + timedelta(hours=5)
    for db in (never, read_after):
        kith_in_process(db, WEEK_1, "today")
        kith_in_process(db, edited_at, *write)
    kith_in_process(read_after, edited_at, "today")  # the week's layers replayed after it
    assert prepared_again_after(demo_db, gate, edited_at, *write) == "prepared"
    assert meta(demo_db, "layers.stale") is None  # replayed aside, before the step was worked
    assert table_hash(demo_db, "layer_state") == table_hash(read_after, "layer_state")
    week_1 = table_hash(demo_db, "layer_state")
    assert next_weeks_today(demo_db) == next_weeks_today(never) == next_weeks_today(read_after)
    assert table_hash(demo_db, "layer_prepared") == week_1  # promoted, not stepped
    assert table_hash(demo_db, "layer_state") == table_hash(read_after, "layer_state")
    assert meta(demo_db, "plan.gift") == meta(never, "plan.gift")


def test_a_week_with_nothing_prepared_is_prepared_by_any_command_and_then_asks_no_more(
    demo_db: Path, never: Path, gate: Gate
) -> None:
    for db in (demo_db, never):  # stepped as before session 12: nothing prepared ahead
        kith_in_process(db, WEEK_1, "today")
    assert meta(demo_db, PREPARED_KEY) is None
    with closing(open_store(demo_db)) as store:
        assert week_ahead.wanted(store, WEEK_1)
    later = WEEK_1 + timedelta(hours=2)
    assert prepared_again_after(demo_db, gate, later, "show", "#4") == "prepared"
    with closing(open_store(demo_db)) as store:
        assert not week_ahead.wanted(store, WEEK_1)  # the next command forks nothing
    week_1 = table_hash(demo_db, "layer_state")
    assert next_weeks_today(demo_db) == next_weeks_today(never)
    assert table_hash(demo_db, "layer_prepared") == week_1
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")


def test_a_week_whose_next_monday_cannot_be_prepared_is_tried_once(demo_db: Path) -> None:
    kith_in_process(demo_db, WEEK_1, "today")
    with closing(sqlite3.connect(demo_db)) as connection, connection:  # as a calendar might
        connection.execute(
            "INSERT INTO interaction (at, channel, direction, summary, source, source_id, "
            "created_at) VALUES ('2026-12-02T09:00:00Z', 'call', 'out', 'planned', 'test', "
            "'1', '2026-11-23T09:00:00Z')"
        )
    with closing(open_store(demo_db)) as store:
        assert week_ahead.wanted(store, WEEK_1)
        assert week_ahead.again(store, WEEK_1) == "none"  # an interaction after next Monday
        assert not week_ahead.wanted(store, WEEK_1)
    assert meta(demo_db, PREPARED_KEY) is None
    kith_in_process(demo_db, WEEK_2, "today")  # the layers step: they are asked afresh
    with closing(open_store(demo_db)) as store:
        assert week_ahead.wanted(store, WEEK_2)
        assert week_ahead.again(store, WEEK_2) == "prepared"


def test_a_preparation_moved_twice_gives_up_and_the_next_command_prepares(
    demo_db: Path, never: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for db in (demo_db, never):
        kith_in_process(db, WEEK_1, "today")
    other = sqlite3.connect(demo_db, isolation_level=None)
    saves: list[int] = []

    def another_writer(gate: str) -> None:  # commits on another connection before each save
        if gate == "save":
            saves.append(len(saves))
            other.execute("UPDATE person SET how_met = 'moved' || ? WHERE id = 4", (len(saves),))

    with closing(open_store(demo_db)) as store:
        assert week_ahead.again(store, WEEK_1, another_writer) == "moved"
        assert saves == [0, 1]  # tried once more, then given up
        assert week_ahead.wanted(store, WEEK_1)  # the next command asks again
    other.close()
    monkeypatch.setenv(MODE_ENV, "inline")
    kith_in_process(demo_db, WEEK_1 + timedelta(hours=1), "list")
    assert meta(demo_db, PREPARED_KEY) is not None
    with closing(sqlite3.connect(never)) as connection, connection:
        connection.execute("UPDATE person SET how_met = 'moved2' WHERE id = 4")
    week_1 = table_hash(demo_db, "layer_state")
    assert next_weeks_today(demo_db) == next_weeks_today(never)
    assert table_hash(demo_db, "layer_prepared") == week_1
    assert table_hash(demo_db, "layer_state") == table_hash(never, "layer_state")


def test_a_third_preparation_of_a_file_ends_at_once_while_one_waits_its_turn(
    tmp_path: Path,
) -> None:
    import fcntl

    db = tmp_path / "turns.db"
    side = os.open(f"{db}{SIDE_SUFFIX}", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.lockf(side, fcntl.LOCK_EX, 1, 0)  # another process holds the place in the queue
    child = os.fork()
    if child == 0:
        os._exit(0 if _turn(db) is False else 1)
    assert os.waitpid(child, 0)[1] == 0
    fcntl.lockf(side, fcntl.LOCK_UN, 1, 0)
    child = os.fork()
    if child == 0:  # the place is free and no one works: its turn at once
        os._exit(0 if _turn(db) is True else 1)
    assert os.waitpid(child, 0)[1] == 0
    os.close(side)


def test_an_mcp_call_in_a_week_with_nothing_prepared_prepares_it_in_a_thread(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kith.mcp.session import Session
    from kith.services.week import plan

    kith_in_process(demo_db, WEEK_1, "today")  # stepped, nothing prepared (conftest: off)
    monkeypatch.setenv(MODE_ENV, "background")
    session = Session(demo_db, now_text=(WEEK_1 + timedelta(hours=1)).isoformat())
    with session.call():
        plan.this_week(session.store, session.now())  # the week current: it moves nothing
    assert not session.store.layers_moved()
    prepared_for(demo_db, "2026-11-30T00:00:00Z")
    session.close()
    prepared_root = root(demo_db, "layer_prepared")
    kith_in_process(demo_db, WEEK_2, "today")
    assert root(demo_db, "layer_state") == prepared_root


def test_tie_rows_to_sum_again_are_left_to_the_next_reader_and_asked_again(
    demo_db: Path,
) -> None:
    kith_in_process(demo_db, WEEK_1, "today")
    with closing(sqlite3.connect(demo_db)) as connection, connection:  # as a migration asks
        connection.execute("INSERT INTO meta (key, value) VALUES ('ties.stale', '1')")
    with closing(open_store(demo_db)) as store:
        assert week_ahead.again(store, WEEK_1) == "none"
        assert week_ahead.wanted(store, WEEK_1)  # not marked: the next command asks again
    assert meta(demo_db, "ties.stale") == "1"
    assert meta(demo_db, PREPARED_KEY) is None
