"""Who is eligible this week, for the whole pool at once (issue 15): τ, the cadence, ρ and the
eligibility rules of priority.py on numpy arrays, and the bound on priority bounded.py orders
the rest by, so that a Candidate is built only for those the choice completes.

priority.py, cadence.py and strength.median_gap are the reference, and these give the same
floats: the same operations in the same order (gaps in whole microseconds, as a timedelta's
total_seconds gives them; τ a median of whole days), the decays and the logistic left to the
caller's scalar math. tests/test_week_pool.py holds them to the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from kith.relate.bounded import in_completion_order, wrote_last_bound
from kith.relate.cadence import (
    DEFAULT_CADENCE_DAYS,
    TAU_CADENCE_FACTOR,
    YOUNG_CADENCE_DAYS,
    YOUNG_LAYERS,
)
from kith.relate.layers import LAYERS
from kith.relate.network import Bools, Floats, Ints
from kith.relate.priority import (
    AT_RISK_RHO,
    AT_RISK_TAU_MULTIPLE,
    ELIGIBLE_RHO,
    Span,
)
from kith.relate.selection import DUE_RHO, STRONG_LAYERS
from kith.relate.strength import (
    DORMANT_RECENCY,
    DORMANT_S_MAX,
    RHYTHM_DAYS_KEPT,
    RHYTHM_FLOOR_DAYS,
    RHYTHM_MIN_GAPS,
    RHYTHM_WINDOW_DAYS,
)

MICROS = 1_000_000
DAY_MICROS = 86_400 * MICROS
EPOCH_DAY = datetime(1970, 1, 1, tzinfo=UTC)
DAY_TEXT = 11  # "YYYY-MM-DD" and the space after it


@dataclass(frozen=True)
class Pool:
    """The week's pool as arrays aligned by person (ids ascending). Instants are whole seconds
    since the epoch (UTC); nan where there is none."""

    ids: Ints
    layer: Ints  # 1 for L1 … 7 for L7 (L7 too while the layers do not know them)
    s_max: Floats
    last: Floats  # the latest interaction
    recency: Floats  # R (priority's decay_factor, the caller's scalar pow)
    tau: Floats  # the usual gap in days (rhythm_gaps)
    young: Bools
    override_days: Floats  # the person's own cadence
    override_max: Floats
    tag_days: Floats  # the shortest tag cadence
    tag_max: Floats
    one_way: Bools
    pinned: Bools
    cool_pin: Bools  # pinned and W below PINNED_WARMTH_BELOW (the caller's scalar exp)
    snoozed: Bools
    hooks: Bools


@dataclass(frozen=True)
class Standing:
    """What eligibility worked out for each person in the pool."""

    days: Floats  # the cadence's days, nan when never due
    rho: Floats
    eligible: Bools
    strong: Bools  # eligible, in L1–L3 and due this week (the selection's first pass)
    dormant: Bools


def day_numbers(texts: Sequence[str | None]) -> tuple[Ints, Ints] | None:
    """Each row's stored contact days ("YYYY-MM-DD YYYY-MM-DD …") as days since the epoch, in
    a matrix padded with −1, and how many each row has; None when one is not in that form."""
    counts = np.array([(len(text) + 1) // DAY_TEXT if text else 0 for text in texts], np.int64)
    joined = "".join(f"{text} " for text in texts if text).encode("ascii", "replace")
    total = int(counts.sum())
    if len(joined) != total * DAY_TEXT:
        return None
    chars = np.frombuffer(joined, np.uint8).reshape(-1, DAY_TEXT)
    digits = chars[:, [0, 1, 2, 3, 5, 6, 8, 9]].astype(np.int64) - ord("0")
    dashes = chars[:, [4, 7]] == ord("-")
    if total and (digits.min() < 0 or digits.max() > 9 or not dashes.all()):
        return None
    year = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    month = digits[:, 4] * 10 + digits[:, 5]
    day = digits[:, 6] * 10 + digits[:, 7]
    width = max(int(counts.max(initial=0)), 1)
    matrix = np.full((len(counts), width), -1, np.int64)
    rows = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    matrix[rows, np.arange(total) - np.repeat(starts, counts)] = _civil_days(year, month, day)
    return matrix, counts


def _civil_days(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's days_from_civil)."""
    year = year - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    days = era * 146_097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719_468
    return np.asarray(days, np.int64)


def rhythm_gaps(matrix: Ints, counts: Ints, today: int) -> tuple[Floats, Bools]:
    """τ of each row (strength.median_gap over its days, `today` a day number), nan when it
    has none; and the rows these arrays cannot answer (days not ascending and distinct, or more
    than are kept), for the caller to work out with median_gap."""
    n, width = matrix.shape
    column = np.arange(width)
    present = column[None, :] < counts[:, None]
    ascending = np.all((np.diff(matrix, axis=1) > 0) | ~present[:, 1:], axis=1)
    unsure = ~ascending | (counts > RHYTHM_DAYS_KEPT)
    within = present & (matrix >= today - RHYTHM_WINDOW_DAYS) & (matrix <= today)
    kept = within.sum(axis=1)
    ordered = np.sort(np.where(within, matrix, np.iinfo(np.int64).max), axis=1)
    gaps = np.diff(ordered, axis=1) if width > 1 else np.zeros((n, 0), np.int64)
    many = kept - 1  # gaps between the kept days (they come first once sorted)
    real = np.arange(max(width - 1, 0))[None, :] < many[:, None]
    gaps = np.sort(np.where(real, gaps, np.iinfo(np.int64).max), axis=1)
    tau = np.full(n, np.nan)
    enough = many >= RHYTHM_MIN_GAPS
    rows = np.flatnonzero(enough)
    half = many[rows] // 2
    upper = gaps[rows, half].astype(np.float64)
    lower = gaps[rows, np.maximum(half - 1, 0)].astype(np.float64)
    median = np.where(many[rows] % 2 == 1, upper, (lower + upper) / 2)
    tau[rows] = np.maximum(RHYTHM_FLOOR_DAYS, median)
    return tau, unsure


def layer_day_table(layer_days: dict[str, float]) -> Floats:
    """Each layer's cadence (the user's setting, else the default) by layer number; nan for a
    layer never due. Index 0 is unused."""
    table = np.full(len(LAYERS) + 1, np.nan)
    for k, name in enumerate(LAYERS, start=1):
        days = layer_days.get(name, DEFAULT_CADENCE_DAYS[name])
        if days is not None:
            table[k] = float(days)
    return table


def cadences(pool: Pool, layer_days: dict[str, float]) -> tuple[Floats, Floats]:
    """cadence.cadence_for for everyone: the days (nan: never due) and the maximum gap."""
    base = layer_day_table(layer_days)[pool.layer]
    stretched = np.where(np.isnan(pool.tau), base, np.maximum(base, TAU_CADENCE_FACTOR * pool.tau))
    settling = np.where(
        np.isnan(pool.tau),
        YOUNG_CADENCE_DAYS,
        np.maximum(YOUNG_CADENCE_DAYS, TAU_CADENCE_FACTOR * pool.tau),
    )
    young_layers = [int(name[1:]) for name in YOUNG_LAYERS]
    young = pool.young & np.isin(pool.layer, young_layers) & (settling < stretched)
    days = np.where(young, settling, stretched)
    most = np.full(len(days), np.nan)
    tagged = ~np.isnan(pool.tag_days)
    days, most = np.where(tagged, pool.tag_days, days), np.where(tagged, pool.tag_max, most)
    own = ~np.isnan(pool.override_days)
    days = np.where(own, pool.override_days, days)
    return days, np.where(own, pool.override_max, most)


def standing(pool: Pool, layer_days: dict[str, float], now: datetime, week: Span) -> Standing:
    """priority.eligible for everyone in the pool at `now`, with ρ and the cadence's days."""
    days, most = cadences(pool, layer_days)
    history = ~np.isnan(pool.last)
    last_us = np.where(history, pool.last, 0).astype(np.int64) * MICROS
    gap = np.where(history, (_micros(now) - last_us) / MICROS / 86_400, np.nan)
    due = history & ~np.isnan(days)
    rho = np.where(due, gap / np.where(due, days, 1.0), 0.0)
    touched = history & (last_us >= _micros(week.start))
    falls_due = _falls_due(last_us, days, due, week)
    dormant = history & (pool.s_max >= DORMANT_S_MAX) & (pool.recency < DORMANT_RECENCY)
    with np.errstate(invalid="ignore"):
        by_tau = ~np.isnan(pool.tau) & (gap >= AT_RISK_TAU_MULTIPLE * pool.tau)
        by_max = ~np.isnan(most) & (gap >= most)
    at_risk = history & (by_tau | by_max | (rho >= AT_RISK_RHO))
    eligible = (
        ~pool.snoozed
        & ~(pool.one_way & ~pool.pinned)
        & ~touched
        & (
            (rho >= ELIGIBLE_RHO)
            | falls_due
            | dormant
            | pool.hooks
            | pool.cool_pin
            | (~np.isnan(days) & at_risk)
        )
    )
    strong_layers = [int(name[1:]) for name in STRONG_LAYERS]
    strong = eligible & np.isin(pool.layer, strong_layers) & (falls_due | (rho >= DUE_RHO))
    return Standing(days, rho, eligible, strong, dormant)


def _falls_due(last_us: Ints, days: Floats, due: Bools, week: Span) -> Bools:
    """The last contact plus the cadence before the week's end, in whole microseconds as a
    timedelta rounds them; the few within a microsecond of it are worked out with datetimes."""
    end = _micros(week.end)
    at = last_us + np.round(np.where(due, days, 0.0) * DAY_MICROS)
    found = due & (at < end)
    for k in np.flatnonzero(due & (np.abs(at - end) < 2)).tolist():
        moment = EPOCH_DAY + timedelta(microseconds=int(last_us[k]))
        found[k] = moment + timedelta(days=float(days[k])) < week.end
    return found


def _micros(moment: datetime) -> int:
    """An aware instant as whole microseconds since the epoch (exact, as timedelta is)."""
    return (moment - EPOCH_DAY) // timedelta(microseconds=1)


def ranked(pool: Pool, found: Standing) -> list[tuple[float, float, int]]:
    """The eligible people outside the selection's first pass as (bound, ρ, id), in the order
    bounded.choose completes them in."""
    rest = np.flatnonzero(found.eligible & ~found.strong)
    items = [
        (wrote_last_bound(rho, LAYERS[layer - 1], dormant, pinned, hooks), rho, pid)
        for rho, layer, dormant, pinned, hooks, pid in zip(
            found.rho[rest].tolist(),
            pool.layer[rest].tolist(),
            found.dormant[rest].tolist(),
            pool.pinned[rest].tolist(),
            pool.hooks[rest].tolist(),
            pool.ids[rest].tolist(),
            strict=True,
        )
    ]
    return in_completion_order(items)
