"""`kith list` of everyone (or of a query) printed to a file or a pipe before click is imported.

click, its types and the command group are a tenth of a list of 30,000 people (issue 15), and
a list without options has nothing for them to do. kith.cli.entry calls `run` first for a
`list` command: it prints when the command line is global options it knows (--db, --demo,
--now) then `list` and query terms (no dash: a negated term, --sort, --json and the rest go
to click) with at most one `--limit N` (N in plain digits, in the range click's COUNT takes;
anything else is click's to read or refuse), stdout is not a terminal and writes UTF-8. The
text is click's path's to the byte (kith.cli.find._plain_list: the same service, the same
formatting and the same line after a limited list, with what click.echo does to it).
Anything else — a terminal, nobody listed, an error of Kith or of SQLite — is left to click,
which runs the command as before and reports as the contract says; a Ctrl-C is reported as
click's path reports it."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kith.services.browse import DayColumns

TITLES = ("id", "name", "company", "tags", "last contact")


def run(argv: Sequence[str]) -> bool:
    """Print the list `argv` asks for; False (nothing printed) when it is left to click."""
    asked = wanted(argv)
    out = sys.stdout
    if asked is None or out is None or out.isatty() or (out.encoding or "").lower() != "utf-8":
        return False
    db, demo, now, query, limit = asked
    from kith.cli.app import App
    from kith.errors import KithError
    from kith.services import browse
    from kith.store import SQLiteError

    app = App(db_option=db, demo=demo, now_option=now)
    try:
        columns, total = browse.list_days(app.store, " ".join(query), app.now, limit)
        if not columns[0]:  # nobody: click's path says why
            return False
        shown = len(columns[0])
        write(columns, f"({shown} of {total}; drop --limit to see all)" if shown < total else "")
    except (KithError, SQLiteError):  # click's path runs it again and reports
        return False
    except KeyboardInterrupt:
        from kith.cli.outcome import INTERRUPTED

        sys.stderr.write(f"Error: {INTERRUPTED}\n")
        raise SystemExit(1) from None
    finally:
        app.close()
    return True


def write(columns: DayColumns, footer: str = "") -> None:
    """The table (and the line `footer`, if any) to stdout as click.echo writes them to a pipe;
    a reader that went away (`kith list | head`) ends it quietly, as click does."""
    from kith.cli.plain import plain_text, unstyled

    ids, names, companies, tags, days = columns
    # the longest id is the largest's or (negative) the smallest's; no tags, nothing to measure
    largest, smallest = max(ids), min(ids)
    widths = (len(str(max(largest, -smallest * 10))), None, None, None if any(tags) else 0)
    shown = [list(map(str, ids)), names, companies, tags, days]
    text = unstyled(plain_text(TITLES, shown, widths)) + "\n"
    try:
        sys.stdout.write(text + (footer + "\n" if footer else ""))
        sys.stdout.flush()
    except BrokenPipeError:  # what is left to flush goes nowhere, without an error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def wanted(
    argv: Sequence[str],
) -> tuple[str | None, bool, str | None, list[str], int | None] | None:
    """(--db, --demo, --now, the query's terms, --limit) of a command line that is global
    options this scan knows (kith.cli.command_line; --json goes to click), `list`, terms without
    a dash and at most one `--limit N` (or `--limit=N`) with N in plain digits from 1 to
    1,000,000; None for any other."""
    from kith.cli.command_line import read_line

    line = read_line(argv)
    if line is None or line.json or line.command != "list":
        return None
    terms, limits = [], []
    words = iter(line.words)
    for word in words:
        if word == "--limit":
            limits.append(next(words, ""))
        elif word.startswith("--limit="):
            limits.append(word.removeprefix("--limit="))
        else:
            terms.append(word)
    if any(term.startswith("-") for term in terms) or len(limits) > 1:
        return None
    limit = _count(limits[0]) if limits else None
    if limits and limit is None:
        return None
    return line.db, line.demo, line.now, terms, limit


def _count(word: str) -> int | None:
    """`word` as a --limit click's COUNT takes without a doubt (ASCII digits, 1 to 1,000,000),
    else None: click reads it (a sign, spaces, an underscore) or refuses it as it always has."""
    if not (word.isascii() and word.isdigit()):
        return None
    count = int(word)
    return count if 1 <= count <= 1_000_000 else None
