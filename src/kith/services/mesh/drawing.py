"""The network page's drawing (`/network`): the mesh laid out on the server once, stored, and
read back while nothing it is made from changes, so the page only draws. Each contact with a
place, S, layer, circle and whether they bridge circles; the links among them, the user's own
word ("known") apart from what circumstance suggests ("inferred": meetings, mail threads, an
organisation). A look at 30,000 people shows the strongest NODES_SHOWN of those the filters
let through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

import numpy as np

from kith.relate import brokerage, layout
from kith.relate import mesh as relate_mesh
from kith.relate.layers import LAYERS
from kith.relate.mesh_arrays import Floats, Ints
from kith.services.mesh import circles as mesh_circles
from kith.services.mesh.report import BRIDGING_MIN
from kith.services.ties import layers
from kith.store import Store
from kith.store.mesh.network import EdgeRow, NodeRow

NODES_SHOWN = 5_000  # issue 12: the strongest few thousand of 30,000 people
EDGES_SHOWN = 5_000  # [H] links among them, known first, then the likeliest: each costs
# the browser time (on L, 11,560 links took 0.8 s more to draw than 5,000)
UNPLACED = LAYERS[-1]  # a contact the layers have not placed yet counts as L7 (layer:)
DECIMALS = 4  # places and weights as stored: the drawing needs no more


@dataclass(frozen=True)
class Drawing:
    """The stored drawing, with arrays over its nodes (strongest first) for quick filters."""

    key: str
    nodes: list[NodeRow]
    edges: list[EdgeRow]  # known first, then the likeliest
    ids: Ints
    circle: Ints  # -1: in no circle shown
    layer: np.ndarray  # the layer codes, as text
    source: Ints  # positions of each edge's ends into nodes
    target: Ints
    bridge: np.ndarray  # bool, aligned with nodes
    circle_sizes: list[tuple[int, int]]  # (circle, people) drawn, largest first, then by id


@dataclass(frozen=True)
class Filters:
    circle: int | None = None
    layer: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class View:
    """What one look shows: at most NODES_SHOWN nodes and EDGES_SHOWN links among them, as
    positions into the drawing's nodes and edges."""

    drawing: Drawing
    node_index: list[int]  # strongest first
    edge_index: list[int]  # known first, then the likeliest
    matched: int  # people the filters let through
    links: int  # links among the nodes shown, before the cap

    @property
    def nodes(self) -> list[NodeRow]:
        return [self.drawing.nodes[k] for k in self.node_index]

    @property
    def edges(self) -> list[EdgeRow]:
        return [self.drawing.edges[k] for k in self.edge_index]

    @property
    def total(self) -> int:
        """People in the drawing."""
        return len(self.drawing.nodes)

    def bridges(self, most: int) -> list[NodeRow]:
        """The strongest `most` bridges shown."""
        shown = np.array(self.node_index, np.int64)
        found = shown[self.drawing.bridge[shown]][:most]
        return [self.drawing.nodes[k] for k in found.tolist()]


def key_of(store: Store) -> str:
    """What the drawing is made from, in one string: the mesh's version and the layers' week."""
    return f"{store.network.version()}@{store.layers.instant() or '-'}"


def current(store: Store, now: datetime, zone: tzinfo, held: Drawing | None = None) -> Drawing:
    """The drawing as of now: `held` while it is current, else the stored one, else made anew
    (and stored)."""
    layers.keep_current(store, now)
    with store.reading():
        key, stored = key_of(store), store.network.key()
        if held is not None and held.key == key:
            return held
        if stored == key:
            return loaded(key, store.network.nodes(), store.network.edges())
    return make(store, now, zone)


def kept(store: Store, held: Drawing | None = None) -> tuple[Drawing | None, bool]:
    """The newest drawing there is without making one: `held` or the stored one, and whether
    it is current (a page shows it while `make` runs elsewhere); (None, False) when none was
    ever made. Layers not stepped this week count as current: the week's first look steps them."""
    with store.reading():
        key, stored = key_of(store), store.network.key()
        if held is not None and (held.key == key or stored is None or stored == held.key):
            return held, held.key == key
        if stored is None:
            return None, False
        return loaded(stored, store.network.nodes(), store.network.edges()), stored == key


def make(store: Store, now: datetime, zone: tzinfo) -> Drawing:
    """Circles brought up to date, the layout made (seeded), bridges found; stored. The layout
    is worked out between two short transactions, so other writers are not held up by it (on
    30,000 people it takes seconds); a change meanwhile leaves the stored key behind, so the
    next look makes it again."""
    with store.transaction():
        found = mesh_circles.current(store, now, zone)
        key = key_of(store)  # after the circles were saved (which bumps the version)
        placed = {int(row[0]): str(row[1]).upper() for row in store.layers.state()}
        said = _said(store)
    mesh = found.mesh
    people = mesh.people.tolist()
    places = np.round(layout.positions(len(people), mesh.a, mesh.b, mesh.w), DECIMALS)
    shown = {c.id for c in found.circles}
    circle = [found.circle_of.get(p, -1) for p in people]
    bridges = _bridges(mesh.strength, mesh.a, mesh.b, mesh.w, np.array(circle, np.int64))
    nodes = [
        NodeRow(
            person,
            found.names.get(person, ""),
            float(places[k, 0]),
            float(places[k, 1]),
            round(float(mesh.strength[k]), 6),
            placed.get(person, UNPLACED),
            circle[k] if circle[k] in shown else None,
            bool(bridges[k]),
        )
        for k, person in enumerate(people)
    ]
    edges = _edges(mesh.people, mesh.a, mesh.b, mesh.w, said)
    with store.transaction():
        store.network.save(key, nodes, edges)
        return loaded(key, store.network.nodes(), edges)


def loaded(key: str, nodes: list[NodeRow], edges: list[EdgeRow]) -> Drawing:
    ids = np.array([n.person_id for n in nodes], np.int64)
    position = {person: k for k, person in enumerate(ids.tolist())}
    circle = np.array([-1 if n.circle_id is None else n.circle_id for n in nodes], np.int64)
    found, counts = np.unique(circle[circle >= 0], return_counts=True)
    sizes = sorted(zip(found.tolist(), counts.tolist(), strict=True), key=lambda c: (-c[1], c[0]))
    return Drawing(
        key,
        nodes,
        edges,
        ids,
        circle,
        np.array([n.layer for n in nodes]),
        np.array([position[e.a] for e in edges], np.int64),
        np.array([position[e.b] for e in edges], np.int64),
        np.array([n.bridge for n in nodes], bool),
        sizes,
    )


def view(store: Store, drawing: Drawing, filters: Filters, limit: int | None = None) -> View:
    """The strongest `limit` (NODES_SHOWN) people the filters let through, and the links among
    them."""
    keep = np.ones(len(drawing.nodes), bool)
    if filters.circle is not None:
        keep &= drawing.circle == filters.circle
    if filters.layer:
        keep &= drawing.layer == filters.layer.upper()
    if filters.tag:
        with store.reading():
            tagged = store.network.tagged(filters.tag)
        keep &= np.isin(drawing.ids, np.array(tagged, np.int64))
    matched = np.flatnonzero(keep)
    chosen = matched[: NODES_SHOWN if limit is None else limit]
    shown = np.zeros(len(drawing.nodes), bool)
    shown[chosen] = True
    links = np.flatnonzero(shown[drawing.source] & shown[drawing.target])
    return View(drawing, chosen.tolist(), links[:EDGES_SHOWN].tolist(), len(matched), len(links))


def _said(store: Store) -> set[tuple[int, int]]:
    """Pairs with the user's own word on them (a link they made, a relationship, a referral,
    an introduction): known, not inferred from circumstance."""
    return {(a, b) for a, b, kind in store.mesh.pair_kinds() if kind in relate_mesh.FIXED}


def _edges(people: Ints, a: Ints, b: Ints, w: Floats, said: set[tuple[int, int]]) -> list[EdgeRow]:
    """The links as rows, known first, then the likeliest (then by ids)."""
    ends_a, ends_b = people[a], people[b]
    span = int(people.max(initial=0)) + 1  # a pair as one number: a·span + b
    said_codes = np.array([x * span + y for x, y in said], np.int64)
    known = np.isin(ends_a * span + ends_b, said_codes)
    weight = np.round(w, DECIMALS)
    order = np.lexsort((ends_b, ends_a, -weight, ~known))
    return [
        EdgeRow(x, y, z, k)
        for x, y, z, k in zip(
            ends_a[order].tolist(),
            ends_b[order].tolist(),
            weight[order].tolist(),
            known[order].tolist(),
            strict=True,
        )
    ]


def _bridges(strength: Floats, a: Ints, b: Ints, w: Floats, circle: Ints) -> Ints:
    """Contacts whose links spread over circles (the report's bridges: participation)."""
    ego = brokerage.Ego(strength, a, b, w)
    return np.asarray(brokerage.participation(ego, circle) >= BRIDGING_MIN, np.int64)
