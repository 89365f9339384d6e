"""The feed's birthdays are written as lines (kith.ical_lines, issue 15): read back with the
icalendar library, each event is the one icalendar builds from the same values, however awkward
the name, and every line is folded within 75 octets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from icalendar import Event

from kith import ical_lines
from kith.services.exports.calendar_feed import _all_day
from tests.conftest import Kith

STAMP = datetime(2026, 11, 22, 10, 0, 0, 123456, tzinfo=UTC)
AWKWARD = [
    "Ada Lovelace",
    "Renée O'Brien, Jr.; née Smith",
    "back\\slash, and a \\n that is not a line end",
    "two\nlines\r\nand a lone\rreturn",
    "Ωμέγα 😀 " * 12,  # folded between multi-octet characters
    "a" * 70 + "\\,;" * 10,  # escapes across a fold
]


def icalendar_event(summary: str, description: str, first: date, rule: dict[str, object]) -> Event:
    """The event as the icalendar library builds it (the feed's picks and follow-ups still)."""
    event = _all_day(f"kith-birthday-{summary[:5]}@kith", first, first, summary, description, STAMP)
    event.add("rrule", rule)
    return event


def read(text: str) -> Event:
    calendar = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{text}END:VCALENDAR\r\n")
    (event,) = calendar.walk("VEVENT")
    return event


def same(ours: Event, theirs: Event) -> None:
    for name in ("UID", "SUMMARY", "DESCRIPTION", "TRANSP", "RRULE"):
        assert ours.get(name) == theirs.get(name), name
    for name in ("DTSTART", "DTEND", "DTSTAMP"):
        assert ours.decoded(name) == theirs.decoded(name), name
    (alarm,) = ours.walk("VALARM")
    (their_alarm,) = theirs.walk("VALARM")
    for name in ("ACTION", "DESCRIPTION"):
        assert alarm.get(name) == their_alarm.get(name), name
    assert alarm.decoded("TRIGGER") == their_alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert alarm["TRIGGER"].params["RELATED"] == "START"


@pytest.mark.parametrize("name", AWKWARD)
@pytest.mark.parametrize("leap", [False, True])
def test_an_event_written_as_lines_reads_back_as_icalendars_own(name: str, leap: bool) -> None:
    first = date(2000, 2, 29) if leap else date(1815, 12, 10)
    rule: dict[str, object] = {"freq": "yearly"}
    if leap:
        rule |= {"bymonth": 2, "bymonthday": -1}
    written = ical_lines.all_day_event(
        f"kith-birthday-{name[:5]}@kith",
        first,
        first,
        name,
        f"Born {first.isoformat()}. {name}",
        STAMP,
        "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" if leap else "FREQ=YEARLY",
        timedelta(hours=9),
    )
    same(
        read(written),
        read(icalendar_event(name, f"Born {first}. {name}", first, rule).to_ical().decode()),
    )
    assert written.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in written.split("\r\n"))
    assert read(written)["SUMMARY"] == name.replace("\r\n", "\n").replace("\r", "\n")


def test_folded_lines_are_the_line_again_when_unfolded() -> None:
    line = "SUMMARY:" + ical_lines.text("Ωμέγα 😀, " * 30)
    folded = ical_lines.fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(piece.encode()) <= 75 for piece in folded.split("\r\n"))
    assert ical_lines.fold("SUMMARY:short") == "SUMMARY:short"


def test_the_feeds_birthdays_read_back_as_before(kith: Kith) -> None:
    for name, born in [("Ada Lovelace", "1815-12-10"), ("Renée O'Brien, Jr.", "--02-29")]:
        kith("add", name, "--birthday", born)
    feed = kith("calendar", "export", "-").output
    events = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    birthdays = {str(e["SUMMARY"]): e for e in events if "birthday" in str(e["UID"])}
    assert sorted(birthdays) == ["Ada Lovelace's birthday", "Renée O'Brien, Jr.'s birthday"]
    ada = birthdays["Ada Lovelace's birthday"]
    assert ada.decoded("DTSTART") == date(1815, 12, 10)
    assert ada.decoded("DTEND") == date(1815, 12, 11)
    assert str(ada["DESCRIPTION"]) == "Born 1815-12-10."
    leap = birthdays["Renée O'Brien, Jr.'s birthday"]
    assert leap["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
    assert leap.decoded("DTSTART") == date(2000, 2, 29)
    assert feed.rstrip().endswith("END:VCALENDAR")
