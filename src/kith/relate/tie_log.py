"""One tie's log as `kith why` reads it, in either of two forms that agree: EventLog, the
events in a list for strength.py's scalar formulas (a short log, with no numpy to load), and
tie_arrays.ArrayLog, the same log on numpy arrays (a long one: one pass instead of a Python
loop over thousands of interactions). tests/test_tie_log.py holds the two equal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from kith.relate.strength import RECEIVES, SENDS, Event, Strength, tie_strength, warmth


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
