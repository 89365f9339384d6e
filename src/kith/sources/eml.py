"""Single RFC 822 messages (.eml files), and folders of them; the header block only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kith.records import Record
from kith.sources import mail

_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
# Fields a message has near its top and a vCard, an iCalendar file or a CSV does not.
_MAIL_FIELDS = frozenset(
    {
        b"from",
        b"received",
        b"message-id",
        b"date",
        b"return-path",
        b"delivered-to",
        b"mime-version",
        b"x-envelope-from",
    }
)

__all__ = ["headers", "read", "read_folder", "sniff"]


def sniff(head: bytes, path: Path) -> bool:
    """A header block at the top (after any whitespace), with a field only mail has."""
    names: set[bytes] = set()
    for line in head.removeprefix(b"\xef\xbb\xbf").lstrip().splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            match = _FIELD.match(line.lstrip())  # every field indented, as some exporters write
            if match is not None:
                names.add(match.group(1).lower())
            continue
        match = _FIELD.match(line)
        if match is None:
            return False
        names.add(match.group(1).lower())
    return bool(names & _MAIL_FIELDS)


def read(path: Path) -> Iterator[Record]:
    """The message's ExchangeRecord, or a Skipped saying why it has none."""
    yield mail.read_message(path, path.name)


def read_folder(path: Path) -> Iterator[Record]:
    """Every *.eml file under `path`, by path; each is named relative to the folder's parent."""
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".eml" and p.is_file())
    for file in files:
        yield mail.read_message(file, file.relative_to(path.parent).as_posix())


def headers(path: Path) -> mail.Fields:
    """The fields Kith reads from the message's header block (for `mail.envelope`)."""
    with path.open("rb") as handle:
        return mail.fields(mail.header_lines(handle))
