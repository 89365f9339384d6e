"""Who knows whom on arrays, light enough for every introduction candidate on profile L: the
pairs with evidence (sorted, each once, both ways as compressed rows) and the colleagues of
each organisation now; a person's neighbourhood is put together only when asked for.

Sums run in a defined order: resource allocation adds 1/degree over the shared contacts in
ascending id, one after the other (numpy's cumulative sum, not its pairwise sum), as
relate.intros.resource_allocation does in plain Python; tests hold the two bit for bit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
SHIFT = 32  # a pair's key: a << SHIFT | b, as store.mesh_keys reads them
LOW = (1 << SHIFT) - 1


@dataclass(frozen=True)
class Rows:
    """Compressed rows: the values of key k are values[start[i]:start[i + 1]] where
    keys[i] == k (keys ascending, values ascending within a row)."""

    keys: Ints
    start: Ints
    values: Ints

    @classmethod
    def of(cls, key: Ints, value: Ints) -> Rows:
        """From (key, value) pairs, each once (ids below 2^31)."""
        both = np.sort(key << SHIFT | value)
        key, value = both >> SHIFT, both & LOW
        first = np.flatnonzero(_starts(key))
        return cls(key[first], np.append(first, len(key)).astype(np.int64), value)

    def sizes(self) -> Ints:
        return np.diff(self.start)

    def parts(self) -> tuple[Ints, Ints, Ints]:
        return self.keys, self.start, self.values

    def pairs(self) -> Ints:
        """Every (key, value) as key << SHIFT | value, ascending."""
        return np.repeat(self.keys, self.sizes()) << SHIFT | self.values

    def row(self, key: int) -> Ints:
        i = int(np.searchsorted(self.keys, key))
        if i == len(self.keys) or self.keys[i] != key:
            return self.values[:0]
        return self.values[self.start[i] : self.start[i + 1]]


@dataclass
class Known:
    edges: Ints  # every pair that knows each other by evidence, a << SHIFT | b (a < b), sorted
    links: Rows  # person → the contacts they know by evidence
    orgs: Rows  # person → the organisations they work at now
    members: Rows  # organisation → who works there now
    ids: Ints  # everyone who knows someone, ascending
    degrees: Ints  # how many contacts each of them knows
    _neighbours: dict[int, Ints] = field(default_factory=dict)

    @classmethod
    def build(cls, keys: Ints, people: Ints, orgs: Ints) -> Known:
        """From signed pair keys (negative: the user said they do not know each other; such a
        pair has no edge whatever else says so) and current jobs (people[i] at orgs[i])."""
        refused = unique(-keys[keys < 0])
        edges = unique(keys[keys >= 0])
        edges = edges[~np.isin(edges, refused, assume_unique=True)]
        a, b = edges >> SHIFT, edges & LOW
        links = Rows.of(np.concatenate([a, b]), np.concatenate([b, a]))
        at, members = Rows.of(people, orgs), Rows.of(orgs, people)
        empty = np.zeros(0, np.int64)
        known = cls(edges, links, at, members, empty, empty)
        known.ids, known.degrees = known.every_degree()
        return known

    def every_degree(self) -> tuple[Ints, Ints]:
        """Everyone's number of contacts at once: those linked, plus their colleagues now,
        less those who are both (each person's one organisation; the few with several are
        counted one by one)."""
        ids = unique(np.concatenate([self.links.keys, self.orgs.keys]))
        degrees = np.zeros(len(ids), np.int64)
        degrees[np.searchsorted(ids, self.links.keys)] = self.links.sizes()
        single = self.orgs.keys[self.orgs.sizes() == 1]
        org = self.orgs.values[self.orgs.start[:-1][self.orgs.sizes() == 1]]
        size = self.members.sizes()[np.searchsorted(self.members.keys, org)]
        degrees[np.searchsorted(ids, single)] += size - 1
        source = np.repeat(self.links.keys, self.links.sizes())
        k = np.searchsorted(single, source).clip(0, max(len(single) - 1, 0))
        alone = (single[k] == source) if len(single) else np.zeros(len(source), bool)
        both = _within(org[k[alone]] << SHIFT | self.links.values[alone], self.members.pairs())
        degrees -= np.bincount(np.searchsorted(ids, source[alone][both]), minlength=len(ids))
        for person in self.orgs.keys[self.orgs.sizes() > 1].tolist():
            degrees[np.searchsorted(ids, person)] = len(self.neighbours(person))
        return ids, degrees

    def arrays(self) -> list[Ints]:
        """The network as its arrays, in the order `of_arrays` takes them back (the edges are
        the links one way)."""
        rows = (self.links, self.orgs, self.members)
        return [*(part for row in rows for part in row.parts()), self.ids, self.degrees]

    @classmethod
    def of_arrays(cls, arrays: list[Ints]) -> Known:
        """The network from `arrays()` (kept by the week's gift), nothing counted again."""
        *parts, ids, degrees = arrays
        links, orgs, members = (Rows(*parts[i : i + 3]) for i in range(0, 9, 3))
        both = links.pairs()
        return cls(both[(both >> SHIFT) < (both & LOW)], links, orgs, members, ids, degrees)

    def knows_many(self, u: Ints, v: Ints) -> NDArray[np.bool_]:
        """`knows` for each pair (u[i], v[i]) at once."""
        edge = _within(np.minimum(u, v) << SHIFT | np.maximum(u, v), self.edges)
        sizes = self.orgs.sizes()
        at = np.searchsorted(self.orgs.keys, u).clip(0, max(len(self.orgs.keys) - 1, 0))
        has = (self.orgs.keys[at] == u) if len(self.orgs.keys) else np.zeros(len(u), bool)
        count = np.where(has, sizes[at] if len(sizes) else 0, 0)
        pair = np.repeat(np.arange(len(u)), count)
        first = np.repeat(self.orgs.start[at] if len(sizes) else count, count)
        offset = np.arange(len(pair)) - np.repeat(np.cumsum(count) - count, count)
        org = self.orgs.values[first + offset]
        shared = _within(v[pair] << SHIFT | org, self.orgs.pairs())
        colleague = np.bincount(pair[shared], minlength=len(u)) > 0
        found: NDArray[np.bool_] = edge | colleague
        return found

    def neighbours(self, person: int) -> Ints:
        """Everyone this person knows among the contacts, ascending."""
        found = self._neighbours.get(person)
        if found is None:
            parts = [self.links.row(person)]
            parts += [self.members.row(int(org)) for org in self.orgs.row(person)]
            found = unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
            found = self._neighbours[person] = found[found != person]
        return found

    def degree(self, person: int) -> int:
        """How many contacts this person knows."""
        i = int(np.searchsorted(self.ids, person))
        return int(self.degrees[i]) if i < len(self.ids) and self.ids[i] == person else 0

    def knows(self, a: int, b: int) -> bool:
        key = min(a, b) << SHIFT | max(a, b)
        i = int(np.searchsorted(self.edges, key))
        return (i < len(self.edges) and int(self.edges[i]) == key) or self.same_org(a, b)

    def same_org(self, a: int, b: int) -> bool:
        """Whether they work at one organisation now: the stand-in for a circle until circles
        are computed."""
        mine, theirs = self.orgs.row(a), self.orgs.row(b)
        return bool(len(mine) and len(theirs) and set(mine.tolist()) & set(theirs.tolist()))

    def overlap(self, u: int, v: int) -> Overlap:
        """What u's and v's contacts (each without the other) have in common."""
        mine, theirs = self.neighbours(u), self.neighbours(v)
        mine, theirs = mine[mine != v], theirs[theirs != u]
        shared = np.intersect1d(mine, theirs, assume_unique=True)
        degrees = self.degrees[np.searchsorted(self.ids, shared)].astype(np.float64)
        degrees = degrees[degrees > 0]
        ra = float(np.cumsum(1.0 / degrees)[-1]) if len(degrees) else 0.0
        return Overlap(len(shared), len(mine) + len(theirs) - len(shared), ra)

    def sampled_edges(self, sample: int) -> list[tuple[int, int]]:
        """Up to `sample` existing ties, every k-th in id order (the same network gives the
        same ones)."""
        step = max(1, len(self.edges) // sample)
        chosen = self.edges[::step][:sample]
        return list(zip((chosen >> SHIFT).tolist(), (chosen & LOW).tolist(), strict=True))


class Overlap(NamedTuple):
    shared: int  # contacts in common
    union: int  # contacts of either
    ra: float  # resource allocation over those in common, in ascending id


def unique(values: Ints) -> Ints:
    """The distinct values, ascending (by a sort: numpy's own unique hashes, ten times slower
    on 200,000 keys)."""
    ordered = np.sort(values)
    return ordered[_starts(ordered)]


def _starts(ordered: Ints) -> NDArray[np.bool_]:
    """Where each run of equal values begins in an ascending array."""
    return np.concatenate([[True], ordered[1:] != ordered[:-1]]) if len(ordered) else ordered > 0


def _within(values: Ints, ordered: Ints) -> NDArray[np.bool_]:
    """Which of `values` are in `ordered` (ascending), by binary search."""
    if not len(ordered):
        return np.zeros(len(values), bool)
    at = np.searchsorted(ordered, values).clip(0, len(ordered) - 1)
    found: NDArray[np.bool_] = ordered[at] == values
    return found
