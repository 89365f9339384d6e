"""One tie's log as `kith why` reads it, in any of three forms that agree: SummedLog, the sums
the store keeps per tie (the `tie` row's decayed sums, the channels' latest uses and the log
grouped by UTC day: what `kith why` reads, at a cost that does not grow with the interactions
of a day), EventLog, the events in a list for strength.py's scalar formulas (the reference, and
what a clock set back before the latest interaction reads), and tie_arrays.ArrayLog, the same
log on numpy arrays (the person page's chart). tests/test_tie_log.py and tests/test_why_sums.py
hold them equal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from kith.relate.decay import Decayed, age_days
from kith.relate.strength import (
    MULTIPLEXITY_WINDOW_DAYS,
    RECEIVES,
    SENDS,
    Event,
    Strength,
    as_moment,
    balance_of,
    combined,
    duration_from,
    multiplexity_of,
    one_way_of,
    recency_since,
    tie_strength,
    warmth,
    warmth_of,
)


@dataclass(frozen=True)
class Bearings:
    """What S reads beside the log (strength.tie_strength's keywords)."""

    known_since: date | None = None
    mutual_contacts: int = 0
    rating: int | None = None
    kin: bool = False


class TieLog(Protocol):
    """A person's interactions up to now, oldest first, and what is computed from them."""

    def __len__(self) -> int: ...

    @property
    def first(self) -> datetime | None: ...

    @property
    def last(self) -> datetime | None: ...

    @property
    def sent(self) -> int:
        """Interactions out or both: the user reached out."""

    @property
    def received(self) -> int:
        """Interactions in or both: they did."""

    def strength(self, now: datetime, bearings: Bearings) -> Strength:
        """strength.tie_strength as of `now`."""

    def warmth(self, now: datetime) -> float:
        """strength.warmth as of `now`."""

    def channels_since(self, moment: datetime) -> set[str]:
        """The channels used at or after `moment`."""

    def days(self, zone: tzinfo) -> list[date]:
        """The distinct days of contact in `zone`, ascending."""


@dataclass(frozen=True)
class EventLog:
    """The log as a list of events: strength.py's scalar formulas."""

    events: Sequence[Event]

    def __len__(self) -> int:
        return len(self.events)

    @property
    def first(self) -> datetime | None:
        return self.events[0].at if self.events else None

    @property
    def last(self) -> datetime | None:
        return self.events[-1].at if self.events else None

    @property
    def sent(self) -> int:
        return sum(1 for event in self.events if event.direction in SENDS)

    @property
    def received(self) -> int:
        return sum(1 for event in self.events if event.direction in RECEIVES)

    def strength(self, now: datetime, bearings: Bearings) -> Strength:
        return tie_strength(self.events, now, **vars(bearings))

    def warmth(self, now: datetime) -> float:
        return warmth(self.events, now)

    def channels_since(self, moment: datetime) -> set[str]:
        return {event.channel for event in self.events if event.at >= moment}

    def days(self, zone: tzinfo) -> list[date]:
        return sorted({event.at.astimezone(zone).date() for event in self.events})


@dataclass(frozen=True)
class Day:
    """One UTC day of the log: its first and latest interaction, and how many there were, went
    out (out or both) and came back (in or both)."""

    first: datetime
    last: datetime
    interactions: int
    sent: int
    received: int


@dataclass(frozen=True)
class SummedLog:
    """tie_log.TieLog from what the store keeps per tie, as of any moment not before `last`:
    the decayed sums (each as of its moment), the latest use of each channel, and the log's UTC
    days (`days`, ascending). S, W and the counts equal EventLog's to the rounding of a sum
    carried forward (within 1e-9); the rest (first, last, channels, local days) exactly."""

    first: datetime
    last: datetime
    volume: Decayed
    kin_volume: Decayed
    warmth_sum: Decayed
    sent_sum: Decayed
    received_sum: Decayed
    channel_last: Mapping[str, datetime]
    utc_days: Sequence[Day]

    def __len__(self) -> int:
        return sum(day.interactions for day in self.utc_days)

    @property
    def sent(self) -> int:
        return sum(day.sent for day in self.utc_days)

    @property
    def received(self) -> int:
        return sum(day.received for day in self.utc_days)

    def strength(self, now: datetime, bearings: Bearings) -> Strength:
        """strength.tie_strength's parts, each from its sum seen at `now`."""
        d = (self.kin_volume if bearings.kin else self.volume).at(now)
        start = self.first
        if bearings.known_since is not None:
            start = min(start, as_moment(bearings.known_since, now))
        window = MULTIPLEXITY_WINDOW_DAYS
        used = sum(1 for at in self.channel_last.values() if age_days(at, now) <= window)
        return combined(
            d,
            recency_since(self.last, now, kin=bearings.kin),
            duration_from(start, now),
            balance_of(self.sent_sum.at(now), self.received_sum.at(now)),
            multiplexity_of(used),
            bearings.mutual_contacts,
            one_way_of(self.sent > 0, self.received > 0),
            bearings.rating,
        )

    def warmth(self, now: datetime) -> float:
        return warmth_of(self.warmth_sum.at(now))

    def channels_since(self, moment: datetime) -> set[str]:
        return {channel for channel, at in self.channel_last.items() if at >= moment}

    def days(self, zone: tzinfo) -> list[date]:
        """The calendar days of each UTC day's first and latest interaction in `zone`, and any
        between them: a zone's date never goes back, and a UTC day meets at most two."""
        found: set[date] = set()
        for day in self.utc_days:
            start, end = day.first.astimezone(zone).date(), day.last.astimezone(zone).date()
            found.update(start + timedelta(days=k) for k in range((end - start).days + 1))
        return sorted(found)
