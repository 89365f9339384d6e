"""The weekly plan over a simulated year (kith.demo.simulate): the properties of issue 9 as
counts on seeded runs of the real services."""

from __future__ import annotations

from functools import cache

import pytest

from kith.demo.simulate import Report, simulate


@cache
def year(behaviour: str) -> Report:
    return simulate(behaviour)


def test_a_user_who_acts_on_every_pick_with_a_budget_covering_the_load_keeps_the_inner_circle():
    report = year("acts on every pick, budget 10")
    assert report.strong_kept_share() >= 0.95


def test_a_user_who_sees_the_inner_circle_organically_keeps_it_within_twice_its_cadence():
    report = year("sees the inner circle organically")
    assert report.strong_kept_share() >= 0.95


def test_a_user_who_acts_on_every_pick_never_sees_an_empty_plan_while_someone_is_due():
    assert year("acts on every pick").empty_weeks_while_due == 0


def test_a_new_user_with_only_imports_gets_a_full_first_week():
    assert year("new user with only imports").first_week_picks == 5


@pytest.mark.parametrize("behaviour", ["acts on every pick", "acts on half"])
def test_everyone_met_at_an_event_gets_a_decision(behaviour: str):
    assert year(behaviour).unresolved_acquaintances == 0


def test_the_same_seed_gives_the_same_year():
    assert simulate("acts on every pick", weeks=3) == simulate("acts on every pick", weeks=3)


@pytest.mark.parametrize(
    "behaviour",
    ["acts on every pick", "acts on half", "away three weeks, then acts"],
)
def test_no_overdue_inner_circle_tie_waits_more_than_a_week_behind_a_lower_layer_pick(
    behaviour: str,
):
    assert year(behaviour).longest_wait_weeks <= 1


@pytest.mark.parametrize(
    "behaviour", ["acts on every pick", "sees the inner circle organically", "acts on half"]
)
def test_no_pick_survives_an_interaction_the_user_took_part_in(behaviour: str):
    assert year(behaviour).stale_picks == 0
