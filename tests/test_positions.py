"""Where wanted ids sit among the sorted ids (store/week/layers.py `positions`): from a table
over the ids' range where it applies, held to the binary search it replaced on seeded ids —
present, absent, repeated, below and above the range, as integers and as float64 (a matrix's
column), with fractions, nan and ids too far apart falling back to the search."""

from __future__ import annotations

import numpy as np

from kith.store.week.layers import _looked_up, _searched, positions


def _same(ids: np.ndarray, wanted: np.ndarray) -> None:
    at, known = positions(ids, wanted)
    expected_at, expected_known = _searched(ids, wanted)
    assert at.dtype == expected_at.dtype
    assert known.dtype == expected_known.dtype
    assert at.tolist() == expected_at.tolist()
    assert known.tolist() == expected_known.tolist()


def test_a_table_of_places_finds_what_the_binary_search_finds() -> None:
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = 1 + 20 * seed
        ids = np.unique(rng.integers(-50, 3 * n, n)).astype(np.int64)
        wanted = rng.integers(-80, 4 * n, 2 * n).astype(np.int64)
        assert _looked_up(ids, wanted) is not None
        _same(ids, wanted)
        _same(ids, wanted.astype(np.float64))
        _same(ids, np.sort(wanted))


def test_fractions_nan_and_ids_far_apart_are_searched() -> None:
    ids = np.array([1, 2, 5], np.int64)
    for wanted in ([2.5, 5.0], [np.nan, 1.0], [np.inf, 2.0], [2.0**60, 1.0]):
        assert _looked_up(ids, np.array(wanted)) is None
        _same(ids, np.array(wanted))
    far = np.array([1, 10**12], np.int64)
    assert _looked_up(far, np.array([1, 5], np.int64)) is None
    _same(far, np.array([10**12, 5, 1], np.int64))
    repeated = np.array([1, 2, 2, 3], np.int64)
    assert _looked_up(repeated, np.array([2], np.int64)) is None
    _same(repeated, np.array([2, 3], np.int64))


def test_no_ids_and_nothing_wanted_find_nothing() -> None:
    _same(np.zeros(0, np.int64), np.array([1, 2], np.int64))
    _same(np.array([1, 2], np.int64), np.zeros(0, np.int64))
    _same(np.array([1, 2], np.int64), np.zeros(0, np.float64))


def test_a_few_wanted_among_many_are_searched() -> None:
    ids = np.arange(1, 1_001, dtype=np.int64)
    assert _looked_up(ids, np.array([5, 2_000], np.int64)) is None
    _same(ids, np.array([5, 2_000], np.int64))
    assert _looked_up(ids, np.arange(0, 63, dtype=np.int64)) is not None
