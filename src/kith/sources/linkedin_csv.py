"""LinkedIn's CSV files as rows: the encoding, the header under any preamble, lines, dates, ids."""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache
from itertools import islice
from typing import IO

from kith.records import Skipped

Opener = Callable[[], IO[bytes]]

# The columns that say which file a header belongs to, looked for in this order.
SIGNATURES = (
    ("connections", frozenset({"first name", "last name", "connected on"})),
    ("invitations", frozenset({"from", "to", "sent at", "direction"})),
    ("messages", frozenset({"from", "to", "date", "content"})),
    ("profile", frozenset({"first name", "last name", "headline"})),
)
DELIMITERS = (",", ";", "\t")  # Excel re-saves with the locale's list separator
HEADER_ROWS = 10  # the header is found within this many rows (the Notes preamble takes 3)
CHUNK = 1 << 20
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})")
_US = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,? +(\d{1,2}):(\d{2})(?::(\d{2}))? *([ap]m))?"
)
_ISO = re.compile(r"(\d{4})[-/](\d{2})[-/](\d{2})(?:[ t](\d{2}):(\d{2})(?::(\d{2}))?)? *(?:utc|z)?")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass(frozen=True)
class Table:
    """One LinkedIn CSV file: its name (for messages), what it holds, and how to open it."""

    name: str
    kind: str  # connections | invitations | messages | profile
    delimiter: str
    open: Opener

    @cached_property
    def encoding(self) -> str:
        return encoding_of(self.open)  # once per file, however often it is read


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts in the file, counting from 1
    cells: dict[str, str]  # by case-folded column name

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def layout(head: bytes) -> tuple[str, str] | None:
    """(kind, delimiter) of a LinkedIn CSV judged by its first bytes, or None."""
    text = head.decode(_encoding_of_head(head), errors="replace")
    for delimiter in DELIMITERS:
        try:
            for cells in islice(csv.reader(io.StringIO(text), delimiter=delimiter), HEADER_ROWS):
                if kind := kind_of(cells):
                    return kind, delimiter
        except csv.Error:
            continue
    return None


def kind_of(cells: list[str]) -> str | None:
    names = {_column(cell) for cell in cells}
    return next((kind for kind, needed in SIGNATURES if needed <= names), None)


def rows(table: Table) -> Iterator[Row | Skipped]:
    """The rows under the header, with their first line; blank rows are left out, and a row
    the csv module refuses (a field over its size limit) is skipped by line."""
    with table.open() as raw, io.TextIOWrapper(raw, table.encoding, "replace", newline="") as text:
        reader = csv.reader(text, delimiter=table.delimiter)
        header: list[str] | None = None
        line = 1
        for cells in _parsed(reader):
            if isinstance(cells, csv.Error):
                yield Skipped(f"{table.name}:{line}", f"the row cannot be read ({cells})")
            elif header is None and kind_of(cells) == table.kind:
                header = [_column(cell) for cell in cells]
            elif header is not None and any(cell.strip() for cell in cells):
                yield Row(line, dict(zip(header, cells, strict=False)))
            line = reader.line_num + 1


def _parsed(reader: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield error


def encoding_of(open_: Opener) -> str:
    """Byte-order mark, then UTF-16 without one, then valid UTF-8, else cp1252 (formats.md)."""
    with open_() as raw:
        head = raw.read(4096)
        guess = _encoding_of_head(head)
        if guess != "utf-8":
            return guess
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            chunk = head
            while chunk:
                decoder.decode(chunk)
                chunk = raw.read(CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _encoding_of_head(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even = head[: len(head) // 2 * 2]
    if len(even) >= 4 and not any(even[1::2]):
        return "utf-16-le"
    if len(even) >= 4 and not any(even[0::2]):
        return "utf-16-be"
    return "utf-8"


def _column(cell: str) -> str:
    return cell.strip().strip('"\ufeff').strip().casefold()


@lru_cache(maxsize=4096)  # a network's connection dates repeat: 30,000 rows, a few thousand days
def day(text: str) -> date | None:
    """`09 Oct 2024`, `9-Sep-22`, `1/8/18, 6:14 PM` (US) or `2024-10-09`; None when empty.
    Raises ValueError for anything else."""
    if not text.strip():
        return None
    return moment(text).date()


def moment(text: str) -> datetime:
    """A LinkedIn time in UTC: `2024-10-09 14:03:11 UTC`, `10/16/18, 8:36 AM` (US, read as
    UTC: the export gives no zone), or a bare date. Raises ValueError for anything else."""
    plain = " ".join(text.replace("\u202f", " ").split()).casefold()
    if found := _ISO.fullmatch(plain):
        year, month, day_, hour, minute, second = found.groups()
        return _utc(int(year), int(month), int(day_), hour, minute, second)
    if found := _US.fullmatch(plain):
        month, day_, year, hour, minute, second, half = found.groups()
        if hour is not None and not 1 <= int(hour) <= 12:
            raise ValueError(text)
        hour = str(int(hour) % 12 + (12 if half == "pm" else 0)) if hour else None
        return _utc(_year(year), int(month), int(day_), hour, minute, second)
    if found := _DAY_MONTH_YEAR.fullmatch(plain):
        day_, month_name, year = found.groups()
        return _utc(_year(year), _month(month_name), int(day_), None, None, None)
    raise ValueError(text)


def _utc(
    year: int, month: int, day_: int, hour: str | None, minute: str | None, second: str | None
) -> datetime:
    return datetime(year, month, day_, int(hour or 0), int(minute or 0), int(second or 0), 0, UTC)


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)  # LinkedIn began in 2003


def _month(name: str) -> int:
    for number, month in enumerate(MONTHS, 1):
        if month.startswith(name):  # Oct, Sept, October
            return number
    raise ValueError(name)


def one_line(text: str, limit: int | None = None) -> str:
    """Text as one plain line (HTML tags and entities undone), cut to `limit` characters."""
    plain = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    if limit is not None and len(plain) > limit:
        return plain[: limit - 1].rstrip() + "…"
    return plain


def stable_id(*parts: str) -> str:
    """A source id for what has none of its own: the same parts always give the same id."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
