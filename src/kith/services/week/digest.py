"""The week at a glance (`kith digest`): the plan, follow-ups due, people to claim, referrals to
act on, introductions in flight and birthdays coming up, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kith.clock import next_birthday, to_utc_text
from kith.model import PersonHead
from kith.services import claims as claim_service
from kith.services import follow_ups
from kith.services.claims import Claim
from kith.services.follow_ups import Todo
from kith.services.referrals import Reminder, referral_reminders
from kith.services.week import plan
from kith.store import Store

BIRTHDAY_DAYS = 14  # today and the 14 days after it
# [H] A made introduction is followed up a week or two after it, and not nagged about after two
# months: it shows from FOLLOW_UP_AFTER days to FOLLOW_UP_WITHIN days after it was made.
FOLLOW_UP_AFTER, FOLLOW_UP_WITHIN = 7, 60
SHOWN_STATES = ("open", "done")
# What an introduction waits for, as words for the digest and `today` ({a}, {b}: the names),
# the step to take first and what happened last, which the day it happened follows ("on …").
STATE_WORDS = {
    "asked_a": "you asked {a}",
    "agreed_a": "ask {b}; {a} said yes",
    "asked_b": "you asked {b}",
    "agreed_b": "introduce them; both said yes",
    "introduced": "follow up; you introduced them",
}  # skipped and snoozed picks are out of this week's plan
# [H] An ask left unanswered for four weeks is worth a gentle nudge (ask once more, or let it
# go), shown for one week, and again for a week every four weeks while it stays unanswered;
# in between the week does not list it (the web's introductions board does). Asking again
# (`kith intro A B`) restarts the four weeks; an answer, --declined or --let-go ends it.
NUDGE_AFTER, NUDGE_FOR = 28, 7
ASKED = ("asked_a", "asked_b")
NUDGE_WORDS = {
    "asked_a": "no answer yet from {a}, asked",
    "asked_b": "no answer yet from {b}, asked",
}
NUDGE_HINT = "ask once more (`kith intro` again), or let it go (--let-go)"


@dataclass(frozen=True)
class Birthday:
    """A birthday coming up: the day it falls on this time, and the age turned if known."""

    person: PersonHead
    day: date
    turns: int | None


@dataclass(frozen=True)
class Introduction:
    """An introduction waiting on your next step; `since`: its last change."""

    id: int
    a: PersonHead
    b: PersonHead
    why: str | None
    state: str
    since: datetime
    nudge: bool = False  # an ask unanswered for NUDGE_AFTER days, in a week of nudging

    def waiting(self, a: str, b: str) -> str:
        """What it waits for, with the names as the caller shows them, before "on DAY":
        "you asked Ada", or the nudge "no answer yet from Ada, asked"."""
        return (NUDGE_WORDS if self.nudge else STATE_WORDS)[self.state].format(a=a, b=b)

    @property
    def hint(self) -> str:
        """What to do about a nudge (after the day), else nothing."""
        return NUDGE_HINT if self.nudge else ""


@dataclass(frozen=True)
class Digest:
    """The week at a glance: plan, follow-ups, claims, referrals, introductions, birthdays."""

    week: plan.Week
    picks: list[plan.Pick]
    todos: list[Todo]
    claims: list[Claim]
    referrals: list[Reminder]
    introductions: list[Introduction]
    birthdays: list[Birthday]

    @property
    def total(self) -> int:
        sections = (self.picks, self.todos, self.claims, self.referrals, self.introductions)
        return sum(len(items) for items in sections) + len(self.birthdays)


def digest(store: Store, now: datetime, templates: Path | None) -> Digest:
    """The week of `now`; the plan is made first if this week has none, as `kith plan` does.
    `templates` is the folder of the user's draft templates (for the claim notes)."""
    week = plan.this_week(store, now)
    due = [
        todo
        for todo in follow_ups.list_follow_ups(store, now)
        if todo.follow_up.due is not None and todo.follow_up.due <= week.sunday
    ]
    return Digest(
        week,
        [pick for pick in week.picks if pick.stored.state in SHOWN_STATES],
        due,
        claim_service.claims(store, claim_service.DEFAULT_DAYS, now, templates),
        referral_reminders(store, now),
        introductions(store, now),
        birthdays(store, now.date()),
    )


def introductions(store: Store, now: datetime) -> list[Introduction]:
    """Introductions waiting on your next step (asked, agreed, made and not followed up), the
    longest waiting first; an ask unanswered for four weeks as a nudge for one week in four
    (asked_nudge)."""
    with store.reading():
        rows = store.digest.introductions_in_progress(
            to_utc_text(now - timedelta(days=FOLLOW_UP_WITHIN)),
            to_utc_text(now - timedelta(days=FOLLOW_UP_AFTER)),
        )
        heads = {h.id: h for h in store.people.heads([i for r in rows for i in (r.a_id, r.b_id)])}
    return [
        Introduction(r.id, heads[r.a_id], heads[r.b_id], r.why, r.state, r.updated_at, nudge)
        for r in rows
        if (nudge := asked_nudge(r.state, r.updated_at, now)) is not None
    ]


def asked_nudge(state: str, since: datetime, now: datetime) -> bool | None:
    """For an introduction in `state` since `since`: False to list it as it stands, True to
    nudge (an ask unanswered NUDGE_AFTER days: for NUDGE_FOR days, then again every
    NUDGE_AFTER days), None to leave it out of the week (an ask between its nudges). An ask
    already months old is nudged within four weeks, never dropped for good."""
    if state not in ASKED:
        return False
    waited = (now - since).total_seconds() / 86400
    if waited < NUDGE_AFTER:
        return False
    return True if (waited - NUDGE_AFTER) % NUDGE_AFTER < NUDGE_FOR else None


def birthdays(store: Store, today: date, days: int = BIRTHDAY_DAYS) -> list[Birthday]:
    """Contacts whose birthday falls from `today` to `days` days after it, soonest first."""
    last = today + timedelta(days=days)
    with store.reading():
        rows = store.digest.birthdays()
        heads = {h.id: h for h in store.people.heads([r.person_id for r in rows])}
    coming = []
    for row in rows:
        day = next_birthday(row.month, row.day, today)
        if day <= last:
            turns = day.year - row.year if row.year else None
            coming.append(Birthday(heads[row.person_id], day, turns))
    return sorted(coming, key=lambda b: (b.day, b.person.name.casefold(), b.person.id))
