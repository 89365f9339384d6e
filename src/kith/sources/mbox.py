"""mbox files (mboxo, mboxrd, mboxcl), streamed: one message's header block held at a time."""

# A message starts at a postmark line (`From sender Mon Jan  1 10:00:00 2024`); a `From ` line that
# does not look like one (body text), and `>From ` (quoted by the writer), are body. Bodies are
# skipped line by line unkept, so memory stays flat. The standard library's `mailbox.mbox` is not
# used: it builds a table of contents that grows with the file.

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kith.records import Record
from kith.sources import mail

_POSTMARK = re.compile(rb"From \S*\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\S.*\d:\d\d")
_BLANK = (b"\n", b"\r\n")
_FOLD = (32, 9)  # a space or a tab: the continuation of a header line (as `mail.is_header_line`)

__all__ = ["blocks", "expected", "read", "sniff"]
EXPECTED = (
    "messages, each after a postmark line such as "
    "'From sender@example.org Mon Jan  2 10:00:00 2006'"
)


def expected(path: Path) -> str:
    """What an mbox holds, for the error when nothing in the file could be read as one."""
    return EXPECTED


def sniff(head: bytes, path: Path) -> bool:
    """A file whose first line is an mbox postmark, whatever it is called."""
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    return _POSTMARK.match(first) is not None


def read(path: Path) -> Iterator[Record]:
    """Each message's ExchangeRecord (or Skipped, naming its line), in file order."""
    with path.open("rb") as handle:
        for line, block in blocks(handle):
            yield mail.exchange(mail.fields(block), path.name, line)


def blocks(lines: Iterable[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    """(line number of the postmark, header lines) of each message; bodies pass unkept."""
    block: list[bytes] | None = None
    start = 0
    for number, line in enumerate(lines, 1):
        if line.startswith(b"From ") and _POSTMARK.match(line):
            if block is not None:
                yield start, block
            block, start = [], number
        elif block is None:
            continue
        elif line in _BLANK or (line[0] not in _FOLD and b":" not in line):
            yield start, block
            block = None
        elif len(block) < mail.MAX_HEADER_LINES:
            block.append(line)
    if block is not None:
        yield start, block
