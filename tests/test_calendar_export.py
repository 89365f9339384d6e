"""`kith calendar export`: the feed, read back with icalendar and recurring-ical-events."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from tests.conftest import Kith


@pytest.fixture
def network(kith: Kith) -> Kith:
    """Ada (born 1815, an overdue promise: in the plan), Grace (no birth year, a promise of
    hers due Wednesday, one in four weeks, one undated), Katherine (in the plan for her
    birthday, done already), two leap-day birthdays, and an archived person's birthday."""
    kith("add", "Ada Lovelace", "--birthday", "1815-12-10")
    kith("log", "Ada", "coffee", "--when", "2026-10-01", "--channel", "in_person")
    kith("add", "Grace Hopper", "--birthday", "--12-09")
    kith("add", "Katherine Johnson", "--birthday", "--11-26")
    kith("log", "Katherine", "call", "--when", "2026-09-01", "--channel", "call")
    kith("add", "Leap Year", "--birthday", "2000-02-29")
    kith("add", "Leap Unknown", "--birthday", "--02-29")
    kith("add", "Gone Away", "--birthday", "--11-23")
    kith("archive", "Gone")
    kith("todo", "Ada", "send her the paper", "--due", "2026-11-20")
    kith("todo", "Grace", "intro to her CTO", "--theirs", "--due", "2026-11-25")
    kith("todo", "Grace", "a later thing", "--due", "2026-12-20")
    kith("todo", "Grace", "undated")
    kith("plan")
    kith("done", "Katherine")
    return kith


OVERDUE = "Promised Ada Lovelace: send her the paper (overdue since 2026-11-20)"  # shown today

FEED = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kith//Kith//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
DESCRIPTION:Planned outreach\\, follow-ups and birthdays from Kith
X-WR-CALDESC:Planned outreach, follow-ups and birthdays from Kith
NAME:Kith
X-WR-CALNAME:Kith
REFRESH-INTERVAL;VALUE=DURATION:P1D
UID:kith-feed@kith
X-PUBLISHED-TTL:P1D
BEGIN:VEVENT
SUMMARY:Reach out to Ada Lovelace (coffee)
DTSTART;VALUE=DATE:20261116
DTEND;VALUE=DATE:20261123
DTSTAMP:20261122T100000Z
UID:kith-pick-2026-W47-<ada>@kith
DESCRIPTION:Why now: a follow-up due: you promised 'send her the paper' (a
 t risk).\\nWhen done: kith done 'Ada Lovelace'
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Reach out to Ada Lovelace (coffee)
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Promised Ada Lovelace: send her the paper (overdue since 2026-11-2
 0)
DTSTART;VALUE=DATE:20261122
DTEND;VALUE=DATE:20261123
DTSTAMP:20261122T100000Z
UID:kith-todo-1@kith
DESCRIPTION:Follow-up #1. When done: kith todo-done 1
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Promised Ada Lovelace: send her the paper (overdue since 2026-
 11-20)
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Grace Hopper promised: intro to her CTO
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261126
DTSTAMP:20261122T100000Z
UID:kith-todo-2@kith
DESCRIPTION:Follow-up #2. When done: kith todo-done 2
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Grace Hopper promised: intro to her CTO
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Leap Year's birthday
DTSTART;VALUE=DATE:20000229
DTEND;VALUE=DATE:20000301
DTSTAMP:20261122T100000Z
UID:kith-birthday-<leap year>@kith
RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2
DESCRIPTION:Born 2000-02-29. Kept on 28 February in common years.
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Leap Year's birthday
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Leap Unknown's birthday
DTSTART;VALUE=DATE:20000229
DTEND;VALUE=DATE:20000301
DTSTAMP:20261122T100000Z
UID:kith-birthday-<leap unknown>@kith
RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2
DESCRIPTION:Kept on 28 February in common years.
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Leap Unknown's birthday
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Katherine Johnson's birthday
DTSTART;VALUE=DATE:20001126
DTEND;VALUE=DATE:20001127
DTSTAMP:20261122T100000Z
UID:kith-birthday-<katherine>@kith
RRULE:FREQ=YEARLY
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Katherine Johnson's birthday
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Grace Hopper's birthday
DTSTART;VALUE=DATE:20001209
DTEND;VALUE=DATE:20001210
DTSTAMP:20261122T100000Z
UID:kith-birthday-<grace>@kith
RRULE:FREQ=YEARLY
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Grace Hopper's birthday
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
BEGIN:VEVENT
SUMMARY:Ada Lovelace's birthday
DTSTART;VALUE=DATE:18151210
DTEND;VALUE=DATE:18151211
DTSTAMP:20261122T100000Z
UID:kith-birthday-<ada>@kith
RRULE:FREQ=YEARLY
DESCRIPTION:Born 1815-12-10.
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Ada Lovelace's birthday
TRIGGER;RELATED=START:PT9H
END:VALARM
END:VEVENT
END:VCALENDAR
"""


def _uids(kith: Kith) -> dict[str, str]:
    """Each person's UID → a readable stand-in (their given name, lower case)."""
    people = json.loads(kith("list", "--json").output)["people"]
    stand_in = {"Leap Year": "leap year", "Leap Unknown": "leap unknown"}
    return {p["uid"]: stand_in.get(p["name"], p["name"].split()[0].lower()) for p in people}


def _readable(text: str, uids: dict[str, str]) -> str:
    for uid, name in uids.items():
        text = text.replace(uid, f"<{name}>")
    return text


def test_the_feed_holds_open_picks_follow_ups_and_birthdays(network: Kith, tmp_path: Path) -> None:
    target = tmp_path / "kith.ics"
    result = network("calendar", "export", str(target))
    assert result.output == f"Exported 1 pick, 2 follow-ups and 5 birthdays to {target}.\n"
    text = target.read_bytes().decode()
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    assert _readable(text.replace("\r\n", "\n"), _uids(network)) == FEED
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_standard_output_gets_the_same_feed(network: Kith, tmp_path: Path) -> None:
    target = tmp_path / "kith.ics"
    network("calendar", "export", str(target))
    assert network("calendar", "export", "-").stdout_bytes == target.read_bytes()


def _occurrences(feed: bytes, first: date, last: date) -> list[tuple[date, str]]:
    calendar = icalendar.Calendar.from_ical(feed)
    found = recurring_ical_events.of(calendar).between(first, last)
    return sorted((e.start, str(e["SUMMARY"])) for e in found)


def test_birthdays_recur_every_year_and_a_leap_day_falls_on_28_february(
    network: Kith,
) -> None:
    feed = network("calendar", "export", "-").stdout_bytes
    assert _occurrences(feed, date(2027, 2, 1), date(2027, 3, 1)) == [
        (date(2027, 2, 28), "Leap Unknown's birthday"),
        (date(2027, 2, 28), "Leap Year's birthday"),
    ]
    assert _occurrences(feed, date(2028, 2, 1), date(2028, 3, 1)) == [
        (date(2028, 2, 29), "Leap Unknown's birthday"),
        (date(2028, 2, 29), "Leap Year's birthday"),
    ]
    assert _occurrences(feed, date(2030, 11, 1), date(2031, 1, 1)) == [
        (date(2030, 11, 26), "Katherine Johnson's birthday"),
        (date(2030, 12, 9), "Grace Hopper's birthday"),
        (date(2030, 12, 10), "Ada Lovelace's birthday"),
    ]


def test_picks_span_the_week_and_follow_ups_their_day_an_overdue_one_today(network: Kith) -> None:
    feed = network("calendar", "export", "-").stdout_bytes
    assert _occurrences(feed, date(2026, 11, 16), date(2026, 12, 1)) == [
        (date(2026, 11, 16), "Reach out to Ada Lovelace (coffee)"),
        (date(2026, 11, 22), OVERDUE),
        (date(2026, 11, 25), "Grace Hopper promised: intro to her CTO"),
        (date(2026, 11, 26), "Katherine Johnson's birthday"),
    ]
    wednesday = recurring_ical_events.of(icalendar.Calendar.from_ical(feed)).at(date(2026, 11, 18))
    assert [str(e["SUMMARY"]) for e in wednesday] == ["Reach out to Ada Lovelace (coffee)"]


def test_weeks_sets_how_far_ahead_follow_ups_go(network: Kith) -> None:
    def summaries(*options: str) -> list[str]:
        feed = network("calendar", "export", "-", *options).stdout_bytes
        events = icalendar.Calendar.from_ical(feed).walk("VEVENT")
        return [str(e["SUMMARY"]) for e in events if str(e["UID"]).startswith("kith-todo-")]

    assert summaries("--weeks", "1") == [OVERDUE]
    assert summaries("--weeks", "5") == [
        OVERDUE,
        "Grace Hopper promised: intro to her CTO",
        "Promised Grace Hopper: a later thing",
    ]


def test_exporting_again_keeps_every_uid(network: Kith, tmp_path: Path) -> None:
    target = tmp_path / "kith.ics"
    network("calendar", "export", str(target))
    before = _event_uids(target)
    network("todo-done", "2")
    network("calendar", "export", str(target))
    after = _event_uids(target)
    assert [uid for uid in before if uid != "kith-todo-2@kith"] == after


def _event_uids(path: Path) -> list[str]:
    return [str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_keeping_a_promise_to_a_picked_person_takes_their_pick_off_the_feed(
    network: Kith, tmp_path: Path
) -> None:
    network("todo-done", "1")  # logs the e-mail to Ada, which completes her pick
    summaries = [
        str(e["SUMMARY"])
        for e in icalendar.Calendar.from_ical(network("calendar", "export", "-").output).walk()
        if "SUMMARY" in e
    ]
    assert [s for s in summaries if not s.endswith("birthday")] == [
        "Grace Hopper promised: intro to her CTO"
    ]


def test_the_json_report_counts_the_events(network: Kith, tmp_path: Path) -> None:
    target = tmp_path / "kith.ics"
    shown = json.loads(network("calendar", "export", str(target), "--json").output)
    assert shown == {
        "export": str(target),
        "events": 8,
        "picks": 1,
        "follow_ups": 2,
        "birthdays": 5,
    }


def test_json_to_standard_output_is_a_usage_error(kith: Kith) -> None:
    result = kith("calendar", "export", "-", "--json")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --json needs a FILE: the calendar goes to standard output.\n"
    )


def test_a_missing_folder_is_refused(kith: Kith, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "kith.ics"
    result = kith("calendar", "export", str(target))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: The folder {target.parent} does not exist; create it or choose another.\n",
    )


def test_the_demo_feed_parses_with_one_event_per_uid(kith: Kith, tmp_path: Path) -> None:
    kith("demo")
    target = tmp_path / "demo.ics"
    assert kith("calendar", "export", str(target)).output == (
        f"Exported 5 picks, 0 follow-ups and 54 birthdays to {target}.\n"
    )
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == len(events) == 59
    assert str(calendar["X-WR-CALNAME"]) == "Kith"
    coming = _occurrences(target.read_bytes(), date(2026, 11, 23), date(2026, 12, 7))
    assert coming == [
        (date(2026, 11, 26), "Sophie Jennings's birthday"),
        (date(2026, 11, 28), "Sebastián Mendoza's birthday"),
        (date(2026, 12, 5), "Alessandro Santoro's birthday"),
        (date(2026, 12, 6), "Thijs Koster's birthday"),
    ]
