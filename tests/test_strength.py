"""Tie strength, warmth, dormancy and rhythm against science.md §1–§3 and §5, at a fixed clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.relate import Event, Strength, channel_weight, tie_strength, warmth
from kith.relate.strength import (
    attainable,
    entry_strength,
    is_dormant,
    median_gap,
    record_peak,
    s_max,
)
from tests.conftest import NOW

TOLERANCE = 0.02  # science.md §2: a direct implementation reproduces each archetype within ±0.02


def steady(
    period: float, count: int, channels: tuple[str, ...], *, latest: float | None = None
) -> list[Event]:
    """The archetype convention: every `period` days, the latest `period/2` days before now,
    out/in alternating from the oldest (which is out), weight 1, channels alternating as listed."""
    newest = period / 2 if latest is None else latest
    return [
        Event(
            NOW - timedelta(days=newest + period * (count - 1 - k)),
            channels[k % len(channels)],
            "out" if k % 2 == 0 else "in",
            weight=1.0,
        )
        for k in range(count)
    ]


def one_way_monthly(count: int) -> list[Event]:
    return [Event(e.at, e.channel, "out", weight=1.0) for e in steady(30, count, ("email",))]


def table_row(strength: Strength) -> dict[str, float]:
    return {
        "S": strength.s,
        "I": strength.intensity,
        "R": strength.recency,
        "L": strength.duration,
        "Q": strength.balance,
        "M": strength.multiplexity,
        "E": strength.embeddedness,
    }


def row(s: float, i: float, r: float, dur: float, q: float, m: float, e: float) -> dict[str, float]:
    return {"S": s, "I": i, "R": r, "L": dur, "Q": q, "M": m, "E": e}


ARCHETYPES = {
    "weekly friend": (
        steady(7, 260, ("email", "in_person")),
        20,
        row(0.925, 0.955, 0.960, 0.999, 0.993, 0.5, 1.0),
    ),
    "monthly friend": (
        steady(30, 36, ("email", "call")),
        10,
        row(0.714, 0.513, 0.841, 0.872, 0.972, 0.5, 0.788),
    ),
    "quarterly colleague": (
        steady(91, 4, ("email",)),
        5,
        row(0.443, 0.197, 0.591, 0.594, 0.914, 0, 0.589),
    ),
    "yearly acquaintance": (
        steady(365, 3, ("email",)),
        0,
        row(0.250, 0.043, 0.121, 0.835, 0.571, 0, 0),
    ),
    "formerly close": (
        steady(7, 156, ("email", "in_person"), latest=730 + 3.5),
        10,
        row(0.342, 0.011, 0.000, 0.999, 0.993, 0, 0.788),
    ),
    "one-way": (one_way_monthly(12), 0, row(0.200, 0.491, 0.841, 0.611, 0, 0, 0)),
}


@pytest.mark.parametrize("name", list(ARCHETYPES))
def test_each_archetype_reproduces_the_table_of_section_2(name: str) -> None:
    events, mutual, expected = ARCHETYPES[name]
    strength = tie_strength(events, NOW, mutual_contacts=mutual)
    assert table_row(strength) == pytest.approx(expected, abs=TOLERANCE)


def test_with_section_1_channel_weights_the_monthly_friend_is_0_770() -> None:
    events = [Event(e.at, e.channel, e.direction) for e in steady(30, 36, ("email", "call"))]
    assert tie_strength(events, NOW, mutual_contacts=10).s == pytest.approx(0.770, abs=0.001)


def test_unit_weights_ignore_the_channel_weights() -> None:
    events = [Event(e.at, e.channel, e.direction) for e in steady(30, 36, ("email", "call"))]
    strength = tie_strength(events, NOW, mutual_contacts=10, unit_weights=True)
    assert strength.s == pytest.approx(0.714, abs=0.001)


@pytest.mark.parametrize(
    ("period", "expected"),
    [(7, 0.96), (14, 0.80), (30, 0.55), (91, 0.28), (365, 0.16)],
)
def test_the_calibration_sentence_holds_in_the_steady_state(period: int, expected: float) -> None:
    events = [
        Event(NOW - timedelta(days=period * k), "email", "out") for k in range(20_000 // period)
    ]
    assert tie_strength(events, NOW).intensity == pytest.approx(expected, abs=0.01)


def test_no_history_is_all_zero_and_labelled() -> None:
    assert tie_strength([], NOW, mutual_contacts=20, known_since=date(2020, 1, 1)) == Strength(
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, "no history"
    )


def test_a_rating_still_counts_without_history() -> None:
    assert tie_strength([], NOW, rating=5).s == 0.6


def test_one_way_in_is_labelled_and_capped_at_0_4_not_0_2() -> None:
    events = [Event(e.at, e.channel, "in", weight=1.0) for e in steady(7, 260, ("email", "call"))]
    strength = tie_strength(events, NOW, mutual_contacts=20)
    assert (strength.label, strength.s, strength.balance) == ("one-way (in)", 0.4, 0.0)


def test_one_way_out_stays_capped_at_0_2() -> None:
    events = [Event(e.at, e.channel, "out", weight=1.0) for e in steady(7, 260, ("email", "call"))]
    strength = tie_strength(events, NOW, mutual_contacts=20)
    assert (strength.label, strength.s, strength.balance) == ("one-way (out)", 0.2, 0.0)


def test_one_meeting_counts_one_out_and_one_in() -> None:
    strength = tie_strength([Event(NOW, "in_person", "both")], NOW)
    assert (strength.label, strength.balance) == (None, 1.0)
    assert strength.volume == 3.0


def test_a_rating_of_5_gives_0_6_plus_four_tenths_of_the_behaviour() -> None:
    events, mutual, _ = ARCHETYPES["quarterly colleague"]
    strength = tie_strength(events, NOW, mutual_contacts=mutual, rating=5)
    assert strength.s == pytest.approx(0.6 + 0.4 * strength.s_behav)
    assert strength.s == pytest.approx(0.777, abs=0.001)


def test_a_rating_of_1_leaves_four_tenths_of_the_behaviour() -> None:
    events, mutual, _ = ARCHETYPES["weekly friend"]
    strength = tie_strength(events, NOW, mutual_contacts=mutual, rating=1)
    assert strength.s == pytest.approx(0.370, abs=0.001)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_1_to_5_is_refused(rating: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        tie_strength([], NOW, rating=rating)


def test_kin_fade_at_half_the_speed() -> None:
    events = [Event(NOW - timedelta(days=120), "email", "out")]
    kin = tie_strength(events, NOW, kin=True)
    other = tie_strength(events, NOW)
    assert (kin.volume, kin.recency) == pytest.approx((2 ** (-2 / 3), 0.5))
    assert (other.volume, other.recency) == pytest.approx((2 ** (-4 / 3), 0.25))


def test_an_event_in_the_future_is_refused() -> None:
    events = [Event(NOW + timedelta(minutes=1), "email", "out")]
    with pytest.raises(ValueError, match="future"):
        tie_strength(events, NOW)
    with pytest.raises(ValueError, match="future"):
        warmth(events, NOW)


def test_no_channel_in_the_last_year_means_no_multiplexity() -> None:
    events = [Event(NOW - timedelta(days=366), "email", "out")]
    assert tie_strength(events, NOW).multiplexity == 0.0


def test_known_since_lengthens_the_duration_only_when_earlier() -> None:
    events = [Event(NOW - timedelta(days=30.4), "email", "out")]
    assert tie_strength(events, NOW, known_since=date(2010, 1, 1)).duration == 1.0
    assert tie_strength(events, NOW, known_since=NOW.date()).duration == pytest.approx(
        0.1686, abs=1e-4
    )


def test_warmth_has_a_two_week_memory() -> None:
    assert warmth([], NOW) == 0.0
    assert warmth([Event(NOW, "email", "out")], NOW) == pytest.approx(0.2835, abs=1e-4)
    assert warmth([Event(NOW - timedelta(days=14), "call", "out")], NOW) == pytest.approx(
        0.2835, abs=1e-4
    )


@pytest.mark.parametrize(
    ("channel", "others", "expected"),
    [
        ("in_person", 1, 3.0),
        ("video", 2, 3.0),
        ("event", 3, 1.5),
        ("in_person", 4, 1.0),
        ("in_person", 50, 0.3),
        ("call", 5, 2.0),
        ("email", 1, 1.0),
        ("message", 3, 0.3),
        ("social", 1, 0.1),
    ],
)
def test_channel_weights_follow_section_1(channel: str, others: int, expected: float) -> None:
    assert channel_weight(channel, others) == expected


def test_an_unknown_channel_has_no_weight() -> None:
    with pytest.raises(ValueError, match="unknown channel 'fax'"):
        channel_weight("fax", 1)


@pytest.mark.parametrize(
    ("peak", "recency", "history", "expected"),
    [
        (0.6, 0.09, True, True),
        (0.59, 0.05, True, False),
        (0.9, 0.1, True, False),
        (0.9, 0.0, False, False),
    ],
)
def test_a_tie_is_dormant_when_once_strong_and_now_silent(
    peak: float, recency: float, history: bool, expected: bool
) -> None:
    assert is_dormant(peak, recency, has_history=history) is expected


def test_s_max_keeps_the_highest_of_the_last_five_years() -> None:
    peaks = record_peak({}, NOW - timedelta(days=6 * 365), 0.9)
    peaks = record_peak(peaks, NOW - timedelta(days=400), 0.7)
    peaks = record_peak(peaks, NOW - timedelta(days=399), 0.5)
    peaks = record_peak(peaks, NOW, 0.2)
    assert peaks == {"2025-10": 0.7, "2026-11": 0.2}
    assert s_max(peaks, NOW) == 0.7
    assert s_max({}, NOW) == 0.0


def test_the_rhythm_is_the_median_gap_between_distinct_days() -> None:
    today = date(2026, 11, 22)
    days = [today - timedelta(days=n) for n in (0, 0, 3, 10, 20)]
    assert median_gap(days, today) == 7.0


def test_the_rhythm_needs_three_gaps_within_two_years() -> None:
    today = date(2026, 11, 22)
    old = [today - timedelta(days=800 + n) for n in range(10)]
    assert median_gap([*old, today - timedelta(days=7), today], today) is None


def test_the_rhythm_reads_only_the_latest_25_days() -> None:
    today = date(2026, 11, 22)
    weekly = [today - timedelta(days=7 * n) for n in range(25)]
    daily_before = [today - timedelta(days=200 + n) for n in range(30)]
    assert median_gap(weekly + daily_before, today) == 7.0


def test_the_rhythm_refuses_a_day_in_the_future() -> None:
    with pytest.raises(ValueError, match="after 2026-11-22"):
        median_gap([date(2026, 11, 23)], date(2026, 11, 22))


def test_forty_messages_in_one_evening_count_as_one_contact_for_volume_and_warmth() -> None:
    evening = [Event(NOW - timedelta(days=3, minutes=k), "message", "out") for k in range(40)]
    once = [Event(NOW - timedelta(days=3, minutes=39), "message", "out")]
    assert tie_strength(evening, NOW).volume == tie_strength(once, NOW).volume
    assert warmth(evening, NOW) == warmth(once, NOW)


def test_a_call_and_a_message_on_one_day_are_two_contacts() -> None:
    day = [
        Event(NOW - timedelta(days=3), "message", "out"),
        Event(NOW - timedelta(days=3), "call", "both"),
    ]
    alone = [Event(NOW - timedelta(days=3), "message", "out")]
    assert tie_strength(day, NOW).volume > tie_strength(alone, NOW).volume


def test_a_three_month_tie_on_one_channel_is_judged_by_what_it_could_reach() -> None:
    strength = tie_strength(steady(2, 45, ("message",)), NOW)  # every other day for 90 days
    reach = attainable(strength.duration, strength.multiplexity, strength.embeddedness)
    judged = entry_strength(strength.s_behav, reach, None)
    assert (round(strength.s, 3), round(reach, 3), round(judged, 3)) == (0.743, 0.75, 0.99)


def test_an_old_multiplex_tie_is_judged_by_its_own_strength() -> None:
    strength = tie_strength(steady(7, 260, ("email", "in_person")), NOW, mutual_contacts=20)
    reach = attainable(strength.duration, strength.multiplexity, strength.embeddedness)
    assert round(reach, 3) == 0.95  # two channels: M = 0.5
    assert entry_strength(strength.s_behav, reach, None) > strength.s
