"""A table as plain text, without click: what a list piped to a file or a program prints.

kith.cli.render.plain_columns echoes it through click; kith.cli.list_piped writes it before
click is imported, with what click.echo does to text bound for anything but a terminal
(its ANSI escape sequences taken out) done here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

# click.echo's pattern of an ANSI escape sequence (click._compat._ansi_re; a test holds them
# equal), compiled at its first use (re's cache), not at import
ANSI = r"\033\[[0-?]*[ -/]*[@-~]"


def plain_text(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    widths: Sequence[int | None] = (),
) -> str:
    """The lines of the table from its columns (each a sequence of strings, all as long),
    joined. One %-format of each line, called by `map` over `zip` (loops that run in C: no
    Python frame per line); the last column is not padded, as its spaces would be stripped,
    nor measured. `widths`: the widest cell of a column where the caller knows it (else None)
    without reading them all. Columns are as wide as their cells on a terminal: a column with
    an emoji or an East Asian wide character (two cells) or a combining accent (none) is
    padded cell by cell (`_padded`); trial 5 found its rows one column off."""
    known = [*widths, *[None] * len(headers)]
    heads, shown, forms = list(headers), list(columns), []
    for i, (header, column, width) in enumerate(
        zip(headers[:-1], columns[:-1], known, strict=False)
    ):
        if width is None and _wide(column):
            heads[i], shown[i] = _padded([header, *column])
            forms.append("%s")
        else:
            pad = max(len(header), max(map(len, column), default=0) if width is None else width)
            forms.append(f"%-{pad}s")
    form = "  ".join([*forms, "%s"])
    lines = map(str.rstrip, map(form.__mod__, chain([tuple(heads)], zip(*shown, strict=True))))
    return "\n".join(lines)


# what a terminal shows one cell a character (rich.cells agrees): Latin, with its accents
# precomposed (U+00A0 to U+02FF), as most names are; anything else is measured by rich
NARROW = r"[\x00-\u02ff]*"


def _wide(column: Sequence[str]) -> bool:
    """Whether some cell of `column` is not as wide on a terminal as its length in characters."""
    text = "\n".join(column)
    return not text.isascii() and re.fullmatch(NARROW, text) is None


def _padded(column: Sequence[str]) -> tuple[str, list[str]]:
    """The first cell and the rest, each padded with spaces to the terminal cells of the widest."""
    from rich.cells import cell_len

    cells = list(map(cell_len, column))
    widest = max(cells)
    padded = [cell + " " * (widest - size) for cell, size in zip(column, cells, strict=True)]
    return padded[0], padded[1:]


def unstyled(text: str) -> str:
    """`text` as click.echo writes it to a file or a pipe: without ANSI escape sequences."""
    return re.sub(ANSI, "", text) if "\033" in text else text
