"""The midnights of the days people were known since (store/week/layers.py `_day_midnights`):
in a zone of one fixed offset worked out as arithmetic on the days, held bit for bit to the
datetime of each day's midnight, on seeded days over the whole calendar and every kind of
offset."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np

from kith.store.week.layers import _day_midnights, _each_midnight

ZONES = [
    UTC,
    timezone(timedelta(0), "UTC"),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
    timezone(timedelta(hours=14)),
    timezone(timedelta(hours=-23, minutes=-59, seconds=-59)),
    timezone(timedelta(seconds=7)),
]


def _days(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    days = rng.integers(1, 3_652_059, 400).astype(np.float64)  # 0001-01-01 … 9999-12-31
    days[::9] = np.nan  # known since: none
    days[1::9] = 719_163.0  # 1970-01-01
    return days


def test_a_fixed_offsets_midnights_are_each_days_midnight_bit_for_bit() -> None:
    for seed in range(5):
        days = _days(seed)
        for zone in ZONES:
            assert _day_midnights(days, zone).tobytes() == _each_midnight(days, zone).tobytes()


def test_a_named_zone_takes_each_days_midnight_with_its_own_offset() -> None:
    days = np.array([739_617.0, 739_730.0])  # 2026-01-01 (winter), 2026-04-24 (summer)
    berlin = _day_midnights(days, ZoneInfo("Europe/Berlin"))
    utc = _day_midnights(days, UTC)
    assert (utc - berlin).tolist() == [3_600.0, 7_200.0]
