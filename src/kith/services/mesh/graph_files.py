"""The graph export's file formats, written as a stream of text: GraphML, GEXF 1.2 and
networkx's node-link JSON. Nothing holds the whole document (a graph of 30,000 contacts and
hundreds of thousands of links would take a gigabyte as an XML tree); networkx reads each back
(tests/test_export_graph.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

XML = "<?xml version='1.0' encoding='utf-8'?>\n"
GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
GRAPHML_KEYS = (
    ("g", "graph", "inferred_ties", "string"),
    ("name", "node", "name", "string"),
    ("strength", "node", "strength", "double"),
    ("layer", "node", "layer", "string"),
    ("weight", "edge", "weight", "double"),
    ("evidence", "edge", "evidence", "string"),
)
GEXF_OPEN = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)
INFERRED = "excluded"  # the graph's one attribute: inferred ties are not in it


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    strength: float
    layer: str


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    weight: float
    evidence: str  # kinds, comma-separated


def graphml(nodes: Iterable[Node], edges: Iterable[Edge]) -> Iterator[str]:
    yield XML + GRAPHML_OPEN
    for key, scope, name, kind in GRAPHML_KEYS:
        yield f'  <key id="{key}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n'
    yield f'  <graph edgedefault="undirected">\n    <data key="g">{INFERRED}</data>\n'
    for n in nodes:
        yield (
            f'    <node id="{n.id}"><data key="name">{escape(n.name)}</data>'
            f'<data key="strength">{n.strength!r}</data><data key="layer">{n.layer}</data>'
            "</node>\n"
        )
    for e in edges:
        yield (
            f'    <edge source="{e.a}" target="{e.b}"><data key="weight">{e.weight!r}</data>'
            f'<data key="evidence">{e.evidence}</data></edge>\n'
        )
    yield "  </graph>\n</graphml>\n"


def gexf(nodes: Iterable[Node], edges: Iterable[Edge]) -> Iterator[str]:
    yield XML + GEXF_OPEN
    yield (
        "  <meta><creator>Kith</creator>"
        f"<description>inferred ties {INFERRED}</description></meta>\n"
        '  <graph defaultedgetype="undirected" mode="static" name="">\n'
        '    <attributes mode="static" class="node">'
        '<attribute id="0" title="name" type="string" />'
        '<attribute id="1" title="strength" type="double" />'
        '<attribute id="2" title="layer" type="string" /></attributes>\n'
        '    <attributes mode="static" class="edge">'
        '<attribute id="3" title="evidence" type="string" /></attributes>\n'
        "    <nodes>\n"
    )
    for n in nodes:
        yield (
            f'      <node id="{n.id}" label={quoteattr(n.name)}><attvalues>'
            f'<attvalue for="0" value={quoteattr(n.name)} />'
            f'<attvalue for="1" value="{n.strength!r}" />'
            f'<attvalue for="2" value="{n.layer}" /></attvalues></node>\n'
        )
    yield "    </nodes>\n    <edges>\n"
    for number, e in enumerate(edges):
        yield (
            f'      <edge id="{number}" source="{e.a}" target="{e.b}" weight="{e.weight!r}">'
            f'<attvalues><attvalue for="3" value="{e.evidence}" /></attvalues></edge>\n'
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def node_link(nodes: Iterable[Node], edges: Iterable[Edge]) -> Iterator[str]:
    """networkx's node-link form (`networkx.node_link_graph(data, edges="links")`)."""
    head = {"directed": False, "multigraph": False, "graph": {"inferred_ties": INFERRED}}
    yield json.dumps(head)[:-1] + ', "nodes": [\n'
    for number, n in enumerate(nodes):
        item = {"id": n.id, "name": n.name, "strength": n.strength, "layer": n.layer}
        yield ("" if number == 0 else ",\n") + json.dumps(item, ensure_ascii=False)
    yield '\n], "links": [\n'
    for number, e in enumerate(edges):
        item = {"source": e.a, "target": e.b, "weight": e.weight, "evidence": e.evidence}
        yield ("" if number == 0 else ",\n") + json.dumps(item)
    yield "\n]}\n"


WRITERS = {"graphml": graphml, "gexf": gexf, "json": node_link}
