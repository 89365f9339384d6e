"""Dunbar layers: ranking, caps, thresholds, and hysteresis at Monday instants (science.md §4)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kith.relate.layers import (
    LayerState,
    Standing,
    Tie,
    advance,
    demote_after_instants,
    mondays_between,
    raw_layers,
    replay,
    tie_label,
)

FIRST_MONDAY = datetime(2026, 1, 5, tzinfo=UTC)
LATEST = datetime(2026, 1, 1, tzinfo=UTC)


def tie(person_id: int, strength: float, **changes: object) -> Tie:
    fields: dict[str, object] = {
        "person_id": person_id,
        "strength": strength,
        "s_max": strength,
        "last_contact": LATEST,
        "qualifies": True,
        "has_history": True,
    }
    fields.update(changes)
    return Tie(**fields)  # type: ignore[arg-type]


def monday(week: int) -> datetime:
    return FIRST_MONDAY + timedelta(weeks=week)


def run(state: LayerState, raws: list[str], person_id: int = 1) -> LayerState:
    """Advance through one raw layer per week for one person, from week 1 on."""
    for week, raw in enumerate(raws, start=1):
        state = advance(state, {person_id: raw}, monday(week))
    return state


def standing_in(layer: str) -> LayerState:
    return LayerState(monday(0), {1: Standing(layer)})


def test_a_small_network_stays_small_because_caps_are_ceilings() -> None:
    assert raw_layers([tie(1, 0.5), tie(2, 0.45)]) == {1: "L4", 2: "L4"}


def test_the_two_innermost_layers_hold_two_and_then_five_people() -> None:
    ties = [tie(person, 0.95 - person / 100) for person in range(1, 7)]
    assert raw_layers(ties) == {1: "L1", 2: "L1", 3: "L2", 4: "L2", 5: "L2", 6: "L3"}


def test_caps_are_cumulative_so_inner_members_use_outer_room() -> None:
    ties = [tie(1, 0.95), tie(2, 0.9)] + [tie(person, 0.7) for person in range(3, 17)]
    assert Counter(raw_layers(ties).values()) == {"L1": 2, "L3": 13, "L4": 1}


def test_everyone_ranked_beyond_five_hundred_is_in_l7() -> None:
    ties = [tie(person, 0.1) for person in range(1, 502)]
    assert Counter(raw_layers(ties).values()) == {"L5": 150, "L6": 350, "L7": 1}


@pytest.mark.parametrize(
    ("strength", "layer"),
    [(0.85, "L1"), (0.84, "L3"), (0.6, "L3"), (0.59, "L4"), (0.4, "L4"), (0.39, "L5")],
)
def test_a_layer_needs_its_least_strength(strength: float, layer: str) -> None:
    assert raw_layers([tie(1, strength)]) == {1: layer}


def test_a_strong_tie_with_fewer_than_three_contact_days_stays_in_l5() -> None:
    assert raw_layers([tie(1, 0.95, qualifies=False)]) == {1: "L5"}


def test_a_one_way_tie_stays_in_l5() -> None:
    assert raw_layers([tie(1, 0.95, one_way=True)]) == {1: "L5"}


def test_a_contact_without_history_is_never_above_l6() -> None:
    assert raw_layers([tie(1, 0.0, has_history=False, last_contact=None)]) == {1: "L6"}


def test_pinned_contacts_rank_first() -> None:
    ties = [tie(1, 0.95), tie(2, 0.9), tie(3, 0.86, pinned=True)]
    assert raw_layers(ties) == {1: "L1", 2: "L2", 3: "L1"}


def test_a_pin_does_not_lift_a_tie_over_a_threshold() -> None:
    ties = [tie(1, 0.95), tie(2, 0.9), tie(3, 0.5, pinned=True)]
    assert raw_layers(ties) == {1: "L1", 2: "L1", 3: "L4"}


def test_equal_strength_is_broken_by_the_highest_strength_ever() -> None:
    ties = [tie(1, 0.9, s_max=0.9), tie(2, 0.9, s_max=0.95), tie(3, 0.9, s_max=0.99)]
    assert raw_layers(ties) == {1: "L2", 2: "L1", 3: "L1"}


def test_then_by_the_latest_contact_with_none_last() -> None:
    ties = [
        tie(1, 0.9, last_contact=None),
        tie(2, 0.9, last_contact=LATEST - timedelta(days=3)),
        tie(3, 0.9),
    ]
    assert raw_layers(ties) == {1: "L2", 2: "L1", 3: "L1"}


def test_then_by_id() -> None:
    assert raw_layers([tie(3, 0.9), tie(2, 0.9), tie(1, 0.9)]) == {1: "L1", 2: "L1", 3: "L2"}


def test_a_new_contact_starts_at_its_raw_layer_capped_at_l4() -> None:
    state = advance(LayerState(), {1: "L1", 2: "L6"}, monday(0))
    assert state.layers() == {1: "L4", 2: "L6"}


def test_one_instant_above_the_boundary_does_not_promote() -> None:
    assert run(standing_in("L5"), ["L3"]).layers() == {1: "L5"}


def test_two_consecutive_instants_above_the_boundary_promote() -> None:
    assert run(standing_in("L5"), ["L3", "L3"]).layers() == {1: "L3"}


def test_a_promotion_goes_to_the_layer_held_at_both_instants() -> None:
    assert run(standing_in("L5"), ["L2", "L3"]).layers() == {1: "L3"}


def test_an_interrupted_streak_does_not_promote() -> None:
    assert run(standing_in("L5"), ["L3", "L5", "L3"]).layers() == {1: "L5"}


@pytest.mark.parametrize(
    ("layer", "instants"),
    [("L1", 2), ("L2", 2), ("L3", 10), ("L4", 52), ("L5", 106), ("L6", 210), ("L7", None)],
)
def test_demotion_waits_twice_the_cadence_in_weekly_instants(
    layer: str, instants: int | None
) -> None:
    assert demote_after_instants(layer) == instants


def test_an_l3_contact_is_demoted_after_ten_instants_and_not_nine() -> None:
    assert run(standing_in("L3"), ["L4"] * 9).layers() == {1: "L3"}
    assert run(standing_in("L3"), ["L4"] * 10).layers() == {1: "L4"}


def test_an_l2_contact_is_demoted_to_the_innermost_layer_of_its_lapse() -> None:
    assert run(standing_in("L2"), ["L5", "L4"]).layers() == {1: "L4"}


def test_a_qualifying_instant_restarts_the_demotion_count() -> None:
    assert run(standing_in("L2"), ["L4", "L2", "L4"]).layers() == {1: "L2"}


def test_people_missing_from_the_raw_layers_leave_the_state() -> None:
    state = LayerState(monday(0), {1: Standing("L3"), 2: Standing("L5")})
    assert advance(state, {2: "L5"}, monday(1)).layers() == {2: "L5"}


def test_advancing_to_an_instant_already_evaluated_is_refused() -> None:
    with pytest.raises(ValueError, match="is not after"):
        advance(standing_in("L3"), {1: "L3"}, monday(0))


def test_replay_equals_advancing_week_by_week() -> None:
    raws = [{1: "L2", 2: "L6"}, {1: "L2", 2: "L3"}, {1: "L1", 2: "L3"}, {1: "L5", 2: "L7"}]
    history = [(monday(week), raw) for week, raw in enumerate(raws)]
    stepwise = LayerState()
    for instant, raw in history:
        stepwise = advance(stepwise, raw, instant)
    assert replay(reversed(history)) == stepwise
    assert stepwise.layers() == {1: "L2", 2: "L3"}


def test_mondays_are_midnight_local_across_a_spring_dst_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 23, 0, 0, tzinfo=berlin)  # itself an instant: excluded
    instants = mondays_between(start, datetime(2026, 4, 6, 0, 0, tzinfo=berlin), berlin)
    assert [moment.isoformat() for moment in instants] == [
        "2026-03-30T00:00:00+02:00",
        "2026-04-06T00:00:00+02:00",
    ]
    assert instants[0].astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=167)


def test_mondays_are_midnight_local_across_an_autumn_dst_change() -> None:
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 10, 28, 15, 0, tzinfo=UTC)
    instants = mondays_between(start, datetime(2026, 11, 10, tzinfo=UTC), new_york)
    assert [moment.isoformat() for moment in instants] == [
        "2026-11-02T00:00:00-05:00",
        "2026-11-09T00:00:00-05:00",
    ]


def test_no_monday_between_two_moments_of_the_same_week() -> None:
    start = datetime(2026, 1, 6, tzinfo=UTC)
    assert mondays_between(start, start + timedelta(days=5), UTC) == []


@pytest.mark.parametrize(
    ("layer", "label"), [("L1", "strong"), ("L3", "strong"), ("L4", "weak"), ("L7", "acquaintance")]
)
def test_layers_carry_report_labels(layer: str, label: str) -> None:
    assert tie_label(layer) == label
