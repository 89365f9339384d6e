"""The `kith` program's first step: `kith --help` is printed from text kept beside the commands
(kith.cli.help_text, written by `make docs`, checked by a test against click's own rendering)
without importing click or anything else, which is most of a start-up; every other call, and
a terminal narrower than click's 80 columns, goes to kith.cli.main."""

from __future__ import annotations

import os
import sys

HELP_WIDTH = 80  # click wraps help at min(columns, 80) - 2: the same text from 80 columns up


def main() -> None:
    if sys.argv[1:] in (["--help"], ["-h"]) and _columns() >= HELP_WIDTH:
        from kith.cli.help_text import TEXT

        sys.stdout.write(TEXT)
        return
    from kith.cli.main import main as run

    run()


def _columns() -> int:
    """The width click would read (shutil.get_terminal_size: COLUMNS, else the terminal, else
    80) without importing shutil."""
    try:
        given = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        given = 0
    if given > 0:
        return given
    stream = sys.__stdout__
    if stream is None:
        return HELP_WIDTH
    try:
        return os.get_terminal_size(stream.fileno()).columns or HELP_WIDTH
    except (AttributeError, ValueError, OSError):
        return HELP_WIDTH
