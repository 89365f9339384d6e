"""A tie over time: S and warmth W (science.md §2–3) at monthly points, for the person page's
chart, from the person's own log as arrays (relate.tie_arrays): S through relate.network's running
sums (the replay's code, held equal to the scalar formulas), advanced from point to point, so a
tie with thousands of interactions costs one pass; W over the log up to each point. The rating,
mutual contacts and kin are taken as they are today (the store keeps no history of them)."""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from kith.services.ties.why import read_inputs
from kith.store import Store

MONTHS = 36  # three years of monthly points, the newest at `now`


@dataclass(frozen=True)
class Point:
    at: datetime
    strength: float
    warmth: float


def monthly(store: Store, person_id: int, now: datetime, months: int = MONTHS) -> list[Point]:
    """S and W at `now` and on the same day of each of the `months` months before it (the
    last day of a shorter month), from the last point before the first interaction on (where
    both are 0): the curve starts where the tie began. Empty without any interaction."""
    from kith.relate import tie_arrays  # numpy: only for the chart

    _person, inputs = read_inputs(store, person_id, now, "arrays")
    assert isinstance(inputs.log, tie_arrays.ArrayLog)
    log = inputs.log.block
    if len(log.t) == 0:
        return []
    instants = [months_before(now, back) for back in range(months, -1, -1)]
    began = max(0, bisect_right([at.timestamp() for at in instants], float(log.t[0])) - 1)
    shown = instants[began:]
    strengths = tie_arrays.strengths_at(
        log,
        shown,
        known_since=inputs.known_since,
        mutual_contacts=inputs.mutual_contacts,
        rating=inputs.rating,
        kin=inputs.kin,
    )
    opens = tie_arrays.opens_day(log)
    return [
        Point(at, round(strength, 4), round(tie_arrays.warmth(log, at, opens), 4))
        for at, strength in zip(shown, strengths, strict=True)
    ]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (or that month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
