"""Who knows whom for the whole network at once, on numpy arrays: each pair's evidence combined
by relate.mesh's noisy-OR (each kind once, its strongest; a "not" wins), and the pairs whose
jobs at one organisation overlapped a year or more (relate.mesh.overlapped, vectorised).
Tests hold both to relate.mesh on the demo and on random cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from kith.relate import mesh

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
NOT_CODE = -1  # the kind code of a pair the user marked "not"
KIND_SLOTS = 64  # kind codes run from NOT_CODE to far below this


@dataclass(frozen=True)
class Pairs:
    """Weighted pairs a < b (contact ids)."""

    a: Ints
    b: Ints
    w: Floats

    def __len__(self) -> int:
        return len(self.a)


@dataclass(frozen=True)
class Jobs:
    """Jobs at organisations, one row each: who, where (a code), how many contacts work there,
    and the span as day ordinals (start nan when unknown, end nan while current)."""

    person: Ints
    org: Ints
    size: Ints
    start: Floats
    end: Floats


def jobs_from(rows: Sequence[tuple[int, int, int, str | None, str | None]]) -> Jobs:
    """(person, organisation, its contacts, start, end) rows, dates as relate.mesh reads them."""
    start = [_ordinal(row[3], first=True) for row in rows]
    end = [_ordinal(row[4], first=False) for row in rows]
    return Jobs(
        np.array([row[0] for row in rows], np.int64),
        np.array([row[1] for row in rows], np.int64),
        np.array([row[2] for row in rows], np.int64),
        np.array(start, np.float64),
        np.array(end, np.float64),
    )


def colleagues(jobs: Jobs, today: date) -> tuple[Ints, Ints, Floats]:
    """Pairs (a < b) whose jobs at one organisation overlapped a year or more, or are both
    current, with the probability of that evidence (relate.mesh.ORG_SMALL / ORG_LARGE)."""
    found_a: list[Ints] = []
    found_b: list[Ints] = []
    found_p: list[Floats] = []
    order = np.argsort(jobs.org, kind="stable")
    orgs, starts = np.unique(jobs.org[order], return_index=True)
    bounds = [*starts.tolist(), len(order)]
    for n in range(len(orgs)):
        rows = order[bounds[n] : bounds[n + 1]]
        a, b = _overlapping(jobs, rows, float(today.toordinal()))
        size = int(jobs.size[rows[0]])
        found_a.append(a)
        found_b.append(b)
        found_p.append(
            np.full(len(a), mesh.ORG_SMALL if size <= mesh.ORG_SMALL_SIZE else mesh.ORG_LARGE)
        )
    if not found_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return np.concatenate(found_a), np.concatenate(found_b), np.concatenate(found_p)


def _overlapping(jobs: Jobs, rows: Ints, today: float) -> tuple[Ints, Ints]:
    person = jobs.person[rows]
    current = np.isnan(jobs.end[rows])
    start = jobs.start[rows]
    end = np.where(current, today, jobs.end[rows])
    both_current = current[:, None] & current[None, :]
    known = ~np.isnan(start[:, None]) & ~np.isnan(start[None, :])
    span = np.minimum(end[:, None], end[None, :]) - np.fmax(start[:, None], start[None, :])
    together = both_current | (known & (span >= mesh.OVERLAP_DAYS))
    i, j = np.nonzero(together & (person[:, None] < person[None, :]))
    return person[i], person[j]


def combine(a: Ints, b: Ints, kind: Ints, p: Floats) -> Pairs:
    """Noisy-OR per pair over its kinds of evidence, each kind's strongest once; a pair with a
    NOT_CODE row has no edge, nor does a pair whose evidence adds up to nothing."""
    if len(a) == 0:
        return Pairs(a, b, p)
    pair = a * (int(b.max()) + 1) + b  # one sortable key per pair (ids below 2^28 fit)
    key = pair * KIND_SLOTS + (kind - NOT_CODE)
    order = np.argsort(key, kind="stable")
    key, pair, kind, p = key[order], pair[order], kind[order], p[order]
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    strongest = np.maximum.reduceat(p, starts)  # each kind once, its strongest
    pair, kind, a, b = pair[starts], kind[starts], a[order][starts], b[order][starts]
    first = np.flatnonzero(np.concatenate([[True], pair[1:] != pair[:-1]]))
    missing = np.multiply.reduceat(1.0 - strongest, first)
    refused = np.logical_or.reduceat(kind == NOT_CODE, first)
    w = np.where(refused, 0.0, 1.0 - missing)
    keep = w > 0
    return Pairs(a[first][keep], b[first][keep], w[keep])


def _ordinal(text: str | None, first: bool) -> float:
    day = mesh.day_of(text, first)
    return float("nan") if day is None else float(day.toordinal())
