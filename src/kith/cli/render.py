"""Printing: one JSON object for scripts, plain text when piped, rich tables on a terminal."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from itertools import repeat
from typing import TYPE_CHECKING, Any

from kith.cli.plain import plain_text, unstyled
from kith.clock import call_length, to_utc_text

if TYPE_CHECKING:
    from rich.console import Console

    from kith.model import Interaction

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # English whatever the locale


def weekday_day(day: date) -> str:
    """A due day as people read it: Fri 2026-11-27."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def echo(text: str = "", err: bool = False) -> None:
    """click.echo of a line to stdout (or stderr). A read run before click is imported
    (kith.cli.fast_reads, on UTF-8 streams only) writes what click.echo would: the line with
    its ANSI escape sequences taken out unless the stream is a terminal, then a flush."""
    if "click" in sys.modules:
        import click

        click.echo(text, err=err)
        return
    stream = sys.stderr if err else sys.stdout
    line = text + "\n"
    stream.write(line if stream.isatty() else unstyled(line))
    stream.flush()


def emit_json(payload: dict[str, Any]) -> None:
    echo(json.dumps(payload, ensure_ascii=False, indent=2, default=_default))


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return to_utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def say(text: str = "") -> None:
    echo(text)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], title: str | None = None) -> None:
    """A table: rich on a terminal, aligned plain text otherwise (tests and pipes)."""
    materialised = [[cell or "" for cell in row] for row in rows]
    if sys.stdout.isatty() and (title or len(materialised) <= FIRST_ROWS):
        _rich_table(headers, materialised, title)
        return
    if sys.stdout.isatty():
        terminal_columns(headers, list(zip(*materialised, strict=True)))
        return
    if title:
        echo(title)
    plain_columns(headers, list(zip(*materialised, strict=True)) or [()] * len(headers))


def plain_columns(headers: Sequence[str], columns: Sequence[Sequence[str]]) -> None:
    """`table`'s plain text from its columns (each a sequence of strings, all as long): for a
    face that holds thousands of rows as columns already (kith.cli.plain.plain_text)."""
    echo(plain_text(headers, columns))  # one write: thousands of echo calls cost tens of ms


def _rich_table(
    headers: Sequence[str], rows: list[list[str]], title: str | None, console: Console | None = None
) -> None:
    from rich.console import Console
    from rich.table import Table

    grid = Table(*headers, title=title, title_justify="left", show_edge=False)
    for row in rows:
        grid.add_row(*row)
    (console or Console()).print(grid)


FIRST_ROWS = 50  # a terminal table longer than this: these through rich, the rest as rich would
# what rich reads in a cell as more than its text: markup ([b]), an emoji code (:smile:), a
# cell's edge spaces (which it may wrap at); a cell that is not printable is also left to rich
_RICH_TEXT = r"(?m)\[|:\S*?:|^ | $"  # compiled at its first use (re's cache)


def terminal_columns(
    headers: Sequence[str], columns: Sequence[Sequence[str]], console: Console | None = None
) -> None:
    """`table` on a terminal from its columns, thousands of rows without rendering each through
    rich (about a third of a millisecond a row: 10 s for 30,000 before the first line showed).
    The header and the first FIRST_ROWS rows are rendered by rich with each column as wide as
    its widest cell (what rich gives a table that fits); when rich's lines for those rows are
    the lines formatted here, the rest are formatted the same way (a %-format each, by `map`)
    and written at once. A table wider than the terminal has its widest columns narrowed to fit
    and their long cells cut with "…" (rich's own ellipsis at those widths), not wrapped. A table
    rich would lay out otherwise (a cell with markup, an emoji code, edge spaces or a character
    that is not printable; columns that cannot narrow enough) is rendered by rich whole."""
    from rich.console import Console
    from rich.table import Column, Table

    console = console or Console()
    count = len(columns[0]) if columns else 0
    natural = [_width(h, c) for h, c in zip(headers, columns, strict=True)]
    widths = _fitted(headers, natural, console.width)
    if count <= FIRST_ROWS or widths is None or not all(map(_plain_cells, columns)):
        _rich_table(headers, [list(row) for row in zip(*columns, strict=True)], None, console)
        return
    cut = widths != natural  # wider than the terminal: long cells end in "…", as rich cuts them
    padded = [_padded(_cut(c, w) if cut else c, w) for c, w in zip(columns, widths, strict=True)]
    lines = list(map(" │ ".join, zip(*padded, strict=True)))
    titles = (
        Column(h, width=w, no_wrap=cut, overflow="ellipsis" if cut else "fold")
        for h, w in zip(headers, widths, strict=True)
    )
    grid = Table(*titles, show_edge=False)
    for row in zip(*(column[:FIRST_ROWS] for column in columns), strict=True):
        grid.add_row(*row)
    with console.capture() as captured:
        console.print(grid)
    first = captured.get()
    if first.splitlines()[-FIRST_ROWS:] != [f" {line} " for line in lines[:FIRST_ROWS]]:
        _rich_table(headers, [list(row) for row in zip(*columns, strict=True)], None, console)
        return
    console.file.write(first)
    console.file.write(" " + " \n ".join(lines[FIRST_ROWS:]) + " \n")
    console.file.flush()


def _fitted(headers: Sequence[str], widths: list[int], room: int) -> list[int] | None:
    """`widths` if the table fits in `room` terminal cells; else the widest columns narrowed
    one cell at a time (never below their header or 6 cells) until it fits; None if it cannot.
    A long table is cut to the terminal rather than wrapped: rich wraps a cell over several
    lines only by laying out every row (seconds for thousands of people)."""
    from rich.cells import cell_len

    fitted = list(widths)
    floors = [max(cell_len(header), 6) for header in headers]
    while sum(fitted) + 3 * len(fitted) - 1 > room:
        narrowable = [i for i, width in enumerate(fitted) if width > floors[i]]
        if not narrowable:
            return None
        widest = max(narrowable, key=lambda i: (fitted[i], i))
        fitted[widest] -= 1
    return fitted


def _cut(column: Sequence[str], width: int) -> list[str]:
    """The cells of `column` longer than `width` terminal cells cut to it, ending in "…" (rich's
    ellipsis overflow)."""
    from rich.cells import cell_len, set_cell_size

    if "".join(column).isascii():
        return [cell if len(cell) <= width else cell[: width - 1] + "…" for cell in column]
    return [
        cell if cell_len(cell) <= width else set_cell_size(cell, width - 1) + "…" for cell in column
    ]


def _width(header: str, column: Sequence[str]) -> int:
    """The terminal cells of the widest of `header` and the cells of `column`."""
    from rich.cells import cell_len

    measure = len if "".join(column).isascii() else cell_len
    return max(cell_len(header), max(map(measure, column), default=0))


def _plain_cells(column: Sequence[str]) -> bool:
    """Whether rich shows each cell of `column` as its text, padded (see `_RICH_TEXT`)."""
    return all(map(str.isprintable, column)) and not re.search(_RICH_TEXT, "\n".join(column))


def _padded(column: Sequence[str], width: int) -> list[str]:
    """The cells of `column` padded to `width` terminal cells (a wide character takes two)."""
    from rich.cells import cell_len

    if "".join(column).isascii():
        return list(map(str.ljust, column, repeat(width)))
    return [c.ljust(width) if c.isascii() else c + " " * (width - cell_len(c)) for c in column]


@contextmanager
def progress_bar(label: str, worth_it: bool = True) -> Iterator[Callable[[int], None] | None]:
    """A running count with its rate on a terminal's stderr; nothing when piped or not worth it."""
    if not worth_it or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def tick(count: int) -> None:
            rate = count / max(time.monotonic() - started, 1e-6)
            bar.update(task, description=f"{label}: {count:,} records, {rate:,.0f}/s")

        yield tick


def when(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def day_of(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d") if moment else ""


def interactions_table(found: list[Interaction], tz: tzinfo, with_people: bool = True) -> None:
    headers = ["id", "when", "channel", "dir", "kind", "summary"]
    if with_people:
        headers.insert(2, "with")
    rows = []
    for item in found:
        row = [
            str(item.id),
            when(item.at, tz),
            item.channel if item.duration is None else f"call, {call_length(item.duration)}",
            item.direction,
            item.kind,
            item.summary,
        ]
        if with_people:
            row.insert(2, ", ".join(p.name for p in item.participants))
        rows.append(row)
    table(headers, rows)


def interactions_with_notes(found: list[Interaction], tz: tzinfo, with_people: bool = True) -> None:
    """One line per interaction, its notes (text kept by `kith import --keep-text`, or written
    with `kith log --notes`) indented under it."""
    for item in found:
        channel = item.channel if item.duration is None else f"call, {call_length(item.duration)}"
        who = f"  with {', '.join(p.name for p in item.participants)}" if with_people else ""
        say(f"{item.id}  {when(item.at, tz)}  {channel}  {item.direction}{who}  {item.summary}")
        for line in (item.notes or "").splitlines():
            say(f"    {line}")
