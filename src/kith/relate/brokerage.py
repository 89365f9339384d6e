"""Brokerage and bridges in the user's ego network, pure and in closed form (science.md §8.5–6):
the user's Burt constraint, effective size, efficiency and ego betweenness; each contact's
participation coefficient across circles; local bridges among contacts; circles that reach the
rest only through the user. O(m) but for the common-neighbour counts (A², in row blocks).

The ego network is the user joined to every contact (weight: the tie's S) plus the edges among
contacts (weight: the chance they know each other). Tests hold these to networkx's constraint,
effective_size, betweenness_centrality and local_bridges on random graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
ROW_BLOCK = 2_500  # rows of A² at a time: bounds memory on profile L
EDGE_MARK = 1 << 21  # above any count of common contacts (contacts < 2 million)


@dataclass(frozen=True)
class Ego:
    """Contacts 0..n-1: `tie` their weight to the user, edges a < b among them."""

    tie: Floats
    a: Ints
    b: Ints
    w: Floats

    @property
    def n(self) -> int:
        return len(self.tie)


@dataclass(frozen=True)
class Common:
    """Common contacts: per edge (aligned with a, b), and for each non-adjacent pair that has
    any (their counts only)."""

    per_edge: Ints
    non_adjacent: Ints


def constraint(ego: Ego) -> float:
    """Burt's constraint of the user: Σ_j (p_ij + Σ_q p_iq·w_qj/T_q)², T_x each node's total."""
    total_user = float(ego.tie.sum())
    if total_user == 0:
        return float("nan")
    totals = ego.tie + np.bincount(ego.a, ego.w, ego.n) + np.bincount(ego.b, ego.w, ego.n)
    p = ego.tie / total_user
    share = np.divide(1.0, totals, out=np.zeros(ego.n), where=totals > 0)
    indirect = np.bincount(ego.b, p[ego.a] * ego.w * share[ego.a], ego.n)
    indirect += np.bincount(ego.a, p[ego.b] * ego.w * share[ego.b], ego.n)
    return float(((p + indirect) ** 2).sum())


def effective_size(ego: Ego) -> float:
    """Borgatti's unweighted effective size: n − 2t/n, t the ties among the n contacts."""
    return ego.n - 2 * len(ego.a) / ego.n if ego.n else float("nan")


def efficiency(ego: Ego) -> float:
    return effective_size(ego) / ego.n if ego.n else float("nan")


def common_contacts(ego: Ego) -> Common:
    """A² on the contact graph for pairs j < k, a block of rows at a time, split into edges and
    other pairs. Each block adds EDGE_MARK·(edge + 1) at the edges (upper triangle), so one
    sparse sum says which products are edges, and which edge, without a lookup."""
    import scipy.sparse as sp  # 0.5 s to load: only for what needs sparse products

    n, m = ego.n, len(ego.a)
    rows = np.concatenate([ego.a, ego.b])
    ones = np.ones(len(rows), np.int64)
    adjacency = sp.csr_matrix((ones, (rows, np.concatenate([ego.b, ego.a]))), shape=(n, n))
    marks = EDGE_MARK * (np.arange(m, dtype=np.int64) + 1)
    edges = sp.csr_matrix((marks, (ego.a, ego.b)), shape=(n, n))
    columns = adjacency.tocsc()

    def block(start: int) -> Ints:
        # only columns from `start` on: pairs j < k, about half the products of A·A
        here = slice(start, start + ROW_BLOCK)
        right = columns[:, start:].tocsr()
        found = (adjacency[here] @ right + edges[here][:, start:]).tocoo()
        upper = found.col > found.row  # both offset by `start`
        return np.asarray(found.data[upper], np.int64)

    per_edge = np.zeros(m, np.int64)
    others: list[Ints] = []
    for start in range(0, n, ROW_BLOCK):
        values = block(start)
        marked = values >= EDGE_MARK
        per_edge[values[marked] // EDGE_MARK - 1] = values[marked] % EDGE_MARK
        others.append(values[~marked])
    found = np.concatenate(others) if others else np.zeros(0, np.int64)
    return Common(per_edge, found)


def ego_betweenness(ego: Ego, common: Common) -> float:
    """Everett & Borgatti: the user lies on the one path of length 2 between two contacts who
    do not know each other, beside their B common contacts: Σ over such pairs of 1/(1 + B)."""
    pairs = ego.n * (ego.n - 1) // 2 - len(ego.a)
    with_common = common.non_adjacent.astype(np.float64)
    return float(pairs - len(with_common) + (1.0 / (1.0 + with_common)).sum())


def normalised_betweenness(ego: Ego, common: Common) -> float:
    """Ego betweenness over C(n, 2): 1 when no two contacts know each other."""
    pairs = ego.n * (ego.n - 1) / 2
    return ego_betweenness(ego, common) / pairs if pairs else float("nan")


def local_bridges(ego: Ego, common: Common) -> Ints:
    """Edges (their indices) between contacts with no contact in common: remove one and the
    two are at least three steps apart among your contacts (span ≥ 3)."""
    return np.flatnonzero(common.per_edge == 0)


def participation(ego: Ego, circle: Ints) -> Floats:
    """Guimerà & Amaral's P_j = 1 − Σ_c (k_jc / k_j)², over each contact's edges to circles
    (unweighted; an edge to someone in no circle counts as its own circle); 0 without edges."""
    import scipy.sparse as sp  # 0.5 s to load: only for what needs sparse products

    circles = np.unique(circle[circle >= 0])
    compact = np.where(
        circle >= 0, np.searchsorted(circles, circle), len(circles) + np.arange(ego.n)
    )
    ends = np.concatenate([ego.a, ego.b])
    others = compact[np.concatenate([ego.b, ego.a])]
    counts = sp.csr_matrix(
        (np.ones(len(ends)), (ends, others)), shape=(ego.n, len(circles) + ego.n)
    )
    counts.sum_duplicates()
    degree = np.asarray(counts.sum(axis=1), np.float64).ravel()
    squares = np.asarray(counts.multiply(counts).sum(axis=1), np.float64).ravel()
    share = np.divide(squares, degree**2, out=np.ones(ego.n), where=degree > 0)
    return 1.0 - share


def through_user_only(ego: Ego, circle: Ints, shown: list[int]) -> list[int]:
    """Circles (of `shown`) with no edge to anyone outside them: reached only through you."""
    crossing = circle[ego.a] != circle[ego.b]
    linked = set(circle[ego.a][crossing].tolist()) | set(circle[ego.b][crossing].tolist())
    return [c for c in shown if c not in linked]


def neighbourhood_overlap(ego: Ego, common: Common) -> Floats:
    """Onnela et al.'s overlap per edge: common contacts over the contacts either has besides
    the other, n_ab / ((k_a − 1) + (k_b − 1) − n_ab); 0 when neither has anyone else."""
    degree = np.bincount(ego.a, minlength=ego.n) + np.bincount(ego.b, minlength=ego.n)
    shared = common.per_edge.astype(np.float64)
    either = (degree[ego.a] - 1) + (degree[ego.b] - 1) - shared
    return np.divide(shared, either, out=np.zeros(len(shared)), where=either > 0)
