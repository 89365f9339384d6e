"""The mesh as a file for Gephi and friends: GraphML, GEXF or networkx's node-link JSON.

Nodes are the user's contacts (name, S, layer); an edge joins two contacts with evidence that
they know each other (the chance, and the kinds of evidence). The user is not a node: every
contact is tied to the user, which S already says. Ties inferred from contacts in common are
left out (they are guesses, not evidence), and so are pairs marked "not". The file is written
0600, like every file Kith writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kith.errors import UserError
from kith.relate import mesh as relate_mesh
from kith.services import layers
from kith.services.mesh.graph import Mesh, load
from kith.store import Store
from kith.store.files import staged

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "gexf", "json")
UNREACHED = "L7"  # a contact the layers have not placed yet (docs/cli.md: layer:)


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    nodes: int
    edges: int


def export_graph(store: Store, path: Path, fmt: str, now: datetime, zone: tzinfo) -> Exported:
    """Write the mesh to `path` in `fmt` (graphml, gexf or json)."""
    if fmt not in FORMATS:
        raise UserError(f"Unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}.")
    layers.keep_current(store, now)
    found = load(store, now, zone)
    with store.reading():
        placed = {row[0]: row[1] for row in store.layers.state()}
    graph = as_graph(found, placed)
    with staged(path) as staging:
        _write(graph, staging, fmt)
    return Exported(path, fmt, graph.number_of_nodes(), graph.number_of_edges())


def as_graph(found: Mesh, placed: dict[int, str]) -> nx.Graph:
    """Contacts with `name`, `strength` (S) and `layer`; edges with `weight` (the chance they
    know each other) and `evidence` (its kinds, strongest first, comma-separated)."""
    import networkx as nx  # lazily: only the mesh's commands need it

    graph = nx.Graph(inferred_ties="excluded")
    for person in sorted(found.strength):
        graph.add_node(
            person,
            name=found.names.get(person, ""),
            strength=round(found.strength[person], 6),
            layer=(placed.get(person) or UNREACHED).upper(),
        )
    for (a, b), chance in sorted(found.edges.items()):
        kinds = dict.fromkeys(e.kind for e in relate_mesh.ordered(found.evidence[(a, b)]))
        if a in graph and b in graph:  # archived people are not in the graph
            graph.add_edge(a, b, weight=round(chance, 6), evidence=",".join(kinds))
    return graph


def _write(graph: nx.Graph, path: Path, fmt: str) -> None:
    import networkx as nx  # lazily, as above

    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        data = nx.node_link_data(graph, edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
