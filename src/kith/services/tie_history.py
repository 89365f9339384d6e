"""A tie over time: S and warmth W (science.md §2–3) at monthly points, for the person page's
chart. S comes from the person's own log through relate.network's running sums (the replay's
code, held equal to the scalar formulas), advanced from point to point, so a tie with thousands
of interactions costs one pass; W from relate.strength.warmth over the 240 days before each
point (older interactions weigh under 2^-17 at its 14-day half-life: W moves by less than
1e-4). The rating, mutual contacts and kin are taken as they are today (the store keeps no
history of them)."""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from kith.relate import warmth
from kith.relate.strength import as_moment
from kith.services.why import Inputs, read_inputs
from kith.store import Store
from kith.vocab import CHANNELS

MONTHS = 36  # three years of monthly points, the newest at `now`
WARMTH_WINDOW = timedelta(days=240)


@dataclass(frozen=True)
class Point:
    at: datetime
    strength: float
    warmth: float


def monthly(store: Store, person_id: int, now: datetime, months: int = MONTHS) -> list[Point]:
    """S and W at `now` and on the same day of each of the `months` months before it (the
    last day of a shorter month), from the last point before the first interaction on (where
    both are 0): the curve starts where the tie began. Empty without any interaction."""
    _person, inputs = read_inputs(store, person_id, now)
    if not inputs.events:
        return []
    instants = [months_before(now, back) for back in range(months, -1, -1)]
    began = max(0, bisect_right(instants, inputs.events[0].at) - 1)
    shown = instants[began:]
    moments = [event.at for event in inputs.events]
    points = []
    for at, strength in zip(shown, _strengths(inputs, shown, now), strict=True):
        recent = inputs.events[bisect_left(moments, at - WARMTH_WINDOW) : bisect_right(moments, at)]
        points.append(Point(at, round(strength, 4), round(warmth(recent, at), 4)))
    return points


def _strengths(inputs: Inputs, instants: list[datetime], now: datetime) -> list[float]:
    """S at each instant (ascending), one numpy pass over the person's log."""
    import numpy as np

    from kith.relate.network import Block, Ties, strengths, take_in

    events = inputs.events
    known = inputs.known_since
    ties = Ties(
        ids=np.array([0], np.int64),
        kin=np.array([inputs.kin]),
        rating=np.array([np.nan if inputs.rating is None else float(inputs.rating)]),
        mutual=np.array([inputs.mutual_contacts], np.int64),
        known_since=np.array([np.nan if known is None else as_moment(known, now).timestamp()]),
        pinned=np.array([False]),
        entry=np.array([events[0].at.timestamp()]),
        at=instants[0].timestamp(),
    )
    log = Block(
        np.zeros(len(events), np.int64),
        np.array([event.at.timestamp() for event in events]),
        np.array([event.w() for event in events]),
        np.array([CHANNELS.index(event.channel) for event in events], np.int64),
        np.array([event.direction in ("out", "both") for event in events]),
        np.array([event.direction in ("in", "both") for event in events]),
    )
    found, previous = [], -np.inf
    for instant in instants:
        at = instant.timestamp()
        take_in(ties, log.between(previous, at), at)
        found.append(float(strengths(ties, at).s[0]))
        previous = at
    return found


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (or that month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
