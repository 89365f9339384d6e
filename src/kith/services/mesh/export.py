"""The mesh as a file for Gephi and friends: GraphML, GEXF or networkx's node-link JSON.

Nodes are the user's contacts (name, S, layer); an edge joins two contacts with evidence that
they know each other (the chance, and the kinds of evidence). The user is not a node: every
contact is tied to the user, which S already says. Ties inferred from contacts in common are
left out (they are guesses, not evidence), and so are pairs marked "not". The file is written
0600, like every file Kith writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from kith.errors import UserError
from kith.relate import mesh as relate_mesh
from kith.relate.mesh import Evidence
from kith.services.mesh.graph import Mesh, load
from kith.services.mesh.graph_files import WRITERS, Edge, Node
from kith.services.ties import layers
from kith.store import Store
from kith.store.files import staged

FORMATS = ("graphml", "gexf", "json")
UNREACHED = "L7"  # a contact the layers have not placed yet (docs/cli.md: layer:)


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    nodes: int
    edges: int


def export_graph(store: Store, path: Path, fmt: str, now: datetime, zone: tzinfo) -> Exported:
    """Write the mesh to `path` in `fmt` (graphml, gexf or json), streamed."""
    if fmt not in FORMATS:
        raise UserError(f"Unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}.")
    layers.keep_current(store, now)
    found = load(store, now, zone)
    with store.reading():
        placed = {row[0]: row[1] for row in store.layers.state()}
    people = nodes(found, placed)
    links = edges(found)
    with staged(path) as staging, staging.open("w", encoding="utf-8") as handle:
        handle.writelines(WRITERS[fmt](people, links))
    return Exported(path, fmt, len(people), len(links))


def nodes(found: Mesh, placed: dict[int, str]) -> list[Node]:
    """Contacts with their name, S and layer, by id."""
    return [
        Node(
            person,
            found.names.get(person, ""),
            round(found.strength[person], 6),
            (placed.get(person) or UNREACHED).upper(),
        )
        for person in sorted(found.strength)
    ]


def edges(found: Mesh) -> list[Edge]:
    """Pairs of contacts with evidence: the chance they know each other and its kinds,
    strongest first (archived people are not in the graph)."""
    return [
        Edge(a, b, round(chance, 6), ",".join(_kinds(found.evidence[(a, b)])))
        for (a, b), chance in sorted(found.edges.items())
        if a in found.strength and b in found.strength
    ]


def _kinds(evidence: list[Evidence]) -> dict[str, None]:
    return dict.fromkeys(e.kind for e in relate_mesh.ordered(evidence))
