"""An .ics file's bytes as icalendar events, each with its line and repaired, or a `Skipped`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from icalendar import Calendar, Component, Event, vRecur
from icalendar.prop import vBroken

from kith.records import Skipped

NEEDED = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
    | {"ATTENDEE", "ORGANIZER"}
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_UID = re.compile(r"^UID(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
_FOLD = re.compile(r"(?:\r\n|\r|\n)[ \t]")
_DATE_SPACE = re.compile(
    r"^((?:DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)(?:;[^:\r\n]*)?):[ \t]+",
    re.IGNORECASE | re.MULTILINE,
)
_ZONE = re.compile(
    r"^BEGIN:VTIMEZONE\b.*?^END:VTIMEZONE\b", re.IGNORECASE | re.MULTILINE | re.DOTALL
)
_OLD_ONSET = re.compile(r"^(DTSTART[^:\r\n]*:)(1\d\d\d)", re.IGNORECASE | re.MULTILINE)
ONSET_YEAR = "2000"  # a zone's rules are followed from here (an older meeting's hour may be off
# by its summer time: its day, all a tie's history needs, is not)
# what the library raises on text it cannot read: ValueError, and on some damage (a time zone
# with two TZIDs, a parameter where a value belongs) an AttributeError or TypeError of its own
REFUSED = (ValueError, TypeError, AttributeError, KeyError, IndexError)
_PERSON_LINE = re.compile(r"^(ATTENDEE|ORGANIZER)([;:].*)$", re.IGNORECASE | re.MULTILINE)
_ADDRESS_START = re.compile(r":(?=(?:mailto|urn|https?|sip|tel):)", re.IGNORECASE)
_PARAM_START = re.compile(r";(?=[A-Za-z-]+=)")


@dataclass(frozen=True)
class Entry:
    """One VEVENT as the library read it, where it starts, and the calendar around it."""

    event: Event
    line: int | None
    calendar: Component  # its VTIMEZONEs and METHOD; the event itself when it stood bare

    def where(self, name: str) -> str:
        return where(name, str(self.event.get("UID", "")).strip(), self.line)


def where(name: str, uid: str, line: int | None) -> str:
    """`file.ics: event UID (line L)`, leaving out what is not known."""
    event = f"event {uid}" if uid else "event"
    return f"{name}: {event} (line {line})" if line else f"{name}: {event}"


def decode(data: bytes) -> str:
    """A byte-order mark, else UTF-8, else UTF-16 when every other byte is zero, else cp1252.

    (The order formats.md gives for any text export; iCalendar has no charset parameter.)
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data[1::2].count(0) > len(data) // 4:  # mostly zero high bytes: UTF-16 without a BOM
        return data.decode("utf-16-le", "replace")
    if data[0::2].count(0) > len(data) // 4:
        return data.decode("utf-16-be", "replace")
    return data.decode("cp1252", "replace")


def entries(text: str, name: str) -> Iterator[Entry | Skipped]:
    """Every VEVENT in the text, repaired and checked, in file order.

    The library parses the whole text; when it refuses it or drops events (it returns nothing
    for a calendar with an event cut short), the file is read one event at a time, so that
    only the damaged event is lost.
    """
    try:
        components = Calendar.from_ical(repaired(text), multiple=True)
    except REFUSED:
        components = []
    found = [(event, component) for component in components for event in _events(component)]
    lines = _event_lines(text)
    if len(found) != len(lines):  # the library dropped or refused a damaged part
        yield from _one_by_one(text, name)
        return
    for (event, component), line in zip(found, lines, strict=True):
        yield _checked(Entry(event, line, component), name)


def repaired(text: str) -> str:
    """The text unfolded, with what some writers get wrong put right, line by line: a space
    after the colon of a date (`DTSTART: 2026...`); stray quotes inside an attendee's or the
    organiser's parameters (`CN="Grace "Amazing" Hopper"`); an attendee line that names no
    address at all is dropped, so that one bad line does not lose the event."""
    unfolded = _ZONE.sub(_recent_onsets, _FOLD.sub("", text))
    return _PERSON_LINE.sub(_person_line, _DATE_SPACE.sub(r"\1:", unfolded))


def _recent_onsets(zone: re.Match[str]) -> str:
    """A time zone's rules moved to start in ONSET_YEAR from long ago (Outlook writes 1601).
    Every offset lookup walks a rule from its onset, and an open-ended daily meeting looks up
    thousands: from 1601 one calendar took 18 s. The rules (the last Sunday of October, ...)
    give the same changes after ONSET_YEAR either way."""
    return _OLD_ONSET.sub(lambda m: m.group(1) + ONSET_YEAR, zone.group(0))


def _person_line(match: re.Match[str]) -> str:
    name, rest = match.group(1), match.group(2)
    found = _ADDRESS_START.search(rest)
    colon = found.start() if found else rest.rfind(":")
    address = rest[colon + 1 :].strip() if colon >= 0 else ""
    if not address or address.lower().rstrip(":") in ("mailto", "urn"):
        return ""  # no address: the line is dropped, the event kept
    if '"' not in rest[:colon]:
        return match.group(0)
    params = []
    for part in _PARAM_START.split(rest[:colon])[1:]:
        key, _, value = part.partition("=")
        value = value.replace('"', "").strip()
        params.append(f'{key}="{value}"' if re.search(r"[:;,]", value) else f"{key}={value}")
    return ";".join([name, *params]) + ":" + address


def _events(component: Component) -> list[Event]:
    return [event for event in component.walk("VEVENT") if isinstance(event, Event)]


def _event_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(_lines(text), 1) if _is(line, "BEGIN", "VEVENT")]


def _lines(text: str) -> list[str]:
    """Physical lines as an editor numbers them (str.splitlines also splits at form feeds)."""
    return re.split(r"\r\n|\r|\n", text)


def _is(line: str, verb: str, component: str) -> bool:
    return line.rstrip().upper() == f"{verb}:{component}"  # a leading space would be a fold


def _checked(entry: Entry, name: str) -> Entry | Skipped:
    """The entry with its RRULEs repaired (Exchange writes `BYDAY=MO, TU`), or why it is bad."""
    event = entry.event
    for key in ("RRULE", "EXRULE"):
        if key in event:
            event[key] = _repaired_rules(event[key])
    broken = [
        f"{key} {str(value)!r} is not valid"
        for key, value in _values(event)
        if key in NEEDED and isinstance(value, vBroken)
    ]
    broken += [message for key, message in event.errors if key is None]
    return Skipped(entry.where(name), "; ".join(broken)) if broken else entry


def _values(event: Event) -> Iterator[tuple[str, object]]:
    for key, value in event.items():
        for item in value if isinstance(value, list) else [value]:
            yield key.upper(), item


def _repaired_rules(value: object) -> object:
    if isinstance(value, list):
        return [_repaired_rules(item) for item in value]
    if isinstance(value, vBroken):
        try:
            return vRecur.from_ical(re.sub(r"\s+", "", str(value)))
        except ValueError:
            return value
    return value


def _one_by_one(text: str, name: str) -> Iterator[Entry | Skipped]:
    """The damaged-file path: each complete VEVENT parsed alone beside the file's time zones."""
    blocks = list(_blocks(_lines(text)))
    zones = [body for kind, _, body, closed in blocks if kind == "VTIMEZONE" and closed]
    zones = [body for body in zones if _parses(_wrap([body]))]
    shared = Calendar.from_ical(_wrap(zones))  # one calendar, so a series meets its overrides
    for kind, line, body, closed in blocks:
        if kind != "VEVENT":
            continue
        uid = _uid_in(body)
        if not closed:
            yield Skipped(where(name, uid, line), "it is cut short (no END:VEVENT)")
            continue
        try:
            calendar = Calendar.from_ical(_wrap([*zones, repaired(body)]))
        except REFUSED as exc:
            yield Skipped(where(name, uid, line), f"it could not be read: {exc}")
            continue
        for event in _events(calendar):
            yield _checked(Entry(event, line, shared), name)


def _blocks(lines: list[str]) -> Iterator[tuple[str, int, str, bool]]:
    """(kind, first line, text, closed) for each VEVENT and VTIMEZONE, nested parts included."""
    kind, start, body = "", 0, list[str]()
    for number, line in enumerate(lines, 1):
        opened = next((k for k in ("VEVENT", "VTIMEZONE") if _is(line, "BEGIN", k)), "")
        if opened and kind:
            yield kind, start, "\r\n".join(body), False
        if opened:
            kind, start, body = opened, number, []
        if kind:
            body.append(line)
        if kind and _is(line, "END", kind):
            yield kind, start, "\r\n".join(body), True
            kind = ""
    if kind:
        yield kind, start, "\r\n".join(body), False


def _wrap(bodies: list[str]) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", *bodies, "END:VCALENDAR", ""])


def _parses(text: str) -> bool:
    try:
        Calendar.from_ical(text)
    except REFUSED:
        return False
    return True


def _uid_in(body: str) -> str:
    match = _UID.search(body)
    return match.group(1).strip() if match else ""
