"""The plan's weeks: their bounds in the user's zone, and the picks the user acted on outside
`kith done` — any interaction they took part in completes a pick (issue 9)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from kith.clock import from_utc_text, to_utc_text
from kith.relate.priority import (
    ENERGY_COSTS,
    UNANSWERED_DAYS,
    WRITTEN,
    Span,
    awaits_reply,
    days_said,
)
from kith.store import Store
from kith.store.week.plan import StoredPick, StoredWeek

# F counts skips and picks left undone at the end of their week in the last 8 weeks.
MISS_WEEKS = 8
# A pick's reason that asks for a reply starts so ("they wrote last, …", "they wrote, 2 days
# ago: reply"): drafts and the calendar read the prefix.
REPLY_PREFIX = "they wrote"


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_start(day: date, now: datetime) -> datetime:
    """Monday 00:00 of `day`'s week, in `now`'s zone (the user's)."""
    return datetime.combine(monday_of(day), time(), tzinfo=now.tzinfo)


def span_of(now: datetime) -> Span:
    start = week_start(now.date(), now)
    return Span(start, start + timedelta(weeks=1))


@dataclass(frozen=True)
class Wrote:
    """Their note a pick now answers: when it came, and on which channel."""

    at: datetime
    channel: str


def settle(store: Store, now: datetime, back: int = MISS_WEEKS) -> dict[int, Wrote]:
    """Open picks the user acted on outside `kith done` — a log, a follow-up kept, an import:
    an interaction they took part in (out or both) within the pick's week completes it, in
    this week and the `back` weeks before (those F counts). Returns who wrote to the user this
    week, when and how (the latest inbound interaction of each pick still open)."""
    starts = {
        week_key(now.date() - timedelta(weeks=k)): week_start(now.date() - timedelta(weeks=k), now)
        for k in range(back + 1)
    }
    open_picks = store.plan.open_in(list(starts))
    touches = store.plan.touches(
        [person for _, person in open_picks], to_utc_text(min(starts.values())), to_utc_text(now)
    )
    written: dict[int, Wrote] = {}
    for week, person in open_picks:
        start = starts[week]
        within = [
            (moment, direction, channel)
            for moment, direction, channel in (
                (from_utc_text(at), d, c) for at, d, c in touches.get(person, [])
            )
            if start <= moment < start + timedelta(weeks=1)
        ]
        took_part = next((moment for moment, d, _ in within if d != "in"), None)
        if took_part is not None:
            store.plan.set_state(week, person, "done", to_utc_text(took_part))
        elif within and week == week_key(now.date()):
            written[person] = Wrote(within[-1][0], within[-1][2])
    return written


def written_to(
    store: Store,
    week: StoredWeek,
    picks: Sequence[StoredPick],
    now: datetime,
    settled: bool = False,
) -> dict[int, Wrote]:
    """Who of `week`'s open `picks` wrote to the user and awaits the reply their pick now is:
    a note recorded since the week was chosen, or anything of theirs this week (after `settle`
    has ticked off the picks the user acted on); and who of the done ones had written last when
    the pick was done (`answered`), so a pick done by a reply says so, not the gap it was chosen
    for. `settled`: the past weeks' picks were settled at `now` in this transaction (only this
    week's, chosen since, are settled again)."""
    return (
        wrote_since_chosen(store, week, picks, now)
        | settle(store, now, 0 if settled else MISS_WEEKS)
        | answered(store, picks, now)
    )


def answered(store: Store, picks: Sequence[StoredPick], now: datetime) -> dict[int, Wrote]:
    """The done ones of `picks` whose last interaction this week before they were done was
    theirs: the pick had turned into a reply (as `settle` finds for an open one), and doing it
    answered them (the trial of session 15: "overdue by 8 days … done" for someone who had
    written the day before)."""
    done = {p.person_id: p.state_at for p in picks if p.state == "done" and p.state_at}
    if not done:
        return {}
    start = to_utc_text(week_start(now.date(), now))
    touches = store.plan.touches(list(done), start, to_utc_text(now))
    found: dict[int, Wrote] = {}
    for person, at in done.items():
        until = from_utc_text(at)
        before = [t for t in touches.get(person, []) if from_utc_text(t[0]) < until]
        if before and before[-1][1] == "in":
            found[person] = Wrote(from_utc_text(before[-1][0]), before[-1][2])
    return found


def replying(pick: StoredPick, written: dict[int, Wrote], now: datetime) -> StoredPick:
    """A pick who wrote this week, not answered yet: the reason is the reply to write, on the
    channel they wrote on when it is a written one (trial 4: a reply to a text suggested as
    coffee, and `kith done` logging a coffee)."""
    wrote = written.get(pick.person_id)
    if wrote is None or pick.state not in ("open", "done"):
        return pick
    if pick.state == "done" and pick.state_at is not None:  # said as of the day it was done
        now = min(now, from_utc_text(pick.state_at).astimezone(now.tzinfo))
    days = (now.date() - wrote.at.astimezone(now.tzinfo).date()).days
    ago = " today" if days <= 0 else f", {days} day{'s' if days != 1 else ''} ago"
    pick = replace(pick, reason=f"{REPLY_PREFIX}{ago}: reply")
    if wrote.channel not in WRITTEN or wrote.channel == pick.channel:
        return pick
    return replace(pick, channel=wrote.channel, energy=ENERGY_COSTS[wrote.channel])


BIRTHDAY_AHEAD = "a birthday coming up: "  # the stored reason of a birthday hook (priority)
EVENT_AHEAD = "an event with them coming up: "  # and of an event's
# The stored reasons with a phrase relative to the day (relate.priority.reason, plan.why),
# said again as of each read's day (aged).
WROTE_LAST = "they wrote last"
OVERDUE = ("at risk, overdue by ", "overdue by ")
DUE = "due "
DUE_SOON = "due soon"
# The count a reason said in days when the week was chosen (at its made_at).
_SAID_DAYS = re.compile(r"(?:, (\d+) days? ago|overdue by (\d+) days?)$")


def wrote_last(last: datetime, now: datetime) -> str:
    """ "they wrote last, 12 days ago": whole days since their message."""
    return _wrote_last((now - last).days)


def _wrote_last(days: int) -> str:
    return f"{WROTE_LAST}, {days} day{'s' if days != 1 else ''} ago"


def relative(reason: str) -> bool:
    """Whether the reason says a time relative to the day it was chosen."""
    return reason.startswith((WROTE_LAST, *OVERDUE)) or (
        reason.startswith(DUE) and reason != DUE_SOON
    )


def aged(pick: StoredPick, made_at: str, now: datetime) -> StoredPick:
    """The pick's reason said as of `now`'s day: "they wrote last, N days ago" and "overdue by N
    days" as the week's choice counted them at `made_at`, plus the days since in `now`'s zone
    (the count moves at midnight, not at the hour the week was chosen); "due Thu 26 Nov" is
    "due today" on that day and "overdue by N days" after it; a birthday as `birthday_as_of`
    says it. A count said in months or years is left as said: a week does not change it. A pick
    done, skipped or snoozed is said as of the day it was (no longer overdue after it)."""
    if pick.state != "open" and pick.state_at is not None:
        now = min(now, from_utc_text(pick.state_at).astimezone(now.tzinfo))
    reason = pick.reason
    if reason.startswith(EVENT_AHEAD):
        return _event_as_of(pick, now)
    if not relative(reason):
        return birthday_as_of(pick, now)
    made = from_utc_text(made_at).astimezone(now.tzinfo).date()
    if reason.startswith(DUE):
        return replace(pick, reason=_due(reason[len(DUE) :], made, now))
    said = _SAID_DAYS.search(reason)  # the count as the choice said it
    if said is None:
        return pick
    days = int(said.group(1) or said.group(2)) + max(0, (now.date() - made).days)
    if reason.startswith(WROTE_LAST):
        return replace(pick, reason=_wrote_last(days))
    prefix = next(start for start in OVERDUE if reason.startswith(start))
    return replace(pick, reason=prefix + days_said(days))


def _due(said: str, made: date, now: datetime) -> str:
    """ "due Thu 26 Nov" before that day, "due today" on it, "overdue by N days" after. The day
    is one of the week from the day it was chosen (`made`) to the next Monday (a pick due after
    it is not chosen)."""
    days = (made + timedelta(days=k) for k in range(8))
    day = next((day for day in days if day_said(day) == said), None)
    late = None if day is None else (now.date() - day).days
    if late is None or late < 0:
        return DUE + said
    return "due today" if late == 0 else f"overdue by {days_said(late)}"


def day_said(day: date) -> str:
    """A day as the week's reasons say it: "Thu 26 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def _event_as_of(pick: StoredPick, now: datetime) -> StoredPick:
    """ "an event with them coming up: Compiler dinner on Thu 26 Nov" (hooks) said "today" on
    that day and "yesterday" or "N days ago" after it; said as stored before it."""
    said = pick.reason[len(EVENT_AHEAD) :]
    today = now.date()
    for back in range(8):
        if said.endswith(f" on {day_said(today - timedelta(days=back))}"):
            when = _back(back)
            return replace(pick, reason=f"an event with them {when}: {said}")
    return pick


def _back(days: int) -> str:
    return ("today", "yesterday")[days] if days < 2 else f"{days} days ago"


def birthday_as_of(pick: StoredPick, now: datetime) -> StoredPick:
    """A birthday pick's reason said as of `now`'s day: "a birthday today: Mon 14 Dec" on the day
    (it was stored "coming up" when the week was chosen, the day itself included), "yesterday"
    or "N days ago" after it."""
    if not pick.reason.startswith(BIRTHDAY_AHEAD):
        return pick
    said = pick.reason[len(BIRTHDAY_AHEAD) :]
    today = now.date()
    for back in range(8):
        day = today - timedelta(days=back)
        if said == day_said(day):
            return replace(pick, reason=f"a birthday {_back(back)}: {said}")
    return pick


def wrote_since_chosen(
    store: Store, week: StoredWeek, picks: Sequence[StoredPick], now: datetime
) -> dict[int, Wrote]:
    """The open ones of `week`'s `picks` whose latest interaction is a note they wrote that was
    recorded after the pick was chosen — an import or a merge since brought their message from
    before Monday — and still asks for a reply: who and when, as `settle` returns those who
    wrote this week, so the reason is the reply to write, not the gap the week was chosen for
    (the trial of session 13: "overdue by 10 days" for someone who wrote two days before). A
    pick is chosen when the week was made, or before, when a fill kept it (`chosen_at`)."""
    open_ids = [pick.person_id for pick in picks if pick.state == "open"]
    since = to_utc_text(now - timedelta(days=UNANSWERED_DAYS))
    latest = store.plan.latest_recorded(open_ids, since, to_utc_text(now))
    chosen = store.plan.chosen_at(week.week)
    return {
        person: Wrote(moment, channel)
        for person, (at, direction, channel, recorded) in latest.items()
        if recorded > chosen.get(person, week.made_at)
        and awaits_reply(direction, channel, moment := from_utc_text(at), now)
    }
