"""The peaks of S as a step within one month needs them (science.md §4, issue 15).

S_max is the highest of a person's peaks in the months of the ring that lie in the last 60
(`Peaks.s_max`). A step within month M folds S into one column of the ring (M's); the other
columns do not move until the month turns. So S_max = max(the rest's max, M's column), where the
rest's max is the highest of the OTHER columns valid in M, kept per person with the peaks
(store/week/peaks.py): such a step reads two numbers a person, not the ring's 60.

`rest_of` makes the rest's max from a whole ring; it refuses a person (`eligible` False) whose
other columns hold a value below 0 or NaN, or anything but 0 in a column not valid in M, for
whom "held" (any peak not 0) and S_max could not be told from the rest's max alone (a step
makes none such: its peaks are maxima of S ≥ 0 from 0, every month in turn)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kith.relate.network import Floats, Peaks
from kith.relate.strength import S_MAX_MONTHS


def others(months: Sequence[int] | np.ndarray, month: int) -> tuple[np.ndarray, np.ndarray]:
    """Of the ring's columns other than `month`'s, those valid in `month` (Peaks.s_max) and
    those not."""
    ring = np.asarray(months, np.int64)
    valid = (ring > month - S_MAX_MONTHS) & (ring <= month)
    other = np.arange(S_MAX_MONTHS) != month % S_MAX_MONTHS
    return valid & other, ~valid & other


def rest_of(
    values: Floats, months: Sequence[int] | np.ndarray, month: int
) -> tuple[Floats, np.ndarray]:
    """Each person's rest's max in `month` (the highest of the other columns valid in it, 0
    when none is), and whether it may stand for them (`eligible`)."""
    valid, invalid = others(months, month)
    rest = np.max(values, axis=1, where=valid, initial=0.0)
    if not values.size or values.min() >= 0.0:  # (a tenth of a pass by rows; NaN: False)
        eligible = np.ones(len(values), bool)
    else:
        eligible = np.min(values, axis=1, where=valid, initial=0.0) >= 0.0  # NaN: False
    if invalid.any():
        eligible &= ~np.any(values[:, invalid] != 0.0, axis=1)
    return np.asarray(rest, np.float64), eligible


@dataclass
class MonthPeaks(Peaks):
    """Peaks of a step within `month`: of `values` only the month's column is read (the others
    stay 0; column-major, so the column is contiguous), with each person's rest's max (`rest`).
    `record` and `s_max` give what Peaks' give on the whole ring, for this month alone."""

    month: int
    rest: Floats

    @classmethod
    def within(cls, n: int, months: Sequence[int], month: int) -> MonthPeaks:
        """No one's peaks yet, of the ring `months` whose newest column is `month`'s."""
        ring = np.asarray(months, np.int64).copy()
        if ring[month % S_MAX_MONTHS] != month or ring.max() != month:
            raise ValueError(f"the ring's newest column is not month {month}'s")
        return cls(np.zeros((n, S_MAX_MONTHS), order="F"), ring, month, np.zeros(n))

    def record(self, month: int, s: Floats) -> Floats:
        self._within(month)
        return super().record(month, s)

    def s_max(self, month: int) -> Floats:
        self._within(month)
        return np.maximum(self.rest, self.values[:, month % S_MAX_MONTHS])

    def nonzero(self) -> np.ndarray:
        """Whose peaks are not all 0 (held): a rest's max above 0 or the month's column not 0."""
        column = self.values[:, self.month % S_MAX_MONTHS]
        return np.asarray((self.rest > 0.0) | (column != 0.0), bool)

    def _within(self, month: int) -> None:
        if month != self.month:
            raise ValueError(f"peaks read for month {self.month}, not {month}")
