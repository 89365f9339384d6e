"""Cadences and the weekly queue's scores: ρ, U, V, Ease, F, at-risk, reasons, channels (§4–5)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kith.relate.cadence import Cadence, Override, cadence_for
from kith.relate.priority import (
    ENERGY_COSTS,
    Candidate,
    ChannelChoice,
    assess,
    at_risk,
    choose_channel,
    ease,
    eligible,
    freshness,
    reason,
    rho,
    urgency,
    value,
)
from tests.conftest import NOW


def candidate(gap: float | None = 30, /, **changes: object) -> Candidate:
    """An L3 contact (cadence 30 days) last heard from `gap` days before NOW."""
    fields: dict[str, object] = {
        "person_id": 1,
        "layer": "L3",
        "last_contact": None if gap is None else NOW - timedelta(days=gap),
        "has_history": gap is not None,
    }
    fields.update(changes)
    return Candidate(**fields)  # type: ignore[arg-type]


DORMANT = {"s_max": 0.7, "recency": 0.05}


@pytest.mark.parametrize(
    ("layer", "days"),
    [("L1", 7.0), ("L2", 7.0), ("L3", 30.0), ("L4", 180.0), ("L5", 365.0), ("L6", 730.0)],
)
def test_each_layer_has_a_default_cadence(layer: str, days: float) -> None:
    assert cadence_for(layer) == Cadence(days, None, "layer")


def test_l7_is_never_due() -> None:
    assert cadence_for("L7") == Cadence(None, None, "layer")


def test_a_person_override_beats_tag_overrides() -> None:
    assert cadence_for("L3", Override(14), (Override(7),)) == Cadence(14, None, "person")


def test_the_shortest_tag_override_wins() -> None:
    tags = (Override(60), Override(21, 45), Override(90))
    assert cadence_for("L3", None, tags) == Cadence(21, 45, "tag")


def test_a_slow_steady_rhythm_stretches_the_layer_cadence() -> None:
    assert cadence_for("L2", tau=20).days == 16.0
    assert cadence_for("L2", tau=5).days == 7.0


def test_a_rhythm_does_not_stretch_an_override() -> None:
    assert cadence_for("L2", Override(7), tau=20).days == 7


@pytest.mark.parametrize(("gap", "expected"), [(0, 0.02), (30, 0.5), (60, 0.98)])
def test_urgency_is_low_just_done_half_when_due_and_high_at_twice_overdue(
    gap: float, expected: float
) -> None:
    assert round(urgency(rho(candidate(gap), NOW)), 2) == expected


def test_rho_is_the_gap_over_the_cadence() -> None:
    assert rho(candidate(45), NOW) == 1.5


def test_rho_is_zero_without_history_and_in_l7() -> None:
    assert rho(candidate(None), NOW) == 0.0
    assert rho(candidate(3000, layer="L7"), NOW) == 0.0


def test_dormant_ties_are_always_urgent() -> None:
    assert urgency(0.0, dormant=True) == 0.9
    assert round(urgency(3.0, dormant=True), 4) == 0.9997


def test_value_follows_the_layer_with_dormant_and_pin_bonuses() -> None:
    assert value("L3") == 0.8
    assert round(value("L4", dormant=True, pinned=True), 2) == 0.95


def test_a_hook_and_an_unanswered_message_make_it_easier() -> None:
    assert ease(candidate()) == 1.0
    assert ease(candidate(they_wrote_last=True, hooks=frozenset({"birthday"}))) == 1.5


def test_two_skips_in_eight_weeks_discount_to_0_49() -> None:
    skips = (NOW - timedelta(days=7), NOW - timedelta(days=14))
    assert round(freshness(skips, NOW), 4) == 0.49


def test_a_skip_older_than_eight_weeks_is_forgotten() -> None:
    assert freshness((NOW - timedelta(days=57),), NOW) == 1.0


def test_priority_multiplies_value_urgency_ease_and_freshness() -> None:
    scored = assess(candidate(60, hooks=frozenset({"news"}), misses=(NOW,)), NOW)
    assert (scored.value, round(scored.urgency, 4), scored.ease, scored.freshness) == (
        0.8,
        0.982,
        1.2,
        0.7,
    )
    assert round(scored.priority, 3) == 0.66


def test_silence_of_eight_usual_gaps_is_at_risk() -> None:
    assert at_risk(candidate(240, layer="L5", tau=30), NOW) is True
    assert at_risk(candidate(239, layer="L5", tau=30), NOW) is False


def test_twice_the_cadence_is_at_risk() -> None:
    assert at_risk(candidate(60), NOW) is True
    assert at_risk(candidate(59), NOW) is False


def test_reaching_an_overrides_maximum_gap_is_at_risk() -> None:
    assert at_risk(candidate(21, person_override=Override(14, 21)), NOW) is True
    assert at_risk(candidate(20, person_override=Override(14, 21)), NOW) is False


def test_a_contact_without_history_is_never_at_risk() -> None:
    assert at_risk(candidate(None), NOW) is False


@pytest.mark.parametrize(
    ("gap", "changes", "expected"),
    [
        (24, {}, True),
        (23, {}, False),
        (6, {"layer": "L1", "hooks": frozenset({"follow_up"})}, False),
        (40, {"muted": True}, False),
        (40, {"snoozed": True}, False),
        (30, {"layer": "L4", **DORMANT}, True),
        (30, {"layer": "L4", "hooks": frozenset({"follow_up"})}, True),
        (30, {"layer": "L4", "pinned": True, "warmth": 0.6}, True),
        (30, {"layer": "L4", "pinned": True, "warmth": 0.7}, False),
        (90, {"one_way": True}, False),
        (90, {"one_way": True, "pinned": True}, True),
        (1825, {"layer": "L7"}, False),
        (None, {"layer": "L6"}, False),
        (None, {"layer": "L6", "hooks": frozenset({"birthday"})}, True),
    ],
)
def test_who_is_eligible_this_week(
    gap: float | None, changes: dict[str, object], expected: bool
) -> None:
    assert eligible(candidate(gap, **changes), NOW) is expected


@pytest.mark.parametrize(
    ("gap", "changes", "expected"),
    [
        (40, {}, "overdue by 10 days"),
        (31, {}, "overdue by 1 day"),
        (30.5, {}, "overdue by 1 day"),  # due at 22:00 yesterday: never "overdue by 0 days"
        (30.25, {}, "due Sun 22 Nov"),  # due at 04:00 today: said "due today" by the week
        (70, {}, "at risk, overdue by 40 days"),
        (149, {}, "at risk, overdue by 119 days"),
        (511, {}, "at risk, overdue by 16 months"),
        (2928, {}, "at risk, overdue by 8 years"),
        (240, {"layer": "L5", "tau": 30}, "at risk, silent far longer than usual"),
        (400, {"layer": "L4", **DORMANT}, "dormant tie worth reviving"),
        (70, {"hooks": frozenset({"birthday", "follow_up"})}, "a follow-up due"),
        (70, {"hooks": frozenset({"birthday"})}, "a birthday coming up"),
        (70, {"hooks": frozenset({"follow_up"})}, "a follow-up due"),
        (70, {"they_wrote_last": True}, "they wrote last"),
        (10, {"hooks": frozenset({"event"})}, "an event with them coming up"),
        (10, {"pinned": True}, "pinned"),
        (25, {}, "due Fri 27 Nov"),  # ρ 0.83, due after the week: the day, not "due soon"
    ],
)
def test_each_pick_says_why_in_a_few_words(
    gap: float, changes: dict[str, object], expected: str
) -> None:
    assert reason(candidate(gap, **changes), NOW) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"layer": "L5"}, ChannelChoice("email")),
        ({"layer": "L6", "last_channel": "message"}, ChannelChoice("message")),
        ({"layer": "L5", "last_channel": "in_person"}, ChannelChoice("email")),
        ({"layer": "L2", "last_channel": "call"}, ChannelChoice("call")),
        ({"layer": "L2", "last_channel": "social"}, ChannelChoice("message")),
    ],
)
def test_outer_layers_get_a_cheap_channel(changes: dict[str, object], expected: object) -> None:
    assert choose_channel(candidate(**changes)) == expected


def test_a_warm_online_only_tie_is_offered_a_call_or_a_meeting() -> None:
    online = frozenset({"email", "message"})
    warm = candidate(warmth=0.5, channels=online, last_channel="email")
    assert choose_channel(warm) == ChannelChoice("email", ("call", "in_person"))


@pytest.mark.parametrize(
    "changes",
    [
        {"warmth": 0.49, "channels": frozenset({"email"})},
        {"warmth": 0.9, "channels": frozenset({"email", "video"})},
        {"warmth": 0.9, "channels": frozenset()},
    ],
)
def test_no_upgrade_for_a_cool_tie_or_one_that_has_met(changes: dict[str, object]) -> None:
    assert choose_channel(candidate(**changes)).upgrades == ()


def test_energy_costs_have_named_defaults() -> None:
    assert ENERGY_COSTS == {
        "email": 1.0,
        "message": 1.0,
        "social": 0.5,
        "call": 2.0,
        "video": 2.0,
        "in_person": 4.0,
        "event": 3.0,
    }
    assert assess(candidate(40, last_channel="in_person"), NOW).energy == 4.0


def test_a_young_tie_outside_the_closest_layers_is_due_after_fourteen_days() -> None:
    assert cadence_for("L5", young=True) == Cadence(14.0, None, "young")
    assert cadence_for("L5") == Cadence(365.0, None, "layer")


def test_a_young_tie_keeps_its_own_rhythm_and_the_closest_layers_keep_theirs() -> None:
    assert cadence_for("L4", tau=25.0, young=True) == Cadence(20.0, None, "young")
    assert cadence_for("L3", young=True) == Cadence(30.0, None, "layer")
    assert cadence_for("L7", young=True) == Cadence(None, None, "layer")
