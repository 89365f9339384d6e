"""The vectorised network (relate/network.py) held to the scalar reference: S of strength.py,
raw layers and hysteresis of layers.py, on generated networks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.relate import Event, tie_strength
from kith.relate.layers import LAYERS, LayerState, Standing, Tie, advance, raw_layers
from kith.relate.network import (
    NO_LAYER,
    Block,
    Peaks,
    Standings,
    Ties,
    _each,
    floors,
    lexsorted,
    rank_order,
    ranked,
    raw_layer_codes,
    step,
    strengths,
    take_in,
)
from kith.relate.weights import channel_weight
from kith.vocab import CHANNELS

NOW = datetime(2026, 11, 16, tzinfo=UTC)
START = NOW - timedelta(days=900)

events_strategy = st.lists(
    st.tuples(
        st.integers(0, 4),  # person
        st.floats(0, 899),  # days after START
        st.sampled_from(CHANNELS),
        st.sampled_from(("out", "in", "both")),
        st.integers(1, 5),  # others
    ),
    max_size=40,
)


def network(people: int, rows: list[tuple[int, float, str, str, int]]) -> tuple[Ties, Block]:
    ordered = sorted(rows, key=lambda row: row[1])
    block = Block(
        np.array([row[0] for row in ordered], np.int64),
        np.array([(START + timedelta(days=row[1])).timestamp() for row in ordered]),
        np.array([channel_weight(row[2], row[4]) for row in ordered]),
        np.array([CHANNELS.index(row[2]) for row in ordered], np.int64),
        np.array([row[3] in ("out", "both") for row in ordered], bool),
        np.array([row[3] in ("in", "both") for row in ordered], bool),
    )
    ties = Ties(
        ids=np.arange(1, people + 1, dtype=np.int64),
        kin=np.array([k == 1 for k in range(people)]),
        rating=np.array([4.0 if k == 2 else np.nan for k in range(people)]),
        mutual=np.array([k * 3 for k in range(people)], np.int64),
        known_since=np.full(people, np.nan),
        pinned=np.zeros(people, bool),
        entry=np.zeros(people),
        at=START.timestamp(),
    )
    return ties, block


# Interactions crowded on a few days, so that one day holds several on a channel, and a day
# can straddle two blocks: contact days (strength.by_day) must agree across the steps.
crowded_strategy = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.sampled_from((10.1, 10.5, 10.9, 128.3, 128.8, 257.05, 257.5, 899.0)),
        st.sampled_from(("message", "call")),
        st.sampled_from(("out", "in", "both")),
        st.integers(1, 3),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(events_strategy, st.integers(1, 3))
def test_strength_for_everyone_at_once_equals_the_scalar_formula_in_steps(
    rows: list[tuple[int, float, str, str, int]], steps: int
) -> None:
    assert_steps_match_the_scalar_formula(rows, steps)


@settings(max_examples=60, deadline=None)
@given(crowded_strategy, st.sampled_from((1, 2, 7)))  # 7: steps end at 128.57 and 257.14 days
def test_a_day_of_many_interactions_counts_once_in_steps_as_in_the_scalar_formula(
    rows: list[tuple[int, float, str, str, int]], steps: int
) -> None:
    assert_steps_match_the_scalar_formula(rows, steps)


def assert_steps_match_the_scalar_formula(
    rows: list[tuple[int, float, str, str, int]], steps: int
) -> None:
    ties, block = network(5, rows)
    moments = [START + timedelta(days=900 * (k + 1) / steps) for k in range(steps)]
    previous = -np.inf
    for moment in moments:
        take_in(ties, block.between(previous, moment.timestamp()), moment.timestamp())
        previous = moment.timestamp()
    scores = strengths(ties, NOW.timestamp())
    for person in range(5):
        events = [  # in the block's order: the store gives both paths one order for a tie
            Event(START + timedelta(days=row[1]), row[2], row[3], others=row[4])
            for row in sorted(rows, key=lambda row: row[1])
            if row[0] == person
        ]
        expected = tie_strength(
            events,
            NOW,
            mutual_contacts=person * 3,
            rating=4 if person == 2 else None,
            kin=person == 1,
        )
        assert abs(scores.s[person] - expected.s) < 1e-9
        assert scores.has_history[person] == bool(events)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.booleans(),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=60,
    ),
    st.integers(0, 2),
)
def test_raw_layers_on_codes_equal_the_scalar_ranking_under_tiny_caps(
    people: list[tuple[float, bool, bool, bool, bool]], scale: int
) -> None:
    ties = [
        Tie(
            person_id=k + 1,
            strength=s,
            s_max=s,
            last_contact=NOW - timedelta(days=k) if history else None,
            qualifies=qualifies,
            has_history=history,
            pinned=pinned,
            one_way=one_way,
        )
        for k, (s, qualifies, history, pinned, one_way) in enumerate(people)
    ]
    expected = raw_layers(ties)
    ids = np.arange(1, len(ties) + 1, dtype=np.int64)
    last = np.array([t.last_contact.timestamp() if t.last_contact else -np.inf for t in ties])
    scores_s = np.array([t.strength for t in ties])
    order = np.lexsort(
        (
            ids,
            -np.where(np.isfinite(last), last, 0),
            ~np.isfinite(last),
            -scores_s,
            -scores_s,
            ~np.array([t.pinned for t in ties]),
        )
    )
    floor = np.array([_floor_code(t) for t in ties], np.int64)
    codes = raw_layer_codes(order, floor, np.ones(len(ties), bool))
    assert {k + 1: LAYERS[c - 1] for k, c in enumerate(codes)} == expected


def _floor_code(tie: Tie) -> int:
    from kith.relate.layers import _floor

    return LAYERS.index(_floor(tie)) + 1


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LAYERS), min_size=3, max_size=3), max_size=40))
def test_a_hysteresis_step_for_everyone_equals_the_scalar_steps(weeks: list[list[str]]) -> None:
    state = LayerState()
    standings = Standings.empty(3)
    for week, raws in enumerate(weeks):
        moment = NOW + timedelta(weeks=week)
        state = advance(state, dict(enumerate(raws)), moment)
        step(standings, np.array([LAYERS.index(raw) + 1 for raw in raws], np.int64))
        for k in range(3):
            expected = state.standings[k]
            bound = int(standings.bound[k])
            assert (
                Standing(
                    LAYERS[standings.layer[k] - 1],
                    int(standings.above[k]),
                    int(standings.below[k]),
                    LAYERS[bound - 1] if bound else None,
                )
                == expected
            )


def test_people_enter_the_state_at_their_raw_layer_capped_at_l4() -> None:
    standings = Standings.empty(3)
    step(standings, np.array([1, 6, NO_LAYER], np.int64))
    assert standings.layer.tolist() == [4, 6, NO_LAYER]


def test_the_floor_of_a_tie_follows_its_strength_and_history() -> None:
    ties, block = network(3, [(0, 10, "email", "out", 1), (1, 10, "email", "both", 1)])
    ties.days[1] = 3
    take_in(ties, block, (START + timedelta(days=20)).timestamp())
    scores = strengths(ties, (START + timedelta(days=20)).timestamp())
    assert scores.s[1] > 0.4  # one fresh two-way e-mail to kin, on more than 3 contact days
    assert floors(scores).tolist() == [5, 4, 6]  # one-way: L5; qualifying, S ≥ 0.4: L4; none: L6
    assert round(float(scores.s[2]), 6) == 0.45  # rated 4 without history: 0.6·3/4
    assert rank_order(ties, scores, scores.s).tolist()[-1] == 0  # the one-way tie ranks last


def test_s_max_is_the_highest_monthly_peak_in_the_last_sixty_months() -> None:
    peaks = Peaks.empty(1)
    assert peaks.record(24_000, np.array([0.9])).tolist() == [0.9]
    assert peaks.record(24_030, np.array([0.3])).tolist() == [0.9]
    assert peaks.record(24_059, np.array([0.2])).tolist() == [0.9]
    assert peaks.record(24_060, np.array([0.1])).tolist() == [0.3]


def _rank_keys(seed: int, n: int) -> tuple[np.ndarray, ...]:
    """Keys with many equal values: S, S_max and the last contact drawn from a few (±0.0, ±inf
    and nan among them), a few pinned, the ids unique and in no order."""
    rng = np.random.default_rng(seed)
    pinned = rng.random(n) < 0.1
    s = rng.choice([0.0, -0.0, 0.25, 0.5, 0.5000000000000001, 1.0], n)
    s = np.where(rng.random(n) < 0.5, s, rng.random(n))
    s_max = rng.choice([0.0, -0.0, 0.5, 0.75, np.nan], n)
    last = rng.choice([-np.inf, np.inf, np.nan, 0.0, 1e9, 1.7e9, 1.7e9 + 1], n)
    ids = rng.permutation(10 * n)[:n].astype(np.int64)
    return pinned, s, s_max, last, ids


def test_one_sort_and_the_runs_of_equal_s_rank_as_the_six_keys_sorted_in_turn() -> None:
    for seed in range(40):
        keys = _rank_keys(seed, 1 + seed * 25)
        assert ranked(*keys).tolist() == lexsorted(*keys).tolist()


def test_an_s_of_nan_ranks_as_the_six_keys_sorted_in_turn() -> None:
    pinned, s, s_max, last, ids = _rank_keys(7, 500)
    s[::7] = np.nan
    assert (
        ranked(pinned, s, s_max, last, ids).tolist()
        == lexsorted(pinned, s, s_max, last, ids).tolist()
    )


def test_distinct_strengths_rank_by_s_alone_after_the_pinned() -> None:
    s = np.array([0.1, 0.9, 0.5, 0.3])
    pinned = np.array([False, False, False, True])
    last, ids = np.full(4, -np.inf), np.arange(4, dtype=np.int64)
    assert ranked(pinned, s, np.zeros(4), last, ids).tolist() == [3, 1, 2, 0]


def test_positions_taken_a_slice_at_a_time_are_all_of_them_in_order() -> None:
    positions = np.arange(10, 1_010, 3, dtype=np.int64)
    for size in (1, 3, 256, 1_000):
        assert list(_each(positions, size)) == positions.tolist()
    assert list(_each(positions[:0])) == []
