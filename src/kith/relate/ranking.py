"""How well Kith's scores foresee contact, on a timestamped message log: the ranking protocol of
the public data in the design folder (data/college-msg/SOURCES.md) and whether the weekly plan
would be empty at each cut-off. Pure: the caller reads the file and prints.

Each ego's ties are replayed with the network code the layers use (`relate.network`): every
Monday up to the cut-off steps the layers, and at the cut-off S, W, recency and the plan's
candidates are read. A message the ego sent is direction out, one received is in, channel
"message", weight 1 (one other person)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import numpy as np

from kith.relate.cadence import is_young
from kith.relate.layers import LAYERS, mondays_between
from kith.relate.network import (
    DAY,
    NO_LAYER,
    Block,
    Floats,
    Peaks,
    Scores,
    Standings,
    Ties,
    floors,
    rank_order,
    raw_layer_codes,
    step,
    strengths,
    take_in,
)
from kith.relate.priority import Candidate, Span
from kith.relate.selection import plan
from kith.relate.strength import WARMTH_HALF_LIFE_DAYS, WARMTH_SCALE, median_gap
from kith.vocab import CHANNELS

# The protocol (SOURCES.md): an ego counts at a cut-off with at least this many contacts before
# it; a contact is positive when a message is exchanged within this many days after.
MIN_CONTACTS = 5
HORIZON_DAYS = 30
# The plan is judged for egos with this many two-way contacts in this many days before the cut-off.
BUSY_CONTACTS = 5
BUSY_DAYS = 60
MESSAGE = CHANNELS.index("message")


@dataclass(frozen=True)
class Message:
    sender: int
    receiver: int
    t: float  # seconds since the epoch


@dataclass(frozen=True)
class EgoCut:
    """One ego at one cut-off: the AUC of each score (None when every label is alike) and
    whether the plan would be empty for a busy ego (None when the ego is not busy)."""

    ego: int
    cutoff_day: int
    auc: Mapping[str, float | None]
    empty_plan: bool | None
    picks: int


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """The probability a positive outranks a negative, ties one half; None without both."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = np.sort(np.array([s for s, y in zip(scores, labels, strict=True) if not y]))
    if not pos or len(neg) == 0:
        return None
    below = np.searchsorted(neg, pos, side="left")
    not_above = np.searchsorted(neg, pos, side="right")
    return float((below + (not_above - below) / 2).sum() / (len(pos) * len(neg)))


def by_ego(messages: Iterable[Message]) -> dict[int, list[tuple[int, float, bool]]]:
    """Each ego's log, in time order: (contact, time, sent by the ego)."""
    logs: dict[int, list[tuple[int, float, bool]]] = defaultdict(list)
    for m in messages:
        if m.sender == m.receiver:
            continue
        logs[m.sender].append((m.receiver, m.t, True))
        logs[m.receiver].append((m.sender, m.t, False))
    for log in logs.values():
        log.sort(key=lambda row: row[1])
    return dict(logs)


def evaluate_ego(
    ego: int, log: Sequence[tuple[int, float, bool]], start: float, cutoff_days: Sequence[int]
) -> list[EgoCut]:
    """The ego's figures at each cut-off (days after `start`), replaying its Mondays once."""
    contacts = np.array(sorted({c for c, _, _ in log}), np.int64)
    index = {int(c): k for k, c in enumerate(contacts)}
    block = _block(log, index)
    ties = _ties(contacts, block)
    standings, peaks = Standings.empty(len(contacts)), Peaks.empty(len(contacts))
    cutoffs = [start + d * DAY for d in cutoff_days]
    first = datetime.fromtimestamp(float(block.t[0]) - 1, UTC)
    mondays = [m.timestamp() for m in mondays_between(first, _moment(max(cutoffs)), UTC)]
    results, previous = [], -np.inf
    for at in sorted({*mondays, *cutoffs}):
        take_in(ties, block.between(previous, at), at)
        previous = at
        if at in mondays:
            _instant(ties, standings, peaks, at)
        if at in cutoffs:
            day = cutoff_days[cutoffs.index(at)]
            found = _at_cutoff(ego, day, ties, standings, peaks, block, at)
            if found is not None:
                results.append(found)
    return results


def _block(log: Sequence[tuple[int, float, bool]], index: Mapping[int, int]) -> Block:
    n = len(log)
    sent = np.array([s for _, _, s in log], bool)
    return Block(
        np.array([index[c] for c, _, _ in log], np.int64),
        np.array([t for _, t, _ in log], np.float64),
        np.ones(n),
        np.full(n, MESSAGE, np.int64),
        sent,
        ~sent,
    )


def _ties(contacts: np.ndarray, block: Block) -> Ties:
    n = len(contacts)
    entry = np.full(n, np.inf)
    np.minimum.at(entry, block.person, block.t)
    return Ties(
        ids=contacts,
        kin=np.zeros(n, bool),
        rating=np.full(n, np.nan),
        mutual=np.zeros(n, np.int64),
        known_since=np.full(n, np.nan),
        pinned=np.zeros(n, bool),
        entry=entry,
        at=float(block.t[0]),
    )


def _instant(ties: Ties, standings: Standings, peaks: Peaks, at: float) -> None:
    """One weekly instant, as services.ties.layer_replay evaluates it."""
    scores = strengths(ties, at)
    s_max = peaks.record(_month(at), np.where(scores.has_history, scores.s, 0.0))
    members = ties.entry <= at
    raw = raw_layer_codes(rank_order(ties, scores, s_max), floors(scores), members)
    step(standings, raw, scores.latent)


def _month(at: float) -> int:
    moment = _moment(at)
    return moment.year * 12 + moment.month - 1


def _moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)


def _at_cutoff(
    ego: int,
    day: int,
    ties: Ties,
    standings: Standings,
    peaks: Peaks,
    block: Block,
    at: float,
) -> EgoCut | None:
    known = np.flatnonzero(ties.first <= at)
    if len(known) < MIN_CONTACTS:
        return None
    scores = strengths(ties, at)
    warmth = _warmth(block, at, len(ties.ids))
    future = block.between(at, at + HORIZON_DAYS * DAY)
    labels = np.isin(known, future.person)
    chosen = {
        "S": scores.s[known],
        "W": warmth[known],
        "recency": -(at - ties.last[known]),
    }
    aucs = {name: auc(values.tolist(), labels.tolist()) for name, values in chosen.items()}
    picks = _plan_size(ties, standings, peaks, scores, warmth, block, at)
    busy = _two_way_recent(block, at) >= BUSY_CONTACTS
    return EgoCut(ego, day, aucs, (picks == 0) if busy else None, picks)


def _warmth(block: Block, at: float, n: int) -> Floats:
    """W at `at`, one point per contact, channel and UTC day (strength.by_day)."""
    past = block.between(-np.inf, at)
    if len(past.t) == 0:
        return np.zeros(n)
    day = np.floor(past.t / DAY).astype(np.int64)
    _, first = np.unique(np.stack([past.person, past.channel, day]), axis=1, return_index=True)
    age = (at - past.t[first]) / DAY
    weight = past.weight[first] * np.exp2(-age / WARMTH_HALF_LIFE_DAYS)
    total = np.bincount(past.person[first], weight, n)
    return np.asarray(1.0 - np.exp(-total / WARMTH_SCALE), np.float64)


def _two_way_recent(block: Block, at: float) -> int:
    recent = block.between(at - BUSY_DAYS * DAY, at)
    out = set(recent.person[recent.sends].tolist())
    back = set(recent.person[recent.receives].tolist())
    return len(out & back)


def _plan_size(
    ties: Ties,
    standings: Standings,
    peaks: Peaks,
    scores: Scores,
    warmth: Floats,
    block: Block,
    at: float,
) -> int:
    """How many picks the weekly plan would make at `at` from these ties alone (no hooks)."""
    now = _moment(at)
    s_max = np.maximum(peaks.s_max(_month(at)), scores.s)
    past = block.between(-np.inf, at)
    days: dict[int, list[date]] = defaultdict(list)
    for k, t in zip(past.person.tolist(), past.t.tolist(), strict=True):
        days[k].append(_moment(t).date())
    candidates = [
        Candidate(
            person_id=int(ties.ids[k]),
            layer=LAYERS[standings.layer[k] - 1] if standings.layer[k] != NO_LAYER else "L7",
            last_contact=_moment(float(ties.last[k])),
            has_history=True,
            s_max=float(s_max[k]),
            recency=float(scores.recency[k]),
            warmth=float(warmth[k]),
            tau=median_gap(days[k], now.date()),
            one_way=bool(scores.one_way[k]),
            young=is_young(_moment(float(ties.first[k])), now, two_way=not scores.one_way[k]),
        )
        for k in np.flatnonzero(np.isfinite(ties.last) & (ties.last <= at)).tolist()
    ]
    return len(plan(candidates, now, week=_week(now)))


def _week(now: datetime) -> Span:
    """The plan's week around `now`: Monday 00:00 to the next (services.week.weeks.span_of)."""
    monday = now.date() - timedelta(days=now.weekday())
    start = datetime.combine(monday, time(), tzinfo=now.tzinfo)
    return Span(start, start + timedelta(weeks=1))


def mean(values: Iterable[float | None]) -> float:
    """The mean of the defined values; nan when there are none."""
    found = [v for v in values if v is not None]
    return sum(found) / len(found) if found else math.nan
