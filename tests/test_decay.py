"""Decayed sums kept on write: they compose, in any order, backdated or not."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.relate.decay import Decayed, age_days, decay_factor, decayed_sum
from tests.conftest import NOW

START = datetime(2020, 1, 1, tzinfo=UTC)
POINTS = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=3650, allow_nan=False),
        st.floats(min_value=0, max_value=10, allow_nan=False),
    ),
    max_size=30,
)


def direct_sum(points: list[tuple[float, float]], now_offset: float, half_life: float) -> float:
    return sum(w * 2 ** (-(now_offset - offset) / half_life) for offset, w in points)


@given(
    st.data(),
    POINTS,
    st.floats(min_value=0, max_value=3650),
    st.floats(min_value=0, max_value=400),
    st.floats(min_value=1, max_value=400),
)
def test_adding_events_one_by_one_in_any_order_equals_the_direct_sum(
    data: st.DataObject,
    points: list[tuple[float, float]],
    start_offset: float,
    later: float,
    half_life: float,
) -> None:
    moments = [(START + timedelta(days=offset), w) for offset, w in points]
    shuffled = data.draw(st.permutations(moments))
    total = Decayed(0.0, START + timedelta(days=start_offset), half_life)
    for at, w in shuffled:
        total = total.add(w, at)
    now = max([total.as_of, *(at for at, _ in moments)]) + timedelta(days=later)
    offsets = [((at - START).total_seconds() / 86_400, w) for at, w in moments]
    expected = direct_sum(offsets, (now - START).total_seconds() / 86_400, half_life)
    assert math.isclose(total.at(now), expected, rel_tol=1e-9, abs_tol=1e-9)


def test_an_event_after_as_of_moves_the_sum_forward() -> None:
    total = Decayed(4.0, NOW - timedelta(days=90), 90).add(1.0, NOW)
    assert total == Decayed(3.0, NOW, 90)


def test_a_backdated_event_is_added_already_decayed() -> None:
    total = Decayed(1.0, NOW, 90).add(2.0, NOW - timedelta(days=180))
    assert total == Decayed(1.5, NOW, 90)


def test_a_sum_is_read_only_from_its_as_of_onwards() -> None:
    with pytest.raises(ValueError, match="no event is in the future"):
        Decayed(1.0, NOW, 90).at(NOW - timedelta(days=1))


def test_a_half_life_must_be_positive() -> None:
    with pytest.raises(ValueError, match="half-life"):
        Decayed(0.0, NOW, 0)


def test_a_weight_loses_half_its_value_each_half_life() -> None:
    assert decay_factor(180, 90) == 0.25
    assert age_days(NOW - timedelta(hours=36), NOW) == 1.5


def test_the_direct_sum_refuses_a_point_in_the_future() -> None:
    with pytest.raises(ValueError, match="no event is in the future"):
        decayed_sum([(NOW + timedelta(seconds=1), 1.0)], NOW, 90)
