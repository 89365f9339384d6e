"""The JSON shape of the network page's drawing: nodes with their place, links, circles."""

from __future__ import annotations

from typing import Any

from kith.services.mesh.drawing import Drawing, Filters, View
from kith.store.network import EdgeRow, NodeRow

PALETTE = 12  # circle colours (app.css .swatch-0 … .swatch-11), by size: the largest first
BRIDGES_LISTED = 10


def node_json(node: NodeRow) -> dict[str, Any]:
    return {
        "id": node.person_id,
        "name": node.name,
        "x": node.x,
        "y": node.y,
        "strength": node.strength,
        "layer": node.layer,
        "circle": node.circle_id,
        "bridge": node.bridge,
    }


def edge_json(edge: EdgeRow) -> dict[str, Any]:
    return {"source": edge.a, "target": edge.b, "weight": edge.weight, "known": edge.known}


def circles_json(drawing: Drawing, names: dict[int, str]) -> list[dict[str, Any]]:
    """Every circle drawn, largest first, with its colour (an index into the palette)."""
    return [
        {"id": cid, "name": names.get(cid, ""), "size": size, "colour": rank % PALETTE}
        for rank, (cid, size) in enumerate(drawing.circle_sizes())
    ]


def network_json(
    drawing: Drawing, shown: View, filters: Filters, names: dict[int, str]
) -> dict[str, Any]:
    """What `/network` shows: at most the strongest `limit` people the filters let through
    (`capped` says when more matched), the links among them, the circles and bridges."""
    bridges = [n for n in shown.nodes if n.bridge][:BRIDGES_LISTED]
    return {
        "filters": {"circle": filters.circle, "layer": filters.layer, "tag": filters.tag},
        "circles": circles_json(drawing, names),
        "nodes": [node_json(node) for node in shown.nodes],
        "edges": [edge_json(edge) for edge in shown.edges],
        "shown": len(shown.nodes),
        "matched": shown.matched,
        "total": shown.total,
        "capped": shown.matched > len(shown.nodes),
        "links": shown.links,
        "links_shown": len(shown.edges),
        "bridges": [{"id": n.person_id, "name": n.name} for n in bridges],
    }
