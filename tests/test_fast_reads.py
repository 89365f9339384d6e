"""The reads run without click (kith.cli.fast_reads, issue 15) print the bytes click's path
prints, to stdout and stderr, and end with its exit code: on the demo network and on an empty
file, for the argument forms they take, errors included (an unknown name, an ambiguous one, no
plan yet, a folder for a database, a clock Kith cannot read), and a name with an escape
sequence click takes out of piped text; and on a terminal (a pseudo-terminal), where the
tables are rich's and the escape stays. Each line runs twice in fresh
processes on the same copy of the database at the same path: through click's group, and
through fast_reads alone, which must take it without importing click."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from kith.cli import fast_reads
from tests.conftest import NOW_TEXT

BY_CLICK = "import sys\nfrom kith.cli.main import main\nmain(sys.argv[2:])\n"
WITHOUT_CLICK = (
    "import json, sys\n"
    "from kith.cli import fast_reads\n"
    "try:\n"
    "    ran, code = fast_reads.run(sys.argv[2:]), 0\n"
    "except SystemExit as ended:\n"
    "    ran, code = True, ended.code\n"
    "with open(sys.argv[1], 'w') as marker:\n"
    "    json.dump([ran, 'click' in sys.modules], marker)\n"
    "sys.exit(code)\n"
)
Ran = tuple[bytes, bytes, int]
DB = "DB"  # where a line names the database: the copy's path
ON_DEMO = [
    ("show", "Edward Ellis"),
    ("show", "edward"),
    ("show", "#17"),
    ("--json", "show", "Edward"),
    ("show", "Edward", "--json"),
    ("show", "Chidi"),  # three Chidis
    ("--json", "show", "Chidi"),
    ("show", "Nobody Atall"),
    ("show", ""),
    ("search", "python"),
    ("show", "Astrid"),
    ("search", "Edward", "Ellis"),
    ("search", "zzyzx"),
    ("search", "python", "--json"),
    ("why", "Edward"),
    ("why", "Chidi"),
    ("why", "Nobody Atall"),
    ("--json", "why", "Edward Ellis"),
    ("ledger",),
    ("ledger", "Rania"),
    ("ledger", "Rania Hamdan", "--json"),
    ("--json", "ledger"),
    ("ledger", "Nobody Atall"),
    ("ledger", ""),
    ("today",),
    ("--json", "today"),
    ("plan",),
    ("plan", "--json"),
    ("log", "Edward", "coffee"),
    ("log", "Edward", "Astrid Lund", "dinner after the talk"),
    ("--json", "log", "Edward", "coffee"),
    ("log", "Chidi", "coffee"),
    ("log", "Nobody Atall", "coffee"),
    ("log", "Edward", ""),
]
PREFIXES = {
    "spaced": ("--db", DB, "--now", NOW_TEXT),
    "joined": (f"--db={DB}", f"--now={NOW_TEXT}"),
    "json first": ("--json", "--now", NOW_TEXT, "--db", DB),
}
ON_EMPTY = [("today",), ("plan",), ("ledger",), ("search", "ada"), ("show", "Ada"), ("why", "A")]


def run_both(prepare: Callable[[], object], argv: list[str], marker: Path) -> list[Ran]:
    """(stdout, stderr, exit code) of the line through click, then without it, each after
    `prepare` (a fresh copy of the database); asserts the second took it without click."""
    found = []
    for script in (BY_CLICK, WITHOUT_CLICK):
        prepare()
        ran = subprocess.run(
            [sys.executable, "-c", script, str(marker), *argv], capture_output=True, check=False
        )
        found.append((ran.stdout, ran.stderr, ran.returncode))
    assert json.loads(marker.read_text()) == [True, False]  # run by fast_reads, click unloaded
    return found


def copier(seed: Path | None, at: Path) -> Callable[[], None]:
    """A fresh copy of `seed` at `at` (none: no file there), without SQLite's side files."""

    def prepare() -> None:
        for side in at.parent.glob(at.name + "*"):
            side.unlink()
        if seed is not None:
            shutil.copy(seed, at)

    return prepare


# every line after the global options spaced; those of two commands after the other forms too
CASES = [(prefix, line) for prefix in PREFIXES for line in ON_DEMO]
CASES = [(p, line) for p, line in CASES if p == "spaced" or line[0] in ("show", "log")]


@pytest.mark.parametrize(
    ("prefix", "line"), CASES, ids=lambda x: x if isinstance(x, str) else " ".join(x)
)
def test_a_read_without_click_is_clicks_path_to_the_byte(
    awkward_demo: Path, tmp_path: Path, prefix: str, line: tuple[str, ...]
) -> None:
    copy = tmp_path / "copy.db"
    argv = [word.replace(DB, str(copy)) for word in (*PREFIXES[prefix], *line)]
    by_click, without = run_both(copier(awkward_demo, copy), argv, tmp_path / "marker.json")
    assert without == by_click
    assert by_click[0] or by_click[1]  # something was said


@pytest.fixture(scope="module")
def awkward_demo(built_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network with a name click takes an escape sequence out of when piped, and a
    company right to left (what stays as it is)."""
    path = tmp_path_factory.mktemp("awkward") / "demo.db"
    shutil.copy(built_demo, path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE person SET display_name = ? WHERE display_name = 'Astrid Lund'",
            ("Astrid \x1b[31mLund\x1b[0m",),
        )
    connection.close()
    return path


@pytest.mark.parametrize("line", ON_EMPTY, ids=" ".join)
def test_a_read_of_a_new_empty_file_is_clicks_path_to_the_byte(
    tmp_path: Path, line: tuple[str, ...]
) -> None:
    new = tmp_path / "new.db"
    argv = ["--db", str(new), "--now", NOW_TEXT, *line]
    by_click, without = run_both(copier(None, new), argv, tmp_path / "marker.json")
    assert without == by_click


def test_no_plan_and_nobody_are_said_as_clicks_path_says_them(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    argv = ["--db", str(new), "--now", NOW_TEXT, "today"]
    by_click, without = run_both(copier(None, new), argv, tmp_path / "marker.json")
    said = (
        b"Nothing due today: your address book is empty. Add someone (`kith add NAME`) or "
        b"bring in your contacts, mail and chats (`kith import FILE`).\n"
    )
    assert without == by_click == (said, b"", 0)


@pytest.mark.parametrize(
    ("line", "code", "said"),
    [
        (("--db", "FOLDER", "show", "Ada"), 1, b"is a folder"),
        (("--db", DB, "--now", "garbage", "today"), 1, b"Error: "),
        (("--db", DB, "--now", NOW_TEXT, "show", "Chidi"), 4, b"matches 3 people"),
        (("--db", DB, "--now", NOW_TEXT, "log", "Nobody Atall", "x"), 3, b"Nobody called"),
    ],
)
def test_an_error_is_reported_once_with_clicks_message_and_code(
    built_demo: Path, tmp_path: Path, line: tuple[str, ...], code: int, said: bytes
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    copy = tmp_path / "copy.db"
    argv = [str(folder) if word == "FOLDER" else word.replace(DB, str(copy)) for word in line]
    by_click, without = run_both(copier(built_demo, copy), argv, tmp_path / "marker.json")
    assert without == by_click
    assert without[2] == code
    assert without[0] == b""
    assert said in without[1]
    assert without[1].count(b"Error:") == 1


def test_the_program_prints_a_read_without_importing_click(
    built_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(built_demo, copy)
    line = ["--db", str(copy), "--now", NOW_TEXT, "why", "Edward"]
    program = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kith", *line], capture_output=True, check=False
    )
    imported = [row.rsplit("|", 1)[-1].strip() for row in program.stderr.decode().splitlines()]
    assert "kith.cli.fast_reads" in imported
    assert "click" not in imported
    by_click = subprocess.run(
        [sys.executable, "-c", BY_CLICK, "-", *line], capture_output=True, check=False
    )
    assert (program.returncode, program.stdout) == (0, by_click.stdout)
    assert program.stdout.startswith(b"Edward Ellis (#17)\n")


def test_a_reader_that_went_away_ends_it_quietly_with_clicks_code(
    built_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(built_demo, copy)
    ended = []
    for script in (BY_CLICK, WITHOUT_CLICK):
        read, write = os.pipe()
        os.close(read)  # every write is refused (EPIPE)
        line = ["--db", str(copy), "--now", NOW_TEXT, "plan"]
        ran = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "m.json"), *line],
            stdout=write,
            stderr=subprocess.PIPE,
            check=False,
        )
        os.close(write)
        ended.append((ran.returncode, ran.stderr))
    assert ended == [(1, b""), (1, b"")]


ON_TERMINAL = [
    ("show", "Edward"),
    ("show", "Astrid"),  # an escape sequence: kept on a terminal
    ("search", "python"),
    ("why", "Edward"),
    ("ledger",),
    ("ledger", "Rania"),
    ("plan",),
    ("today",),
    ("log", "Edward", "coffee"),
    ("show", "Chidi"),
    ("--json", "why", "Edward"),
]


def on_terminal(script: str, argv: list[str], marker: Path) -> Ran:
    """(what the terminal showed, stderr, exit code) of `script` with stdout on a terminal of
    100 columns (a pseudo-terminal) and stderr on a pipe."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    with subprocess.Popen(
        [sys.executable, "-c", script, str(marker), *argv],
        stdout=side,
        stderr=subprocess.PIPE,
        env={**env, "TERM": "xterm-256color"},
    ) as process:
        os.close(side)
        shown = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            shown.append(chunk)
        assert process.stderr is not None
        said = process.stderr.read()
    os.close(main)
    return b"".join(shown), said, process.returncode


@pytest.mark.parametrize("line", ON_TERMINAL, ids=" ".join)
def test_a_read_on_a_terminal_without_click_shows_what_clicks_path_shows(
    awkward_demo: Path, tmp_path: Path, line: tuple[str, ...]
) -> None:
    copy = tmp_path / "copy.db"
    argv = ["--db", str(copy), "--now", NOW_TEXT, *line]
    marker = tmp_path / "marker.json"
    found = []
    for script in (BY_CLICK, WITHOUT_CLICK):
        copier(awkward_demo, copy)()
        found.append(on_terminal(script, argv, marker))
    assert json.loads(marker.read_text()) == [True, False]
    assert found[1] == found[0]
    assert found[0][0] or found[0][1]


def test_a_plan_on_a_terminal_without_click_is_a_rich_table(
    built_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(built_demo, copy)
    argv = ["--db", str(copy), "--now", NOW_TEXT, "plan"]
    shown, said, code = on_terminal(WITHOUT_CLICK, argv, tmp_path / "marker.json")
    assert (said, code) == (b"", 0)
    assert "┃".encode() in shown
    assert b"\r\n" in shown  # the terminal's line ends
    assert json.loads((tmp_path / "marker.json").read_text()) == [True, False]


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["show", "Ada", "Lovelace"],
        ["show", "--all", "Ada"],
        ["show", "Ada", "--notes"],
        ["show", "-h"],
        ["show", "Ada", "--help"],
        ["--debug", "show", "Ada"],
        ["--version"],
        ["--db"],
        ["search"],
        ["search", "ada", "--limit", "5"],
        ["log", "Ada"],
        ["log", "Ada", "coffee", "-c", "email"],
        ["log", "Ada", "--", "coffee"],
        ["plan", "--refresh"],
        ["plan", "--drafts"],
        ["today", "Ada"],
        ["ledger", "Ada", "Grace"],
        ["ledger", "--all"],
        ["why"],
        ["list"],
        ["rate", "Ada"],
        [],
    ],
)
def test_any_other_line_is_left_to_click(argv: list[str]) -> None:
    assert fast_reads.wanted(argv) is None


def test_the_line_binds_the_words_and_the_global_options(tmp_path: Path) -> None:
    found = fast_reads.wanted([f"--db={tmp_path}/x.db", "--demo", "ledger", "Ada", "--json"])
    assert found is not None
    app, _ = found
    assert (app.db_option, app.demo, app.now_option, app.json) == (
        f"{tmp_path}/x.db",
        True,
        None,
        True,
    )
    found = fast_reads.wanted(["--now", "2026-11-22", "today"])
    assert found is not None
    assert (found[0].now_option, found[0].json) == ("2026-11-22", False)


class Stream:
    """A stdout or stderr that says whether it is a terminal and what it writes."""

    def __init__(self, encoding: str, terminal: bool) -> None:
        self.encoding, self.terminal = encoding, terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("name", "stream"),
    [
        ("stdout", Stream("latin-1", terminal=False)),
        ("stdout", Stream("latin-1", terminal=True)),
        ("stderr", Stream("ascii", terminal=False)),  # click writes it another way
        ("stdout", None),
    ],
)
def test_a_stream_not_writing_utf8_is_left_to_click(
    monkeypatch: pytest.MonkeyPatch, name: str, stream: Stream | None
) -> None:
    monkeypatch.setattr(sys, name, stream)
    assert fast_reads.run(["--db", "x.db", "today"]) is False


OUT = "OUT"  # where an export line names its file: out.vcf beside the copy
EXPORTS = [
    ("export", "vcard", OUT),
    ("export", "vcard", OUT, "--json"),
    ("--json", "export", "vcard", OUT),
    ("export", "vcard"),  # the cards on standard output
    ("export", "json", OUT),
    ("export", "json", OUT, "--json"),
    ("--json", "export", "json", OUT),
    ("export", "json"),  # the document on standard output
]
# for each format: how many people a file holds, and how the demo's awkward name is written
PEOPLE_IN: dict[str, Callable[[bytes], int]] = {
    "vcard": lambda cards: cards.count(b"BEGIN:VCARD\r\n"),
    "json": lambda document: len(json.loads(document)["people"]),
}
AWKWARD_NAME = {"vcard": b"Astrid \x1b[31mLund", "json": b"Astrid \\u001b[31mLund"}


@pytest.mark.parametrize("line", EXPORTS, ids=" ".join)
@pytest.mark.parametrize("there", [False, True], ids=["new file", "file replaced"])
def test_an_export_without_click_writes_and_says_what_clicks_path_does(
    awkward_demo: Path, tmp_path: Path, line: tuple[str, ...], there: bool
) -> None:
    kind = "vcard" if "vcard" in line else "json"
    copy, out = tmp_path / "copy.db", tmp_path / f"out.{kind}"
    argv = ["--db", str(copy), "--now", NOW_TEXT, *(str(out) if w == OUT else w for w in line)]
    written = []

    def prepare() -> None:
        copier(awkward_demo, copy)()
        if written and not there:
            out.unlink(missing_ok=True)

    for script in (BY_CLICK, WITHOUT_CLICK):
        prepare()
        ran = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "m.json"), *argv],
            capture_output=True,
            check=False,
        )
        written.append((ran.stdout, ran.stderr, ran.returncode, _bytes(out)))
    assert json.loads((tmp_path / "m.json").read_text()) == [True, False]
    assert written[1] == written[0]
    stdout, stderr, code, saved = written[0]
    assert (stderr, code) == (b"", 0)
    assert PEOPLE_IN[kind](saved or stdout) == 150  # the demo's people
    assert AWKWARD_NAME[kind] in (saved or stdout)


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def test_an_export_the_faces_report_is_an_error_said_as_clicks_path_says_it(
    built_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    argv = ["--db", str(copy), "export", "vcard", str(tmp_path / "none" / "out.vcf")]
    by_click, without = run_both(copier(built_demo, copy), argv, tmp_path / "marker.json")
    assert without == by_click
    assert (without[0], without[2]) == (b"", 1)
    assert without[1].startswith(b"Error: ")


@pytest.mark.parametrize(
    "words",
    [
        ["--json", "vcard", "out.vcf"],  # the group takes no --json: click says so
        ["vcard", "--json"],  # the cards on standard output: nothing to say it
        ["vcard", "-"],
        ["vcard", ""],
        ["vcard", "a.vcf", "b.vcf"],
        ["vcard", "--vdir", "cards"],
        ["vcard", "out.vcf", "--help"],
        ["vcard", "FOLDER"],  # click's Path: a directory
        ["json", "--json"],
        ["json", "a.json", "b.json"],
        ["csv", "out.csv"],
        ["out.vcf"],
        [],
    ],
)
def test_any_other_export_line_is_left_to_click(tmp_path: Path, words: list[str]) -> None:
    argv = ["export", *(str(tmp_path) if word == "FOLDER" else word for word in words)]
    assert fast_reads.wanted(argv) is None
