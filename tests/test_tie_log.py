"""One tie on numpy arrays (relate/tie_arrays.py: the person page's chart) held to the scalar
formulas of strength.py on seeded histories: every part of S, warmth, S stepped month by month,
the contact days in a zone with summer time, the two forms of a log (relate/tie_arrays.py)
alike; and `kith why` (services.ties.why.explain), read in each of its forms (the kept sums, the
events, the arrays), held to the scalar formulas on histories logged into a real store."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kith.model import PersonDraft
from kith.relate import Event, median_gap, tie_arrays, tie_strength, warmth
from kith.relate.strength import MULTIPLEXITY_WINDOW_DAYS, NO_HISTORY, RECEIVES, SENDS
from kith.relate.tie_log import Bearings, EventLog, SummedLog
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import add_person
from kith.services.ties import why
from kith.store import Store
from kith.vocab import CHANNELS
from tests.conftest import NOW

SEEDS = range(40)
PARTS = ("s", "s_behav", "volume", "intensity", "recency", "duration", "balance")
PARTS += ("multiplexity", "embeddedness")
BERLIN = ZoneInfo("Europe/Berlin")
CLOCKS_BACK = datetime(2025, 10, 26, 1, tzinfo=UTC)


def history(seed: int, now: datetime = NOW) -> list[Event]:
    """A seeded history, oldest first: a few hundred interactions at most, some crowded on
    one day (one contact a day per channel), some one-way, some with a weight of their own,
    some on the nights the clocks change."""
    rng = random.Random(seed)
    span = rng.choice((20, 400, 2000))
    days = [rng.uniform(0, span) for _ in range(rng.choice((1, 3, 12)))]
    directions = rng.choice((("out", "in", "both"), ("out",), ("in",), ("out", "in")))
    events = []
    for _ in range(rng.randint(1, 300)):
        if rng.random() < 0.3:  # crowd on a few days
            age = rng.choice(days) + rng.uniform(0, 0.2)
        elif rng.random() < 0.1:  # around 02:00 local on the last Sundays of March and October
            change = rng.choice((datetime(2026, 3, 29, 1, tzinfo=UTC), CLOCKS_BACK))
            age = (now - change).total_seconds() / 86400 + rng.uniform(-1, 1)
        else:
            age = rng.uniform(0, span)
        weight = rng.choice((None,) * 9 + (0.5,))
        events.append(
            Event(
                now - timedelta(days=age),
                rng.choice(CHANNELS),
                rng.choice(directions),
                others=rng.randint(0, 6),
                weight=weight,
            )
        )
    return sorted(events, key=lambda event: event.at)


def bearings(seed: int) -> dict[str, object]:
    """What S reads beside the log: known since, mutual contacts, rating, kin."""
    rng = random.Random(-seed)
    return {
        "known_since": rng.choice((None, date(2019, 4, 1), date(2026, 11, 1))),
        "mutual_contacts": rng.choice((0, 2, 30)),
        "rating": rng.choice((None, None, 1, 4)),
        "kin": rng.random() < 0.3,
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_every_part_of_s_and_warmth_equal_the_scalar_formulas(seed: int) -> None:
    events, given = history(seed), bearings(seed)
    found = tie_arrays.tie_strength(tie_arrays.log_of(events), NOW, **given)  # type: ignore[arg-type]
    expected = tie_strength(events, NOW, **given)  # type: ignore[arg-type]
    for part in PARTS:
        assert getattr(found, part) == pytest.approx(getattr(expected, part), abs=1e-9), part
    assert found.label == expected.label
    assert tie_arrays.warmth(tie_arrays.log_of(events), NOW) == pytest.approx(
        warmth(events, NOW), abs=1e-12
    )


@pytest.mark.parametrize("seed", SEEDS[:10])
def test_s_and_warmth_stepped_month_by_month_equal_the_scalar_formulas_at_each(
    seed: int,
) -> None:
    events, given = history(seed), bearings(seed)
    log = tie_arrays.log_of(events)
    instants = [NOW - timedelta(days=30 * back) for back in range(24, -1, -1)]
    instants = [at for at in instants if at >= events[0].at]
    found = tie_arrays.strengths_at(log, instants, **given)  # type: ignore[arg-type]
    opens = tie_arrays.opens_day(log)
    for at, s in zip(instants, found, strict=True):
        known = [event for event in events if event.at <= at]
        assert s == pytest.approx(tie_strength(known, at, **given).s, abs=1e-9)  # type: ignore[arg-type]
        assert tie_arrays.warmth(log, at, opens) == pytest.approx(warmth(known, at), abs=1e-12)


def test_no_history_is_labelled_so_with_only_the_rating() -> None:
    found = tie_arrays.tie_strength(tie_arrays.log_of([]), NOW, rating=5, mutual_contacts=3)
    assert found == tie_strength([], NOW, rating=5, mutual_contacts=3)
    assert (found.label, found.s, found.embeddedness) == (NO_HISTORY, 0.6, 0.0)


@pytest.mark.parametrize(
    "zone",
    [
        BERLIN,
        ZoneInfo("America/New_York"),
        ZoneInfo("Australia/Lord_Howe"),  # summer time of half an hour
        ZoneInfo("Asia/Kolkata"),
        UTC,
        timezone(timedelta(hours=-3)),
    ],
    ids=str,
)
def test_contact_days_in_a_zone_are_the_days_its_clocks_show(zone: timezone) -> None:
    events = [event for seed in SEEDS[:8] for event in history(seed)]
    moments = np.array([event.at.timestamp() for event in events])
    days = tie_arrays.local_days(moments, zone).tolist()
    found = [date.fromordinal(tie_arrays.EPOCH + day) for day in days]
    assert found == [event.at.astimezone(zone).date() for event in events]


@pytest.mark.parametrize("seed", SEEDS[:10])
def test_a_log_on_arrays_reads_as_the_list_of_its_events(seed: int) -> None:
    events, given = history(seed), bearings(seed)
    scalar, arrays = EventLog(events), tie_arrays.ArrayLog(tie_arrays.log_of(events))
    for figure in ("first", "last", "sent", "received"):
        assert getattr(arrays, figure) == getattr(scalar, figure), figure
    assert len(arrays) == len(scalar) == len(events)
    assert arrays.days(BERLIN) == scalar.days(BERLIN)
    year_ago = NOW - timedelta(days=MULTIPLEXITY_WINDOW_DAYS)
    assert arrays.channels_since(year_ago) == scalar.channels_since(year_ago)
    beside = Bearings(**given)  # type: ignore[arg-type]
    assert arrays.strength(NOW, beside).s == pytest.approx(scalar.strength(NOW, beside).s)
    assert arrays.warmth(NOW) == pytest.approx(scalar.warmth(NOW), abs=1e-12)


def test_a_tie_is_read_from_its_kept_sums_unless_another_form_is_asked(store: Store) -> None:
    person, _ = logged(store, 1)
    assert isinstance(why.explain(store, person, NOW).inputs.log, SummedLog)
    assert isinstance(why.explain(store, person, NOW, "arrays").inputs.log, tie_arrays.ArrayLog)
    assert isinstance(why.explain(store, person, NOW, "events").inputs.log, EventLog)


def logged(store: Store, seed: int) -> tuple[int, list[Event]]:
    """A seeded history logged through the service for a new person (some interactions with
    a second person too: a head count of two), and the events tie strength should see."""
    rng = random.Random(seed)
    ada = add_person(store, PersonDraft(f"Ada {seed}"), NOW).id
    friend = add_person(store, PersonDraft(f"Friend {seed}"), NOW).id
    events = []
    for event in history(seed)[: rng.randint(1, 60)]:
        together = rng.random() < 0.2
        moment = event.at.replace(microsecond=0)
        entry = LogEntry("seen", event.channel, event.direction, when=moment.isoformat())
        log_interaction(store, [ada, friend] if together else [ada], entry, NOW)
        events.append(Event(moment, event.channel, event.direction, others=2 if together else 1))
    return ada, sorted(events, key=lambda event: event.at)


@pytest.mark.parametrize("form", ["sums", "events", "arrays"])
@pytest.mark.parametrize("seed", SEEDS[:6])
def test_why_explains_a_logged_history_as_the_scalar_formulas_do(
    store: Store, seed: int, form: why.Form
) -> None:
    person, events = logged(store, seed)
    now = NOW.astimezone(BERLIN)
    explained = why.explain(store, person, now, form)
    forms = {"sums": SummedLog, "events": EventLog, "arrays": tie_arrays.ArrayLog}
    assert isinstance(explained.inputs.log, forms[form])
    expected = tie_strength(events, now)
    for part in PARTS:
        found = getattr(explained.strength, part)
        assert found == pytest.approx(getattr(expected, part), abs=1e-9), part
    assert explained.warmth == pytest.approx(warmth(events, now), abs=1e-12)
    days = [event.at.astimezone(BERLIN).date() for event in events]
    window = timedelta(days=MULTIPLEXITY_WINDOW_DAYS)
    recent = {event.channel for event in events if now - event.at <= window}
    history_ = explained.history
    assert (history_.interactions, history_.contact_days) == (len(events), len(set(days)))
    assert history_.sent == sum(1 for event in events if event.direction in SENDS)
    assert history_.received == sum(1 for event in events if event.direction in RECEIVES)
    assert history_.last_contact == events[-1].at
    assert history_.recent_channels == tuple(sorted(recent))
    assert explained.queue.tau == median_gap(days, now.date())
