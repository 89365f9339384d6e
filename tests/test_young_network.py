"""A young network gets a useful first week (issue 9, case 6): someone who starts with a
LinkedIn-like export and three months of mail has close, intense ties that are young and on one
channel; the layer thresholds judge them against what a tie of their age could reach."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kith.records import InteractionRecord, PersonRecord, Record
from kith.relate.priority import rho
from kith.services.imports import import_records
from kith.services.week import plan
from kith.store import Store

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONNECTIONS = 30  # LinkedIn connections never written to: no history, no hook


def export_and_mail(correspondents: int) -> list[Record]:
    """The connections, and mail every 3 days for three months with each correspondent,
    in and out by turns, the latest 10 days ago."""
    people: list[Record] = [
        PersonRecord(f"li{k}", f"Connection {k}", known_since=date(2024, 3, 1))
        for k in range(CONNECTIONS)
    ]
    people += [PersonRecord(f"pen{k}", f"Correspondent {k}") for k in range(correspondents)]
    mail: list[Record] = [
        InteractionRecord(
            f"m{k}-{n}",
            MONDAY - timedelta(days=10 + 3 * n, hours=k),
            "email",
            "out" if n % 2 else "in",
            "a note",
            (f"pen{k}",),
        )
        for k in range(correspondents)
        for n in range(30)
    ]
    return people + mail


def first_week(store: Store, correspondents: int) -> plan.Week:
    records = export_and_mail(correspondents)
    with store.transaction():
        import_records(store, records, kind="demo", path=None, now=MONDAY, strict=True)
    return plan.this_week(store, MONDAY)


def test_a_young_network_of_mail_correspondents_fills_its_first_week(store: Store) -> None:
    week = first_week(store, 4)
    assert sorted(p.person.name for p in week.picks) == [f"Correspondent {k}" for k in range(4)]


def test_every_pick_of_the_young_network_is_due_by_its_layers_cadence(store: Store) -> None:
    week = first_week(store, 4)
    due = {c.person_id: rho(c, MONDAY) for c in plan.candidates_of(store, MONDAY)}
    assert sorted(p.stored.layer for p in week.picks) == ["L1", "L1", "L2", "L2"]
    assert all(due[p.person.id] >= 1.0 for p in week.picks)


@pytest.mark.parametrize(("correspondents", "picks"), [(1, 1), (5, 5), (8, 5)])
def test_a_young_network_gets_as_many_picks_as_its_budget_or_its_correspondents(
    store: Store, correspondents: int, picks: int
) -> None:
    week = first_week(store, correspondents)
    assert len(week.picks) == picks
    assert all(p.person.name.startswith("Correspondent") for p in week.picks)
