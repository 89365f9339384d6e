"""The reads a person waits for end without the interpreter's teardown (kith.cli.entry): the
same output, exit codes and stderr as every other command, their writes kept, a closed pipe
reported as before."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kith.cli.entry import ONE_SHOT, command_of, one_blas_thread, sqlite_unmetered
from tests.conftest import NOW_TEXT, Kith

PROGRAM = [sys.executable, "-m", "kith"]  # kith/__main__.py runs kith.cli.entry.main


def run(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [*PROGRAM, "--db", str(db_path), "--now", NOW_TEXT, *args]
    return subprocess.run(argv, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["show", "Ada"], "show"),
        (["--db", "x.db", "--now", "2026-11-22", "list", "--limit", "5"], "list"),
        (["--db=x.db", "--json", "--demo", "--debug", "why", "Ada"], "why"),
        (["--now"], None),
        (["--version"], None),
        (["--help"], None),
        (["--db", "x.db", "--unknown", "show", "Ada"], None),
        ([], None),
    ],
)
def test_the_command_is_the_first_word_after_the_global_options(
    argv: list[str], command: str | None
) -> None:
    assert command_of(argv) == command


def test_the_one_shot_commands_are_the_reads_a_person_waits_for_and_the_exports() -> None:
    assert sorted(ONE_SHOT) == [
        *("export", "ledger", "list", "log", "plan", "search", "show", "today", "why"),
    ]


@pytest.mark.parametrize("kind", ["vcard", "json", "csv"])
def test_a_one_shot_export_writes_the_file_the_command_line_writes_in_process(
    demo: Kith, db_path: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"out.{kind}"
    in_process = demo("export", kind, str(out))
    expected = out.read_bytes()
    out.unlink()
    ran = run(db_path, "export", kind, str(out))
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, in_process.output, "")
    assert out.read_bytes() == expected
    assert len(expected) > 10_000  # the demo's people, written


@pytest.mark.parametrize(
    "read",
    [
        ("show", "Alicja Lewandowski"),
        ("--json", "search", "Alicja"),
        ("list", "--limit", "5"),
        ("plan",),
        ("today",),
        ("why", "Alicja Lewandowski"),
        ("ledger",),
    ],
    ids=" ".join,
)
def test_a_one_shot_read_prints_what_the_command_line_prints_in_process(
    demo: Kith, db_path: Path, read: tuple[str, ...]
) -> None:
    assert demo("plan").exit_code == 0  # the week chosen: both runs read the same stored week
    in_process = demo(*read)
    ran = run(db_path, *read)
    assert (ran.returncode, ran.stdout) == (0, in_process.output)


def test_a_one_shot_read_that_fails_exits_with_the_contracts_code_and_message(
    demo: Kith, db_path: Path
) -> None:
    ran = run(db_path, "show", "Nobody Byanyname")
    assert ran.returncode == 3
    assert ran.stdout == ""
    assert ran.stderr.startswith("Error: Nobody called 'Nobody Byanyname'.")


def test_a_usage_error_in_a_one_shot_read_exits_2_with_clicks_usage(
    demo: Kith, db_path: Path
) -> None:
    ran = run(db_path, "list", "--bogus")
    assert ran.returncode == 2
    assert "Error: No such option: --bogus" in ran.stderr


def test_an_interaction_logged_by_a_one_shot_log_is_in_the_database_after_it_exits(
    demo: Kith, db_path: Path
) -> None:
    def logged() -> int:
        with sqlite3.connect(db_path) as connection:
            found: int = connection.execute(
                "SELECT count(*) FROM interaction WHERE summary = 'tea by the canal'"
            ).fetchone()[0]
        return found

    assert logged() == 0
    ran = run(db_path, "log", "Alicja Lewandowski", "tea by the canal")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Logged #")
    assert logged() == 1


def test_a_one_shot_read_into_a_closed_pipe_ends_without_hanging(demo: Kith, db_path: Path) -> None:
    argv = [*PROGRAM, "--db", str(db_path), "--now", NOW_TEXT, "list"]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        process.stdout.close()
        process.wait(timeout=60)
    assert first.split() == [b"id", b"name", b"company", b"tags", b"last", b"contact"]


def test_numpy_s_blas_gets_one_thread_unless_the_user_chose_a_number() -> None:
    unset: dict[str, str] = {}
    chosen = {"OPENBLAS_NUM_THREADS": "4"}
    one_blas_thread(unset)
    one_blas_thread(chosen)
    assert unset == {"OPENBLAS_NUM_THREADS": "1"}
    assert chosen == {"OPENBLAS_NUM_THREADS": "4"}


def test_a_command_that_imports_numpy_starts_no_blas_threads(tmp_path: Path) -> None:
    script = (
        "import os, sys; sys.argv = ['kith', '--version']\n"
        "from kith.cli import entry\n"
        "entry.one_blas_thread(os.environ)\n"
        "import numpy\n"
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert ran.stdout.strip() == "1"


# SQLite's bytes in use after a connection wrote a table, as its statistics count them (none when
# they are off), and what sqlite_unmetered said
_METERED = (
    "import ctypes, sys\n"
    "from kith.cli.entry import sqlite_unmetered\n"
    "said = sqlite_unmetered() if sys.argv[1] == 'off' else None\n"
    "import sqlite3\n"
    "db = sqlite3.connect(':memory:')\n"
    "db.execute('CREATE TABLE t (x)')\n"
    "db.executemany('INSERT INTO t VALUES (?)', [('x' * 100,)] * 100)\n"
    "library = ctypes.CDLL('libsqlite3.so.0')\n"
    "library.sqlite3_memory_used.restype = ctypes.c_int64\n"
    "print(said, library.sqlite3_memory_used() > 0)\n"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="libsqlite3.so.0 is Linux's")
def test_sqlite_counts_no_memory_statistics_when_told_before_sqlite3_is_imported() -> None:
    def run_with(choice: str) -> str:
        argv = [sys.executable, "-c", _METERED, choice]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()

    assert run_with("on") == "None True"
    assert run_with("off") == "True False"


def test_sqlite_s_statistics_stay_as_they_are_once_sqlite3_is_imported() -> None:
    assert "sqlite3" in sys.modules
    assert sqlite_unmetered() is False
