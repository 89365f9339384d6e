"""Who knows whom, light enough for every introduction candidate on profile L: the mesh's
pairwise evidence (without past jobs) and the colleagues of each organisation now, whose
neighbourhoods are put together only for the people asked about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kith.relate import intros, mesh


@dataclass
class Network:
    links: dict[int, set[int]]  # contacts each one knows, from pairwise evidence
    orgs: dict[int, list[int]]  # person → organisations they work at now
    members: dict[int, list[int]]  # organisation → who works there now
    _cache: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, rows: Iterable[tuple[int, int, str]], jobs: Iterable[tuple[int, int]]
    ) -> Network:
        """From (a, b, kind) evidence rows and (person, organisation) current jobs."""
        pairs: set[tuple[int, int]] = set()
        marked_not: set[tuple[int, int]] = set()
        for a, b, kind in rows:  # every kind but "not" has a chance above 0 (relate.mesh)
            (marked_not if kind == mesh.NOT else pairs).add((a, b))
        links: dict[int, set[int]] = defaultdict(set)
        for a, b in pairs - marked_not:
            links[a].add(b)
            links[b].add(a)
        orgs: dict[int, list[int]] = defaultdict(list)
        members: dict[int, list[int]] = defaultdict(list)
        for person, org in jobs:
            orgs[person].append(org)
            members[org].append(person)
        return cls(dict(links), dict(orgs), dict(members))

    def neighbours(self, person: int) -> frozenset[int]:
        """Everyone this person knows among the contacts."""
        found = self._cache.get(person)
        if found is None:
            mine = set(self.links.get(person, ()))
            for org in self.orgs.get(person, ()):
                mine.update(self.members[org])
            mine.discard(person)
            found = self._cache[person] = frozenset(mine)
        return found

    def degree(self, person: int) -> int:
        """How many contacts this person knows."""
        return len(self.neighbours(person))

    def knows(self, a: int, b: int) -> bool:
        return b in self.links.get(a, ()) or self.same_circle(a, b)

    def same_circle(self, a: int, b: int) -> bool:
        """Whether they work at one organisation now: the stand-in for a circle until circles
        are computed."""
        return not set(self.orgs.get(a, ())).isdisjoint(self.orgs.get(b, ()))

    def ra_line(self, sample: int, mesh_quantile: float) -> float:
        """The `mesh_quantile` of resource allocation over up to `sample` existing ties (every
        k-th in id order, so the same network gives the same line): a candidate above it
        probably knows the other already (science.md §6)."""
        edges = sorted((a, b) for a, linked in self.links.items() for b in linked if a < b)
        step = max(1, len(edges) // sample)
        values = [
            intros.resource_allocation(
                self.neighbours(a) - {b}, self.neighbours(b) - {a}, self.degree
            )
            for a, b in edges[::step][:sample]
        ]
        return intros.percentile([v for v in values if v > 0], mesh_quantile)
