"""Acting on the plan: today's view, done, skip, snooze, pin, mute and cadence overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from kith.clock import duration_days as clock_days
from kith.clock import from_utc_text, parse_day, to_utc_text
from kith.errors import UsageError, UserError
from kith.model import Interaction, PersonHead
from kith.relate.cadence import Override
from kith.relate.priority import back_on, rest_weeks
from kith.services import claims, follow_ups, referrals
from kith.services.follow_ups import Todo
from kith.services.week import plan, weeks
from kith.services.week.digest import Introduction, introductions
from kith.services.week.resting import Rest
from kith.store import Store
from kith.store.week.plan import StoredPick
from kith.vocab import CHANNELS

COMING_UP_DAYS = 7  # `kith today` lists follow-ups due within a week under "coming up"
DONE_SUMMARY = "caught up (from the weekly plan)"
DONE_OUTSIDE_PLAN_SUMMARY = "caught up"  # `kith done` for someone not picked this week
FALLBACK_CHANNEL = "message"


@dataclass(frozen=True)
class Today:
    """What needs doing: follow-ups due today or overdue, this week's open picks, thank-yous
    owed for referrals that worked, introductions waiting on the user, follow-ups due within
    a week, and people met at events to decide on."""

    due: list[Todo]
    picks: list[plan.Pick]
    thanks: list[referrals.Reminder]
    coming_up: list[Todo]
    week: plan.Week
    decide: list[claims.Undecided]
    introductions: list[Introduction]  # waiting on the user's next step (kith intro)


def today(store: Store, now: datetime) -> Today:
    week = plan.this_week(store, now)
    thanks = [r for r in referrals.referral_reminders(store, now) if r.action == "thank"]
    day = now.date()
    open_ones = follow_ups.list_follow_ups(store, now)
    due = [t for t in open_ones if t.follow_up.due is not None and t.follow_up.due <= day]
    horizon = day + timedelta(days=COMING_UP_DAYS)
    soon = [
        t for t in open_ones if t.follow_up.due is not None and day < t.follow_up.due <= horizon
    ]
    return Today(
        due,
        week.open_picks(),
        thanks,
        soon,
        week,
        claims.undecided(store, now),
        introductions(store, now),
    )


@dataclass(frozen=True)
class Done:
    """The outcome of `kith done`: the interaction logged, and whether they were picked."""

    person: PersonHead
    interaction: Interaction
    in_plan: bool


def done(
    store: Store,
    person_id: int,
    now: datetime,
    summary: str | None = None,
    channel: str | None = None,
    topic: str | None = None,
) -> Done:
    """Log the outreach and mark the pick done (when they are in this week's plan)."""
    from kith.services.interactions import LogEntry, log_interaction  # not for `today`'s reads

    key = weeks.week_key(now.date())
    with store.transaction():
        pick = next((p for p in store.plan.picks(key) if p.person_id == person_id), None)
        if pick is not None and pick.state == "done" and summary is None:
            name = _head(store, person_id).name
            raise UserError(
                f"{name} is done for this week already; to record another time you were in "
                f"touch, log it (kith log {name!r} WHAT)."
            )
        chosen = channel or (_shown(store, key, pick, now).channel if pick else FALLBACK_CHANNEL)
        default = DONE_SUMMARY if pick is not None else DONE_OUTSIDE_PLAN_SUMMARY
        entry = LogEntry(summary=summary or default, channel=chosen, topic=topic)
        logged = log_interaction(store, [person_id], entry, now)
        in_plan = store.plan.set_state(key, person_id, "done", to_utc_text(now))
    return Done(_head(store, person_id), logged, in_plan)


def _shown(store: Store, key: str, pick: StoredPick, now: datetime) -> StoredPick:
    """The pick as the plan shows it now: a reply on the channel they wrote on, when it turned
    into one since the week was chosen."""
    week = store.plan.week(key)
    if week is None or pick.state != "open":
        return pick
    return weeks.replying(pick, weeks.written_to(store, week, [pick], now), now)


@dataclass(frozen=True)
class Skipped:
    """The outcome of `kith skip`, with the skips of the last 8 weeks."""

    person: PersonHead
    in_plan: bool
    skips: int  # in the last 8 weeks, this one included
    rest_weeks: int  # the weeks after this one they rest (priority.rest_weeks)
    back: date  # the Monday they may come back (a birthday, a follow-up, a reply: sooner)

    @property
    def rest(self) -> str:
        """What the rest is, as `kith skip` and the web's week say it (resting.Rest.said)."""
        return Rest(self.rest_weeks, self.back).said


def skip_rests(store: Store, picks: list[StoredPick], zone: tzinfo | None) -> dict[int, str]:
    """The rest of each skipped pick (by person), as `kith skip` said it when it was skipped:
    read again from the skips, for a week shown after the skip (the web's week on a reload)."""
    skipped = {
        p.person_id: from_utc_text(p.state_at) for p in picks if p.state == "skipped" and p.state_at
    }
    if not skipped:
        return {}
    since = min(skipped.values()) - timedelta(weeks=weeks.MISS_WEEKS)
    with store.reading():
        found = store.plan.skips(to_utc_text(since))
    rests = {}
    for person, at in skipped.items():
        ats = [from_utc_text(text) for text in found.get(person, [])]
        rests[person] = Rest(rest_weeks(ats, at), back_on(ats, at, zone)).said
    return rests


def skip(store: Store, person_id: int, now: datetime) -> Skipped:
    """Not this time: the pick is marked skipped, the person rests a week for each skip in the
    last 8 weeks, and their priority is discounted (×0.7 a skip, for 8 weeks): science.md §5."""
    key = weeks.week_key(now.date())
    stamp = to_utc_text(now)
    with store.transaction():
        store.plan.add_skip(person_id, stamp)
        in_plan = store.plan.set_state(key, person_id, "skipped", stamp)
        since = to_utc_text(now - timedelta(weeks=weeks.MISS_WEEKS))
        ats = [from_utc_text(at) for at in store.plan.skips(since).get(person_id, [])]
    at = from_utc_text(stamp)
    head = _head(store, person_id)
    return Skipped(head, in_plan, len(ats), rest_weeks(ats, at), back_on(ats, at, now.tzinfo))


@dataclass(frozen=True)
class Snoozed:
    """The outcome of `kith snooze`: until when, and whether they were picked."""

    person: PersonHead
    until: datetime | None
    in_plan: bool


def snooze(store: Store, person_id: int, now: datetime, until: str | None) -> Snoozed:
    """Hide a person from the plan until a day (`2w`, `3d`, `friday`, `2027-01-10`): the
    snooze ends at midnight starting that day, in the user's zone. None wakes them."""
    moment = snooze_end(until, now) if until else None
    key = weeks.week_key(now.date())
    with store.transaction():
        store.plan.set_person(person_id, snoozed_until=to_utc_text(moment) if moment else None)
        in_plan = bool(moment) and store.plan.set_state(key, person_id, "snoozed", to_utc_text(now))
    return Snoozed(_head(store, person_id), moment, in_plan)


def snooze_end(text: str, now: datetime) -> datetime:
    days = clock_days(text)
    day = now.date() + timedelta(days=days) if days is not None else _snooze_day(text, now)
    moment = datetime.combine(day, time(), tzinfo=now.tzinfo)
    if moment <= now:
        raise UserError(f"{text!r} is not in the future; snooze until a later day (2w, friday).")
    return moment


def _snooze_day(text: str, now: datetime) -> date:
    """A day to snooze until; what cannot be read is answered with lengths and days ahead, not
    the past days a log's `--when` suggests."""
    try:
        return parse_day(text, now)
    except UserError:
        raise UserError(
            f"Could not read {text!r} as how long to snooze; try `2w`, `10d`, `3m`, `friday` "
            "or a later date such as 2027-01-10."
        ) from None


def set_flag(store: Store, person_id: int, flag: str, on: bool) -> PersonHead:
    """Pin (rank first, always eligible when cooling) or mute (never in the plan)."""
    if flag not in ("pinned", "muted"):
        raise ValueError(f"not a flag: {flag}")
    with store.transaction():
        store.plan.set_person(person_id, **{flag: int(on)})
    return _head(store, person_id)


@dataclass(frozen=True)
class CadenceSetting:
    """A cadence override set (or cleared) for a person or a tag."""

    target: str  # a person's name or tag:T
    override: Override | None
    person_id: int | None = None  # for a person's


def cadence(
    store: Store, target: str, ideal: str | None, most: str | None, clear: bool
) -> CadenceSetting:
    """`kith cadence NAME|tag:T`: with --ideal/--max or --clear, changed; else as it is."""
    if clear and (ideal or most):
        raise UsageError("Give --ideal/--max or --clear, not both.")
    changing = clear or bool(ideal) or bool(most)
    if target.strip().startswith("tag:"):
        tag = target.strip()[4:]
        if not tag.strip():
            raise UserError("Name the tag after tag:, such as tag:mentor.")
        if changing:
            return set_tag_cadence(store, tag, ideal or None, most or None, clear)
        return tag_cadence(store, tag)
    from kith.services.resolve import resolve

    person_id = resolve(store, target)
    if changing:
        return set_person_cadence(store, person_id, ideal or None, most or None, clear)
    return person_cadence(store, person_id)


def cadence_overrides(store: Store) -> list[CadenceSetting]:
    """Every cadence the user set: people's (by name), then tags' (`kith cadence` alone)."""
    found = store.plan.cadence_overrides()
    refs = store.people.refs(person_id for person_id, _, _ in found)
    people = [
        CadenceSetting(refs[person_id].name, Override(ideal, most), person_id)
        for person_id, ideal, most in found
    ]
    people.sort(key=lambda setting: (setting.target.casefold(), setting.person_id))
    tags = [
        CadenceSetting(f"tag:{key[len(plan.TAG_CADENCE_PREFIX) :]}", plan.parse_cadence(value))
        for key, value in store.meta.settings().items()
        if key.startswith(plan.TAG_CADENCE_PREFIX)
    ]
    return people + tags


def set_person_cadence(
    store: Store, person_id: int, ideal: str | None, most: str | None, clear: bool
) -> CadenceSetting:
    override = None if clear else _override(ideal, most)
    with store.transaction():
        store.plan.set_person(
            person_id,
            cadence_days=override.ideal_days if override else None,
            cadence_max_days=override.max_days if override else None,
        )
    return CadenceSetting(_head(store, person_id).name, override, person_id)


def person_cadence(store: Store, person_id: int) -> CadenceSetting:
    facts = store.plan.facts([person_id])[person_id]
    override = Override(facts.cadence_days, facts.cadence_max_days) if facts.cadence_days else None
    return CadenceSetting(_head(store, person_id).name, override, person_id)


def set_tag_cadence(
    store: Store, tag: str, ideal: str | None, most: str | None, clear: bool
) -> CadenceSetting:
    override = None if clear else _override(ideal, most)
    key = f"{plan.TAG_CADENCE_PREFIX}{tag.strip().casefold()}"
    with store.transaction():
        store.meta.set_setting(key, cadence_text(override) if override else None)
    return CadenceSetting(f"tag:{tag.strip().casefold()}", override)


def tag_cadence(store: Store, tag: str) -> CadenceSetting:
    value = store.meta.setting(f"{plan.TAG_CADENCE_PREFIX}{tag.strip().casefold()}")
    return CadenceSetting(
        f"tag:{tag.strip().casefold()}", plan.parse_cadence(value) if value else None
    )


def cadence_text(override: Override) -> str:
    ideal = f"{override.ideal_days:g}d"
    return f"{ideal}/{override.max_days:g}d" if override.max_days else ideal


def _override(ideal: str | None, most: str | None) -> Override:
    if ideal is None:
        raise UserError("Say how often: --ideal 30d (and optionally --max 60d), or --clear.")
    days, top = duration_days(ideal), duration_days(most) if most else None
    if top is not None and top < days:
        raise UserError(f"The maximum gap ({most}) is shorter than the ideal ({ideal}).")
    return Override(days, top)


def duration_days(text: str) -> float:
    """A cadence gap: a positive duration (30d, 6w, 3m, 1y)."""
    days = clock_days(text)
    if not days:
        raise UserError(f"A gap is a number with d, w, m or y, such as 30d or 6w, not {text!r}.")
    return float(days)


def channel_of(name: str | None) -> str | None:
    if name is None:
        return None
    chosen = "in_person" if name == "coffee" else name
    if chosen not in CHANNELS:
        raise UserError(f"Unknown channel {name!r}; use one of {', '.join(CHANNELS)} or coffee.")
    return chosen


def _head(store: Store, person_id: int) -> PersonHead:
    return store.people.heads([person_id])[0]
