"""A Signal chat as a text transcript (`[2019-12-24, 12:23] Name: text`), as signal-export and
chat-miner write it: the WhatsApp reader's layout with the year first, read by that reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from kith.records import Record
from kith.sources.whatsapp import read_transcript

_LINE = re.compile(r"^\ufeff?\[\d{4}-\d{2}-\d{2}, \d{1,2}:\d{2}\] [^:\n]{1,80}:", re.MULTILINE)
APP = "Signal"
EXPECTED = "a Signal transcript: a line per message such as '[2019-12-24, 12:23] Ada: text'"


def expected(path: Path) -> str:
    """What a Signal transcript holds, for the error when no message line could be read."""
    return EXPECTED


def sniff(head: bytes, path: Path) -> bool:
    """A text file whose first line is a year-first transcript line (with the comma)."""
    first = head.decode("utf-8", "replace").lstrip().split("\n", 1)[0]
    return _LINE.match(first) is not None


def read(
    path: Path,
    now: datetime,
    date_order: str | None = None,
    region: str | None = None,
    keep_text: bool = False,
) -> Iterator[Record]:
    """Conversations of the chat, as for WhatsApp; the user by me.name or --me NAME."""
    return read_transcript(path, now, date_order, region, APP, keep_text)
