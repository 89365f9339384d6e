"""Exponentially decayed sums that compose, for per-person aggregates kept on write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

# Ages are in days (science.md: "time is in days"), read from timedeltas in seconds.
SECONDS_PER_DAY = 86_400.0


def age_days(at: datetime, now: datetime) -> float:
    """Days from `at` to `now`; ValueError when `at` is after `now` (no event is in the future)."""
    age = (now - at).total_seconds() / SECONDS_PER_DAY
    if age < 0:
        raise ValueError(f"{at.isoformat()} is after {now.isoformat()}: no event is in the future")
    return age


def decay_factor(age: float, half_life_days: float) -> float:
    """2^(−age/h): what a weight of 1 is worth `age` days later."""
    return float(2.0 ** (-age / half_life_days))


def decayed_sum(
    points: Iterable[tuple[datetime, float]], now: datetime, half_life_days: float
) -> float:
    """Σ w·2^(−age/h) over (at, weight) points, none after `now`."""
    return sum(w * decay_factor(age_days(at, now), half_life_days) for at, w in points)


@dataclass(frozen=True)
class Decayed:
    """A decayed sum D as of a moment: D(t) = D(t0)·2^(−(t−t0)/h) + w for an event w at t."""

    value: float
    as_of: datetime
    half_life_days: float

    def __post_init__(self) -> None:
        if self.half_life_days <= 0:
            raise ValueError(f"a half-life must be positive, not {self.half_life_days}")

    def add(self, weight: float, at: datetime) -> Decayed:
        """This sum with an event of `weight` at `at`, which may be before `as_of` (backdated)."""
        if at <= self.as_of:
            age = age_days(at, self.as_of)
            return replace(self, value=self.value + weight * decay_factor(age, self.half_life_days))
        return replace(self, value=self.at(at) + weight, as_of=at)

    def at(self, now: datetime) -> float:
        """The sum seen from `now`, which is not before `as_of`."""
        return self.value * decay_factor(age_days(self.as_of, now), self.half_life_days)
