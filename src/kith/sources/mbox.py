"""mbox files (mboxo, mboxrd, mboxcl), streamed: one message's header block held at a time."""

# A message starts at a postmark line (`From sender Mon Jan  1 10:00:00 2024`; Pipermail archives
# write the sender `user at example.org`, and some writers leave it out); a bare `From ` line with
# nothing after it starts one too when it follows a blank line (or opens the file). Any other
# `From ` line (body text), and `>From ` (quoted by the writer), are body. Lines may end in LF,
# CRLF or a lone CR, mixed in one file (lone CRs are split when the first 64 KiB has one). The
# postmark's date dates a message whose own Date: and Received: headers cannot. Bodies are
# skipped line by line unkept, so memory stays flat. The standard library's `mailbox.mbox` is not
# used: it builds a table of contents that grows with the file.

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from kith.records import Record
from kith.sources import mail

_POSTMARK = re.compile(
    rb"From (?:\S+ at \S+|\S*)\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\S.*\d:\d\d"
)
_BARE = re.compile(rb"From ?\s*$")  # a postmark with neither sender nor date
_ASCTIME = re.compile(
    rb"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+(\d{1,2})\s+"
    rb"(\d{1,2}):(\d\d)(?::(\d\d))?(?:\s+[A-Z]{3,4})?\s+(\d{4})"
)
_MONTHS = b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_BLANK = (b"\n", b"\r\n", b"\r")
_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:")
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")
_LONE_CR_IN = re.compile(rb"\r(?!\n)")
LONE_CR_PROBE = 64 * 1024  # lone CRs are looked for in this much of the file's start
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
    """A file whose first line is an mbox postmark, whatever it is called (blank lines before it
    are passed over), or a bare `From ` line followed by a mail header."""
    first, second = [*head.lstrip(b" \t\r\n").splitlines()[:2], b"", b""][:2]
    if _BARE.match(first):  # a bare `From ` line: mail headers must follow
        return _FIELD.match(second) is not None
    return _POSTMARK.match(first) is not None


def read(path: Path) -> Iterator[Record]:
    """Each message's ExchangeRecord (or Skipped, naming its line), in file order."""
    with path.open("rb") as handle:
        head = handle.peek(LONE_CR_PROBE)[:LONE_CR_PROBE]
        source = lines(handle) if _LONE_CR_IN.search(head) else handle  # old Mac line ends
        for line, postmark, block in blocks(source):
            yield mail.exchange(block, path.name, line, postmark_date(postmark))


def lines(handle: Iterable[bytes]) -> Iterator[bytes]:
    """The file's lines, whether they end in LF, CRLF or a lone CR (old Macs), mixed or not."""
    for line in handle:
        if line.find(b"\r", 0, len(line) - 2) >= 0:  # a lone CR before the end: split there
            yield from (part for part in _LONE_CR.split(line) if part)
        else:
            yield line


def postmark_date(line: bytes) -> datetime | None:
    """The date of a postmark line (`From a@b Mon Jan  2 10:00:00 2006`), as UTC."""
    match = _ASCTIME.search(line)
    if match is None:
        return None
    month, day, hour, minute, second, year = match.groups()
    try:
        return datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def blocks(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes, list[bytes]]]:
    """(line number of the postmark, the postmark, header lines) of each message; bodies pass
    unkept."""
    block: list[bytes] | None = None
    start, postmark, previous = 0, b"", b"\n"
    for number, line in enumerate(lines, 1):
        if line.startswith(b"From") and (
            _POSTMARK.match(line) or (previous in _BLANK and _BARE.match(line))
        ):
            if block is not None:
                yield start, postmark, block
            block, start, postmark, previous = [], number, line, line
            continue
        previous = line
        if block is None:
            continue
        if line in _BLANK or (line[0] not in _FOLD and b":" not in line):
            yield start, postmark, block
            block = None
        elif len(block) < mail.MAX_HEADER_LINES:
            block.append(line)
    if block is not None:
        yield start, postmark, block
