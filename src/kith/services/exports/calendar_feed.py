"""The iCalendar feed (`kith calendar export`, RFC 5545): this week's open picks, follow-ups
with a due day and every contact's birthday, as all-day events a calendar app subscribes to.

Events, not to-dos: most calendar apps, Google Calendar among them, ignore VTODO in a
subscribed feed. Each event's UID is stable (the week and the person's UID, the
follow-up's id, the person's UID), so a subscriber re-reading the feed updates its events
instead of adding copies, and drops those no longer in it (a pick done, a promise kept).
Each event carries an alarm (VALARM) at 09:00 on its first day. `kith serve` also serves the
feed at a secret URL (kith.web.feed) for a phone to subscribe to.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event
from icalendar.enums import TRANSP

from kith import ical_lines
from kith.errors import UserError
from kith.model import PersonHead
from kith.services import follow_ups
from kith.services.exports.target_file import check_target
from kith.services.follow_ups import Todo
from kith.services.week import plan, weeks
from kith.store import Store
from kith.store.digest import BirthdayRow
from kith.store.files import staged
from kith.vocab import PICK_CHANNEL_WORDS as CHANNEL_WORDS

PRODID = "-//Kith//Kith//EN"
NAME = "Kith"
DESCRIPTION = "Planned outreach, follow-ups and birthdays from Kith"
REFRESH = timedelta(days=1)  # a hint to subscribers; the file changes only when exported
DEFAULT_WEEKS = 4
# A birthday whose year is unknown starts in 2000: a leap year, so 29 February exists in it.
UNKNOWN_YEAR = 2000
# Each event's alarm: 09:00 on its first day (an all-day event starts at midnight, local time),
# so a subscribed phone says it in the morning: a pick on Monday, a follow-up and a birthday
# on the day.
ALARM_AT = timedelta(hours=9)


@dataclass(frozen=True)
class Feed:
    text: bytes  # the calendar, CRLF line ends, lines folded at 75 octets
    picks: int
    follow_ups: int
    birthdays: int

    @property
    def events(self) -> int:
        return self.picks + self.follow_ups + self.birthdays


def feed(store: Store, now: datetime, weeks: int = DEFAULT_WEEKS) -> Feed:
    """The feed as of `now`: the week's open picks (the plan is made first if it has none, as
    `kith plan` does), open follow-ups due by the end of the `weeks`-th week from this one
    (an overdue one on today, saying since when, so it is not left behind in the past), and
    every contact's birthday, recurring yearly."""
    if weeks < 1:
        raise UserError("--weeks is at least 1 (this week).")
    week = plan.this_week(store, now)
    horizon = week.sunday + timedelta(weeks=weeks - 1)
    todos = [
        t
        for t in follow_ups.list_follow_ups(store, now)
        if t.follow_up.due is not None and t.follow_up.due <= horizon
    ]
    with store.reading():
        rows = store.digest.birthdays()
        heads = {h.id: h for h in store.people.heads([r.person_id for r in rows])}
    stamp = now.astimezone(UTC)
    calendar = _calendar()
    picks = week.open_picks()
    for pick in picks:
        calendar.add_component(pick_event(pick, week, stamp))
    for todo in todos:
        calendar.add_component(todo_event(todo, stamp, now.date()))
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    birthdays = "".join(birthday_event(heads[row.person_id], row, stamp) for row in rows)
    text = head + birthdays.encode() + b"END:VCALENDAR" + end
    return Feed(text, len(picks), len(todos), len(rows))


def export_feed(store: Store, path: Path, now: datetime, weeks: int = DEFAULT_WEEKS) -> Feed:
    """Write the feed to `path` (mode 0600), replacing it only once it is complete."""
    check_target(path, f"give a file name, e.g. {path / 'kith.ics'}.")
    made = feed(store, now, weeks)
    with staged(path) as staging:
        staging.write_bytes(made.text)
    return made


def _calendar() -> Calendar:
    calendar = Calendar.new(prodid=PRODID, name=NAME, description=DESCRIPTION, uid="kith-feed@kith")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")  # the same hint, as Outlook reads it
    return calendar


def pick_event(pick: plan.Pick, week: plan.Week, stamp: datetime) -> Event:
    """The pick across its whole week (Monday to Sunday), as `kith today` shows it every day
    of the week until it is done."""
    channel = CHANNEL_WORDS.get(pick.stored.channel, pick.stored.channel)
    why = plan.said_outside(pick.reason_said)  # a calendar may sync to its vendor's cloud
    return _all_day(
        f"kith-pick-{week.key}-{pick.person.uid}@kith",
        week.monday,
        week.sunday,
        f"{_verb(pick)} {pick.person.name} ({channel})",
        f"Why now: {why}.\nWhen done: kith done {shlex.quote(pick.person.name)}",
        stamp,
    )


def _verb(pick: plan.Pick) -> str:
    return "Reply to" if pick.stored.reason.startswith(weeks.REPLY_PREFIX) else "Reach out to"


def todo_event(todo: Todo, stamp: datetime, today: date) -> Event:
    """On its due day; an overdue one on `today` (the feed is made again each day it is
    read), its summary saying since when."""
    f = todo.follow_up
    assert f.due is not None
    name = todo.person.name
    summary = f"Promised {name}: {f.text}" if f.owner == "mine" else f"{name} promised: {f.text}"
    day = max(f.due, today)
    if f.due < today:
        summary += f" (overdue since {f.due.isoformat()})"
    return _all_day(
        f"kith-todo-{f.id}@kith",
        day,
        day,
        summary,
        f"Follow-up #{f.id}. When done: kith todo-done {f.id}",
        stamp,
    )


def birthday_event(person: PersonHead, row: BirthdayRow, stamp: datetime) -> str:
    """Every year on the day; 29 February falls on the last day of February (the 28th in a
    common year), which BYMONTHDAY=-1 says to every calendar. Written as lines (ical_lines):
    one per contact, which the icalendar library is slow to serialise by the thousand."""
    leap_day = (row.month, row.day) == (2, 29)
    first = date(row.year or UNKNOWN_YEAR, row.month, row.day)
    born = f"Born {first.isoformat()}." if row.year else ""
    if leap_day:
        born += " Kept on 28 February in common years."
    rule = "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" if leap_day else "FREQ=YEARLY"  # as icalendar
    return ical_lines.all_day_event(
        f"kith-birthday-{person.uid}@kith",
        first,
        first,
        f"{person.name}'s birthday",
        born.strip(),
        stamp,
        rule,
        ALARM_AT,
    )


def _all_day(
    uid: str, first: date, last: date, summary: str, description: str, stamp: datetime
) -> Event:
    """An all-day event from `first` to `last` inclusive, shown as free time, with its alarm."""
    event = Event.new(
        uid=uid,
        start=first,
        end=last + timedelta(days=1),
        summary=summary,
        description=description or None,
        stamp=stamp,
        transparency=TRANSP.TRANSPARENT,
    )
    alarm = Alarm.new(description=summary)
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": "START"})
    event.add_component(alarm)
    return event
