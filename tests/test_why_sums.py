"""`kith why` read from the sums the store keeps per tie (relate.tie_log.SummedLog: the tie row,
each channel's latest use, the log grouped by UTC day) held to the same explanation read from
the person's events (the scalar formulas, the reference): every figure printed, as text and as
JSON, identical; S's parts and warmth within 1e-9 (a sum carried forward is rounded otherwise
than one summed at `now`); the history and the tie as the plan sees it exactly. On every person
of the demo and on a generated busy tie, in zones with summer time and with half hours."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kith.cli.app import App
from kith.cli.week.why_text import _component_rows, _reason_lines
from kith.model import PersonDraft
from kith.relate.tie_log import EventLog, SummedLog
from kith.services.people import add_person, relate
from kith.services.ties import why
from kith.shapes.ties import why_json
from kith.store import Store, open_store
from kith.store.interactions import NewInteraction
from kith.vocab import CHANNELS
from tests.conftest import NOW, Kith

PARTS = ("s", "s_behav", "volume", "intensity", "recency", "duration", "balance")
PARTS += ("multiplexity", "embeddedness")
ZONES = [UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Kolkata"), ZoneInfo("America/St_Johns")]


@pytest.fixture
def opened(db_path: Path) -> Iterator[Store]:
    """The test's database (the demo, or an empty one) opened for the services."""
    store = open_store(db_path)
    yield store
    store.close()


def shown(explained: why.Why, db_path: Path, zone: tzinfo) -> dict[str, Any]:
    """Everything `kith why` prints of an explanation: its table, its reason lines and its
    JSON (the same functions the command renders them with)."""
    app = App(db_option=str(db_path), _now=explained.now, _tz=zone)
    try:
        return {
            "table": _component_rows(explained),
            "reasons": _reason_lines(explained, app),
            "json": why_json(explained),
        }
    finally:
        app.close()


def assert_explained_alike(
    store: Store, person_id: int, now: datetime, db_path: Path, sums: bool = True
) -> None:
    """`kith why` as it reads a tie (from the sums: `sums`) and from the events, alike."""
    summed = why.explain(store, person_id, now)
    reference = why.explain(store, person_id, now, "events")
    assert isinstance(reference.inputs.log, EventLog)
    if reference.history.interactions:
        assert isinstance(summed.inputs.log, SummedLog if sums else EventLog)
    zone = now.tzinfo or UTC
    assert shown(summed, db_path, zone) == shown(reference, db_path, zone)
    for part in PARTS:
        found, expected = getattr(summed.strength, part), getattr(reference.strength, part)
        assert found == pytest.approx(expected, abs=1e-9), part
    assert summed.strength.label == reference.strength.label
    assert summed.warmth == pytest.approx(reference.warmth, abs=1e-9)
    assert summed.history == reference.history
    assert summed.raw_layer == reference.raw_layer
    assert summed.queue.tau == reference.queue.tau
    assert (summed.queue.layer, summed.due, summed.dormant) == (
        reference.queue.layer,
        reference.due,
        reference.dormant,
    )
    assert summed.rho == pytest.approx(reference.rho, abs=1e-9)


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_why_from_the_kept_sums_prints_what_the_events_print_for_everyone_in_the_demo(
    demo: Kith, opened: Store, db_path: Path, zone: tzinfo
) -> None:
    contacts = opened.connection.execute("SELECT id FROM person WHERE kind = 'contact'")
    ids = [row[0] for row in contacts]
    assert len(ids) > 40
    with_history = 0
    for person_id in ids:
        assert_explained_alike(opened, person_id, NOW.astimezone(zone), db_path)
        with_history += opened.people.get(person_id, detail=False).interaction_count > 0  # type: ignore[union-attr]
    assert with_history > 20


def busy_tie(store: Store, seed: int, count: int) -> int:
    """A person with `count` interactions over three years, inserted out of order (backdated
    ones rewrite the tie row from the log, the rest fold into it): many on one day and channel,
    some shared with others (a smaller weight), some around the nights clocks change and
    around midnight in Kolkata and St. John's, a few edited and deleted afterwards."""
    rng = random.Random(seed)
    busy = add_person(store, PersonDraft(f"Busy {seed}"), NOW).id
    others = [add_person(store, PersonDraft(f"Other {seed} {k}"), NOW).id for k in range(3)]
    changes = [datetime(2025, 10, 26, 1, tzinfo=UTC), datetime(2026, 3, 29, 1, tzinfo=UTC)]
    crowded = [NOW - timedelta(days=rng.uniform(1, 1000)) for _ in range(20)]
    directions = rng.choice((("out", "in", "both"), ("out", "in"), ("out",)))
    moments = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.3:
            moment = rng.choice(crowded) + timedelta(minutes=rng.uniform(0, 300))
        elif pick < 0.4:
            moment = rng.choice(changes) + timedelta(hours=rng.uniform(-20, 20))
        else:
            moment = NOW - timedelta(days=rng.uniform(0.5, 1100) ** rng.choice((1, 0.5)))
        moments.append(min(moment, NOW - timedelta(hours=1)))
    created = []
    with store.transaction():
        for moment in moments:
            shared = rng.sample(others, rng.choice((0, 0, 0, 1, 3)))
            new = NewInteraction(
                moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                rng.choice(CHANNELS),
                rng.choice(directions),
                "checkin",
                "seen",
                (busy, *shared),
            )
            created.append(store.interactions.insert(new, "2026-11-22T10:00:00Z"))
        for interaction_id in rng.sample(created, 5):
            store.interactions.delete(interaction_id)
        for interaction_id in rng.sample([c for c in created if c % 7 == 0], 3):
            store.interactions.update(interaction_id, channel="call", direction="in")
    return busy


@pytest.mark.parametrize(("seed", "zone"), list(enumerate(ZONES)), ids=str)
def test_why_from_the_kept_sums_prints_what_the_events_print_for_a_busy_tie(
    opened: Store, db_path: Path, seed: int, zone: tzinfo
) -> None:
    busy = busy_tie(opened, seed, 1200)
    if seed % 2:  # rated, and kin (D at a half-life of 180 days, R at 120)
        why.rate(opened, busy, 4, NOW)
        sibling = add_person(opened, PersonDraft(f"Sibling {seed}"), NOW).id
        relate(opened, busy, sibling, "sibling", NOW)
    explained = why.explain(opened, busy, NOW.astimezone(zone))
    assert explained.history.interactions == 1195
    assert explained.history.contact_days > 300
    bearings = (explained.inputs.rating, explained.inputs.kin)
    assert bearings == ((4, True) if seed % 2 else (None, False))
    assert_explained_alike(opened, busy, NOW.astimezone(zone), db_path)


def test_a_clock_set_back_before_the_latest_interaction_explains_from_the_events(
    opened: Store, db_path: Path
) -> None:
    busy = busy_tie(opened, 4, 300)
    earlier = NOW - timedelta(days=200)
    explained = why.explain(opened, busy, earlier)
    assert 100 < explained.history.interactions < 300
    assert_explained_alike(opened, busy, earlier, db_path, sums=False)


def test_tie_rows_to_be_summed_again_after_a_migration_are_read_once_summed_again(
    opened: Store, db_path: Path
) -> None:
    busy = busy_tie(opened, 5, 50)
    with opened.transaction():
        opened.connection.execute("INSERT INTO meta (key, value) VALUES ('ties.stale', '1')")
    assert opened.ties.summed(busy) is None
    assert isinstance(why.explain(opened, busy, NOW).inputs.log, SummedLog)
    assert not opened.ties.stale()
    assert_explained_alike(opened, busy, NOW, db_path)


def test_a_person_without_history_is_explained_without_sums(opened: Store, db_path: Path) -> None:
    alone = add_person(opened, PersonDraft("Alone"), NOW).id
    assert opened.ties.summed(alone) is None
    explained = why.explain(opened, alone, NOW)
    assert (explained.history.interactions, explained.strength.label) == (0, "no history")
    assert_explained_alike(opened, alone, NOW, db_path)
