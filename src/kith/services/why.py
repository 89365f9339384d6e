"""Explaining one tie part by part (`kith why`), and the closeness rating that weighs most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kith.clock import to_utc_text
from kith.errors import UsageError
from kith.model import Person
from kith.relate import Event, Strength, median_gap, record_peak, s_max, warmth
from kith.relate.cadence import Cadence
from kith.relate.decay import Decayed, age_days
from kith.relate.layers import Tie, raw_layers
from kith.relate.priority import Candidate, at_risk, rho
from kith.relate.strength import (
    BALANCE_HALF_LIFE_DAYS,
    DAYS_PER_MONTH,
    KIN_VOLUME_HALF_LIFE_DAYS,
    MULTIPLEXITY_SPAN,
    MULTIPLEXITY_WINDOW_DAYS,
    NO_HISTORY,
    ONE_WAY_CAP,
    RATINGS,
    RECEIVES,
    S_MAX_MONTHS,
    SENDS,
    SHARE_E,
    SHARE_I,
    SHARE_L,
    SHARE_M,
    SHARE_Q,
    SHARE_R,
    VOLUME_HALF_LIFE_DAYS,
    as_moment,
    duration,
    embeddedness,
    intensity,
    month_key,
    months_between,
    rated,
    tie_strength,
)
from kith.store import Store

# [H] science.md §4: no contact enters L1–L4 before interactions on this many different days.
QUALIFYING_DAYS = 3


@dataclass(frozen=True)
class Rating:
    """A person's closeness rating (None: unrated) and what it was before this command."""

    person: Person
    rating: int | None
    previous: int | None


def rate(store: Store, person_id: int, rating: int | None, now: datetime) -> Rating:
    """Rate closeness 1 to 5, or clear the rating with None."""
    if rating is not None and rating not in RATINGS:
        raise UsageError(f"A closeness rating is 1 to 5, not {rating}.")
    with store.transaction():
        previous = store.ties.rating(person_id)
        store.ties.set_rating(person_id, rating, to_utc_text(now))
    return Rating(_person(store, person_id), rating, previous)


def rating_of(store: Store, person_id: int) -> Rating:
    """The rating as it stands, changing nothing."""
    rating = store.ties.rating(person_id)
    return Rating(_person(store, person_id), rating, rating)


@dataclass(frozen=True)
class Inputs:
    """Everything S is computed from, read from the store in one snapshot."""

    events: list[Event]  # oldest first
    known_since: date | None
    mutual_contacts: int
    rating: int | None
    kin: bool

    def strength(self, now: datetime) -> Strength:
        return tie_strength(
            self.events,
            now,
            known_since=self.known_since,
            mutual_contacts=self.mutual_contacts,
            rating=self.rating,
            kin=self.kin,
        )


@dataclass(frozen=True)
class History:
    """What the components were computed from, to say so in words."""

    interactions: int
    sent: int  # out or both: the user reached out
    received: int  # in or both: they did
    contact_days: int  # distinct days, in the user's zone
    months_known: float
    days_since_last: float | None
    last_contact: datetime | None
    recent_channels: tuple[str, ...]  # used in the multiplexity window (365 days)


@dataclass(frozen=True)
class Why:
    """One tie explained as of `now`: S and its parts, W, S_max and dormancy, and the tie as
    the weekly queue would see it (its raw layer, cadence, due date and ρ)."""

    person: Person
    inputs: Inputs
    strength: Strength
    warmth: float
    history: History
    tie: Tie  # S_max, whether it qualifies for L1–L4, one-way, history
    queue: Candidate  # the raw layer of this tie alone, without the network's caps
    now: datetime

    @property
    def uncapped(self) -> float:
        """S_behav as the weighted sum of its parts, before a one-way tie is capped."""
        s = self.strength
        parts = (s.intensity, s.recency, s.duration, s.balance, s.multiplexity, s.embeddedness)
        return weighted(*parts)

    @property
    def cadence(self) -> Cadence:
        return self.queue.cadence()

    @property
    def due(self) -> datetime | None:
        """Last contact + the effective cadence; None without history or when never due."""
        last, days = self.queue.last_contact, self.cadence.days
        if last is None or days is None:
            return None
        return last + timedelta(days=days)

    @property
    def rho(self) -> float:
        return rho(self.queue, self.now)

    @property
    def dormant(self) -> bool:
        return self.queue.dormant()

    @property
    def at_risk(self) -> bool:
        return at_risk(self.queue, self.now)


def weighted(i: float, r: float, dur: float, q: float, m: float, e: float) -> float:
    """0.35·I + 0.20·R + 0.15·L + 0.15·Q + 0.10·M + 0.05·E: S_behav before any cap."""
    return SHARE_I * i + SHARE_R * r + SHARE_L * dur + SHARE_Q * q + SHARE_M * m + SHARE_E * e


def explain(store: Store, person_id: int, now: datetime) -> Why:
    """Why this person's tie is as strong as it is, and when they are due, as of `now`."""
    person, inputs = _read(store, person_id)
    strength, history = inputs.strength(now), _history(inputs, now)
    tie = _tie(person_id, strength, strength_peak(inputs, strength, now), history)
    queue = _candidate(tie, strength, inputs, now)
    return Why(person, inputs, strength, warmth(inputs.events, now), history, tie, queue, now)


def _read(store: Store, person_id: int) -> tuple[Person, Inputs]:
    """The person and their tie's inputs in one snapshot: their own log, never the whole log."""
    with store.reading():
        person = _person(store, person_id)
        inputs = Inputs(
            store.ties.events(person_id),
            person.known_since,
            store.ties.mutual_contacts(person_id),
            store.ties.rating(person_id),
            store.ties.is_kin(person_id),
        )
    return person, inputs


def strength_peak(inputs: Inputs, current: Strength, now: datetime) -> float:
    """S_max: the highest S of the last 60 months, from S just after each interaction and now.

    Until per-person monthly maxima are stored (science.md §5: updated on write, rebuilt by
    `kith rebuild`), this replays the person's own history, with today's rating, mutual
    contacts and kin: fine for one person, not for a network. Interactions at one instant are
    evaluated together, after the last of them."""
    peaks: dict[str, float] = {}
    events, this_month = inputs.events, month_key(now)
    replay = Replay(inputs, events[0].at if events else now)
    for k, event in enumerate(events):
        replay.add(event)
        if k + 1 < len(events) and events[k + 1].at == event.at:
            continue
        at = event.at.astimezone(now.tzinfo)
        if months_between(month_key(at), this_month) < S_MAX_MONTHS:
            peaks = record_peak(peaks, at, replay.strength(event.at))
    return s_max(record_peak(peaks, now, current.s), now)


class Replay:
    """S just after each interaction, in one pass over a person's log (oldest first).

    The formulas of `tie_strength` kept as running state, so that a person with 20,000
    messages costs one pass, not 20,000: D and the balance counts are decayed sums that compose
    (`Decayed`), multiplexity keeps each channel's latest use, and the interaction just made
    gives R = 1. tests/test_why.py checks it against `tie_strength` at every step."""

    def __init__(self, inputs: Inputs, start: datetime) -> None:
        half_life = KIN_VOLUME_HALF_LIFE_DAYS if inputs.kin else VOLUME_HALF_LIFE_DAYS
        self.inputs = inputs
        self.volume = Decayed(0.0, start, half_life)
        self.sent = Decayed(0.0, start, BALANCE_HALF_LIFE_DAYS)
        self.received = Decayed(0.0, start, BALANCE_HALF_LIFE_DAYS)
        self.latest: dict[str, datetime] = {}  # channel → its latest use
        self.first: list[Event] = []
        self.directions: set[str] = set()

    def add(self, event: Event) -> None:
        """Take in the next interaction, not older than the ones before."""
        self.volume = self.volume.add(event.w(), event.at)
        if event.direction in SENDS:
            self.sent = self.sent.add(1.0, event.at)
        if event.direction in RECEIVES:
            self.received = self.received.add(1.0, event.at)
        self.latest[event.channel] = event.at
        self.first = self.first or [event]
        self.directions.add(event.direction)

    def strength(self, at: datetime) -> float:
        """S at `at`, the instant of the latest interaction taken in."""
        out, back = self.sent.at(at), self.received.at(at)
        recent = sum(1 for t in self.latest.values() if age_days(t, at) <= MULTIPLEXITY_WINDOW_DAYS)
        behav = weighted(
            intensity(self.volume.at(at)),
            1.0,
            duration(self.first, at, self.inputs.known_since),
            1.0 - abs(out - back) / (out + back) if out + back else 0.0,
            min(1.0, max(0.0, (recent - 1) / MULTIPLEXITY_SPAN)),
            embeddedness(self.inputs.mutual_contacts),
        )
        if not (self.directions & SENDS and self.directions & RECEIVES):
            behav = min(behav, ONE_WAY_CAP)
        return rated(self.inputs.rating, behav)


def _history(inputs: Inputs, now: datetime) -> History:
    events, zone = inputs.events, now.tzinfo
    starts = [e.at for e in events[:1]]
    if starts and inputs.known_since is not None:  # as in L: no history, no duration
        starts.append(as_moment(inputs.known_since, now))
    last = events[-1].at if events else None
    recent = {e.channel for e in events if age_days(e.at, now) <= MULTIPLEXITY_WINDOW_DAYS}
    return History(
        interactions=len(events),
        sent=sum(1 for e in events if e.direction in SENDS),
        received=sum(1 for e in events if e.direction in RECEIVES),
        contact_days=len({e.at.astimezone(zone).date() for e in events}),
        months_known=age_days(min(starts), now) / DAYS_PER_MONTH if starts else 0.0,
        days_since_last=age_days(last, now) if last else None,
        last_contact=last,
        recent_channels=tuple(sorted(recent)),
    )


def _tie(person_id: int, strength: Strength, peak: float, history: History) -> Tie:
    has_history = strength.label != NO_HISTORY
    one_way = has_history and strength.label is not None
    return Tie(
        person_id=person_id,
        strength=strength.s,
        s_max=peak,
        last_contact=history.last_contact,
        qualifies=history.contact_days >= QUALIFYING_DAYS and not one_way,
        has_history=has_history,
        one_way=one_way,
    )


def _candidate(tie: Tie, strength: Strength, inputs: Inputs, now: datetime) -> Candidate:
    """The person as the weekly queue would see them, with the raw layer of this tie alone."""
    days = [e.at.astimezone(now.tzinfo).date() for e in inputs.events]
    return Candidate(
        person_id=tie.person_id,
        layer=raw_layers([tie])[tie.person_id],
        last_contact=tie.last_contact,
        has_history=tie.has_history,
        s_max=tie.s_max,
        recency=strength.recency,
        tau=median_gap(days, now.date()),
        one_way=tie.one_way,
    )


def _person(store: Store, person_id: int) -> Person:
    person = store.people.get(person_id, detail=False)
    assert person is not None  # resolved by the caller
    return person
