"""A database Kith cannot write still answers the commands that work out the week: `plan`,
`today`, `why` and `report` compute the layers, the week's picks and the report in temporary
copies of the tables that keep them (Store.deriving), store nothing, and leave the file as it
was (issue 15). The file and its folder are made read-only by permissions, or for root, whom
permissions do not stop, by a read-only bind mount (reliability/resource_limits.py)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from reliability.resource_limits import read_only_database

COMMANDS = (
    ("plan",),
    ("plan", "--refresh"),
    ("today",),
    ("why", "John"),
    ("report",),
    ("plan", "--json"),
)


@pytest.mark.parametrize("folder_only", [False, True], ids=["file and folder", "folder only"])
def test_plan_today_why_and_report_answer_on_a_read_only_database(folder_only: bool) -> None:
    with read_only_database(folder_only) as made:
        if made is None:
            pytest.skip("root here may not bind-mount a folder read-only")
        database, _, run = made
        before = database.read_bytes()
        failed = []
        for args in COMMANDS:
            done = run(*args)
            if done.returncode != 0:
                failed.append(f"{' '.join(args)}: {done.stderr.strip()[:200]}")
        assert failed == []
        assert database.read_bytes() == before
        assert not database.with_name("kith.db-wal").exists()


def test_a_write_on_a_read_only_database_is_still_refused_after_the_week_was_worked_out() -> None:
    with read_only_database(False) as made:
        if made is None:
            pytest.skip("root here may not bind-mount a folder read-only")
        _, _, run = made
        assert run("plan").returncode == 0
        refused = run("tag", "John", "friend")
        assert refused.returncode == 1
        assert "is read-only here" in refused.stderr


def test_the_week_worked_out_on_a_read_only_database_is_the_one_a_writable_copy_stores() -> None:
    with read_only_database(False) as made:
        if made is None:
            pytest.skip("root here may not bind-mount a folder read-only")
        database, out, run = made
        read_only = run("plan", "--json")
        copy = out / "copy.db"
        copy.write_bytes(database.read_bytes())
        argv = run("plan", "--json").args
        argv[argv.index(str(database))] = str(copy)
        env = {**os.environ, "KITH_NOW": "2026-06-01T12:00:00Z", "TZ": "UTC"}
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert read_only.stdout == done.stdout
        picks = json.loads(done.stdout)["picks"]
        assert [(p["name"], p["reason"]) for p in picks] == [
            ("Mr. John Richter James Doe Sr.", "a birthday coming up: Sat 6 Jun")
        ]
