"""The week's pool on arrays (issue 15): who may be picked this week, read in one query and
judged by relate.week_pool, so that a Candidate is built only for those the bounded choice
completes. The same people as services/plan.py's `_eligible` (the reference, which builds one
for everyone): the stored layers' pool, pins, own cadences, dormant ties, and the people with
a hook or a tag cadence, minus the muted and archived. numpy: imported by the week's choice
only."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from kith.clock import to_utc_text
from kith.relate.cadence import YOUNG_TIE_DAYS, Override
from kith.relate.decay import decay_factor
from kith.relate.layers import layer_index
from kith.relate.priority import PINNED_WARMTH_BELOW, Span
from kith.relate.strength import (
    DORMANT_S_MAX,
    KIN_RECENCY_HALF_LIFE_DAYS,
    RECENCY_HALF_LIFE_DAYS,
    median_gap,
)
from kith.relate.week_pool import Pool, day_numbers, ranked, rhythm_gaps, standing
from kith.store import Store

MICROS = 10**6
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Eligible:
    """The week's eligible people as the bounded choice takes them."""

    strong: list[int]  # L1–L3 ties due this week, by id
    rest: list[tuple[float, float, int]]  # everyone else eligible: (bound, ρ, id), best first


def eligible_pool(
    store: Store,
    now: datetime,
    week: Span,
    hooked: Collection[int],
    tag_cadences: dict[str, Override],
    layer_days: dict[str, float],
    silent_since: datetime,
    taken: Collection[int] = (),
) -> Eligible:
    """Everyone eligible this week (`taken`: picks already done, left out), from the pool."""
    tagged = store.plan.tagged(list(tag_cadences))
    rows = [
        row
        for row in store.plan.pool_rows(
            DORMANT_S_MAX, to_utc_text(silent_since), [*hooked, *tagged]
        )
        if row[0] not in taken
    ]
    pool = _pool(store, rows, now, hooked, tag_cadences, set(tagged))
    found = standing(pool, layer_days, now, week)
    return Eligible(pool.ids[found.strong].tolist(), ranked(pool, found))


def _pool(
    store: Store,
    rows: list[tuple[Any, ...]],
    now: datetime,
    hooked: Collection[int],
    tag_cadences: dict[str, Override],
    tagged: set[int],
) -> Pool:
    if not rows:
        return _empty()
    columns = list(zip(*rows, strict=True))
    ids, layers, s_max, last, pinned, snoozed, own, own_most = columns[:8]
    warmth, warmth_as_of, sent, received, days, kin, first_at, known_since = columns[8:]
    now_us = (now - EPOCH) // timedelta(microseconds=1)
    history = [at is not None for at in last]
    gaps = [(now_us - at * MICROS) / MICROS / 86_400 if at is not None else 0.0 for at in last]
    recency = [
        decay_factor(max(gap, 0.0), KIN_RECENCY_HALF_LIFE_DAYS if k else RECENCY_HALF_LIFE_DAYS)
        if seen
        else 0.0
        for gap, k, seen in zip(gaps, kin, history, strict=True)
    ]
    two_way = [s > 0 and r > 0 for s, r in zip(sent, received, strict=True)]
    tag_days, tag_most = _tag_cadences(store, ids, tagged, tag_cadences)
    midnights = _Midnights(now)
    return Pool(
        ids=np.array(ids, np.int64),
        layer=np.array([layer_index(name) if name else 7 for name in layers], np.int64),
        s_max=np.array(s_max, np.float64),
        last=_floats(last),
        recency=np.array(recency, np.float64),
        tau=_taus(days, now),
        young=np.array(
            [
                pair and _young(first, known, now_us, midnights)
                for pair, first, known in zip(two_way, first_at, known_since, strict=True)
            ],
            bool,
        ),
        override_days=_floats([days_ if days_ else None for days_ in own]),
        override_max=np.array(
            [
                most if days_ and most is not None else np.nan
                for days_, most in zip(own, own_most, strict=True)
            ],
            np.float64,
        ),
        tag_days=tag_days,
        tag_max=tag_most,
        one_way=np.array(
            [seen and not pair for seen, pair in zip(history, two_way, strict=True)], bool
        ),
        pinned=np.array(pinned, bool),
        cool_pin=np.array(
            [
                bool(pin) and _warmth(w, as_of, now) < PINNED_WARMTH_BELOW
                for pin, w, as_of in zip(pinned, warmth, warmth_as_of, strict=True)
            ],
            bool,
        ),
        snoozed=np.array(
            [until is not None and until * MICROS > now_us for until in snoozed], bool
        ),
        hooks=np.array([pid in hooked for pid in ids], bool),
    )


def _floats(values: Any) -> Any:
    return np.array([np.nan if v is None else v for v in values], np.float64)


def _taus(texts: tuple[str | None, ...], now: datetime) -> Any:
    """τ for each row: on arrays, and by median_gap for any row they cannot answer."""
    today = now.astimezone(UTC).date()
    parsed = day_numbers(texts)
    if parsed is None:
        unsure = np.ones(len(texts), bool)
        tau = np.full(len(texts), np.nan)
    else:
        tau, unsure = rhythm_gaps(*parsed, (today - date(1970, 1, 1)).days)
    for k in np.flatnonzero(unsure).tolist():
        found = median_gap(
            [d for d in map(date.fromisoformat, str(texts[k] or "").split()) if d <= today], today
        )
        tau[k] = np.nan if found is None else found
    return tau


def _young(first: int | None, known: str | None, now_us: int, midnights: _Midnights) -> bool:
    """cadence.is_young of a two-way tie: first known (the first interaction, or midnight of
    `known since` in now's zone) under 90 days ago."""
    starts = [first * MICROS] if first is not None else []
    if known:
        starts.append(midnights[known[:10]])
    if not starts:
        return False
    return (now_us - min(starts)) / MICROS / 86_400 < YOUNG_TIE_DAYS


class _Midnights(dict[str, int]):
    """Microseconds since the epoch of a day's midnight in now's zone, each day worked out once."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.zone = now.tzinfo

    def __missing__(self, day: str) -> int:
        midnight = datetime.combine(date.fromisoformat(day), time(), tzinfo=self.zone)
        found = self[day] = (midnight - EPOCH) // timedelta(microseconds=1)
        return found


def _warmth(warmth: float, as_of: str | None, now: datetime) -> float:
    from kith.services.plan import warmth_at

    return warmth_at(warmth, as_of, now)


def _tag_cadences(
    store: Store, ids: tuple[int, ...], tagged: set[int], tag_cadences: dict[str, Override]
) -> tuple[Any, Any]:
    """The shortest tag cadence of each person holding one (cadence_for's `min`)."""
    days, most = np.full(len(ids), np.nan), np.full(len(ids), np.nan)
    holders = [k for k, pid in enumerate(ids) if pid in tagged]
    if not holders:
        return days, most
    tags = store.plan.tags([ids[k] for k in holders])
    for k in holders:
        overrides = [tag_cadences[name] for name, _ in tags.get(ids[k], []) if name in tag_cadences]
        if overrides:
            shortest = min(overrides, key=lambda tag: tag.ideal_days)
            days[k] = shortest.ideal_days
            most[k] = np.nan if shortest.max_days is None else shortest.max_days
    return days, most


def _empty() -> Pool:
    none = np.zeros(0)
    flags = np.zeros(0, bool)
    return Pool(
        ids=none.astype(np.int64),
        layer=none.astype(np.int64),
        s_max=none,
        last=none,
        recency=none,
        tau=none,
        young=flags,
        override_days=none,
        override_max=none,
        tag_days=none,
        tag_max=none,
        one_way=flags,
        pinned=flags,
        cool_pin=flags,
        snoozed=flags,
        hooks=flags,
    )
