"""One tie from its own log on numpy arrays (a network.Block whose rows are all person 0): S
and its parts through network.take_in and network.strengths (the replay's code), at one instant
or stepped from instant to instant; warmth W; and the calendar days of the log in the user's
zone. The scalar formulas of strength.py are the reference: tests/test_tie_log.py holds these
to them on seeded histories, so the person page's chart (and `kith why` asked for arrays)
costs one numpy pass over thousands of interactions instead of a Python loop over each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timezone, tzinfo

import numpy as np

from kith.relate.network import DAY, Block, Bools, Floats, Ints, Scores, Ties, strengths, take_in
from kith.relate.strength import (
    NO_HISTORY,
    ONE_WAY_IN,
    ONE_WAY_OUT,
    WARMTH_HALF_LIFE_DAYS,
    WARMTH_SCALE,
    Event,
    Strength,
    as_moment,
    rated,
)
from kith.relate.tie_log import Bearings
from kith.vocab import CHANNELS


@dataclass(frozen=True)
class ArrayLog:
    """tie_log.TieLog on arrays: the rows of `block` (all of one person, by time)."""

    block: Block

    def __len__(self) -> int:
        return len(self.block.t)

    @property
    def first(self) -> datetime | None:
        return as_instant(float(self.block.t[0])) if len(self) else None

    @property
    def last(self) -> datetime | None:
        return as_instant(float(self.block.t[-1])) if len(self) else None

    @property
    def sent(self) -> int:
        return int(self.block.sends.sum())

    @property
    def received(self) -> int:
        return int(self.block.receives.sum())

    def strength(self, now: datetime, bearings: Bearings) -> Strength:
        return tie_strength(self.block, now, **vars(bearings))

    def warmth(self, now: datetime) -> float:
        return warmth(self.block, now)

    def channels_since(self, moment: datetime) -> set[str]:
        used = self.block.channel[self.block.t >= moment.timestamp()]
        return {CHANNELS[k] for k in np.unique(used).tolist()}

    def days(self, zone: tzinfo) -> list[date]:
        return as_dates(np.unique(local_days(self.block.t, zone)))


def log_of(events: Sequence[Event]) -> Block:
    """A list of events (oldest first) as one tie's log, with each event's weight w."""
    return Block(
        np.zeros(len(events), np.int64),
        np.array([event.at.timestamp() for event in events], np.float64),
        np.array([event.w() for event in events], np.float64),
        np.array([CHANNELS.index(event.channel) for event in events], np.int64),
        np.array([event.direction in ("out", "both") for event in events], bool),
        np.array([event.direction in ("in", "both") for event in events], bool),
    )


def tie_strength(
    log: Block,
    now: datetime,
    *,
    known_since: date | None = None,
    mutual_contacts: int = 0,
    rating: int | None = None,
    kin: bool = False,
) -> Strength:
    """strength.tie_strength of the log's rows up to `now`, every part of it."""
    log = log.between(-np.inf, now.timestamp())
    if len(log.t) == 0:
        return Strength(rated(rating, 0.0), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, NO_HISTORY)
    scores = next(_replay(log, [now], known_since, mutual_contacts, rating, kin))
    label = None
    if not log.receives.any():
        label = ONE_WAY_OUT
    elif not log.sends.any():
        label = ONE_WAY_IN
    return Strength(
        float(scores.s[0]),
        float(scores.s_behav[0]),
        float(scores.volume[0]),
        float(scores.intensity[0]),
        float(scores.recency[0]),
        float(scores.duration[0]),
        float(scores.balance[0]),
        float(scores.multiplexity[0]),
        float(scores.embeddedness[0]),
        label,
    )


def strengths_at(
    log: Block,
    instants: Sequence[datetime],
    *,
    known_since: date | None = None,
    mutual_contacts: int = 0,
    rating: int | None = None,
    kin: bool = False,
) -> list[float]:
    """S at each of `instants` (ascending, none before the log's first row), the running sums
    advanced from one to the next: one pass over the log however many instants."""
    found = _replay(log, instants, known_since, mutual_contacts, rating, kin)
    return [float(scores.s[0]) for scores in found]


def _replay(
    log: Block,
    instants: Sequence[datetime],
    known_since: date | None,
    mutual: int,
    rating: int | None,
    kin: bool,
) -> Iterator[Scores]:
    first = instants[0]
    known = np.nan if known_since is None else as_moment(known_since, first).timestamp()
    ties = Ties(
        ids=np.array([0], np.int64),
        kin=np.array([kin]),
        rating=np.array([np.nan if rating is None else float(rating)]),
        mutual=np.array([mutual], np.int64),
        known_since=np.array([known]),
        pinned=np.array([False]),
        entry=np.array([log.t[0] if len(log.t) else first.timestamp()]),
        at=first.timestamp(),
    )
    previous = -np.inf
    for instant in instants:
        at = instant.timestamp()
        take_in(ties, log.between(previous, at), at)
        yield strengths(ties, at)
        previous = at


def opens_day(log: Block) -> Bools:
    """The rows that open their UTC day on their channel (strength.by_day): a day's messages
    on one channel are one contact, counted at its first."""
    if len(log.t) == 0:
        return np.zeros(0, bool)
    day = np.floor(log.t / DAY).astype(np.int64)
    _, first = np.unique(day * len(CHANNELS) + log.channel, return_index=True)
    opens = np.zeros(len(log.t), bool)
    opens[first] = True
    return opens


def warmth(log: Block, at: datetime, opens: Bools | None = None) -> float:
    """strength.warmth of the log's rows up to `at`; `opens`: opens_day(log), when the caller
    asks at many instants (a day's first row is the same in every prefix of the log)."""
    opens = opens_day(log) if opens is None else opens
    moment = at.timestamp()
    upto = int(np.searchsorted(log.t, moment, side="right"))
    counted = opens[:upto]
    age = (moment - log.t[:upto][counted]) / DAY
    total = float((log.weight[:upto][counted] * np.exp2(-age / WARMTH_HALF_LIFE_DAYS)).sum())
    return float(1.0 - np.exp(-total / WARMTH_SCALE))


def local_days(t: Floats, zone: tzinfo) -> Ints:
    """The calendar day of each instant in `zone`, as days since 1970-01-01. The zone's offset
    is read at the start of each UTC day the instants fall on and of the day after; on a day
    it changes (a zone changes it at most once a day), again at each instant of that day."""
    if isinstance(zone, timezone) or len(t) == 0:  # a fixed offset, UTC among them
        return _days(t, np.full(len(t), _offsets(np.zeros(1), zone)[0]))
    utc = np.floor(t / DAY).astype(np.int64)
    days = np.unique(utc)
    edges = np.union1d(days, days + 1)
    offsets = _offsets(edges * np.float64(DAY), zone)
    start = offsets[np.searchsorted(edges, utc)]
    changing = start != offsets[np.searchsorted(edges, utc + 1)]
    shift = start.copy()
    if changing.any():
        shift[changing] = _offsets(t[changing], zone)
    return _days(t, shift)


def _days(t: Floats, shift: Floats) -> Ints:
    return np.asarray(np.floor((t + shift) / DAY), dtype=np.int64)


def _offsets(seconds: Floats, zone: tzinfo) -> Floats:
    """The zone's offset from UTC at each instant, in seconds."""
    found = []
    for moment in seconds.tolist():
        offset = datetime.fromtimestamp(moment, zone).utcoffset()
        found.append(0.0 if offset is None else offset.total_seconds())
    return np.array(found, np.float64)


EPOCH = date(1970, 1, 1).toordinal()


def as_dates(days: Ints) -> list[date]:
    """Days since 1970-01-01 as dates."""
    return [date.fromordinal(EPOCH + day) for day in days.tolist()]


def as_instant(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
