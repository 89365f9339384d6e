"""Circles, pure: the groups the user's contacts form among themselves, found by community
detection on who knows whom (Leiden, maximising modularity, seeded), kept stable from one run
to the next, and named after what most of their people share.

Stability has two parts. A full detection keeps each previous circle's id for the new group it
overlaps most (greedy, largest overlaps first). Between full detections only the people whose
evidence changed (their neighbours or the weights to them, seen by a digest) are moved, one at
a time, to the neighbouring circle that gains most modularity (Blondel et al. 2008's local
move); everyone else stays where they were. Tags and companies only name a circle.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

SEED = 7  # [H] any fixed seed: the same evidence gives the same circles
RESOLUTION = 1.0  # modularity's γ: larger splits circles finer
MOVE_PASSES = 10  # local moves stop earlier when a pass moves nobody
NO_CIRCLE = -1
NAME_MIN_SHARE = 0.5  # [H] a label names a circle when at least half its people carry it
WEIGHT_DECIMALS = 4  # weights are compared at this precision to decide who changed
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX_W = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True)
class Graph:
    """Nodes 0..n-1 and weighted edges a < b."""

    n: int
    a: Ints
    b: Ints
    w: Floats


def detect(graph: Graph, seed: int = SEED) -> Ints:
    """A circle label per node by Leiden (igraph's, modularity, run until stable); NO_CIRCLE
    for nodes without edges."""
    import igraph  # loaded only when circles are detected afresh (0.2 s)

    linked = np.zeros(graph.n, bool)
    linked[graph.a] = True
    linked[graph.b] = True
    labels = np.full(graph.n, NO_CIRCLE, np.int64)
    if not linked.any():
        return labels
    g = igraph.Graph(n=graph.n, edges=np.column_stack([graph.a, graph.b]).astype(np.int32))
    igraph.set_random_number_generator(random.Random(seed))
    found = g.community_leiden(
        objective_function="modularity",
        weights=graph.w.tolist(),
        resolution=RESOLUTION,
        n_iterations=-1,
    )
    labels[linked] = np.asarray(found.membership, np.int64)[linked]
    return labels


def digests(graph: Graph) -> list[str]:
    """For each node, a digest of its neighbours and the weights to them: equal exactly when
    neither changed (up to WEIGHT_DECIMALS)."""
    weight = np.round(graph.w * 10**WEIGHT_DECIMALS).astype(np.uint64)
    total = np.zeros(graph.n, np.uint64)
    with np.errstate(over="ignore"):
        np.add.at(total, graph.a, graph.b.astype(np.uint64) * _MIX + weight * _MIX_W)
        np.add.at(total, graph.b, graph.a.astype(np.uint64) * _MIX + weight * _MIX_W)
    degree = np.bincount(graph.a, minlength=graph.n) + np.bincount(graph.b, minlength=graph.n)
    return [f"{d}:{t:016x}" for d, t in zip(degree.tolist(), total.tolist(), strict=True)]


def local_moves(graph: Graph, labels: Ints, movable: Sequence[int], frozen: Iterable[int]) -> Ints:
    """Move each movable node to the neighbouring circle with the largest modularity gain (its
    own circle on a tie; a circle of its own when none gains), until a pass moves nobody.
    Nobody moves into a frozen (pinned) circle. Other nodes keep their labels."""
    labels = labels.copy()
    locked = set(frozen)
    indptr, indices, weights = _adjacency(graph)
    degree = np.bincount(indices, weights=weights, minlength=graph.n).astype(np.float64)
    twice_m = float(degree.sum())
    alone = np.isin(np.arange(graph.n), list(movable)) & (degree == 0)
    if twice_m == 0:
        return np.where(alone, NO_CIRCLE, labels)
    totals: defaultdict[int, float] = defaultdict(float)
    for node, label in enumerate(labels.tolist()):
        if label != NO_CIRCLE:
            totals[label] += float(degree[node])
    fresh = int(labels.max(initial=0)) + 1
    for _ in range(MOVE_PASSES):
        moved = False
        for node in movable:
            best = _best_circle(
                node, labels, totals, locked, degree, twice_m, indptr, indices, weights
            )
            if best is None:
                best, fresh = fresh, fresh + 1
            if best != labels[node]:
                old = int(labels[node])
                if old != NO_CIRCLE:
                    totals[old] -= float(degree[node])
                totals[best] += float(degree[node])
                labels[node] = best
                moved = True
        if not moved:
            break
    labels[alone] = NO_CIRCLE  # a movable node that lost every tie leaves its circle
    return labels


def _best_circle(
    node: int,
    labels: Ints,
    totals: defaultdict[int, float],
    locked: set[int],
    degree: Floats,
    twice_m: float,
    indptr: Ints,
    indices: Ints,
    weights: Floats,
) -> int | None:
    """The circle where `node` gains most (modularity, resolution RESOLUTION); None: alone."""
    k = float(degree[node])
    if k == 0:
        return None
    own = int(labels[node])
    links: defaultdict[int, float] = defaultdict(float)
    for j, w in zip(
        indices[indptr[node] : indptr[node + 1]].tolist(),
        weights[indptr[node] : indptr[node + 1]].tolist(),
        strict=True,
    ):
        label = int(labels[j])
        if label != NO_CIRCLE and (label not in locked or label == own):
            links[label] += w

    def gain(label: int) -> float:
        rest = totals[label] - (k if label == own else 0.0)
        return links[label] - RESOLUTION * rest * k / twice_m

    best, best_gain = None, 0.0
    if own != NO_CIRCLE and own in links:
        best, best_gain = own, gain(own)
    for label in sorted(links):
        if gain(label) > best_gain + 1e-12:
            best, best_gain = label, gain(label)
    return best


def _adjacency(graph: Graph) -> tuple[Ints, Ints, Floats]:
    """Compressed rows: each node's neighbours and weights, both directions."""
    rows = np.concatenate([graph.a, graph.b])
    cols = np.concatenate([graph.b, graph.a])
    weights = np.concatenate([graph.w, graph.w])
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(graph.n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=graph.n), out=indptr[1:])
    return indptr, cols[order], weights[order]


def groups(labels: Ints) -> dict[int, list[int]]:
    """Nodes by label, NO_CIRCLE left out."""
    found: dict[int, list[int]] = {}
    for node, label in enumerate(labels.tolist()):
        if label != NO_CIRCLE:
            found.setdefault(label, []).append(node)
    return found


def match(
    previous: Mapping[int, int], found: Sequence[Sequence[int]], taken: Iterable[int] = ()
) -> list[int | None]:
    """For each found group (of people), the previous circle id it keeps: the one it overlaps
    most, largest overlaps first, each id at most once, ids in `taken` never; None: new."""
    overlaps: Counter[tuple[int, int]] = Counter()
    for index, members in enumerate(found):
        for person in members:
            if person in previous:
                overlaps[(index, previous[person])] += 1
    used = set(taken)
    kept: list[int | None] = [None] * len(found)
    for (index, circle), _ in sorted(overlaps.items(), key=lambda item: (-item[1], item[0])):
        if kept[index] is None and circle not in used:
            kept[index] = circle
            used.add(circle)
    return kept


def name_for(labels: Sequence[Sequence[str]], fallback: str) -> str:
    """The label most of a circle's people carry (each person's labels: company, tags,
    events), when at least NAME_MIN_SHARE of them do and at least two; else `fallback`.
    Ties go alphabetically."""
    counts: Counter[str] = Counter()
    for mine in labels:
        counts.update(set(mine))
    size = len(labels)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    if ranked and ranked[0][1] >= max(2, NAME_MIN_SHARE * size):
        return ranked[0][0]
    return fallback


def diversity(shares: Sequence[float]) -> tuple[float, float]:
    """Of attention spread over circles (each circle's share of the total): the entropy
    normalised by ln K (0 all in one, 1 even; nan below two circles) and the effective number
    of circles exp(H) (Eagle, Macy & Claxton 2010's diversity, science.md §8.4)."""
    p = np.array([s for s in shares if s > 0], np.float64)
    if len(p) == 0:
        return float("nan"), 0.0
    p = p / p.sum()
    entropy = float(-(p * np.log(p)).sum())
    normalised = entropy / float(np.log(len(shares))) if len(shares) > 1 else float("nan")
    return normalised, float(np.exp(entropy))
