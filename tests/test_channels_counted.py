"""The channels each person used since each of S's windows (store/week/layers.py
`_channels_used`), counted by id over the ids' range, held to the sort of the ids it replaced
on seeded scans: the same rows, counts and dtype, for one window and for several."""

from __future__ import annotations

import numpy as np

from kith.store.week.layers import _channels_counted, _channels_sorted, _channels_used, id_list


def _found(seed: int, rows: int, top: int) -> tuple[str, str]:
    """What channel_uses_sql finds: person ids with repeats, in no order, and their times."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, top, rows)
    times = rng.integers(1_600_000_000, 1_700_000_000, rows)
    return ",".join(map(str, ids.tolist())), ",".join(map(str, times.tolist()))


def test_counting_by_id_gives_the_sorts_rows_for_one_window_and_for_several() -> None:
    for seed in range(30):
        found = _found(seed, 1 + 37 * seed, 1 + 5 * seed)
        for bounds in ((1.6e9,), (1.6e9, 1.65e9), (1.6e9, 1.62e9, 1.64e9, 1.7e9)):
            ids = id_list(found[0])
            counted = _channels_counted(ids, found, bounds)
            sorted_ = _channels_sorted(ids, found, bounds)
            assert counted.dtype == sorted_.dtype == np.int64
            assert counted.tolist() == sorted_.tolist()


def test_ids_far_apart_are_sorted_not_counted_over_their_range() -> None:
    found = ("5,2000000000000,5", "1,2,3")
    assert _channels_used(found, (0.0, 2.5)).tolist() == [[5, 2, 1], [2_000_000_000_000, 1, 0]]


def test_no_channel_used_gives_no_row() -> None:
    assert _channels_used((None, None), (0.0, 1.0)).shape == (0, 3)
