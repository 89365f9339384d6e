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
from kith.services.layer_replay import current_strengths
from kith.services.mesh.knows import evidence_graph
from kith.store import Store

if TYPE_CHECKING:
    import networkx as nx


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
