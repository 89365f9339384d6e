"""The reads a person waits for, run before click is imported (issue 15).

Importing click and building the command group are about a seventh of a read's start on a large
file (37–59 M of 260–350 M instructions on profile L), and a read given as a plain line has
nothing for them to do. kith.cli.entry calls `run` first for the commands in READS: when the
line is global options kith.cli.command_line knows (--db, --demo, --now, --json), the command,
and only words without a dash after it (a --json among them, as json_option reads it) in the
number the command takes, and stdout and stderr write UTF-8 (not on Windows), the command's own
function runs — the one its click command calls — through kith.cli.outcome, as the click group
runs it: the same output (through kith.cli.render, whose tables on a terminal are rich's either
way), the same messages and exit codes for Kith's errors, the same step prepared after it.
`export vcard [FILE]` and `export json [FILE]` run the same way (EXPORTS: a --json after the
format, and a FILE click's Path takes as it is given). Every other line (help, an option, a
missing or an extra word, --debug) is left to click, which reads it as before."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kith.cli.app import App
    from kith.cli.command_line import Line

# command → (module, function its click command calls, fewest words, most words (None: any))
READS: dict[str, tuple[str, str, int, int | None]] = {
    "show": ("kith.cli.show_card", "show_person", 1, 1),
    "why": ("kith.cli.week.why_text", "print_why", 1, 1),
    "ledger": ("kith.cli.mesh.ledger_text", "print_ledger", 0, 1),
    "search": ("kith.cli.search_results", "print_search", 1, None),
    "log": ("kith.cli.log_words", "log_words", 2, None),
    "plan": ("kith.cli.week.plan_text", "print_plan", 0, 0),
    "today": ("kith.cli.week.plan_text", "print_today", 0, 0),
}
# `export FORMAT [FILE]`: format → (module, function its click command calls with the FILE)
EXPORTS: dict[str, tuple[str, str]] = {
    "vcard": ("kith.cli.exports.vcard_file", "export_vcard_file"),
    "json": ("kith.cli.exports.json_file", "export_json_file"),
}


def run(argv: Sequence[str]) -> bool:
    """Run the read `argv` asks for: True when it ended well, SystemExit with the contract's
    code when it reported an error; False (nothing done) when it is left to click."""
    call = wanted(argv) if _plain_streams() else None
    if call is None:
        return False
    from kith.cli.outcome import guarded

    app, body = call
    try:
        code = guarded(lambda: app, lambda: body(app))
    except BrokenPipeError:  # a reader that went away: quiet, exit 1, as click's main ends it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    if code is not None:
        raise SystemExit(code)
    return True


def wanted(argv: Sequence[str]) -> tuple[App, Callable[[App], object]] | None:
    """The App of the line's global options and the command's function with the line's words
    bound, or None when the line is not one this module takes."""
    from kith.cli.command_line import read_line

    line = read_line(argv)
    if line is not None and line.command == "export":
        return _export(line)
    if line is None or line.command not in READS:
        return None
    module, name, fewest, most = READS[line.command]
    words = [word for word in line.words if word != "--json"]
    if any(word.startswith("-") for word in words):
        return None
    if len(words) < fewest or (most is not None and len(words) > most):
        return None
    from kith.cli.app import App

    as_json = line.json or len(words) < len(line.words)
    app = App(db_option=line.db, demo=line.demo, now_option=line.now, json=as_json)
    command = getattr(import_module(module), name)
    if most is None:  # click's nargs=-1: a tuple of the words
        return app, lambda app: command(app, tuple(words))
    if most == 1:  # one argument, or None when an optional one is not given
        return app, lambda app: command(app, words[0] if words else None)
    return app, command


def _export(line: Line) -> tuple[App, Callable[[App], object]] | None:
    """`export FORMAT [FILE]` with a --json after the format, as its command reads them: the
    FILE (none: standard output, not with --json) one click's Path takes as it is given."""
    words = line.words[1:]
    if not line.words or line.words[0] not in EXPORTS:
        return None
    named = [word for word in words if word != "--json"]
    as_json = line.json or len(named) < len(words)
    if len(named) > 1 or any(not word or word.startswith("-") for word in named):
        return None
    if (as_json and not named) or (named and not _file_taken(named[0])):
        return None
    from kith.cli.app import App

    app = App(db_option=line.db, demo=line.demo, now_option=line.now, json=as_json)
    module, name = EXPORTS[line.words[0]]
    command = getattr(import_module(module), name)
    file = Path(named[0]) if named else None
    return app, lambda app: command(app, file)


def _file_taken(word: str) -> bool:
    """Whether click.Path(dir_okay=False) takes `word` without a word of its own: a path with
    nothing there, or something readable that is not a folder."""
    try:
        found = os.stat(word)
    except OSError:
        return True
    return not stat.S_ISDIR(found.st_mode) and os.access(word, os.R_OK)


def _plain_streams() -> bool:
    """stdout and stderr writing UTF-8, not on Windows: where click.echo writes to the stream
    itself (an ASCII one it wraps, a Windows console it writes its own way), as
    kith.cli.render.echo does."""
    if sys.platform == "win32":
        return False
    streams = (sys.stdout, sys.stderr)
    return all(s is not None and (s.encoding or "").lower() == "utf-8" for s in streams)
