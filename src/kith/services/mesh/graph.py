"""The user's network as one graph: contacts as nodes (with the user's tie strength S), and an
edge between two contacts who know each other, weighted by the chance that they do (the
noisy-OR of their evidence, relate.mesh). Pairs marked "not" have no edge. This is the graph
circles, the report, introductions and warm paths are computed on; the user is not a node
(every contact is linked to the user by definition)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from kith.relate import mesh
from kith.relate.mesh import Evidence
from kith.services.mesh.knows import evidence_graph
from kith.services.ties.layer_replay import current_strengths
from kith.store import Store
from kith.store.mesh.evidence import PairRow

if TYPE_CHECKING:
    import networkx as nx

    from kith.relate.mesh_arrays import Floats, Ints


@dataclass(frozen=True)
class Mesh:
    """Contacts, their tie to the user, and who knows whom among them."""

    strength: dict[int, float]  # S of each contact (every contact, linked or not)
    names: dict[int, str]
    edges: dict[tuple[int, int], float]  # a < b → the chance they know each other (> 0)
    evidence: dict[tuple[int, int], list[Evidence]]  # including pairs marked "not"

    def graph(self) -> nx.Graph:
        """A networkx graph of it: node attributes `name`, `strength`; edge `weight`."""
        import networkx as nx

        found = nx.Graph()
        for person, s in self.strength.items():
            found.add_node(person, name=self.names.get(person, ""), strength=s)
        found.add_weighted_edges_from((a, b, w) for (a, b), w in self.edges.items())
        return found


def load(store: Store, now: datetime, zone: tzinfo) -> Mesh:
    """The mesh as of `now` (S at now, evidence as recorded)."""
    evidence = evidence_graph(store, now.date())
    with store.reading():
        strength = current_strengths(store, now, zone)
        names = store.mesh.contact_names()
    edges = {pair: w for pair, items in evidence.items() if (w := mesh.knows(items)) > 0}
    return Mesh(strength, names, edges, evidence)


@dataclass(frozen=True)
class MeshArrays:
    """The same mesh as numpy arrays, for figures over the whole network (circles, the
    report): `people` sorted, `strength` aligned with it, edges as positions into `people`."""

    people: Ints
    strength: Floats
    a: Ints  # a < b, positions into people
    b: Ints
    w: Floats  # the chance they know each other, > 0

    def position(self) -> dict[int, int]:
        return {person: n for n, person in enumerate(self.people.tolist())}


def load_arrays(store: Store, now: datetime, zone: tzinfo) -> MeshArrays:
    """`load`'s contacts and edges (equal to them, a test holds), without an object per pair:
    profile L's hundreds of thousands of colleague pairs come from one numpy pass per
    organisation."""
    import numpy as np  # `kith knows` and `show` use load, without numpy

    from kith.relate import mesh_arrays

    with store.reading():
        strength = current_strengths(store, now, zone)
        rows = [*store.mesh.pairs(), *store.mesh.met_all(now.date().isoformat())]
        jobs = mesh_arrays.jobs_from(store.mesh.jobs())
    codes = mesh.KIND_CODES
    org_a, org_b, org_p = mesh_arrays.colleagues(jobs, now.date())
    pairs = mesh_arrays.combine(
        np.concatenate([np.array([r.a for r in rows], np.int64), org_a]),
        np.concatenate([np.array([r.b for r in rows], np.int64), org_b]),
        np.concatenate(
            [
                np.array([codes[r.kind] for r in rows], np.int64),
                np.full(len(org_a), codes["same_organisation"], np.int64),
            ]
        ),
        np.concatenate(
            [np.array([mesh.probability(_evidence(r)) for r in rows], np.float64), org_p]
        ),
    )
    people = np.array(sorted(strength), np.int64)
    kept = np.isin(pairs.a, people) & np.isin(pairs.b, people)  # archived contacts have no S
    return MeshArrays(
        people,
        np.array([strength[p] for p in people.tolist()], np.float64),
        np.searchsorted(people, pairs.a[kept]),
        np.searchsorted(people, pairs.b[kept]),
        pairs.w[kept],
    )


def _evidence(row: PairRow) -> Evidence:
    return Evidence(row.kind, row.count, row.detail)
