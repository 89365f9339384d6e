"""Warm paths from the user to someone, pure (science.md §7).

Each step costs c = −ln(max(s, 0.05)) + λ with λ = 0.3: the user's tie S for the first step,
the chance two contacts know each other for the others. A path's value is P = exp(−Σ c)
(= Π s · e^(−λ·hops), each s floored at 0.05) and its bottleneck b the weakest s. Paths have at
most three hops (user → contact → contact → target), so all of them are enumerated from the
target's side: the best k in cost order are exactly the first k of Yen's algorithm
(networkx.shortest_simple_paths) kept to three hops, which the tests hold it to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

HOP_COST = 0.3  # λ: each extra hop costs like a 26% weaker tie
FLOOR = 0.05  # a step weaker than this costs no more
MAX_HOPS = 3
BEST = 3  # paths returned
WEAK = 0.2  # a bottleneck below this is worth a warning

Neighbours = Mapping[int, Mapping[int, float]]  # person → other → chance they know each other


def cost(s: float) -> float:
    """The cost of one step of strength s."""
    return -math.log(max(s, FLOOR)) + HOP_COST


@dataclass(frozen=True)
class Path:
    """People after the user, in order (the last is the target), and each step's strength
    (the first is the user's tie S to the first person)."""

    people: tuple[int, ...]
    steps: tuple[float, ...]

    @cached_property
    def cost(self) -> float:
        return sum(cost(s) for s in self.steps)

    @property
    def value(self) -> float:
        """P = exp(−Σ c)."""
        return math.exp(-self.cost)

    @property
    def bottleneck(self) -> float:
        return min(self.steps)

    @property
    def weakest(self) -> int:
        """The index of the weakest step (the first of equals)."""
        return self.steps.index(self.bottleneck)

    @property
    def first(self) -> int:
        """Whom the user asks: the introducer, or the target on a direct path."""
        return self.people[0]

    @property
    def weak(self) -> bool:
        return self.bottleneck < WEAK

    def key(self) -> tuple[float, int, tuple[int, ...]]:
        """Cheapest first; then fewer hops; then by ids, for a stable order."""
        return (round(self.cost, 12), len(self.people), self.people)


def candidates(
    targets: Iterable[int], strength: Mapping[int, float], neighbours: Neighbours
) -> Iterator[Path]:
    """Every path of at most three hops to any of `targets`. `strength` holds every contact's
    S (the user reaches only contacts); `neighbours` who knows whom, each pair both ways. A path
    never passes through one target on its way to another: its beginning, which ends at that
    target, is shorter and worth more."""
    wanted = set(targets)
    for target in sorted(wanted):
        if target in strength:
            yield Path((target,), (strength[target],))
        for middle, last_step in neighbours.get(target, {}).items():
            if middle in wanted or middle not in strength:
                continue
            yield Path((middle, target), (strength[middle], last_step))
            for first, step in neighbours.get(middle, {}).items():
                if first not in wanted and first in strength:
                    yield Path((first, middle, target), (strength[first], step, last_step))


def best(paths: Iterable[Path], k: int = BEST) -> list[Path]:
    """The best k paths, preferring different first introducers: the best path through each
    first person in turn, then, if fewer than k people lead anywhere, the next best paths."""
    found = list(paths)
    leaders: dict[int, Path] = {}
    for path in found:
        held = leaders.get(path.first)
        if held is None or path.key() < held.key():
            leaders[path.first] = path
    chosen = sorted(leaders.values(), key=Path.key)[:k]
    if len(chosen) < k:
        rest = sorted((path for path in found if path not in chosen), key=Path.key)
        chosen += rest[: k - len(chosen)]
    return sorted(chosen, key=Path.key)


def bar(found: list[Path], k: int = BEST) -> float:
    """The value a new path must beat to change `best(found, k)`: the last chosen path's, when
    k paths through k different first people were chosen (else 0: anything may enter)."""
    if len(found) < k or len({path.first for path in found}) < k:
        return 0.0
    return found[-1].value


def three_hop_bound(last_step: float) -> float:
    """The most a three-hop path whose last step has strength `last_step` can be worth (its
    first two steps at most 1)."""
    return max(last_step, FLOOR) * math.exp(-MAX_HOPS * HOP_COST)


def warm_paths(
    targets: Iterable[int], strength: Mapping[int, float], neighbours: Neighbours, k: int = BEST
) -> list[Path]:
    """The best k paths of at most three hops to any of `targets` (science.md §7)."""
    return best(candidates(targets, strength, neighbours), k)
