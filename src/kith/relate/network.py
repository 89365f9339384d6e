"""Every tie at once: S for a whole network at one instant, its raw layers and one hysteresis
step (science.md §2 and §4), on numpy arrays, so that a rebuild replays five years of Mondays
for 30,000 people in seconds.

The scalar functions of strength.py and layers.py are the reference: tests/test_network.py
holds these to them. Times are seconds since the epoch (UTC); days are UTC days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kith.relate.layers import (
    LATENT_AFTER_DAYS,
    LATENT_LAYER,
    LAYER_CAPS,
    LAYER_THRESHOLDS,
    LAYERS,
    NEW_CONTACT_CEILING,
    NO_HISTORY_CEILING,
    PROMOTE_AFTER_INSTANTS,
    QUALIFYING_DAYS,
    UNQUALIFIED_CEILING,
    demote_after_instants,
    layer_index,
)
from kith.relate.strength import (
    BALANCE_HALF_LIFE_DAYS,
    DAYS_PER_MONTH,
    DURATION_FULL_MONTHS,
    EMBEDDEDNESS_FULL,
    INTENSITY_SCALE,
    KIN_RECENCY_HALF_LIFE_DAYS,
    KIN_VOLUME_HALF_LIFE_DAYS,
    MULTIPLEXITY_SPAN,
    MULTIPLEXITY_WINDOW_DAYS,
    ONE_WAY_CAP,
    ONE_WAY_IN_CAP,
    RATING_SHARE,
    RECENCY_HALF_LIFE_DAYS,
    S_MAX_MONTHS,
    SHARE_E,
    SHARE_I,
    SHARE_L,
    SHARE_M,
    SHARE_Q,
    SHARE_R,
    VOLUME_HALF_LIFE_DAYS,
)
from kith.vocab import CHANNELS

DAY = 86_400.0
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

NO_LAYER = 0  # a person not yet in the state (before their first instant)


def _codes(layer: str) -> int:
    return layer_index(layer)


@dataclass
class Ties:
    """Every person's tie inputs and running sums as of `at` (seconds since the epoch).

    Index k is person `ids[k]`. `volume`, `sent` and `received` are decayed sums seen at `at`
    (volume with each person's half-life: 180 days for kin, else 90); `first`/`last` are the
    earliest and latest interaction (±inf without any); `channel_last[c]` the latest use of
    channel c; `days` the count of distinct UTC contact days (what L1–L4 need), `last_day` the
    latest of them."""

    ids: Ints
    kin: Bools
    rating: Floats  # nan: unrated
    mutual: Ints
    known_since: Floats  # nan: unknown
    pinned: Bools
    entry: Floats  # when the person enters the layers: first interaction or creation
    at: float
    volume: Floats = field(init=False)
    sent: Floats = field(init=False)
    received: Floats = field(init=False)
    first: Floats = field(init=False)
    last: Floats = field(init=False)
    channel_last: Floats = field(init=False)
    days: Ints = field(init=False)
    last_day: Ints = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.ids)
        self.volume, self.sent, self.received = np.zeros(n), np.zeros(n), np.zeros(n)
        self.first, self.last = np.full(n, np.inf), np.full(n, -np.inf)
        self.channel_last = np.full((len(CHANNELS), n), -np.inf)
        self.days, self.last_day = np.zeros(n, np.int64), np.full(n, -1, np.int64)

    def volume_half_life(self) -> Floats:
        return np.where(self.kin, KIN_VOLUME_HALF_LIFE_DAYS, VOLUME_HALF_LIFE_DAYS)


@dataclass(frozen=True)
class Block:
    """Interactions as tie strength sees them, one row per participant: the person's index in
    `Ties`, the time, the channel weight w_c, the channel's index in CHANNELS, and whether it
    counts as sent (out or both) and received (in or both). Sorted by time."""

    person: Ints
    t: Floats
    weight: Floats
    channel: Ints
    sends: Bools
    receives: Bools

    def between(self, start: float, end: float) -> Block:
        """The rows with start < t ≤ end."""
        lo, hi = (int(k) for k in np.searchsorted(self.t, [start, end], side="right"))
        return Block(
            self.person[lo:hi],
            self.t[lo:hi],
            self.weight[lo:hi],
            self.channel[lo:hi],
            self.sends[lo:hi],
            self.receives[lo:hi],
        )


def decay(age_days: Floats | float, half_life: Floats | float) -> Floats:
    """2^(−age/h), element-wise."""
    return np.asarray(np.exp2(-np.asarray(age_days) / half_life), dtype=np.float64)


def take_in(ties: Ties, block: Block, at: float) -> None:
    """Advance the running sums from `ties.at` to `at` and add the block's interactions (all at
    or before `at`, none before `ties.at`)."""
    n, elapsed = len(ties.ids), (at - ties.at) / DAY
    p, age = block.person, (at - block.t) / DAY
    half = ties.volume_half_life()
    weight = block.weight * _first_of_day(ties, block)
    ties.volume = ties.volume * decay(elapsed, half) + np.bincount(
        p, weight * decay(age, half[p]), minlength=n
    )
    keep, fresh = decay(elapsed, BALANCE_HALF_LIFE_DAYS), decay(age, BALANCE_HALF_LIFE_DAYS)
    ties.sent = ties.sent * keep + np.bincount(p, fresh * block.sends, minlength=n)
    ties.received = ties.received * keep + np.bincount(p, fresh * block.receives, minlength=n)
    np.minimum.at(ties.first, p, block.t)
    np.maximum.at(ties.last, p, block.t)
    np.maximum.at(ties.channel_last, (block.channel, p), block.t)
    _count_days(ties, p, np.floor(block.t / DAY).astype(np.int64))
    ties.at = at


def _first_of_day(ties: Ties, block: Block) -> Bools:
    """The rows that open a UTC day on their channel with their person (strength.by_day): the
    first of the block's, unless an earlier block already used that channel on that day."""
    if len(block.t) == 0:
        return np.zeros(0, bool)
    day = np.floor(block.t / DAY).astype(np.int64)
    key, _ = _key(block.person * len(CHANNELS) + block.channel, day)
    _, first = np.unique(key, return_index=True)
    opens = np.zeros(len(block.t), bool)
    opens[first] = True
    before = ties.channel_last[block.channel, block.person]
    seen = np.isfinite(before) & (np.floor(np.where(np.isfinite(before), before, 0) / DAY) == day)
    return np.asarray(opens & ~seen, dtype=np.bool_)


def _count_days(ties: Ties, person: Ints, day: Ints) -> None:
    """Add the block's distinct (person, day) pairs, not counting a day already counted."""
    if len(person) == 0:
        return
    key, first = _key(person, day)
    who, when = np.divmod(np.unique(key), int(day.max()) - first + 1)
    when += first
    starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])  # each person's earliest day
    repeat = np.zeros(len(who), bool)
    repeat[starts] = when[starts] == ties.last_day[who[starts]]
    ties.days += np.bincount(who[~repeat], minlength=len(ties.ids))
    ties.last_day[who] = np.maximum(ties.last_day[who], when)


def _key(group: Ints, day: Ints) -> tuple[Ints, int]:
    """One int64 per (group, day) pair, ordered as the pairs are (a 1-d np.unique sorts them
    several times faster than the pairs stacked, axis=1), and the first day: divmod by the
    days' span gives the pair back."""
    first = int(day.min())
    span = int(day.max()) - first + 1
    return np.asarray(group * span + (day - first), dtype=np.int64), first


@dataclass(frozen=True)
class Scores:
    """S for every person at one instant, what layering needs beside it, and S's parts as
    strength.Strength has them (what `kith why` explains; 0 without history but E)."""

    s: Floats
    recency: Floats
    has_history: Bools
    one_way: Bools
    qualifies: Bools
    latent: Bools  # layers.is_latent: unqualified and silent for a year
    entry: Floats  # strength.entry_strength: what the layer thresholds judge
    s_behav: Floats
    volume: Floats
    intensity: Floats
    duration: Floats
    balance: Floats
    multiplexity: Floats
    embeddedness: Floats


def strengths(ties: Ties, at: float) -> Scores:
    """S (science.md §2) for every person at `at`, not before `ties.at`."""
    elapsed = (at - ties.at) / DAY
    history = np.isfinite(ties.last)
    since_last = np.where(history, (at - ties.last) / DAY, 0.0)
    r = np.where(
        history,
        decay(since_last, np.where(ties.kin, KIN_RECENCY_HALF_LIFE_DAYS, RECENCY_HALF_LIFE_DAYS)),
        0.0,
    )
    volume = ties.volume * decay(elapsed, ties.volume_half_life())
    i = 1.0 - np.exp(-volume / INTENSITY_SCALE)
    start = np.fmin(ties.first, ties.known_since)
    months = np.where(history, (at - np.where(history, start, at)) / DAY / DAYS_PER_MONTH, 0.0)
    duration = np.minimum(1.0, np.log1p(months) / np.log1p(DURATION_FULL_MONTHS))
    keep = decay(elapsed, BALANCE_HALF_LIFE_DAYS)
    out, back = ties.sent * keep, ties.received * keep
    total = out + back
    balance = np.where(total > 0, 1.0 - np.abs(out - back) / np.where(total > 0, total, 1), 0.0)
    recent = (ties.channel_last >= at - MULTIPLEXITY_WINDOW_DAYS * DAY).sum(axis=0)
    multiplexity = np.clip((recent - 1) / MULTIPLEXITY_SPAN, 0.0, 1.0)
    embedded = np.minimum(1.0, np.log1p(ties.mutual) / np.log1p(EMBEDDEDNESS_FULL))
    behav = (
        SHARE_I * i
        + SHARE_R * r
        + SHARE_L * duration
        + SHARE_Q * balance
        + SHARE_M * multiplexity
        + SHARE_E * embedded
    )
    one_way = history & ~((ties.sent > 0) & (ties.received > 0))
    cap = np.where(ties.sent > 0, ONE_WAY_CAP, ONE_WAY_IN_CAP)
    behav = np.where(history, np.where(one_way, np.minimum(behav, cap), behav), 0.0)
    rated = RATING_SHARE * (ties.rating - 1) / 4 + (1 - RATING_SHARE) * behav
    s = np.where(np.isnan(ties.rating), behav, rated)
    qualifies = (ties.days >= QUALIFYING_DAYS) & ~one_way
    latent = history & ~qualifies & (since_last >= LATENT_AFTER_DAYS)
    reach = (
        SHARE_I
        + SHARE_R
        + SHARE_Q
        + SHARE_L * duration
        + SHARE_M * multiplexity
        + SHARE_E * embedded
    )
    share = np.minimum(1.0, behav / reach)
    rated_share = RATING_SHARE * (ties.rating - 1) / 4 + (1 - RATING_SHARE) * share
    entry = np.where(np.isnan(ties.rating), share, rated_share)
    parts = (volume, i, duration, balance, multiplexity, embedded)
    return Scores(s, r, history, one_way, qualifies, latent, entry, behav, *parts)


def floors(scores: Scores) -> Ints:
    """The innermost layer (1..7) each tie may enter, whatever the caps (layers._floor)."""
    floor = np.full(len(scores.s), _codes(UNQUALIFIED_CEILING), np.int64)
    able = scores.qualifies & scores.has_history
    for layer, threshold in reversed(LAYER_THRESHOLDS.items()):
        floor = np.where(able & (scores.entry >= threshold), _codes(layer), floor)
    floor = np.where(scores.latent, _codes(LATENT_LAYER), floor)
    return np.where(scores.has_history, floor, _codes(NO_HISTORY_CEILING))


def rank_order(ties: Ties, scores: Scores, s_max: Floats) -> Ints:
    """Indices by rank: pinned first, then S, S_max, having a last contact, its recency, id."""
    return ranked(ties.pinned, scores.s, s_max, ties.last, ties.ids)


def ranked(pinned: Bools, s: Floats, s_max: Floats, last: Floats, ids: Ints) -> Ints:
    """`rank_order`'s order from its keys: `lexsorted`'s, but one sort of −S (no stable sort
    of six keys over everyone), the pinned moved ahead, then the runs of equal keys so far
    (S equal: 1,420 of 30,000 people on profile L, those without history) ordered by the
    other keys alone; ids differ, so the order is total and the same whatever sorted it
    (tests/test_network.py holds it to `lexsorted` on seeded ties)."""
    if np.isnan(s).any():  # a sort's equal NaNs, which == does not find
        return lexsorted(pinned, s, s_max, last, ids)
    key = -s
    order = np.argsort(key)
    if pinned.any():
        ahead = pinned[order]
        order = np.concatenate([order[ahead], order[~ahead]])
    key, first = key[order], pinned[order]
    tied = np.zeros(len(order) + 1, bool)
    tied[1:-1] = (key[1:] == key[:-1]) & (first[1:] == first[:-1])
    if not tied.any():
        return order
    at = np.flatnonzero(tied[:-1] | tied[1:])  # the positions in runs of equal keys
    run = np.cumsum(~tied[:-1])[at]
    who = order[at]
    order[at] = who[lexsorted(pinned[who], s[who], s_max[who], last[who], ids[who], run)]
    return order


def lexsorted(
    pinned: Bools, s: Floats, s_max: Floats, last: Floats, ids: Ints, *runs: Ints
) -> Ints:
    """The order of the keys sorted one after the other (`runs`: a key before them all)."""
    latest = np.where(np.isfinite(last), last, 0.0)
    order: Ints = np.lexsort((ids, -latest, ~np.isfinite(last), -s_max, -s, ~pinned, *runs))
    return order


def raw_layer_codes(order: Ints, floor: Ints, members: Bools) -> Ints:
    """layers.raw_layers on codes: each member, in rank order, takes the innermost layer from
    its floor out whose cumulative cap has room, else L7. A full layer stays full, so only
    ties whose floor reaches the outermost capped layer with room are looked at; there are at
    most as many placements as the caps add up to."""
    caps = [LAYER_CAPS[layer] for layer in LAYERS[:-1]]
    placed = [0] * len(caps)
    result = np.full(len(floor), NO_LAYER, np.int64)
    ranked = order[members[order]]
    result[ranked] = len(LAYERS)
    lowest = floor[ranked] - 1  # 0-based innermost layer each may enter
    room, start = len(caps) - 1, 0  # the outermost capped layer with room; where to go on
    while room >= 0:
        positions = np.flatnonzero(lowest[start:] <= room) + start
        if len(positions) == 0:
            break
        for position in _each(positions):
            k = int(ranked[position])
            layer = next(j for j in range(int(lowest[position]), len(caps)) if placed[j] < caps[j])
            for j in range(layer, len(caps)):
                placed[j] += 1
            result[k] = layer + 1
            if placed[room] >= caps[room]:
                while room >= 0 and placed[room] >= caps[room]:
                    room -= 1
                start = position + 1
                break
        else:
            break
    return result


def _each(positions: Ints, size: int = 256) -> Iterator[int]:
    """The positions as ints, a slice at a time: a raw layering places at most the caps' sum
    (500) of the ~30,000 positions it may look at, each time a layer fills."""
    for start in range(0, len(positions), size):
        yield from positions[start : start + size].tolist()


@dataclass
class Standings:
    """Every person's layer (NO_LAYER before their first instant) and hysteresis streak."""

    layer: Ints
    above: Ints
    below: Ints
    bound: Ints  # NO_LAYER: none

    @classmethod
    def empty(cls, n: int) -> Standings:
        return cls(*(np.zeros(n, np.int64) for _ in range(4)))


# 2 × c_L in weekly instants for L1..L7 (layers.demote_after_instants; L7 never falls).
DEMOTE_AFTER = np.array(
    [0, *((demote_after_instants(layer) or np.iinfo(np.int64).max) for layer in LAYERS)], np.int64
)


def step(standings: Standings, raw: Ints, latent: Bools | None = None) -> None:
    """One weekly instant for everyone (layers.advance, layers._step): members new to the state
    start at their raw layer, capped at L4; a rise moves after 2 instants in a row, to the
    outermost raw layer of the streak; a fall after 2 × c_L instants, to the innermost; a
    `latent` tie's fall at once, to its raw layer."""
    layer, above, below, bound = standings.layer, standings.above, standings.below, standings.bound
    member = raw != NO_LAYER
    entering = member & (layer == NO_LAYER)
    present = member & ~entering
    up, down = present & (raw < layer), present & (raw > layer)
    rising = np.where(above == 0, raw, np.maximum(raw, bound))
    falling = np.where(below == 0, raw, np.minimum(raw, bound))
    promote = up & (above + 1 >= PROMOTE_AFTER_INSTANTS)
    demote = down & (below + 1 >= DEMOTE_AFTER[layer])
    if latent is not None:
        falling = np.where(latent, raw, falling)
        demote |= down & latent
    waiting_up, waiting_down = up & ~promote, down & ~demote
    new_layer = np.where(promote, rising, np.where(demote, falling, layer))
    new_layer = np.where(entering, np.maximum(raw, _codes(NEW_CONTACT_CEILING)), new_layer)
    moved = member
    standings.layer = np.where(moved, new_layer, layer)
    standings.above = np.where(moved, np.where(waiting_up, above + 1, 0), above)
    standings.below = np.where(moved, np.where(waiting_down, below + 1, 0), below)
    standings.bound = np.where(
        moved, np.where(waiting_up, rising, np.where(waiting_down, falling, NO_LAYER)), bound
    )


@dataclass
class Peaks:
    """S's monthly maxima at the instants, a ring of the last 60 months per person."""

    values: Floats  # [people, 60]
    months: Ints  # the month (year·12 + month − 1) each column holds, −1 when empty

    @classmethod
    def empty(cls, n: int) -> Peaks:
        return cls(np.zeros((n, S_MAX_MONTHS)), np.full(S_MAX_MONTHS, -1, np.int64))

    def record(self, month: int, s: Floats) -> Floats:
        """Fold S seen in `month` in, and return S_max: the highest in the last 60 months."""
        column = month % S_MAX_MONTHS
        if self.months[column] != month:
            self.values[:, column] = 0.0
            self.months[column] = month
        self.values[:, column] = np.maximum(self.values[:, column], s)
        return self.s_max(month)

    def s_max(self, month: int) -> Floats:
        valid = (self.months > month - S_MAX_MONTHS) & (self.months <= month)
        if not valid.any():
            return np.zeros(len(self.values))
        if valid.all():  # the ring full and current: no copy of the columns first
            return np.asarray(self.values.max(axis=1), dtype=np.float64)
        return np.asarray(self.values[:, valid].max(axis=1), dtype=np.float64)
