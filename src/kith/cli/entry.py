"""The `kith` program's first step: `kith --help` is printed from text kept beside the commands
(kith.cli.help_text, written by `make docs`, checked by a test against click's own rendering)
without importing click or anything else, which is most of a start-up; every other call, and
a terminal narrower than click's 80 columns, goes to kith.cli.main.

The reads a person waits for and the exports (ONE_SHOT) run without the cyclic garbage
collector and end without the interpreter's teardown: their output flushed and their database
closed, the process exits at once. Both are work a short process does for nothing (a tenth of
a `kith show`: collecting the objects every import made, then taking the modules apart one by
one); every other command ends as Python ends it. A `kith list` piped is printed before click is
imported when it can be (kith.cli.list_piped), and the other reads given as a plain line, and
`export vcard [FILE]`, run without click (kith.cli.fast_reads)."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

HELP_WIDTH = 80  # click wraps help at min(columns, 80) - 2: the same text from 80 columns up
# commands that read (or append one row, or write a file) and end: nothing of theirs outlives
# the process
ONE_SHOT = frozenset({"show", "search", "list", "why", "ledger", "log", "plan", "today", "export"})
GLOBAL_FLAGS = frozenset({"--demo", "--json", "--debug"})
GLOBAL_VALUES = frozenset({"--db", "--now"})  # global options followed by their value


def main() -> None:
    if sys.argv[1:] in (["--help"], ["-h"]) and _columns() >= HELP_WIDTH:
        from kith.cli.help_text import TEXT

        sys.stdout.write(TEXT)
        return
    one_blas_thread(os.environ)
    command = command_of(sys.argv[1:])
    if command == "export":
        sqlite_unmetered()
    from kith.cli import method_cache

    method_cache.install()
    if command not in ONE_SHOT:
        from kith.cli.main import main as run

        run()
        return
    import gc

    gc.disable()
    try:
        if not _without_click(command, sys.argv[1:]):
            from kith.cli.main import main as run

            run()
    except SystemExit as ended:
        code = ended.code
    else:
        code = 0
    if code is None or isinstance(code, int):
        _leave(code or 0)
    raise SystemExit(code)


def _without_click(command: str, argv: list[str]) -> bool:
    """The read run without click (a list by kith.cli.list_piped, the others by
    kith.cli.fast_reads), when it is one that can be; False: nothing was done."""
    if command == "list":
        from kith.cli import list_piped

        return list_piped.run(argv)
    from kith.cli import fast_reads

    return fast_reads.run(argv)


def one_blas_thread(environ: MutableMapping[str, str]) -> None:
    """numpy's OpenBLAS starts a pool of threads when it is imported, which spin on every core
    (about 60 ms of CPU on a 2-core machine, ~10 ms of wall, in every command that imports
    numpy: the first of a week, an import) for matrix work Kith never does at a size where
    threads pay. One thread, unless the user set it otherwise."""
    environ.setdefault("OPENBLAS_NUM_THREADS", "1")


# sqlite3_config's option for SQLite's memory statistics (sqlite3.h)
SQLITE_CONFIG_MEMSTATUS = 9


def sqlite_unmetered() -> bool:
    """SQLite counts every allocation in process-wide statistics, under a mutex, unless told
    otherwise before it starts (SQLITE_CONFIG_MEMSTATUS; SQLite's recommended builds leave it
    out): 6-8% of an export's CPU, which allocates for every entry it writes. Kith reads no
    statistic and sets no heap limit. Turned off through the library Python's sqlite3 loads
    (libsqlite3.so.0, by name, so the same one), before sqlite3 is imported, which starts
    SQLite; True when it was. Anywhere else (sqlite3 already imported, another system, a
    Python with SQLite built in) nothing changes."""
    if "sqlite3" in sys.modules or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        library = ctypes.CDLL("libsqlite3.so.0")
        return bool(library.sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == 0)
    except (OSError, AttributeError):
        return False


def command_of(argv: list[str]) -> str | None:
    """The command `argv` names after the global options, or None when it names none or an
    option is not one this scan knows (click then reads the line as usual)."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_VALUES:
            next(words, None)
        elif word in GLOBAL_FLAGS or word.split("=", 1)[0] in GLOBAL_VALUES:
            continue
        elif word.startswith("-"):
            return None
        else:
            return word
    return None


def _leave(code: int) -> None:
    """End the process with `code` once stdout and stderr are flushed; when they cannot be
    (a closed pipe), end as Python would, which reports it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


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
