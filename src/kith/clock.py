"""The clock: "now", the user's time zone, and the date expressions people type.

Every function takes "now" (an aware datetime) instead of reading the system clock, except
`system_now`, which only the faces call, once, when neither `--now` nor `KITH_NOW` is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from kith.errors import UserError

NOON = time(12, 0)
# patterns are compiled at their first use (re's cache), not by every command at import
# "30d", "6w", and as people write them: "2 weeks", "10 days", "3 months", "1 year".
_DURATION = r"(?i)^\s*(\d+)\s*(d(?:ays?)?|w(?:eeks?)?|m(?:onths?)?|y(?:ears?)?)\s*$"
_DURATION_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
EARLIEST_YEAR = 1900  # an interaction before it is a typo in the year
MAX_DURATION_DAYS = 100 * 365  # longer is a typo, and past the calendar's end for some dates
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AGO = r"^(\d+|an?|one)\s+(day|week)s?\s+ago$"
_LAST = rf"^last\s+({'|'.join(WEEKDAYS)})$"
_WEEKDAY = rf"^(?:on\s+)?({'|'.join(WEEKDAYS)})$"


def zone(name: str | None) -> tzinfo:
    """The zone called `name`, or the system's own when `name` is empty."""
    if not name:
        local = datetime.now().astimezone().tzinfo
        return local if local is not None else UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # ~3 ms: only for a zone named

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(
            f"Unknown time zone {name!r}; set an IANA name, e.g. "
            "`kith config set timezone Europe/Berlin`."
        ) from exc


def fixed_offset(tz: tzinfo) -> int | None:
    """The zone's offset from UTC in minutes when it never changes (a `datetime.timezone`, as
    the system's own zone is read without a name, to whole minutes), else None."""
    if not isinstance(tz, timezone):
        return None
    offset = tz.utcoffset(None).total_seconds()
    return None if offset % 60 else int(offset // 60)


def system_now() -> datetime:
    """The real current time; only faces call this, and only when no clock was given."""
    return datetime.now(UTC)


def face_now(given: str | None, tz: tzinfo) -> datetime:
    """What time it is for a face, in `tz`: the clock given with `--now` (or KITH_NOW), else the
    real one."""
    return (parse_now(given, tz) if given else system_now()).astimezone(tz)


def parse_now(text: str, tz: tzinfo) -> datetime:
    """An ISO date or datetime given with `--now`; a value without a zone is read in `tz`."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            f"--now/KITH_NOW {text!r} is not an ISO date or datetime (e.g. 2026-11-22T10:00)."
        ) from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def to_utc_text(moment: datetime) -> str:
    """The stored form of an instant: ISO 8601 in UTC to the second, e.g. 2026-11-22T09:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> datetime:
    """Read back a stored instant (fromisoformat: several times faster than strptime)."""
    return datetime.fromisoformat(text)


def local_text(text: str, tz: tzinfo) -> str:
    """A stored instant shown in the user's zone, to the minute."""
    return from_utc_text(text).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def local_days(texts: Iterable[str | None], tz: tzinfo) -> list[str]:
    """The local day (YYYY-MM-DD) of each stored instant, "" for None: what a list of thousands
    shows. The zone's offset is found once per UTC day, not once per instant, as the time of
    day (HH:MM) at which the local day turns: an instant compares its HH:MM with it, without
    reading numbers. A day on which the offset changes reads each of its instants in full."""
    turns: dict[str, tuple[str, str, str] | None] = {}
    days: list[str] = []
    add = days.append
    for text in texts:
        if not text:
            add("")
            continue
        key = text[:10]
        found = turns[key] if key in turns else turns.setdefault(key, _day_turn(key, tz))
        if found is None:
            add(from_utc_text(text).astimezone(tz).strftime("%Y-%m-%d"))
        else:
            add(found[1] if text[11:16] < found[0] else found[2])
    return days


def _day_turn(key: str, tz: tzinfo) -> tuple[str, str, str] | None:
    """The UTC time of day (HH:MM) at which the local day of the instants of the UTC day `key`
    turns, with the local day before it and from it on ("" and the day itself where it does
    not turn); None when the zone's offset changes within the day or is not whole minutes."""
    start = datetime.fromisoformat(key).replace(tzinfo=UTC)
    first, last = (
        (start + shift).astimezone(tz).utcoffset()
        for shift in (timedelta(0), timedelta(seconds=86399))
    )
    if first != last or first is None or first.total_seconds() % 60:
        return None
    minutes = int(first.total_seconds() // 60)
    day = start.date()
    if minutes > 0:  # east of UTC: from 24:00 less the offset, the next day
        turn, before, after = 1440 - minutes, day, day + timedelta(days=1)
    elif minutes < 0:  # west: before the offset's time of day, the day before
        turn, before, after = -minutes, day - timedelta(days=1), day
    else:
        return "", day.isoformat(), day.isoformat()
    return f"{turn // 60:02d}:{turn % 60:02d}", before.isoformat(), after.isoformat()


def parse_moment(text: str, now: datetime) -> datetime:
    """A moment people type: `yesterday`, `last friday`, `3 days ago`, `2026-11-02`, an ISO time.

    A day without a time of day means noon that day (or now, if that is later than now today).
    """
    cleaned = text.strip()
    tz = now.tzinfo or UTC
    if cleaned.lower() in ("now", ""):
        return now
    if cleaned.lower() == "today":
        return now
    if re.match(_ISO_DATE, cleaned):
        return _at_noon(_iso_day(cleaned), now)
    quick = quick_day(cleaned.lower(), now.date())
    if quick is not None:
        return _at_noon(quick, now)
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        if re.match(_ISO_DATE, cleaned[:10]):
            _iso_day(cleaned[:10])
            raise UserError(
                f"Could not read {text!r}; write 2026-11-02 or 2026-11-02T09:30."
            ) from None
        return _parse_natural(cleaned, now)
    return value if value.tzinfo else value.replace(tzinfo=tz)


def quick_day(text: str, today: date) -> date | None:
    """The past days people type most, read without loading parsedatetime (50 ms to import).

    `yesterday`, `N days ago`, `a week ago`, `last friday` (the latest Friday before today), with
    the meanings parsedatetime gives them (a test checks that the two agree). Anything else is
    None, for parsedatetime to read.
    """
    if text == "yesterday":
        return today - timedelta(days=1)
    ago = re.match(_AGO, text)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else 1
        return today - timedelta(days=count * (7 if ago.group(2) == "week" else 1))
    last = re.match(_LAST, text)
    if last:
        back = (today.weekday() - WEEKDAYS.index(last.group(1))) % 7 or 7
        return today - timedelta(days=back)
    return None


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{text} is not a date (the month has no such day).") from exc


def _at_noon(day: date, now: datetime) -> datetime:
    moment = datetime.combine(day, NOON, tzinfo=now.tzinfo or UTC)
    return now if day == now.date() and moment > now else moment


def _parse_natural(text: str, now: datetime) -> datetime:
    import parsedatetime  # heavy: loaded only for natural-language dates

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    naive_now = now.replace(tzinfo=None)
    parsed, context = calendar.parseDT(text, sourceTime=naive_now)
    if not context.hasDate and not context.hasTime:
        raise UserError(
            f"Could not read the date {text!r}; try `yesterday`, `last friday`, "
            "`3 days ago` or `2026-11-02`."
        )
    value: datetime = parsed.replace(tzinfo=now.tzinfo)
    if not context.hasTime:
        return _at_noon(value.date(), now)
    return value


def parse_day(text: str, now: datetime) -> date:
    """A calendar day people type (`friday`, `2026-12-01`, `in 2 weeks`), in the user's zone."""
    return parse_moment(text, now).date()


def duration_days(text: str) -> int | None:
    """Days in a duration people type: `7d`, `2w` (7 days), `3m` (30), `1y` (365), or in
    words (`10 days`, `2 weeks`, `3 months`, `1 year`); None when `text` is not one."""
    match = re.match(_DURATION, text)
    if match is None:
        return None
    days = int(match.group(1)) * _DURATION_DAYS[match.group(2)[0].lower()]
    if days > MAX_DURATION_DAYS:
        raise UserError(f"{text!r} is over a hundred years; give a shorter time, e.g. 2w or 3m.")
    return days


def parse_since(text: str, now: datetime) -> datetime:
    """A lower bound: a duration back from now (`7d`, `2w`, `3m`, `1y`) or a date expression;
    a weekday alone is the latest one (`--since monday` on a Wednesday: two days back)."""
    days = duration_days(text)
    if days is not None:
        return now - timedelta(days=days)
    day = past_weekday(text, now.date()) or parse_moment(text, now).date()
    return datetime.combine(day, time(0, 0), tzinfo=now.tzinfo)


def past_weekday(text: str, today: date) -> date | None:
    """A weekday named alone (`monday`, `on friday`) where only the past makes sense, a log's
    `--when` or a `--since`: the latest such day, today included (parsedatetime reads it as
    the next one, so `--when monday` on a Tuesday was refused as in the future). None for
    anything else."""
    named = re.match(_WEEKDAY, text.strip().lower())
    if named is None:
        return None
    return today - timedelta(days=(today.weekday() - WEEKDAYS.index(named.group(1))) % 7)


def parse_past_moment(text: str, now: datetime) -> datetime:
    """Like `parse_moment`, but refuses the future: interactions never happen after now. A
    weekday alone is the latest one (`past_weekday`)."""
    day = past_weekday(text, now.date())
    moment = parse_moment(text, now) if day is None else _at_noon(day, now)
    if moment > now:
        raise UserError(
            f"{text!r} is in the future ({moment:%Y-%m-%d %H:%M}); interactions are logged "
            "after they happen."
        )
    if moment.year < EARLIEST_YEAR:
        raise UserError(f"{text!r} is before {EARLIEST_YEAR}; check the year.")
    return moment


def birthday_in(year: int, month: int, day: int) -> date:
    """The day a birthday is kept in `year`: 29 February on the 28th in a common year."""
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return date(year, 2, 28)
    return date(year, month, day)


def next_birthday(month: int, day: int, today: date) -> date:
    """The birthday's next day on or after `today`."""
    this_year = birthday_in(today.year, month, day)
    return this_year if this_year >= today else birthday_in(today.year + 1, month, day)


def birthdays_on(days: list[date]) -> dict[tuple[int, int], date]:
    """(month, day) of the birthdays that fall on these days → the day: a 29 February birthday
    falls on the 28th in a common year."""
    found = {(day.month, day.day): day for day in days}
    for day in days:
        if birthday_in(day.year, 2, 29) == day:
            found[(2, 29)] = day
    return found


def call_length(seconds: int) -> str:
    """`45 s`, `3 min`, `1 h 5 min`: a call's length as a summary or a table says it."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
