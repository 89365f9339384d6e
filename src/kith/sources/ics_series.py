"""Which occurrences of a calendar event count: those ended by now, and the next one to come."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import recurring_ical_events  # type: ignore[import-untyped]
from icalendar import Calendar, Component, Event

CAP = 500
YEARS_BACK = 5
_REPEATS = ("RRULE", "RDATE")
_TOO_OFTEN = frozenset({"SECONDLY", "MINUTELY"})
_ONCE = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID")  # at most one each


@dataclass(frozen=True)
class Occurrence:
    event: Event  # the occurrence's own component: an override, or the series with its times
    start: date | datetime
    end: date | datetime
    key: datetime  # its original start in UTC (RECURRENCE-ID), which a move does not change

    @property
    def cancelled(self) -> bool:
        return _cancelled(self.event)


@dataclass(frozen=True)
class Occurrences:
    past: list[Occurrence]  # ended by now, oldest first
    upcoming: Occurrence | None  # the first that ends after now


def utc(value: date | datetime) -> datetime:
    """An aware time in UTC; a date is its midnight and a floating time is read as UTC."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def unknown_zone(event: Event) -> str | None:
    """A TZID the library could not resolve (no VTIMEZONE, not a zone name it knows)."""
    for key in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = event.get(key)
        value = getattr(prop, "dt", None)
        tzid = getattr(prop, "params", {}).get("TZID")
        if tzid and isinstance(value, datetime) and value.tzinfo is None:
            return str(tzid)
    return None


def occurrences(events: list[Event], zones: Iterable[Component], now: datetime) -> Occurrences:
    """The occurrences of one UID's components (a series and its overrides, or single events).

    A repeating event expands (RRULE, RDATE, EXDATE, overrides, by `recurring_ical_events`) from
    the later of its start and `YEARS_BACK` years before now, keeping the latest `CAP` that
    ended; a single event counts whatever its age.

    Raises ValueError or TypeError when the dates or the repeat rule cannot be read.
    """
    for event in events:
        twice = [key for key in _ONCE if isinstance(event.get(key), list)]
        if twice:  # the library reads such a property as a list, and fails on it
            raise ValueError(f"it has more than one {twice[0]}")
    if any(_cancelled(event) and "RECURRENCE-ID" not in event for event in events):
        return Occurrences([], None)
    if any(key in event for event in events for key in _REPEATS):
        if any("DTSTART" not in event for event in events):  # the library's KeyError
            raise ValueError("it repeats but has no start (DTSTART) to repeat from")
        found: Iterable[Occurrence] = _expanded(events, zones, now)
    else:
        found = sorted((_single(event) for event in events), key=lambda o: utc(o.start))
    return _split(found, now)


def _single(event: Event) -> Occurrence:
    start = event.start
    recurrence = event.get("RECURRENCE-ID")
    key = utc(recurrence.dt) if recurrence is not None else utc(start)
    return Occurrence(event, start, event.end, key)


def _expanded(
    events: list[Event], zones: Iterable[Component], now: datetime
) -> Iterator[Occurrence]:
    """Those that ended within the window, oldest first, then those that end after now."""
    if any(_frequency(event) in _TOO_OFTEN for event in events):
        raise ValueError("it repeats more often than hourly, which no meeting does")
    calendar = Calendar()
    for component in [*zones, *events]:
        calendar.add_component(component)
    query, since = recurring_ical_events.of(calendar), _window_start(now)
    ended = [_single(found) for found in query.between(since, now)]
    ended = [o for o in ended if utc(o.start) >= since and utc(o.end) <= now]
    yield from sorted(ended, key=lambda o: utc(o.start))
    coming = (_single(found) for found in query.after(now))
    yield from (o for o in coming if utc(o.end) > now)


def _frequency(event: Event) -> str:
    rules = event.get("RRULE")
    first = rules[0] if isinstance(rules, list) and rules else rules
    return str(first.get("FREQ", [""])[0]).upper() if hasattr(first, "get") else ""


def _split(found: Iterable[Occurrence], now: datetime) -> Occurrences:
    past: deque[Occurrence] = deque(maxlen=CAP)
    cancelled_ahead = 0  # a series whose every coming occurrence is cancelled must end somewhere
    for occurrence in found:
        ahead = utc(occurrence.end) > now
        if occurrence.cancelled:
            cancelled_ahead += ahead
            if cancelled_ahead > CAP:
                break
        elif ahead:
            return Occurrences(list(past), occurrence)
        else:
            past.append(occurrence)
    return Occurrences(list(past), None)


def _cancelled(event: Event) -> bool:
    return str(event.get("STATUS", "")).strip().upper() == "CANCELLED"


def _window_start(now: datetime) -> datetime:
    try:
        return now.replace(year=now.year - YEARS_BACK)
    except ValueError:  # 29 February
        return now.replace(year=now.year - YEARS_BACK, day=28)


def day(value: date | datetime) -> date:
    """The calendar day as the event shows it, in its own zone."""
    return value.date() if isinstance(value, datetime) else value


__all__ = ["CAP", "YEARS_BACK", "Occurrence", "Occurrences", "day", "occurrences", "utc"]
