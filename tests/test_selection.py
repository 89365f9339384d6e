"""The weekly plan's selection: greedy by priority within the budget and its rules (§5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kith.relate.priority import Assessment, Candidate, ChannelChoice
from kith.relate.selection import plan, select
from tests.conftest import NOW


def option(
    person_id: int,
    priority: float,
    *,
    rho: float = 1.0,
    layer: str = "L4",
    circle: str | None = None,
    energy: float = 1.0,
) -> Assessment:
    return Assessment(
        person_id=person_id,
        layer=layer,
        circle=circle,
        rho=rho,
        urgency=0.5,
        value=0.6,
        ease=1.0,
        freshness=1.0,
        priority=priority,
        at_risk=False,
        reason="overdue by 1 day",
        channel=ChannelChoice("email"),
        energy=energy,
    )


def ids(picks: tuple[Assessment, ...]) -> list[int]:
    return [pick.person_id for pick in picks]


def test_the_highest_priorities_fill_the_budget_in_order() -> None:
    options = [option(person, person / 10) for person in range(1, 8)]
    assert ids(select(options)) == [7, 6, 5, 4, 3]


def test_equal_priorities_go_to_the_more_overdue_then_the_lower_id() -> None:
    options = [option(2, 0.5), option(1, 0.5), option(3, 0.5, rho=1.5)]
    assert ids(select(options, budget=2)) == [3, 1]


def test_at_most_half_the_budget_rounded_up_comes_from_one_circle() -> None:
    work = [option(person, 0.9 - person / 100, circle="work") for person in range(1, 7)]
    others = [option(10, 0.2, circle="family"), option(11, 0.1)]
    assert ids(select([*work, *others])) == [1, 2, 3, 10, 11]
    assert ids(select([*work, *others], budget=4)) == [1, 2, 10, 11]


def test_contacts_without_a_circle_are_not_capped_together() -> None:
    options = [option(person, 1 - person / 10) for person in range(1, 6)]
    assert ids(select(options)) == [1, 2, 3, 4, 5]


def test_an_overdue_strong_tie_comes_before_every_weak_pick_whatever_its_priority() -> None:
    weak = [option(person, 0.9 - person / 100) for person in range(1, 7)]
    strong = option(20, 0.1, rho=1.2, layer="L3")  # e.g. discounted by ignored weeks (F)
    assert ids(select([*weak, strong])) == [20, 1, 2, 3, 4]


def test_more_overdue_strong_ties_than_budget_go_most_overdue_first_whatever_their_circle() -> None:
    strong = [
        option(person, 0.9, rho=1 + person / 10, layer="L2", circle="family")
        for person in range(1, 8)
    ]
    assert ids(select([*strong, option(20, 2.0)])) == [7, 6, 5, 4, 3]


def test_a_strong_tie_falling_due_later_this_week_comes_before_every_weak_pick() -> None:
    weak = [option(person, 0.9 - person / 100) for person in range(1, 7)]
    strong = replace(option(20, 0.4, rho=0.9, layer="L1"), due_this_week=True)
    assert ids(select([*weak, strong])) == [20, 1, 2, 3, 4]


def test_a_strong_tie_not_yet_overdue_waits_its_turn() -> None:
    weak = [option(person, 0.9 - person / 100) for person in range(1, 7)]
    strong = option(20, 0.1, rho=0.9, layer="L2")
    assert ids(select([*weak, strong])) == [1, 2, 3, 4, 5]


def test_a_strong_tie_not_yet_due_does_not_stand_for_an_overdue_one() -> None:
    options = [
        option(1, 0.9, layer="L1", rho=0.9),
        option(2, 0.8),
        option(3, 0.1, rho=3, layer="L3"),
    ]
    assert ids(select(options, budget=2)) == [3, 1]


def test_picks_that_would_overrun_the_energy_budget_are_passed_over() -> None:
    options = [
        option(1, 0.9, energy=4),
        option(2, 0.8, energy=1),
        option(3, 0.7, energy=1),
        option(4, 0.6, energy=2),
    ]
    assert ids(select(options, energy_budget=5)) == [1, 2]
    assert ids(select(options, energy_budget=3)) == [2, 3]
    assert ids(select(options)) == [1, 2, 3, 4]


def test_the_strong_tie_guarantee_respects_the_energy_budget() -> None:
    options = [option(1, 0.9), option(2, 0.1, rho=2, layer="L1", energy=4)]
    assert ids(select(options, energy_budget=3)) == [1]


def test_fewer_eligible_contacts_than_the_budget_give_fewer_picks() -> None:
    assert ids(select([option(1, 0.3), option(2, 0.4)])) == [2, 1]
    assert select([]) == ()


@pytest.mark.parametrize("budget", [0, 11])
def test_a_budget_outside_one_to_ten_is_refused(budget: int) -> None:
    with pytest.raises(ValueError, match="outside 1–10"):
        select([option(1, 0.5)], budget=budget)


def test_the_plan_scores_only_eligible_contacts() -> None:
    def seen(person_id: int, days: int, *, muted: bool = False) -> Candidate:
        return Candidate(person_id, "L3", NOW - timedelta(days=days), True, muted=muted)

    candidates = [seen(1, 45), seen(2, 3), seen(3, 90, muted=True), seen(4, 20)]
    picks = plan(candidates, NOW)
    assert [(pick.person_id, pick.reason) for pick in picks] == [(1, "overdue by 15 days")]
