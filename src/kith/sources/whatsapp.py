"""WhatsApp "Export chat" (.txt, or the .zip holding `_chat.txt`): one chat per file.

Every locale writes a line per message as `<date>, <time> - Name: text` (Android) or
`[<date>, <time>] Name: text` (iOS), with variations: day or month first, two- or four-digit
years, dots or slashes or dashes, 12- or 24-hour times (`PM`, `p. m.`, with a narrow no-break
space in newer Android; Arabic `ص`/`م`), Arabic-Indic digits, seconds or not, time before date,
U+200E and U+200F marks. Lines that do not
start so continue the message above (multi-line messages). A line with no `Name:` is a system
line ("You created group", "Messages are end-to-end encrypted"), and so is an iOS line whose
text starts with U+200E and speaks of encryption: counted as ignored.

Day/month order is decided from the whole file, never line by line: a first number above 12
means day first, a second above 12 month first; else the order under which the dates run
forward in time; else `--date-order dmy|mdy` must say (the file cannot). Times are the phone's
local time, read in the user's zone (`now`'s).

The export does not say whose phone it is. The file's own name does, for a chat between two
("WhatsApp Chat with Ada.txt": the other writer is the owner); otherwise the user's `me.name`,
`me.phones` or `--me` tell. Message text is never kept (chat.py).
"""

from __future__ import annotations

import re
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import lru_cache, partial
from io import TextIOWrapper
from itertools import count, pairwise
from pathlib import Path
from typing import IO, NamedTuple

from kith.errors import DateOrderUnknown, UserError
from kith.names import fold
from kith.records import OWNER, Ignored, Party, Record, Skipped, Tally
from kith.sources import chat, zips

_S = r"[ \u00a0\u202f]"  # a space, a no-break space or a narrow one
_M = "[\u200e\u200f]?"  # a direction mark after a number (Arabic exports)
_DATE = rf"\d{{1,4}}{_M}[./-]\d{{1,2}}{_M}[./-]\d{{1,4}}{_M}\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
# AM/PM as Latin letters (`PM`, `p. m.`) or in Arabic: ص (morning), م (evening)
_AMPM = rf"(?:{_S}?(?:[aApP]\.?{_S}?[mM]\.?|[\u0635\u0645]))"
_CLOCK = rf"{_TIME}{_AMPM}?"
# One match a line gives the date, the clock, the writer and the text: `[stamp] ` (iOS: the
# bracket opened is the one closed, group 1) or `stamp - ` (Android), the date first or last;
# a line with no `Name:` after the stamp is a system line (no `name`).
LINE = re.compile(
    rf"^[\u200e\u200f\u202a-\u202e\ufeff]*(\[)?"
    rf"(?:(?P<da>{_DATE})[,\u060c]?{_S}(?P<ta>{_CLOCK})|(?P<tb>{_CLOCK}),?{_S}(?P<db>{_DATE}))"
    rf"(?(1)\]{_S}?|{_S}[-\u2013]{_S})"
    r"(?:(?P<name>[^:\n]{1,80}?):(?: |$|(?=\S)))?(?P<text>.*)$"
)
_HALF = re.compile(r"[aApP\u0635\u0645]")
_AFTERNOON = ("p", "\u0645")  # the half of the day a 12-hour clock's mark says is PM
_DIGITS = re.compile(r"\d+")
# iOS writes system lines as if from the chat, their text starting with U+200E
_SYSTEM_WORDS = (
    "end-to-end",
    "ende-zu-ende",
    "extremo a extremo",
    "ponta a ponta",
    "bout en bout",
    "end-to-end",
    "uçtan uca",
    "сквозным",
)
_CHAT_NAMED = re.compile(
    r"^(?:WhatsApp Chat with|WhatsApp Chat -|WhatsApp-Chat mit|Chat de WhatsApp con|"
    r"Conversa do WhatsApp com|Discussion WhatsApp avec|Chat WhatsApp con|WhatsApp-chat met)"
    r"\s+(?P<name>.+?)(?:\.txt|\.zip)?$",
    re.IGNORECASE,
)
ORDERS = ("dmy", "mdy")
APP = "WhatsApp"
EXPECTED = (
    "a WhatsApp 'Export chat' text: a line per message such as '31/12/2023, 21:05 - Ada: text' "
    "(Android) or '[31.12.23, 21:05:10] Ada: text' (iPhone), as a .txt or a .zip with _chat.txt"
)


def expected(path: Path) -> str:
    """What a WhatsApp export holds, for the error when no message line could be read."""
    return EXPECTED


def sniff(head: bytes, path: Path) -> bool:
    """A text file, or a zip holding one, whose first message line is in WhatsApp's layout."""
    if head[:4] == b"PK\x03\x04" or (not head and path.is_file() and zipfile.is_zipfile(path)):
        try:
            with _open(path) as (_, lines):
                return _first_stamp(line for _, line in zip(range(20), lines, strict=False))
        except UserError:
            return False
    text = head.decode("utf-8", "replace")
    return _first_stamp(text.splitlines()[:20]) and not _is_signal(text)


def _is_signal(text: str) -> bool:
    from kith.sources import signal

    return signal.sniff(text.encode("utf-8"), Path())


def _first_stamp(lines: Iterable[str]) -> bool:
    for line in lines:
        if line.strip():
            return LINE.match(line.rstrip("\r\n")) is not None
    return False


class Stamp(NamedTuple):
    """A message line's date and time as written: numbers, not yet a date (a tuple: one is
    made per line, twice)."""

    parts: tuple[int, int, int]
    hour: int  # on the 24-hour clock (a 12-hour one's AM or PM is read by `_clock`)
    minute: int
    second: int


@dataclass
class Survey:
    """The first pass: the evidence for day/month order, and the writers."""

    first_over_12: bool = False
    second_over_12: bool = False
    year_first: bool = False
    backwards: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORDERS, 0))
    last: dict[str, tuple[int, ...]] = field(default_factory=dict)
    writers: dict[str, str] = field(default_factory=dict)  # each name as written, in order
    stamps: int = 0
    group: bool = False

    def weigh(self, parts: tuple[int, int, int]) -> None:
        """A date's evidence of the order, when some order makes it a date: a line's
        "99/99/2026" (cut or edited) is no year first, nor a month above 12 (trial 4: one such
        line read a whole chat year first, and every message was skipped)."""
        a, b, c = parts
        self.year_first = self.year_first or (a > 31 and b <= 12 and c <= 31)
        self.first_over_12 = self.first_over_12 or (12 < a <= 31 and b <= 12)
        self.second_over_12 = self.second_over_12 or (a <= 12 and 12 < b <= 31)

    def note(self, stamp: Stamp) -> None:
        self.stamps += 1
        self.weigh(stamp.parts)
        if self.year_first or self.first_over_12 or self.second_over_12:
            return  # the order is decided (or refused) without the time evidence below
        for order in ORDERS:
            day = _ymd(stamp.parts, order)
            key = (*day, stamp.hour, stamp.minute, stamp.second)
            if key < self.last.get(order, key):
                self.backwards[order] += 1
            self.last[order] = key

    def order(self, given: str | None, where: str) -> str:
        if self.year_first:
            return "ymd"
        if self.first_over_12 and self.second_over_12:
            raise UserError(
                f"{where}: some dates have a day above 12 first and others second; the file "
                "mixes day-first and month-first dates, and Kith will not guess. Export the chat "
                "again from one phone, or split the file."
            )
        if self.first_over_12:
            return "dmy"
        if self.second_over_12:
            return "mdy"
        if given:
            return given
        forward = [order for order in ORDERS if self.backwards[order] == 0]
        if len(forward) == 1:
            return forward[0]
        raise DateOrderUnknown(
            f"{where}: no date in the file tells whether the day or the month comes first "
            "(no number above 12 in either place). Say which with --date-order dmy "
            "(31/12 as in most of the world) or --date-order mdy (12/31 as in the US)."
        )


def read(
    path: Path,
    now: datetime,
    date_order: str | None = None,
    region: str | None = None,
    keep_text: bool = False,
) -> Iterator[Record]:
    """Conversations of the chat, then the tally of messages read; system lines ignored. With
    `keep_text`, each conversation's messages become its notes."""
    return read_transcript(path, now, date_order, region, APP, keep_text)


def read_transcript(
    path: Path,
    now: datetime,
    date_order: str | None,
    region: str | None,
    app: str,
    keep_text: bool = False,
) -> Iterator[Record]:
    """One pass over the file (`_read_once`); a second one only to keep the messages' text,
    which the first does not hold (`_read_twice`)."""
    if date_order is not None and date_order not in ORDERS:
        raise UserError(f"--date-order takes dmy or mdy, not {date_order!r}.")
    if keep_text:
        return _read_twice(path, now, date_order, region, app, keep_text=True)
    return _read_once(path, now, date_order, region, app)


def _read_once(
    path: Path, now: datetime, date_order: str | None, region: str | None, app: str
) -> Iterator[Record]:
    """Each message line kept as four small numbers (its line, its date and clock as
    written, each distinct one numbered, and its writer's number) until the day/month order is
    decided; then the conversations are cut on seconds and a time made only for their starts."""
    with _open(path) as (name, lines):
        title = _title(name)
        read = _Read.of(lines, title)
    if not read.day:  # nothing to read: the import says what was expected (`expected`)
        return
    survey = read.survey()
    order = survey.order(date_order, str(path))
    yield from (Ignored(f"{app} system line ({kind})") for kind in read.system)
    members, writers = _members(survey, name, region, app)
    parties = [members[writers[w]] for w in survey.writers]
    tz = now.tzinfo
    assert tz is not None
    days = [_day(_numbers(text), order) for text in read.dates]
    clocks = [_clock(clock) for clock in read.clocks]
    day_seconds = [None if day is None else day * 86_400 for day in days]
    clock_seconds = [hour * 3_600 + minute * 60 + second for hour, minute, second in clocks]
    threads = chat.Threads(app, keyed=partial(_as_written, app.lower(), region))
    start = last = count = 0
    moment: datetime | None = None
    spoke: list[int] = []  # the conversation's writers, by number, in the order they wrote
    used = 0
    texts: list[str] = []
    for line, day, clock, writer in zip(read.line, read.day, read.clock, read.writer, strict=True):
        at = day_seconds[day]
        if at is None:
            texts = texts or list(read.dates)  # each date's text, by its number
            yield Skipped(f"{path.name}:{line}", _no_such_day(_numbers(texts[day]), order))
            continue
        used += 1
        at += clock_seconds[clock]
        if moment is not None and (at - last > _GAP or at - start >= _SPAN or at < start):
            yield _record(threads, moment, count, spoke, parties, members)
            moment = None
        if moment is None:
            moment = _at(days[day] or 0, clocks[clock], tz)
            start = last = at
            count, spoke = 0, [writer]
        elif writer not in spoke:  # a chat's few writers: a list is quicker than a set
            spoke.append(writer)
        count += 1
        last = at if at > last else last
    if moment is not None:
        yield _record(threads, moment, count, spoke, parties, members)
    yield Tally("message", used)


def _record(
    threads: chat.Threads,
    start: datetime,
    count: int,
    spoke: list[int],
    parties: list[Party],
    members: tuple[Party, ...],
) -> Record:
    writers = [parties[w] for w in spoke]
    # closed: nothing is added to it, so its set of writers (asked by `add`) is not made
    talk = chat.Conversation(start, start, writers, count, None)
    return threads.record("", talk, members, "")


def _numbering() -> defaultdict[str, int]:
    """A dict that numbers each new key, 0, 1, 2... as it is first asked for."""
    return defaultdict(count().__next__)


_GAP = int(chat.GAP.total_seconds())
_SPAN = int(chat.SPAN.total_seconds())


@dataclass
class _Read:
    """One pass over a chat's lines: per message line its line number, date, clock and writer
    (numbers into the distinct ones), the system lines by kind, whether the group changed."""

    line: array[int] = field(default_factory=lambda: array("I"))
    day: array[int] = field(default_factory=lambda: array("I"))
    clock: array[int] = field(default_factory=lambda: array("I"))
    writer: array[int] = field(default_factory=lambda: array("I"))
    # each distinct date, clock and writer as written → its number
    dates: dict[str, int] = field(default_factory=_numbering)
    clocks: dict[str, int] = field(default_factory=_numbering)
    writers: dict[str, int] = field(default_factory=_numbering)
    system: list[str] = field(default_factory=list)
    group: bool = False

    @classmethod
    def of(cls, lines: Iterable[str], title: str | None) -> _Read:
        read = cls()
        match, system = LINE.match, read.system
        day, clock, writer, where = (
            read.day.append,
            read.clock.append,
            read.writer.append,
            read.line.append,
        )
        dates, clocks, writers = read.dates, read.clocks, read.writers
        for number, raw in enumerate(lines, start=1):
            found = match(raw)  # `$` stops before the line's end (TextIOWrapper made it \n)
            if found is None:
                continue
            _, date, clock_text, clock_last, date_last, name, text = found.groups()
            if name is None:
                system.append(_system_kind(text))
                continue
            if text.startswith("\u200e"):
                if _is_system(text):
                    system.append("encryption notice")
                    continue
                kind = _line_of_chat(text, name, title)
                if kind is not None:
                    system.append(kind)
                    continue
            where(number)
            day(dates[date or date_last])
            clock(clocks[clock_text or clock_last])
            writer(writers[name.strip()])
        read.group = "group change" in system
        return read

    def survey(self) -> Survey:
        """The day/month evidence of the distinct dates (and, when they leave it open, of the
        messages' order), and the writers, as the two-pass reader's survey gives them."""
        survey = Survey(stamps=len(self.day), group=self.group)
        survey.writers = {w: w for w in self.writers}
        survey.group = survey.group or len({fold(w) for w in survey.writers}) > 2
        parts = [_numbers(text) for text in self.dates]
        for found in parts:
            survey.weigh(found)
        if survey.year_first or survey.first_over_12 or survey.second_over_12:
            return survey
        clocks = [_clock(c) for c in self.clocks]
        for order in ORDERS:
            days = [_ymd(p, order) for p in parts]
            keys = ((*days[d], *clocks[c]) for d, c in zip(self.day, self.clock, strict=True))
            survey.backwards[order] = sum(b < a for a, b in pairwise(keys))
        return survey


def _day(parts: tuple[int, int, int], order: str) -> int | None:
    """The day's ordinal under the order, or None when it is no date."""
    try:
        return date(*_ymd(parts, order)).toordinal()
    except ValueError:
        return None


def _at(ordinal: int, clock: tuple[int, int, int], tz: tzinfo) -> datetime:
    day = date.fromordinal(ordinal)
    return datetime(day.year, day.month, day.day, *clock, tzinfo=tz)


def _read_twice(
    path: Path,
    now: datetime,
    date_order: str | None,
    region: str | None,
    app: str,
    keep_text: bool,
) -> Iterator[Record]:
    """The day/month order from a first pass, the messages (with their text, and the lines
    that continue them) from a second."""
    with _open(path) as (name, lines):
        title = _title(name)
        survey = _survey(lines, title)
    if not survey.stamps:  # nothing to read: the import says what was expected (`expected`)
        return
    order = survey.order(date_order, str(path))
    members, writers = _members(survey, name, region, app)
    threads = chat.Threads(app, keyed=partial(_as_written, app.lower(), region))
    tz = now.tzinfo
    assert tz is not None
    used = 0
    more = partial(threads.more_text, "") if keep_text else None
    with _open(path) as (_, lines):
        for number, found in _messages(lines, title, more):
            if isinstance(found, str):
                yield Ignored(f"{app} system line ({found})")
                continue
            stamp, sender, text = found
            at = _moment(stamp, order, tz)
            if at is None:
                yield Skipped(f"{path.name}:{number}", _no_such_day(stamp.parts, order))
                continue
            used += 1
            kept = text if keep_text else None
            yield from threads.add("", at, members[writers[sender]], members, "", kept)
    yield from threads.close()
    yield Tally("message", used)


def _members(
    survey: Survey, name: str, region: str | None, app: str
) -> tuple[tuple[Party, ...], dict[str, int]]:
    """The chat's writers as parties, the owner marked when the file's name tells the other
    one; and each writer's place among them, by the name as written."""
    other = _title(name)
    keys = {written: fold(written) for written in survey.writers}
    folded = dict.fromkeys(keys.values())
    mine = None
    if other and not survey.group and len(folded) == 2 and other in folded:
        (mine,) = (key for key in folded if key != other)
    parties: dict[str, Party] = {}
    for written, key in keys.items():
        if key not in parties:
            parties[key] = (
                Party(OWNER.kind, OWNER.value, written)
                if key == mine
                else chat.person(app.lower(), written, region)
            )
    order = list(parties)
    return tuple(parties.values()), {w: order.index(k) for w, k in keys.items()}


def _as_written(app: str, region: str | None, party: Party) -> Party:
    """The party a conversation's id is made from: the user, when the file's name told Kith
    which writer that is, as the name written (as `--me NAME` or `me.name` would leave it), so
    that the same chat gets the same ids whichever way the user's side was learnt."""
    if party.kind == OWNER.kind and party.name:
        return chat.person(app, party.name, region)
    return party


def names_its_owner(path: Path) -> bool:
    """Whether the file's name says whom the chat is with ("WhatsApp Chat with Ada.txt"), so
    that in a chat between two the other writer is the user (a group's export is named so too:
    then the import asks for `--me`, naming the writers)."""
    return _title(path.name) is not None


def _title(name: str) -> str | None:
    """The chat's name as the export's file name gives it, folded: the other person's, or the
    group's."""
    titled = _CHAT_NAMED.match(name)
    return fold(titled.group("name")) if titled else None


def _survey(lines: Iterable[str], title: str | None) -> Survey:
    survey = Survey()
    writers = survey.writers
    for _, found in _messages(lines, title):
        if isinstance(found, str):
            survey.group = survey.group or found == "group change"
            continue
        stamp, sender, _ = found
        survey.note(stamp)
        if sender not in writers:
            writers[sender] = sender
    survey.group = survey.group or len({fold(w) for w in survey.writers}) > 2
    return survey


def _messages(
    lines: Iterable[str], title: str | None, more: Callable[[str], None] | None = None
) -> Iterator[tuple[int, tuple[Stamp, str, str] | str]]:
    """(line number, (stamp, writer, text) or the kind of system line) of each message line;
    continuation lines go to `more` if given. iOS writes a group's system lines as if the group
    wrote them, the text starting with U+200E: those are group changes."""
    for number, raw in enumerate(lines, start=1):
        match = LINE.match(raw.rstrip("\r\n"))
        if match is None:
            if more is not None:
                more(raw.rstrip("\r\n"))
            continue
        _, date, clock, clock_last, date_last, name, text = match.groups()
        if name is None:
            yield number, _system_kind(text)
        elif text.startswith("\u200e") and _is_system(text):
            yield number, "encryption notice"
        elif (kind := _line_of_chat(text, name, title)) is not None:
            yield number, kind
        else:
            stamp = Stamp(_numbers(date or date_last), *_clock(clock or clock_last))
            yield number, (stamp, name.strip(), text)


def _line_of_chat(text: str, name: str, title: str | None) -> str | None:
    """The kind of system line iOS writes under the chat's name, starting with U+200E: a
    missed call (in a one-to-one chat, named for the other person) or else a group change; None
    for a message: a photo, a file, a deleted message or a call that connected, which iOS
    marks alike when the person a one-to-one chat is named for sent them."""
    if title is None or not text.startswith("\u200e") or fold(name) != title:
        return None
    if chat.PLACEHOLDER.match(text):
        return None
    return "missed call" if chat.MISSED_CALL.match(text) else "group change"


def _system_kind(text: str) -> str:
    if _is_system(text):
        return "encryption notice"
    lowered = text.casefold()
    if "group" in lowered or "grupo" in lowered or "gruppe" in lowered or "groupe" in lowered:
        return "group change"
    return "notice"


def _is_system(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in _SYSTEM_WORDS)


@lru_cache(maxsize=4096)  # a chat's days: a few thousand
def _numbers(date: str) -> tuple[int, int, int]:
    a, b, c = (int(n) for n in _DIGITS.findall(date)[:3])
    return a, b, c


@lru_cache(maxsize=8192)  # the minutes of a day, on one clock or the other
def _clock(text: str) -> tuple[int, int, int]:
    """(hour on the 24-hour clock, minute, second) of a clock as written (`9:05 PM`, `21.05`)."""
    hour, minute, second, *_ = [int(n) for n in _DIGITS.findall(text)] + [0, 0, 0]
    half = _HALF.search(text)
    if half is not None:
        hour = hour % 12 + (12 if half.group(0).casefold() in _AFTERNOON else 0)
    return hour, minute, second


@lru_cache(maxsize=8192)  # a chat's days, under the order read
def _ymd(parts: tuple[int, int, int], order: str) -> tuple[int, int, int]:
    a, b, c = parts
    year, month, day = (a, b, c) if order == "ymd" else (c, b, a) if order == "dmy" else (c, a, b)
    return (year + 2000 if year < 100 else year), month, day


def _no_such_day(parts: tuple[int, int, int], order: str) -> str:
    """Why a message whose date does not exist is left out: the date as Kith read it."""
    year, month, day = _ymd(parts, order)
    first = {"dmy": "day", "mdy": "month", "ymd": "year"}[order]
    return (
        f"there is no day {day} in month {month} of {year} "
        f"(the dates are read {first} first: {order})"
    )


def _moment(stamp: Stamp, order: str, tz: tzinfo) -> datetime | None:
    year, month, day = _ymd(stamp.parts, order)
    try:
        return datetime(year, month, day, stamp.hour, stamp.minute, stamp.second, tzinfo=tz)
    except ValueError:
        return None


@contextmanager
def _open(path: Path) -> Iterator[tuple[str, Iterator[str]]]:
    """(the chat's name as the file gives it, its lines): the .txt, or the zip's chat text."""
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                texts = [n for n in archive.namelist() if n.endswith(".txt") and "/" not in n]
                if not texts:
                    raise UserError(f"{path}: this zip holds no chat text (_chat.txt).")
                inner = "_chat.txt" if "_chat.txt" in texts else texts[0]
                zips.refuse_a_bomb(path, archive)
                with archive.open(inner) as raw:
                    yield (path.stem if inner == "_chat.txt" else Path(inner).stem), _lines(raw)
        except zips.DAMAGE as error:
            raise zips.refused(path, error) from error
        return
    with path.open("rb") as raw:
        yield path.stem, _lines(raw)


def _lines(raw: IO[bytes]) -> Iterator[str]:
    return iter(TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None))
