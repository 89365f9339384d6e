"""`kith list` piped is printed before click is imported (kith.cli.list_piped, issue 15): the
same bytes as click's path on awkward names, in fixed zones (worked out in SQL) and named ones,
with the contract's exit codes and messages when it leaves the command to click."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import click._compat
import pytest

from kith.cli import list_piped, plain
from kith.clock import fixed_offset, local_days, to_utc_text, zone
from kith.names import fold
from kith.store import people as people_store
from tests.conftest import NOW_TEXT, Kith

PROGRAM = [sys.executable, "-m", "kith"]  # kith/__main__.py runs kith.cli.entry.main
AWKWARD = [
    "Tab\tBetween",
    "Line\nBreak",
    "אברהם כהן",  # right to left
    "مريم الحسن",
    "Zoë 🦊 Fox",
    "Red \x1b[31mAlert\x1b[0m",  # an ANSI escape click takes out of piped text
    "Trailing Spaces   ",
    " Leading Space",
    "Ǆemal Combining Ñ",
    "Zero\u200bWidth",
    "Wide　Space\u3000",
    "L" + "o" * 300 + "ng",
    "Ⅷ Roman Ⅻ",
]
# stored last contacts around midnight UTC and a zone's change of offset, none, and ""
LAST = [
    "2026-11-21T23:59:59Z",
    "2026-11-22T00:00:00Z",
    "2026-03-29T00:30:00Z",
    "2026-10-25T01:30:00Z",
    "2026-11-21T18:29:00Z",
    "2026-11-21T18:30:00Z",
    "2026-11-22T03:29:59Z",
    None,
    "",
]


def run(db_path: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess[bytes]:
    argv = [*PROGRAM, "--db", str(db_path), "--now", NOW_TEXT, *args]
    env = {**os.environ, "TZ": tz}
    return subprocess.run(argv, capture_output=True, check=False, env=env)


@pytest.fixture
def awkward(kith: Kith, db_path: Path) -> Path:
    """A database of people with awkward names, companies and tags (as stored, whatever the
    adding would have refused), last contacts around midnight; a prospect and an archived."""
    for number in range(len(AWKWARD)):
        extra = ["--company", f"Firm {number}"] if number % 3 else []  # named below
        tags = ["--tag", "beta", "--tag", "Alpha", "--tag", "alpha"] if number % 4 == 0 else []
        assert kith("add", f"Person {number}", *extra, *tags).exit_code == 0
    assert kith("add", "Pat Prospect", "--prospect").exit_code == 0
    assert kith("add", "Archie Archived").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        for number, name in enumerate(AWKWARD):
            connection.execute(
                "UPDATE person SET display_name = ?, name_key = ?, last_contact_at = ? "
                "WHERE display_name = ?",
                (name, fold(name), LAST[number % len(LAST)], f"Person {number}"),
            )
            if number % 3:  # as stored, control characters and all (`add` refuses them)
                connection.execute(
                    "UPDATE organisation SET name = ? WHERE name = ?",
                    (f"Firm {name[:6]}", f"Firm {number}"),
                )
        connection.execute("UPDATE person SET archived = 1 WHERE display_name = 'Archie Archived'")
        connection.execute("UPDATE person SET id = -12345 WHERE display_name = 'Ⅷ Roman Ⅻ'")
    return db_path


@pytest.mark.parametrize("tz", ["UTC", "<+0530>-5:30", "<-0330>3:30", "<+14>-14", "<-12>12"])
@pytest.mark.parametrize("query", [(), ("tag:alpha",), ("kind:prospect",), ("zero",)], ids=str)
def test_a_piped_list_prints_the_bytes_of_clicks_path_in_a_fixed_zone(
    awkward: Path, tz: str, query: tuple[str, ...]
) -> None:
    piped = run(awkward, "list", *query, tz=tz)
    by_click = run(awkward, "list", "--sort", "name", *query, tz=tz)  # an option: click's path
    assert piped.returncode == 0
    assert piped.stderr == b""
    assert piped.stdout == by_click.stdout
    assert piped.stdout.startswith(b"id  ")


def test_a_piped_list_prints_the_bytes_of_clicks_path_in_a_named_zone(
    awkward: Path, kith: Kith
) -> None:
    assert kith("config", "set", "timezone", "Asia/Kathmandu").exit_code == 0
    piped = run(awkward, "list")
    assert piped.stdout == run(awkward, "list", "--sort", "name").stdout
    assert b"2026-11-22\n" in piped.stdout  # 18:30 UTC is the next day at +05:45


def test_the_awkward_names_are_printed_as_click_prints_them(awkward: Path) -> None:
    text = run(awkward, "list").stdout.decode()
    assert "Tab\tBetween" in text
    assert "Line\nBreak" in text
    assert "Red Alert" in text  # click takes the escape out of text for a pipe
    assert "\x1b[31m" not in text
    assert "Firm Red \x1b[ " in text  # a sequence cut short is not one: left as it is
    assert "Alpha, beta" in text  # tags by folded name
    assert "\n-12345  " in text  # the widest id: a negative one
    assert "Archie" not in text
    assert "Pat Prospect" not in text


def test_a_list_of_thousands_read_by_scan_prints_the_bytes_of_clicks_path(
    awkward: Path,
    kith: Kith,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    monkeypatch.setattr(people_store, "LINES_BY_SCAN", 0)  # every read as of 30,000 people
    by_click = kith("list", "--sort", "name").stdout_bytes
    assert list_piped.run(["--db", str(awkward), "--now", NOW_TEXT, "list"]) is True
    assert capsysbinary.readouterr().out == by_click


def test_a_piped_list_imports_no_click(awkward: Path) -> None:
    script = (
        "import sys\n"
        "from kith.cli import list_piped\n"
        f"printed = list_piped.run(['--db', {str(awkward)!r}, 'list'])\n"
        "sys.stderr.write(repr((printed, 'click' in sys.modules)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert ran.stderr == b"(True, False)"
    assert b"Zo\xc3\xab \xf0\x9f\xa6\x8a Fox" in ran.stdout


@pytest.mark.parametrize(
    ("argv", "asked"),
    [
        (["list"], (None, False, None, [], None)),
        (["--db", "x.db", "list", "tag:a", "ada"], ("x.db", False, None, ["tag:a", "ada"], None)),
        (
            ["--db=x.db", "--now=2026-11-22", "--demo", "list"],
            ("x.db", True, "2026-11-22", [], None),
        ),
        (["--now", "2026-11-22", "list"], (None, False, "2026-11-22", [], None)),
        (["list", "-tag:a"], None),
        (["list", "--limit", "5"], (None, False, None, [], 5)),
        (["list", "ada", "--limit=5", "tag:a"], (None, False, None, ["ada", "tag:a"], 5)),
        (["list", "--limit", "5", "-tag:a"], None),
        (["list", "--sort", "last"], None),
        (["list", "--help"], None),
        (["--json", "list"], None),
        (["--debug", "list"], None),
        (["--db"], None),
        (["show", "list"], None),
        ([], None),
    ],
)
def test_only_a_plain_list_with_known_global_options_is_printed_without_click(
    argv: list[str], asked: tuple[str | None, bool, str | None, list[str], int | None] | None
) -> None:
    assert list_piped.wanted(argv) == asked


def test_a_list_on_a_terminal_is_left_to_click(
    awkward: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    assert list_piped.run(["--db", str(awkward), "list"]) is False


def test_an_error_is_reported_once_with_the_contracts_code(awkward: Path, tmp_path: Path) -> None:
    unreadable = run(awkward, "list", "since:garbage")
    assert unreadable.returncode == 1
    assert unreadable.stdout == b""
    assert unreadable.stderr.decode().count("Error:") == 1
    assert unreadable.stderr.startswith(b"Error: Could not read the date 'garbage'")
    folder = run(tmp_path, "list")
    assert folder.returncode == 1
    assert folder.stderr.decode().count("Error:") == 1
    assert b"is a folder" in folder.stderr


def test_nobody_listed_is_said_as_clicks_path_says_it(db_path: Path, kith: Kith) -> None:
    empty = run(db_path, "list")
    assert (empty.returncode, empty.stdout) == (0, b"No contacts yet: `kith add NAME` adds one.\n")
    assert kith("add", "Ada Lovelace").exit_code == 0
    none = run(db_path, "list", "nosuchname")
    assert (none.returncode, none.stdout) == (0, b"Nobody matches.\n")


def test_a_piped_list_into_a_closed_pipe_ends_quietly_as_clicks_path_does(awkward: Path) -> None:
    with sqlite3.connect(awkward) as connection:  # more than a pipe holds
        connection.execute(
            "INSERT INTO person (uid, display_name, name_key, kind, archived, created_at, "
            "updated_at) SELECT 'u' || value, 'Many ' || value, 'many ' || value, 'contact', 0, "
            "'2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z' FROM generate_series(1, 5000)"
            if sqlite3.sqlite_version_info >= (3, 44)
            else "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n "
            "WHERE value < 5000) INSERT INTO person (uid, display_name, name_key, kind, "
            "archived, created_at, updated_at) SELECT 'u' || value, 'Many ' || value, "
            "'many ' || value, 'contact', 0, '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z' "
            "FROM n"
        )
    ended = []
    for args in (["list"], ["list", "--sort", "name"]):
        argv = [*PROGRAM, "--db", str(awkward), "--now", NOW_TEXT, *args]
        with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
            assert process.stdout is not None
            assert process.stderr is not None
            first = process.stdout.readline()
            process.stdout.close()
            process.wait(timeout=60)
            ended.append((first.split()[:2], process.returncode, process.stderr.read()))
    assert ended[0] == ended[1] == ([b"id", b"name"], 0, b"")


def test_the_escape_pattern_is_clicks() -> None:
    assert click._compat._ansi_re.pattern == plain.ANSI


@pytest.mark.parametrize("minutes", [0, 330, -210, 840, -720, 45])
def test_the_day_worked_out_in_sql_is_each_instants_local_day(minutes: int) -> None:
    tz = timezone(timedelta(minutes=minutes))
    assert fixed_offset(tz) == minutes
    start = datetime(2024, 2, 28, tzinfo=UTC)
    texts = [to_utc_text(start + timedelta(minutes=17 * k)) for k in range(0, 8000, 7)]
    texts += ["2026-11-21T23:59:59Z", "2026-12-31T23:30:00Z", "", None]  # type: ignore[list-item]
    from kith.store.listing import day_sql

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE person (last_contact_at TEXT)")
    connection.executemany("INSERT INTO person VALUES (?)", [(t,) for t in texts])
    found = [row[0] for row in connection.execute(f"SELECT {day_sql(minutes)} FROM person p")]
    assert found == local_days(texts, tz)


def test_only_a_zone_whose_offset_never_changes_is_fixed() -> None:
    assert fixed_offset(UTC) == 0
    assert fixed_offset(timezone(timedelta(hours=-3))) == -180
    assert fixed_offset(timezone(timedelta(seconds=90))) is None
    assert fixed_offset(zone("Europe/Lisbon")) is None
    assert fixed_offset(zone("UTC")) is None  # a named zone: read as named zones are


LIMITS = [
    ("--limit", "3"),
    ("--limit=3",),
    ("--limit", "1"),
    ("--limit", "007"),
    ("--limit", "1000000"),
]


@pytest.mark.parametrize("limit", LIMITS, ids=" ".join)
@pytest.mark.parametrize("query", [(), ("tag:alpha",)], ids=str)
def test_a_piped_list_with_a_limit_prints_the_bytes_of_clicks_path(
    awkward: Path, limit: tuple[str, ...], query: tuple[str, ...]
) -> None:
    piped = run(awkward, "list", *query, *limit)
    by_click = run(awkward, "list", "--sort", "name", *query, *limit)
    assert piped.returncode == 0
    assert piped.stderr == b""
    assert piped.stdout == by_click.stdout
    assert list_piped.wanted(["list", *query, *limit]) is not None  # printed before click


def test_a_limited_list_ends_with_how_many_of_how_many(awkward: Path) -> None:
    lines = run(awkward, "list", "--limit", "3").stdout.decode().splitlines()
    assert lines[-1] == "(3 of 13; drop --limit to see all)"
    assert lines[0].startswith("id  ")
    assert run(awkward, "list", "--limit", "13").stdout.decode().splitlines()[-1] != lines[-1]


ODD_LIMITS = [
    ("--limit", "0"),
    ("--limit", "-1"),
    ("--limit", "+3"),
    ("--limit", " 3"),
    ("--limit", "３"),  # a full-width digit
    ("--limit", "1000001"),
    ("--limit", "3", "--limit", "4"),
    ("--limit",),
    ("--limit", "x"),
]


@pytest.mark.parametrize("limit", ODD_LIMITS, ids=" ".join)
def test_a_limit_click_reads_otherwise_or_refuses_is_left_to_click(
    awkward: Path, limit: tuple[str, ...]
) -> None:
    assert list_piped.wanted(["list", *limit]) is None
    piped = run(awkward, "list", *limit)
    by_click = run(awkward, "list", "--sort", "name", *limit)
    assert (piped.returncode, piped.stdout, piped.stderr) == (
        by_click.returncode,
        by_click.stdout,
        by_click.stderr,
    )
