"""Calendar files (.ics): meetings that ended become exchanges, later ones upcoming records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from icalendar import Component, Event

from kith.errors import UserError
from kith.identities import email
from kith.names import turned_round
from kith.records import ExchangeRecord, Ignored, Party, Record, Skipped, UpcomingRecord
from kith.sources.ics_parse import Entry, decode, entries
from kith.sources.ics_series import Occurrence, day, occurrences, unknown_zone, utc

ORIGIN = "ics"
NO_TITLE = "(meeting)"
VIDEO = re.compile(
    r"zoom\.(?:us|com)|meet\.google\.com|teams\.(?:microsoft|live)\.com|webex\.com"
    r"|whereby\.com|jitsi|meet\.jit\.si",
    re.IGNORECASE,
)
_LINK_PROPERTIES = (
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
)
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})
# why a series or an occurrence gives no record (the first as the importer says it of meetings)
PERSONAL = "only you (a personal appointment or a note to self)"
CANCELLED = "cancelled"
TWICE = "the same occurrence twice in one file"
NO_OCCURRENCE = "no occurrence left (cancelled or excluded)"
_SNIFF = re.compile(r"BEGIN:(?:VCALENDAR|VEVENT)\s", re.IGNORECASE)
_BEGIN = re.compile(r"^\s*BEGIN:(?:VCALENDAR|VEVENT)\s*$", re.IGNORECASE | re.MULTILINE)

__all__ = ["ORIGIN", "all_to_come", "read", "read_texts", "sniff"]


def sniff(head: bytes, path: Path) -> bool:
    """Text that opens with BEGIN:VCALENDAR, or a bare BEGIN:VEVENT, whatever the file is called.

    A byte-order mark and blank space may come first; UTF-16 is recognised as well.
    """
    return _SNIFF.match(decode(head).lstrip() + "\n") is not None


def read(path: Path, now: datetime) -> Iterator[Record]:
    """Exchanges for meetings that ended by `now`, upcoming records for those that end later.

    A meeting is an event naming at least one person (ORGANIZER or ATTENDEE, not counting
    rooms, resources and attendees who declined); an event naming nobody is a personal
    appointment and yields an `Ignored` saying so, as do cancelled events. Who the user is,
    the direction, and who becomes a person are left to the importer. A floating time (no zone)
    is read as UTC. An event that cannot be read becomes a `Skipped`; the rest of the file
    is still read.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    text = decode(path.read_bytes())
    if not _BEGIN.search(text):
        raise UserError(
            f"{path} is not a calendar: it has no BEGIN:VCALENDAR or BEGIN:VEVENT line. "
            "Export it again as .ics, or say what the file is with --as."
        )
    yield from _Reader(path.name, now).records(entries(text, path.name))


def all_to_come(path: Path, now: datetime) -> bool:
    """Whether no meeting in the calendar has ended by `now`: then none is an exchange, and
    who the user is decides nothing (a meeting to come is matched only to people Kith knows).
    A file that cannot be read says False: the import that follows says why."""
    try:
        return not any(type(record) is ExchangeRecord for record in read(path, now))
    except UserError:
        return False


def read_texts(texts: Iterable[str], name: str, now: datetime) -> Iterator[Record]:
    """`read` over calendar texts that are not a file: a subscribed .ics, or each event
    resource of a CalDAV collection (one calendar object each), named `name` in what is
    skipped."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    found = (entry for text in texts for entry in entries(text, name))
    yield from _Reader(name, now).records(found)


class _Reader:
    """Groups a file's events by UID (a series and its overrides) and yields their records."""

    def __init__(self, name: str, now: datetime) -> None:
        self.name = name
        self.now = now
        self.seen: set[str] = set()
        self.zones: dict[int, list[Component]] = {}  # each calendar's VTIMEZONEs, found once
        # the people of a series, read once: its occurrences share its property values (a
        # weekly meeting of 600 attendees over five years took 30 s reading them each time)
        self.people: dict[tuple[int, int], tuple[object, object, People]] = {}

    def records(self, found: Iterable[Entry | Skipped]) -> Iterator[Record]:
        groups: dict[tuple[int, str], list[Entry]] = {}
        for item in found:
            if isinstance(item, Skipped):
                yield item
            else:
                uid = str(item.event.get("UID", "")).strip() or f"#{id(item.event)}"
                groups.setdefault((id(item.calendar), uid), []).append(item)
        for group in groups.values():
            yield from self._series(group)

    def _series(self, group: list[Entry]) -> Iterator[Record]:
        head = next((e for e in group if "RECURRENCE-ID" not in e.event), group[0])
        if str(head.calendar.get("METHOD", "")).upper() == "CANCEL":
            yield Ignored(CANCELLED)
            return
        if not any(self._people(e.event) != (None, ()) for e in group):
            yield Ignored(PERSONAL)  # however often it repeats: one appointment
            return
        zone = next((z for e in group if (z := unknown_zone(e.event))), None)
        if zone:
            reason = f"its time zone {zone!r} is not defined in the file nor a zone Kith knows"
            yield Skipped(head.where(self.name), reason)
            return
        try:
            found = occurrences([e.event for e in group], self._zones(head.calendar), self.now)
        except (ValueError, TypeError) as exc:  # the library's InvalidCalendar is a ValueError
            yield Skipped(head.where(self.name), f"its dates could not be read: {exc}")
            return
        base = _uid(head.event)
        if not found.past and not found.upcoming:
            yield Ignored(NO_OCCURRENCE)
        for occurrence in found.past:
            yield from self._record(base, occurrence, head.event, upcoming=False)
        if found.upcoming:
            yield from self._record(base, found.upcoming, head.event, upcoming=True)

    def _people(self, event: Event) -> People:
        organiser, attendees = event.get("ORGANIZER"), event.get("ATTENDEE")
        key = (id(organiser), id(attendees))
        if key not in self.people:  # the values are kept with the key, so no id is reused
            self.people[key] = (organiser, attendees, _people(event))
        return self.people[key][2]

    def _zones(self, calendar: Component) -> list[Component]:
        if id(calendar) not in self.zones:
            self.zones[id(calendar)] = list(calendar.walk("VTIMEZONE"))
        return self.zones[id(calendar)]

    def _record(
        self, base: str, occurrence: Occurrence, series: Event, *, upcoming: bool
    ) -> Iterator[Record]:
        event = occurrence.event
        sender, recipients = self._people(event)
        if sender is None and not recipients:
            sender, recipients = self._people(series)  # an override that left them out
        source_id = f"{base}/{occurrence.key:%Y-%m-%dT%H:%M:%SZ}"
        if (sender is None and not recipients) or source_id in self.seen:
            yield Ignored(TWICE if source_id in self.seen else PERSONAL)
            return
        self.seen.add(source_id)
        title, start = _summary(event), occurrence.start
        if upcoming:
            yield UpcomingRecord(source_id, title, day(start), _place(event), recipients, sender)
        else:
            channel = _channel(event)
            yield ExchangeRecord(
                source_id,
                utc(start),
                channel,
                title,
                sender,
                recipients,
                meeting=True,
                origin=ORIGIN,
            )


def _uid(event: Event) -> str:
    """The UID; for an event without one, a digest of its start, title and organiser."""
    uid = str(event.get("UID", "")).strip()
    if uid:
        return uid
    raw = "|".join(_ical(event.get(key)) for key in ("DTSTART", "SUMMARY", "ORGANIZER"))
    return "no-uid-" + hashlib.sha256(raw.encode()).hexdigest()[:16]


def _ical(value: object) -> str:
    to_ical = getattr(value, "to_ical", None)
    return to_ical().decode() if callable(to_ical) else ""


People = tuple[Party | None, tuple[Party, ...]]


def _people(event: Event) -> People:
    """The organiser and the attendees who are people and did not decline, each address once."""
    organiser = _all(event.get("ORGANIZER"))
    sender = _party(organiser[0]) if organiser else None
    recipients: dict[str, Party] = {}
    for attendee in _all(event.get("ATTENDEE")):
        party = _party(attendee) if _attends(attendee) else None
        if party:
            recipients.setdefault(party.value, party)
    return sender, tuple(recipients.values())


def _attends(attendee: object) -> bool:
    params = getattr(attendee, "params", {})
    kind, answer = str(params.get("CUTYPE", "")).upper(), str(params.get("PARTSTAT", "")).upper()
    return kind not in _NOT_PEOPLE and answer != "DECLINED"


def _party(address: object) -> Party | None:
    """The address in an EMAIL= parameter, else a mailto: address (any case), with its CN;
    None for anything that is not an e-mail."""
    params = getattr(address, "params", {})
    texts = [str(params.get("EMAIL", "")), str(address)]
    for text in (re.sub(r"^mailto:", "", t.strip(), flags=re.IGNORECASE) for t in texts):
        try:
            value = email(text)
        except UserError:
            continue
        name = person_name(str(params.get("CN", "")))
        return Party("email", value, None if name and name.lower() == value else name)
    return None


def person_name(cn: str) -> str | None:
    """A CN as a name: stray quotes gone, and `Last, First` turned to `First Last`."""
    name = " ".join(cn.replace('"', "").split())
    if "@" not in name:  # "ada@x.example, Ada" is an address and a name, not Last, First
        name = turned_round(name)
    return name or None


def _all(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _channel(event: Event) -> str:
    texts = (str(value) for key in _LINK_PROPERTIES for value in _all(event.get(key)))
    return "video" if any(VIDEO.search(text) for text in texts) else "in_person"


def _summary(event: Event) -> str:
    return str(event.get("SUMMARY", "")).strip() or NO_TITLE


def _place(event: Event) -> str | None:
    return str(event.get("LOCATION", "")).strip() or None
