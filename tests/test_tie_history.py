"""The person page's chart data: S and warmth at monthly points (services.ties.tie_history), held to
the scalar formulas of kith.relate.strength at each point."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kith.relate import Event, tie_strength, warmth
from kith.services import browse
from kith.services.ties import tie_history
from kith.services.ties.why import Inputs, read_inputs
from kith.store import open_store
from tests.conftest import NOW, Kith


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    moment = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
    assert tie_history.months_before(moment, 1) == datetime(2026, 2, 28, 10, 0, tzinfo=UTC)
    assert tie_history.months_before(moment, 13) == datetime(2025, 2, 28, 10, 0, tzinfo=UTC)
    assert tie_history.months_before(moment, 0) == moment
    assert tie_history.months_before(moment, 3) == datetime(2025, 12, 31, 10, 0, tzinfo=UTC)


def test_each_point_is_s_and_warmth_as_the_scalar_formulas_have_them(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    try:
        checked = 0
        for person in browse.list_people(store, "", NOW).people:
            _, inputs = read_inputs(store, person.id, NOW)
            events = store.ties.events(person.id)
            for point in tie_history.monthly(store, person.id, NOW):
                known = [e for e in events if e.at <= point.at]
                expected = scalar_strength(known, point.at, inputs) if known else 0.0
                assert abs(point.strength - expected) < 1e-4, (person.name, point)
                assert abs(point.warmth - warmth(known, point.at)) < 1e-4
                checked += 1
    finally:
        store.close()
    assert checked > 2000


def scalar_strength(events: list[Event], at: datetime, inputs: Inputs) -> float:
    return tie_strength(
        events,
        at,
        known_since=inputs.known_since,
        mutual_contacts=inputs.mutual_contacts,
        rating=inputs.rating,
        kin=inputs.kin,
    ).s


def test_the_curve_starts_where_the_tie_began(demo: Kith, db_path: Path) -> None:
    demo("add", "Nadia Newcomer")
    demo("log", "Nadia Newcomer", "coffee", "-c", "in_person", "--when", "2026-09-05")
    store = open_store(db_path)
    try:
        nadia = browse.list_people(store, "Nadia", NOW).people[0].id
        points = tie_history.monthly(store, nadia, NOW)
    finally:
        store.close()
    assert [p.at.date().isoformat() for p in points] == [
        "2026-08-22",
        "2026-09-22",
        "2026-10-22",
        "2026-11-22",
    ]
    assert (points[0].strength, points[0].warmth) == (0.0, 0.0)
    assert points[1].strength > points[-1].strength > 0


def test_someone_never_in_touch_has_no_points(demo: Kith, db_path: Path) -> None:
    demo("add", "Nadia Newcomer")
    store = open_store(db_path)
    try:
        nadia = browse.list_people(store, "Nadia", NOW).people[0].id
        assert tie_history.monthly(store, nadia, NOW) == []
    finally:
        store.close()
