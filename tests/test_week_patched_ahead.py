"""A step prepared before a `kith log` or an edit is patched aside (services/week/week_ahead.py,
issue 15): the preparation any command starts once it has answered finds people touched since
the step was prepared, and patches the step for them, so that the week's first command promotes
it without a patch of its own, and without importing numpy (the patch's arrays). The layers it
leaves are those of a step; a patch that cannot be exact prepares the step again instead."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from kith.services.week import week_ahead
from kith.services.week.week_ahead import MODE_ENV
from kith.store import open_store
from tests.conftest import NOW, Kith
from tests.test_week_ahead import PATIENCE, Gate, kith_process, waited_for
from tests.test_week_prepared import (
    NEXT_WEEK,
    first_today_next_week,
    import_one_card,
    rows_hash,
    stepped_hash,
)
from tests.test_week_prepared_edits import KEEPING

# the writes that keep the step and touch people in it (a rename or a job touches no one)
TOUCHING = ("a new person", "a new person with a job", "a log with two people")
WRITES = {"a log": ["log", "#4", "coffee"]} | {name: KEEPING[name] for name in TOUCHING}


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_a_write_after_an_import_is_patched_aside_and_the_first_today_promotes_it_as_stepped(
    demo: Kith, db_path: Path, tmp_path: Path, write: list[str]
) -> None:
    import_one_card(demo, tmp_path)
    assert demo(*write).exit_code == 0
    expected = stepped_hash(db_path, tmp_path)
    with closing(open_store(db_path)) as store:
        assert store.layers.touched() != []
        assert week_ahead.wanted(store, NOW)  # the write's command starts a preparation
        assert week_ahead.again(store, NOW) == "patched"
        assert store.layers.touched() == []
        assert not week_ahead.wanted(store, NOW)  # the next command starts none
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert rows_hash(store) == expected


def modules_imported(db: Path, *args: str) -> set[str]:
    """The modules the real `kith` program imports for a command, in a fresh process (Python's
    -X importtime, on stderr), preparing nothing after it."""
    argv = [sys.executable, "-X", "importtime", "-m", "kith", "--db", str(db), *args]
    env = {**os.environ, MODE_ENV: "off"}
    ran = subprocess.run(
        argv, capture_output=True, text=True, env=env, timeout=PATIENCE, check=False
    )
    assert ran.returncode == 0, ran.stderr
    return {
        line.rpartition("|")[2].strip()
        for line in ran.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_the_first_today_after_a_log_patched_aside_imports_no_numpy(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    with closing(open_store(db_path)) as store:  # the import's WAL folded in, to copy the file
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    unpatched = tmp_path / "unpatched.db"
    unpatched.write_bytes(db_path.read_bytes())
    for db, mode in ((db_path, "inline"), (unpatched, "off")):
        logged = kith_process(db, NOW, "log", "#4", "coffee", mode=mode)
        assert logged.returncode == 0, logged.stderr
    next_week = ("--now", NEXT_WEEK.isoformat(), "today")
    assert "numpy" not in modules_imported(db_path, *next_week)
    assert "numpy" in modules_imported(unpatched, *next_week)  # it patched: numpy's arrays
    with closing(open_store(db_path)) as store, closing(open_store(unpatched)) as other:
        assert rows_hash(store) == rows_hash(other)


def test_a_log_starts_a_detached_preparation_that_patches_the_step(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    os.mkfifo(tmp_path / "gate")
    gate = Gate(tmp_path / "gate")  # the detached preparation waits on it (test_week_ahead)
    try:
        logged = kith_process(db_path, NOW, "log", "#4", "tea", mode="background", gate=gate.fifo)
        assert logged.returncode == 0, logged.stderr
        gate.let_pass()  # past "read": a patch has no "save" gate
        assert waited_for(Path(f"{gate.fifo}.done")) == "patched"
    finally:
        gate.close()
    with closing(open_store(db_path)) as store:
        assert store.layers.touched() == []


def test_a_patch_that_cannot_be_exact_is_prepared_again_aside(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    assert demo("log", "#4", "coffee").exit_code == 0
    expected = stepped_hash(db_path, tmp_path)
    with closing(open_store(db_path)) as store:
        with store.deriving():  # a ranking kept with another stamp: the patch declines
            store.connection.execute("UPDATE layer_prepared_rank SET stamp = 'another'")
        assert week_ahead.again(store, NOW) == "prepared"
        assert store.layers.touched() == []
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert rows_hash(store) == expected
