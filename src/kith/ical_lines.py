"""All-day iCalendar events written as lines (RFC 5545), without building objects: the feed's
birthdays, one per contact, which the icalendar library took seconds to serialise on 30,000
people (issue 15). Text values escaped as RFC 5545 §3.3.11 says, lines folded at 75 octets
(§3.1) without splitting a character or an escape."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kith.sources import vcard_values

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def text(value: str) -> str:
    """A TEXT value escaped: backslash, semicolon, comma, and each line end as \\n."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def fold(line: str) -> str:
    """The content line folded: pieces of at most 75 octets, each after the first starting
    with a space, never inside a character or between a backslash and what it escapes."""
    return "\r\n".join(vcard_values.fold(line, keep_escapes=True))


def all_day_event(
    uid: str,
    first: date,
    last: date,
    summary: str,
    description: str,
    stamp: datetime,
    rule: str | None,
    alarm_after: timedelta,
) -> str:
    """One VEVENT from `first` to `last` inclusive, shown as free time, recurring by `rule`
    (an RRULE value) if given, with a display alarm `alarm_after` its start; CRLF line ends."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        f"DTSTART;VALUE=DATE:{_day(first)}",
        f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"UID:{text(uid)}",
    ]
    if rule:
        lines.append(f"RRULE:{rule}")
    if description:
        lines.append(f"DESCRIPTION:{text(description)}")
    lines += [
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{text(summary)}",
        f"TRIGGER;RELATED=START:{_duration(alarm_after)}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return "".join(f"{fold(line)}\r\n" for line in lines)


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _duration(after: timedelta) -> str:
    """A non-negative duration of whole minutes as RFC 5545 writes it (PT9H, P1DT30M)."""
    days, rest = divmod(int(after.total_seconds() // 60), 1440)
    hours, minutes = divmod(rest, 60)
    written = "P" + (f"{days}D" if days else "")
    if hours or minutes:
        written += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return written if written != "P" else "PT0S"
