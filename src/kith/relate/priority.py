"""The weekly queue's scoring: eligibility, ρ, U, V, Ease, F, at-risk and the channel (§5)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from kith.relate.cadence import Cadence, Override, cadence_for
from kith.relate.strength import is_dormant
from kith.vocab import WRITTEN_CHANNELS

MONTHS_FROM_DAYS = 120  # an overdue time this long is said in months,
YEARS_FROM_DAYS = 730  # and this long in years
SECONDS_PER_DAY = 86_400

# Eligibility [H]: untouched for a week, ρ ≥ 0.8, or a pin on a tie that has cooled below W 0.7;
# or at risk (below) in a layer with a cadence, so a tie silent for 8 × its usual gap is not lost
# unseen because its layer's cadence is long (docs/science.md).
RECENTLY_TOUCHED_DAYS = 7
ELIGIBLE_RHO = 0.8
PINNED_WARMTH_BELOW = 0.7

# U = 1 / (1 + exp(−4·(ρ − 1))): 0.02 just done, 0.5 when due, 0.98 at 2× overdue [H].
URGENCY_STEEPNESS = 4.0
# Dormant ties are always urgent (Levin et al. 2011 / Walter et al. 2015 [V]).
DORMANT_URGENCY_FLOOR = 0.9
# A reply owed (reply_owed) is as urgent as a tie falling due at least [H]: their own note reset
# ρ, and a reply waited for weeks should not lose to every tie merely due.
REPLY_URGENCY_FLOOR = 0.5

# V by layer [H], plus a dormant bonus (Levin et al. 2011 [V]) and a pin bonus [H].
LAYER_VALUE = {"L1": 1.0, "L2": 1.0, "L3": 0.8, "L4": 0.6, "L5": 0.4, "L6": 0.15, "L7": 0.1}
DORMANT_VALUE_BONUS = 0.15
PINNED_VALUE_BONUS = 0.2

# Ease [H]: they wrote last and are unanswered; a hook to start the conversation.
THEY_WROTE_LAST_BONUS = 0.3
# "They wrote last and are unanswered": their latest interaction came in on a written channel,
# within the last 90 days [H] — a note left unanswered for longer is no reply still owed, and
# the tie's own lateness (ρ, at risk, dormant) says more about it.
WRITTEN = frozenset(WRITTEN_CHANNELS)
UNANSWERED_DAYS = 90
# A reply owed also makes them eligible [H] (trial 3: an unanswered note reset the clock, and
# the person dropped out of every week): in each of the REPLY_WEEKS_IN_A_ROW weeks after the
# note's week, then one week in REPLY_EVERY_WEEKS while it stays within UNANSWERED_DAYS, so one
# person's note does not fill every week (as the digest's nudge for an unanswered ask). An
# answer, a skip since the note, a snooze or a mute ends it (services/week/replies.py).
REPLY_WEEKS_IN_A_ROW = 4
REPLY_EVERY_WEEKS = 4
HOOK_BONUS = 0.2
HOOK_KINDS = ("birthday", "follow_up", "event", "article", "news")

# F = 0.7^(skips + undone picks in the last 8 weeks): impression discounting (LinkedIn KDD'14 [V]);
# 1 while a reply is owed (reply_week's weeks say how often; a skip since the note ends them).
FRESHNESS_BASE = 0.7
FRESHNESS_WINDOW_DAYS = 56
# A skip rests the person [H] (trial 4: a dormant tie skipped twice came back in 4 weeks of 5,
# F alone changing the rank, not the place): after the k-th skip within FRESHNESS_WINDOW_DAYS,
# they are not eligible in the k weeks after the skip's own (Monday to Sunday in the user's
# zone; at most REST_WEEKS_MOST). A birthday or a follow-up due brings them in all the same, as
# does a reply owed (a note of theirs since the skip: a skip ends the one before). A pick left
# undone is no skip: F alone discounts it.
REST_WEEKS_MOST = 8
RETURN_HOOKS = frozenset({"birthday", "follow_up"})
# the skips that can rest someone now: a rest's own skip and the window before it
REST_LOOKBACK_DAYS = FRESHNESS_WINDOW_DAYS + 7 * (REST_WEEKS_MOST + 2)

# At risk: silent ≥ 8 × τ (Navarro et al. 2017 [V]) or ρ ≥ 2 [H]; or an override's maximum gap.
AT_RISK_TAU_MULTIPLE = 8.0
AT_RISK_RHO = 2.0

# Channels [H]: a cheap one for L5–L7; call or in_person offered as an upgrade when W ≥ 0.5 and
# the tie has only ever been online (video counts as a call, not as online).
CHEAP_CHANNELS = ("email", "message")
CHEAP_LAYERS = frozenset({"L5", "L6", "L7"})
DIRECT_CHANNELS = frozenset({"email", "message", "call", "video", "in_person"})
DEFAULT_CHANNEL = "message"
DEFAULT_CHEAP_CHANNEL = "email"
ONLINE_CHANNELS = frozenset({"email", "message", "social"})
UPGRADE_WARMTH = 0.5
UPGRADE_CHANNELS = ("call", "in_person")
# Energy per touch, settable defaults [H].
ENERGY_COSTS = {
    "email": 1.0,
    "message": 1.0,
    "social": 0.5,
    "call": 2.0,
    "video": 2.0,
    "in_person": 4.0,
    "event": 3.0,
}


@dataclass(frozen=True)
class Candidate:
    """Everything the queue knows of one contact this week; the caller computes S, R, W, τ."""

    person_id: int
    layer: str
    last_contact: datetime | None
    has_history: bool
    s_max: float = 0.0
    recency: float = 0.0  # R of section 2
    warmth: float = 0.0  # W of section 3
    tau: float | None = None  # the person's usual gap in days
    person_override: Override | None = None
    tag_overrides: tuple[Override, ...] = ()
    one_way: bool = False
    pinned: bool = False
    muted: bool = False
    snoozed: bool = False
    resting: bool = False  # a skip rests them this week (`resting`)
    they_wrote_last: bool = False  # and are unanswered
    reply_owed: bool = False  # a reply owed makes them eligible this week (reply_week)
    hooks: frozenset[str] = frozenset()  # HOOK_KINDS that hold this week
    misses: tuple[datetime, ...] = ()  # skips and picks left undone at the end of their week
    channels: frozenset[str] = frozenset()  # every channel ever used with them
    last_channel: str | None = None
    reachable: frozenset[str] | None = None  # channels Kith holds an address for (None: unknown)
    circle: str | None = None  # circle key for the selection cap
    layer_days: float | None = None  # the user's cadence for this layer, if set
    layer_known: bool = True  # False until the stored layers have evaluated this contact
    young: bool = False  # two-way and first known under 90 days ago (cadence.is_young)

    def cadence(self) -> Cadence:
        """Worked out once per candidate (a week's choice asks it a dozen times of each)."""
        found: Cadence | None = self.__dict__.get("_cadence")
        if found is None:
            found = cadence_for(
                self.layer,
                self.person_override,
                self.tag_overrides,
                self.tau,
                self.layer_days,
                young=self.young,
            )
            object.__setattr__(self, "_cadence", found)
        return found

    def dormant(self) -> bool:
        """Once strong, now silent (science.md §2; defined in `strength`)."""
        return is_dormant(self.s_max, self.recency, has_history=self.has_history)


@dataclass(frozen=True)
class Span:
    """The plan's week: Monday 00:00 to the next Monday 00:00 in the user's zone. Whoever falls
    due before its end is in it, and whoever was in touch since its start is not."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class ChannelChoice:
    """The channel suggested for a pick, and the warmer ones worth trying."""

    channel: str
    upgrades: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """One eligible contact scored for this week, with the reason to show."""

    person_id: int
    layer: str
    circle: str | None
    rho: float
    urgency: float
    value: float
    ease: float
    freshness: float
    priority: float
    at_risk: bool
    reason: str
    channel: ChannelChoice
    energy: float
    due_this_week: bool = False  # falls due before the week ends (overdue included)


def gap_days(candidate: Candidate, now: datetime) -> float | None:
    """Days since the latest interaction in any direction; None without history."""
    if candidate.last_contact is None:
        return None
    elapsed = now.astimezone(UTC) - candidate.last_contact.astimezone(UTC)  # not wall clock
    return elapsed.total_seconds() / SECONDS_PER_DAY


def rho(candidate: Candidate, now: datetime) -> float:
    """gap / cadence; 0 when there is no history or the cadence is never due (L7)."""
    gap, days = gap_days(candidate, now), candidate.cadence().days
    if gap is None or days is None:
        return 0.0
    return gap / days


def urgency(ratio: float, dormant: bool = False, owed: bool = False) -> float:
    """U, logistic in ρ, floored at 0.9 for dormant ties and at 0.5 for a reply owed."""
    logistic = 1.0 / (1.0 + math.exp(-URGENCY_STEEPNESS * (ratio - 1.0)))
    if owed:
        logistic = max(logistic, REPLY_URGENCY_FLOOR)
    return max(logistic, DORMANT_URGENCY_FLOOR) if dormant else logistic


def value(layer: str, dormant: bool = False, pinned: bool = False) -> float:
    """V: the layer's value plus the dormant and pin bonuses."""
    return LAYER_VALUE[layer] + DORMANT_VALUE_BONUS * dormant + PINNED_VALUE_BONUS * pinned


def ease(candidate: Candidate) -> float:
    """Ease: easier when they wrote last and are unanswered, or when there is a hook."""
    return (
        1.0 + THEY_WROTE_LAST_BONUS * candidate.they_wrote_last + HOOK_BONUS * bool(candidate.hooks)
    )


def freshness(misses: Sequence[datetime], now: datetime) -> float:
    """F = 0.7^(misses in the last 8 weeks)."""
    end = now.astimezone(UTC)
    since = end - timedelta(days=FRESHNESS_WINDOW_DAYS)
    count = sum(1 for miss in misses if since < miss.astimezone(UTC) <= end)
    return float(FRESHNESS_BASE**count)


def rest_weeks(skips: Sequence[datetime], skip: datetime) -> int:
    """How many weeks `skip` rests the person: the skips within the window up to it, itself
    included (at most REST_WEEKS_MOST)."""
    end = skip.astimezone(UTC)
    since = end - timedelta(days=FRESHNESS_WINDOW_DAYS)
    count = sum(1 for other in skips if since < other.astimezone(UTC) <= end)
    return min(max(count, 1), REST_WEEKS_MOST)


def back_on(skips: Sequence[datetime], skip: datetime, zone: tzinfo | None) -> date:
    """The Monday the rest of `skip` ends (in `zone`): `rest_weeks` weeks after its own week."""
    day = skip.astimezone(zone).date()
    return day + timedelta(days=7 * (1 + rest_weeks(skips, skip)) - day.weekday())


def resting(skips: Sequence[datetime], now: datetime, week: Span) -> bool:
    """Whether a skip up to `now` rests the person in `week`."""
    start = week.start.date()
    zone = week.start.tzinfo
    return any(skip <= now and start < back_on(skips, skip, zone) for skip in skips)


def back_from_rest(hooks: Collection[str], reply_owed: bool) -> bool:
    """Whether a resting person is eligible all the same: a birthday, a follow-up due, a reply
    owed."""
    return reply_owed or not RETURN_HOOKS.isdisjoint(hooks)


def at_risk(candidate: Candidate, now: datetime) -> bool:
    """Silent ≥ 8 × τ, or ρ ≥ 2, or at an override's maximum gap."""
    gap, cadence = gap_days(candidate, now), candidate.cadence()
    if gap is None:
        return False
    by_tau = candidate.tau is not None and gap >= AT_RISK_TAU_MULTIPLE * candidate.tau
    by_max = cadence.max_days is not None and gap >= cadence.max_days
    return by_tau or by_max or rho(candidate, now) >= AT_RISK_RHO


def due_at(candidate: Candidate) -> datetime | None:
    """When the next contact falls due: the last one plus the cadence (None if never due)."""
    days = candidate.cadence().days
    if candidate.last_contact is None or days is None:
        return None
    return candidate.last_contact + timedelta(days=days)


def falls_due(candidate: Candidate, week: Span | None) -> bool:
    """Due before the week ends (overdue included)."""
    due = due_at(candidate)
    return week is not None and due is not None and due < week.end


def touched(candidate: Candidate, now: datetime, week: Span | None = None) -> bool:
    """In touch since the week began; without a week, within the last 7 days."""
    last = candidate.last_contact
    if last is None:
        return False
    if week is not None:
        return last >= week.start
    return (gap_days(candidate, now) or 0.0) < RECENTLY_TOUCHED_DAYS


def eligible(candidate: Candidate, now: datetime, week: Span | None = None) -> bool:
    """Whether the contact may enter this week's queue at all. With the week given, anyone who
    falls due during it is (so a weekly tie stays weekly), unless touched since it began."""
    if candidate.muted or candidate.snoozed or (candidate.one_way and not candidate.pinned):
        return False
    if candidate.resting and not back_from_rest(candidate.hooks, candidate.reply_owed):
        return False
    if touched(candidate, now, week):
        return False
    return (
        rho(candidate, now) >= ELIGIBLE_RHO
        or falls_due(candidate, week)
        or candidate.dormant()
        or bool(candidate.hooks)
        or candidate.reply_owed
        or (candidate.pinned and candidate.warmth < PINNED_WARMTH_BELOW)
        or (candidate.cadence().days is not None and at_risk(candidate, now))
    )


def reason(candidate: Candidate, now: datetime, week: Span | None = None) -> str:
    """A short, human reason for the strongest factor; a promise due is the best reason to
    write, then a birthday. Someone due later this week is "due Thu 26 Nov"."""
    hooks, overdue = candidate.hooks, _overdue_days(candidate, now)
    risky = at_risk(candidate, now)
    due = due_at(candidate)
    reasons = (
        ("follow_up" in hooks, "a follow-up due"),
        ("birthday" in hooks, "a birthday coming up"),
        (candidate.they_wrote_last, "they wrote last"),
        (candidate.dormant(), "dormant tie worth reviving"),
        (risky and overdue is not None, f"at risk, {_late(overdue or 0, due, now)}"),
        (risky, "at risk, silent far longer than usual"),
        (overdue is not None, _late(overdue or 0, due, now)),
        (falls_due(candidate, week), f"due {_day(due, now)}" if due else ""),
        ("event" in hooks, "an event with them coming up"),
        ("article" in hooks, "an article for their interests"),
        ("news" in hooks, "their recent news"),
        (candidate.pinned, "pinned"),
    )
    # eligible by ρ alone and due after the week: its day, as rows due this week say it
    return next(
        (text for holds, text in reasons if holds), f"due {_day(due, now)}" if due else "due soon"
    )


def _overdue_days(candidate: Candidate, now: datetime) -> int | None:
    """Whole days past the cadence (0 on the day it is due, 1 within a day of it when that was
    yesterday); None when not yet due."""
    gap, days = gap_days(candidate, now), candidate.cadence().days
    if gap is None or days is None or gap < days:
        return None
    late = int(gap - days)
    due = due_at(candidate)
    if late == 0 and due is not None and due.astimezone(now.tzinfo).date() < now.date():
        return 1
    return late


def _late(overdue: int, due: datetime | None, now: datetime) -> str:
    """ "overdue by 3 days", or on the day it fell due that day, as a week's reasons say it
    ("due Mon 7 Dec", said "due today" while that day lasts): never "overdue by 0 days"
    (trial 4)."""
    if overdue == 0 and due is not None:
        return f"due {_day(due, now)}"
    return f"overdue by {days_said(overdue)}"


def _day(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    return f"{local:%a} {local.day} {local:%b}"


def days_said(count: int) -> str:
    """A time overdue as people say it: "31 days", "16 months", "8 years" (not "2898 days",
    which an import of an old chat gives)."""
    if count >= YEARS_FROM_DAYS:
        return f"{round(count / 365.25)} years"
    if count >= MONTHS_FROM_DAYS:
        return f"{round(count / 30.44)} months"
    return "1 day" if count == 1 else f"{count} days"


def choose_channel(candidate: Candidate) -> ChannelChoice:
    """A cheap channel for L5–L7, else the last direct one; call or in_person as an upgrade for a
    warm tie that has only ever been online. With `reachable` known, only a channel Kith holds
    an address for (trial 3: e-mail suggested to someone with only a phone): the next of
    REACH_ORDER that is, and in person when none is."""
    last = candidate.last_channel
    if candidate.layer in CHEAP_LAYERS:
        channel = last if last in CHEAP_CHANNELS else DEFAULT_CHEAP_CHANNEL
    else:
        channel = last if last in DIRECT_CHANNELS else DEFAULT_CHANNEL
    channel = channel or DEFAULT_CHANNEL
    online_only = bool(candidate.channels) and candidate.channels <= ONLINE_CHANNELS
    upgrade = online_only and candidate.warmth >= UPGRADE_WARMTH
    upgrades = UPGRADE_CHANNELS if upgrade else ()
    reach = candidate.reachable
    if reach is None:
        return ChannelChoice(channel, upgrades)
    if channel not in reach:
        channel = next((c for c in REACH_ORDER if c in reach), "in_person")
    return ChannelChoice(
        channel, tuple(c for c in upgrades if c != channel and (c in reach or c == "in_person"))
    )


# The channels tried, in order, when the usual one has no address: written ones first.
REACH_ORDER = ("message", "email", "call", "video", "social")


def reachable(kinds: Collection[str], used: Collection[str] = ()) -> frozenset[str]:
    """The channels Kith may suggest for someone with identities of these `kinds` ('email',
    'phone', 'handle', 'linkedin', 'url') who was reached on the channels `used`: e-mail only
    with an address (a draft is mailed to it; a logged e-mail leaves nothing to write to);
    a message, a call or video with a phone, a message or a social one with a handle, a social
    one with a profile — or any of these already used with them (a chat or call app Kith
    keeps no number for: the log shows the user has a way); in person always."""
    found = {"in_person", *(channel for channel in used if channel in NEEDS_NO_ADDRESS)}
    if "email" in kinds:
        found.add("email")
    if "phone" in kinds:
        found.update(("message", "call", "video"))
    if "handle" in kinds:
        found.update(("message", "social"))
    if "linkedin" in kinds or "url" in kinds:
        found.add("social")
    return frozenset(found)


# The channels a past use of shows a way to reach them without an address Kith holds.
NEEDS_NO_ADDRESS = frozenset({"message", "call", "video", "social"})


def assess(
    candidate: Candidate, now: datetime, week: Span | None = None, explain: bool = True
) -> Assessment:
    """The candidate scored: priority = V · U · Ease · F; without `explain`, the reason is left
    empty (the selection never reads it: the week's choice writes it for its picks alone)."""
    ratio, dormant = rho(candidate, now), candidate.dormant()
    u = urgency(ratio, dormant, candidate.reply_owed)
    v = value(candidate.layer, dormant, candidate.pinned)
    e = ease(candidate)
    f = 1.0 if candidate.reply_owed else freshness(candidate.misses, now)  # F: reply_week
    channel = choose_channel(candidate)
    return Assessment(
        person_id=candidate.person_id,
        layer=candidate.layer,
        circle=candidate.circle,
        rho=ratio,
        urgency=u,
        value=v,
        ease=e,
        freshness=f,
        priority=v * u * e * f,
        at_risk=at_risk(candidate, now),
        reason=reason(candidate, now, week) if explain else "",
        channel=channel,
        energy=ENERGY_COSTS[channel.channel],
        due_this_week=falls_due(candidate, week),
    )


def awaits_reply(direction: str, channel: str, at: datetime, now: datetime) -> bool:
    """Whether their latest interaction is a note that still asks for a reply."""
    return direction == "in" and channel in WRITTEN and (now - at).days <= UNANSWERED_DAYS


def reply_week(wrote_at: datetime, week: Span) -> bool:
    """Whether a note they wrote at `wrote_at`, unanswered, makes them eligible in `week`: each
    of the REPLY_WEEKS_IN_A_ROW weeks after its own, then one in REPLY_EVERY_WEEKS (weeks
    counted Monday to Monday in the week's zone); the caller asks only while the note still
    awaits a reply (`awaits_reply`: within UNANSWERED_DAYS)."""
    start = week.start
    wrote = wrote_at.astimezone(start.tzinfo).date()
    monday = wrote - timedelta(days=wrote.weekday())
    after = (start.date() - monday).days // 7
    return after >= 1 and (after <= REPLY_WEEKS_IN_A_ROW or after % REPLY_EVERY_WEEKS == 0)
