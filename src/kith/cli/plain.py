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
    without reading them all."""
    known = [*widths, *[None] * len(headers)]
    pads = [
        max(len(h), max(map(len, c), default=0) if w is None else w)
        for h, c, w in zip(headers[:-1], columns[:-1], known, strict=False)
    ]
    form = "  ".join([*(f"%-{w}s" for w in pads), "%s"])
    lines = map(str.rstrip, map(form.__mod__, chain([tuple(headers)], zip(*columns, strict=True))))
    return "\n".join(lines)


def unstyled(text: str) -> str:
    """`text` as click.echo writes it to a file or a pipe: without ANSI escape sequences."""
    return re.sub(ANSI, "", text) if "\033" in text else text
