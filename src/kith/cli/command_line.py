"""A command line read without click, for the reads run before it is imported (kith.cli.
list_piped, kith.cli.fast_reads): the global options they know, the command, its words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A line read: the global options given, the command and the words after it."""

    db: str | None
    demo: bool
    now: str | None
    json: bool
    command: str
    words: list[str]  # everything after the command, as given


def read_line(argv: Sequence[str]) -> Line | None:
    """The global options --db and --now (each with its value, after a space or an "="),
    --demo and --json, then the command and what follows it; None for a line that starts
    any other way (--debug, --help, --version, an unknown option, a missing value, no command)."""
    db: str | None = None
    now: str | None = None
    demo = as_json = False
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if name in ("--db", "--now"):
            given = value if equals else next(words, None)
            if given is None:
                return None
            db, now = (given, now) if name == "--db" else (db, given)
        elif word == "--demo":
            demo = True
        elif word == "--json":
            as_json = True
        elif word.startswith("-"):
            return None
        else:
            return Line(db, demo, now, as_json, word, list(words))
    return None
