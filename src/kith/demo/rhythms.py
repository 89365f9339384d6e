"""Rhythms of contact (weekly, monthly, ... dormant) and the interactions they produce."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TypeVar

from kith.demo.circles import Circle
from kith.demo.vocabulary import (
    INTERACTION_NOTES,
    KIND_SHARES,
    KIND_SUMMARIES,
    RARE_NOTES,
    RARE_WORD_SHARE,
    SUMMARIES,
    TOPICS,
)
from kith.records import InteractionRecord

HISTORY_DAYS = 1800  # nothing is generated further back: under five years
NOTES_SHARE = 0.4  # interactions with a note beside the summary
TWO_SIDED = frozenset({"call", "video", "in_person", "event"})
DAY_START = 8 * 3600  # interactions happen between 08:00 and 20:00 local time
DAY_LENGTH = 12 * 3600
TABLE_SIZE = 10_000  # slots in a lookup table: shares are kept to a hundredth of a percent
T = TypeVar("T")


@dataclass(frozen=True)
class Rhythm:
    name: str
    period: float  # the usual gap in days (each gap varies by ±50%)
    last: tuple[int, int]  # days since the latest contact
    span: tuple[int, int]  # days from the first contact to the latest


RHYTHMS = {
    rhythm.name: rhythm
    for rhythm in (
        Rhythm("weekly", 7, (1, 9), (250, 700)),
        Rhythm("fortnightly", 14, (2, 16), (200, 800)),
        Rhythm("monthly", 30, (4, 40), (300, 1100)),
        Rhythm("quarterly", 91, (10, 120), (300, 1500)),
        Rhythm("yearly", 365, (30, 360), (400, 1400)),
        Rhythm("dormant", 30, (420, 1000), (200, 700)),
        Rhythm("fresh", 9, (1, 20), (10, 70)),
        Rhythm("none", 0, (0, 0), (0, 0)),
    )
}


def contact_days(rng: random.Random, rhythm: Rhythm, cap: int = HISTORY_DAYS) -> list[int]:
    """Days before now of each contact in this rhythm, newest first, none beyond `cap`."""
    if rhythm.period == 0:
        return []
    latest = rng.randint(*rhythm.last)
    oldest = min(cap, HISTORY_DAYS, latest + rng.randint(*rhythm.span))
    days = []
    age = float(min(latest, oldest))
    while age <= oldest:
        days.append(int(age))
        age += rhythm.period * rng.uniform(0.5, 1.5)
    return days


class SummaryPool:
    """Every summary a circle's interactions can have, by channel and by kind, formatted once."""

    def __init__(self, circle: Circle) -> None:
        topics = self.topics = TOPICS[circle.tag]
        self.channels = circle.channel_table
        self.by_channel = {
            channel: tuple(t.format(topic=topic) for t in templates for topic in topics)
            for channel, templates in SUMMARIES.items()
        }
        self.by_kind = {
            kind: tuple(t.format(topic=topic) for t in templates for topic in topics)
            for kind, templates in KIND_SUMMARIES.items()
        }


class InteractionMaker:
    """Turns "someone in this circle, so many days ago" into an InteractionRecord.

    `now` is the only clock; every moment is in the past, in `now`'s time zone. Choices are
    made by indexing tables with one draw each: this runs a million times for profile L.
    """

    def __init__(self, rng: random.Random, now: datetime, prefix: str = "i") -> None:
        self.rng = rng
        self.random = rng.random
        self.now = now
        self.midnight = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
        self.prefix = prefix
        self.made = 0
        self.pools: dict[str, SummaryPool] = {}
        self.kinds = _table(KIND_SHARES, "checkin")
        rare = tuple((note, RARE_WORD_SHARE / len(RARE_NOTES)) for note in RARE_NOTES)
        plain = tuple((note, NOTES_SHARE / len(INTERACTION_NOTES)) for note in INTERACTION_NOTES)
        self.notes: tuple[str | None, ...] = _table(rare + plain, None)

    def new_id(self) -> str:
        self.made += 1
        return f"{self.prefix}{self.made:07d}"

    def moment(self, days_ago: int) -> datetime:
        """A daytime moment `days_ago` days before today; never after now."""
        seconds = DAY_START + int(self.random() * DAY_LENGTH)
        at = self.midnight - timedelta(days=days_ago, seconds=-seconds)
        if at >= self.now:
            at = self.now - timedelta(minutes=5 + int(self.random() * 90))
        return at

    def make(
        self,
        who: tuple[str, ...],
        circle: Circle,
        days_ago: int,
        p_out: float,
        *,
        channel: str | None = None,
        event: str | None = None,
    ) -> InteractionRecord:
        draw = self.random
        pool = self.pools.get(circle.tag) or self._pool(circle)
        chosen = channel or pool.channels[int(draw() * len(pool.channels))]
        kind = self.kinds[int(draw() * len(self.kinds))]
        summaries = pool.by_channel[chosen] if kind == "checkin" else pool.by_kind[kind]
        self.made += 1
        at, direction = self.moment(days_ago), _direction(draw(), chosen, p_out)
        index = int(draw() * len(summaries))  # templates × topics: the topic is index mod n
        return InteractionRecord(
            f"{self.prefix}{self.made:07d}",
            at,
            chosen,
            direction,
            summaries[index],
            who,
            kind,
            self.notes[int(draw() * len(self.notes))],
            event,
            topic=pool.topics[index % len(pool.topics)],
        )

    def _pool(self, circle: Circle) -> SummaryPool:
        found = self.pools[circle.tag] = SummaryPool(circle)
        return found


def _direction(draw: float, channel: str, p_out: float) -> str:
    if channel in TWO_SIDED:
        return "both" if draw < 0.8 else ("out" if draw < 0.9 else "in")
    return "out" if draw < p_out else "in"


def _table(shares: tuple[tuple[T, float], ...], rest: T) -> tuple[T, ...]:
    """A lookup table of TABLE_SIZE slots: each value in proportion to its share, `rest` after."""
    table: list[T] = []
    for value, share in shares:
        table += [value] * round(share * TABLE_SIZE)
    return tuple(table + [rest] * (TABLE_SIZE - len(table)))
