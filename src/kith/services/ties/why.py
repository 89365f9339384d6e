"""Explaining one tie part by part (`kith why`), and the closeness rating that weighs most."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from kith.clock import to_utc_text
from kith.errors import UsageError
from kith.model import Person
from kith.relate import Strength, median_gap
from kith.relate.cadence import Cadence, is_young
from kith.relate.decay import age_days
from kith.relate.layers import QUALIFYING_DAYS, Tie, is_latent, raw_layers
from kith.relate.priority import Candidate, at_risk, rho
from kith.relate.strength import (
    DAYS_PER_MONTH,
    MULTIPLEXITY_WINDOW_DAYS,
    NO_HISTORY,
    RATINGS,
    SHARE_E,
    SHARE_I,
    SHARE_L,
    SHARE_M,
    SHARE_Q,
    SHARE_R,
    as_moment,
    attainable,
    entry_strength,
)
from kith.relate.tie_log import Bearings, EventLog, TieLog
from kith.services.ties import layers
from kith.services.week import plan
from kith.services.week.resting import Rest, rest_of
from kith.store import Store


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


# How `kith why` reads the tie: "sums", what the store keeps per tie (relate.tie_log.SummedLog:
# no Python step per interaction, whatever the log's length), falling back to the events when
# the sums are not as of `now`; "events", the log as a list for the scalar formulas (the
# reference); "arrays", the log on numpy arrays (the person page's chart reads the whole log).
Form = Literal["sums", "events", "arrays"]


@dataclass(frozen=True)
class Inputs:
    """Everything S is computed from, read from the store in one snapshot: the person's log
    up to `now` (in one of the forms of `Form`), and what S reads beside it."""

    log: TieLog
    known_since: date | None
    mutual_contacts: int
    rating: int | None
    kin: bool

    def strength(self, now: datetime) -> Strength:
        bearings = Bearings(self.known_since, self.mutual_contacts, self.rating, self.kin)
        return self.log.strength(now, bearings)

    def first_known(self, now: datetime) -> datetime | None:
        """The earlier of the first interaction and `known_since` (midnight in `now`'s zone)."""
        starts = [as_moment(self.known_since, now)] if self.known_since is not None else []
        if self.log.first is not None:
            starts.append(self.log.first)
        return min(starts, default=None)


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
    queue: Candidate  # as the plan sees them: the stored layer, overrides, τ
    now: datetime
    raw_layer: str  # the layer of this tie alone, without the network's caps or hysteresis
    stored_at: str | None  # the Monday the stored layer was evaluated at (None: not yet)
    rest: Rest | None = None  # a skip's rest they are in this week (services.week.resting)

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


def explain(store: Store, person_id: int, now: datetime, form: Form = "sums") -> Why:
    """Why this person's tie is as strong as it is, and when they are due, as of `now`: the
    layer, S_max, cadence and due date are the ones the plan uses (stored, kept current).
    `form`: how the tie's log is read (every form gives the same explanation)."""
    kept = layers.keep_current(store, now)
    person, inputs = read_inputs(store, person_id, now, form)
    days = inputs.log.days(now.tzinfo or UTC)  # distinct days of contact, the user's
    strength, history = inputs.strength(now), _history(inputs, days, now)
    planned = plan.candidate_of(store, person_id, now)
    peak = max(planned.s_max, strength.s) if planned is not None else strength.s
    tie = _tie(person_id, strength, peak, history, inputs.rating)
    raw = _candidate(tie, strength, inputs, days, now)
    queue = raw
    if planned is not None:
        queue = replace(planned, recency=strength.recency, s_max=peak, tau=raw.tau)
    queue = replace(queue, they_wrote_last=plan.awaiting_reply(store, queue, now))
    return Why(
        person,
        inputs,
        strength,
        inputs.log.warmth(now),
        history,
        tie,
        queue,
        now,
        raw.layer,
        kept.instant if planned is not None and planned.layer_known else None,
        rest_of(store, person_id, now),
    )


def read_inputs(
    store: Store, person_id: int, now: datetime, form: Form = "sums"
) -> tuple[Person, Inputs]:
    """The person and their tie's inputs in one snapshot: their own log up to `now` (a clock
    set back explains the tie as it was then), never the whole log, in the `form` asked; the
    sums are read as events when they are not as of `now` (an interaction after it)."""
    with store.reading():
        person = _person(store, person_id)
        log: TieLog | None = None
        if form == "arrays":
            from kith.relate.tie_arrays import ArrayLog  # numpy, only for the chart

            log = ArrayLog(store.ties.log(person_id).between(-float("inf"), now.timestamp()))
        elif form == "sums":
            summed = store.ties.summed(person_id)
            log = summed if summed is not None and summed.last <= now else None
        if log is None:
            log = EventLog([event for event in store.ties.events(person_id) if event.at <= now])
        inputs = Inputs(
            log,
            person.known_since,
            store.ties.mutual_contacts(person_id),
            store.ties.rating(person_id),
            store.ties.is_kin(person_id),
        )
    return person, inputs


def _history(inputs: Inputs, days: list[date], now: datetime) -> History:
    """`days`: the distinct days of contact in the user's zone."""
    log, first, last = inputs.log, inputs.first_known(now), inputs.log.last
    recent = log.channels_since(now - timedelta(days=MULTIPLEXITY_WINDOW_DAYS))
    return History(
        interactions=len(log),
        sent=log.sent,
        received=log.received,
        contact_days=len(days),
        months_known=age_days(first, now) / DAYS_PER_MONTH if last and first else 0.0,
        days_since_last=age_days(last, now) if last else None,
        last_contact=last,
        recent_channels=tuple(sorted(recent)),
    )


def _tie(
    person_id: int, strength: Strength, peak: float, history: History, rating: int | None
) -> Tie:
    has_history = strength.label != NO_HISTORY
    one_way = has_history and strength.label is not None
    qualifies = history.contact_days >= QUALIFYING_DAYS and not one_way
    return Tie(
        person_id=person_id,
        strength=strength.s,
        s_max=peak,
        last_contact=history.last_contact,
        qualifies=qualifies,
        has_history=has_history,
        one_way=one_way,
        entry=entry_strength(
            strength.s_behav,
            attainable(strength.duration, strength.multiplexity, strength.embeddedness),
            rating,
        ),
        latent=has_history and is_latent(qualifies, history.days_since_last),
    )


def _candidate(
    tie: Tie, strength: Strength, inputs: Inputs, days: list[date], now: datetime
) -> Candidate:
    """The person as the weekly queue would see them, with the raw layer of this tie alone."""
    return Candidate(
        person_id=tie.person_id,
        layer=raw_layers([tie])[tie.person_id],
        last_contact=tie.last_contact,
        has_history=tie.has_history,
        s_max=tie.s_max,
        recency=strength.recency,
        tau=median_gap(days, now.date()),
        one_way=tie.one_way,
        young=is_young(inputs.first_known(now), now, two_way=tie.has_history and not tie.one_way),
    )


def _person(store: Store, person_id: int) -> Person:
    person = store.people.get(person_id, detail=False)
    assert person is not None  # resolved by the caller
    return person
