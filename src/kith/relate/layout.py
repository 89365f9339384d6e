"""Where each contact is drawn on the network page, pure and seeded: the linked contacts by
Fruchterman–Reingold (igraph's, with its grid past LARGE contacts: about linear in the nodes
and edges, 30,000 contacts and 360,000 links in 1–3 s), the contacts with no link on a
sunflower around them. The same graph and seed give the same places."""

from __future__ import annotations

import math
import random

import numpy as np

from kith.relate.mesh_arrays import Floats, Ints

SEED = 7  # [H] any fixed seed: the same graph is drawn the same way
# [H] igraph's default for a small network; a large one settles in fewer (profile L: ~2 s)
ITERATIONS, LARGE_ITERATIONS, LARGE = 500, 100, 1_000
GOLDEN = math.pi * (3.0 - math.sqrt(5.0))  # the sunflower's angle between neighbours
FITTED_QUANTILE = 0.95
RING_GAP = 1.15  # the unlinked sit just outside the linked, not on top of them


def positions(n: int, a: Ints, b: Ints, w: Floats, seed: int = SEED) -> Floats:
    """An (n, 2) array of places, in about [-1, 1]² for the linked (radius RING_GAP and out
    for the unlinked)."""
    places = np.zeros((n, 2), np.float64)
    linked = np.zeros(n, bool)
    linked[a] = True
    linked[b] = True
    inside = np.flatnonzero(linked)
    if len(inside):
        places[inside] = _spring(inside, a, b, w, seed)
    places[~linked] = sunflower(int(n - len(inside)), RING_GAP if len(inside) else 0.0)
    return places


def _spring(inside: Ints, a: Ints, b: Ints, w: Floats, seed: int) -> Floats:
    import igraph  # loaded only when a drawing is made (0.2 s)

    index = np.full(int(max(a.max(), b.max())) + 1, -1, np.int64)
    index[inside] = np.arange(len(inside))
    edges = np.column_stack([index[a], index[b]]).astype(np.int32)
    g = igraph.Graph(n=len(inside), edges=edges)
    large = len(inside) > LARGE
    igraph.set_random_number_generator(random.Random(seed))  # its start: random, seeded
    found = g.layout_fruchterman_reingold(
        weights=w.tolist(), niter=LARGE_ITERATIONS if large else ITERATIONS, grid=large
    )
    return _fitted(np.array(found.coords, np.float64))


def _fitted(coords: Floats) -> Floats:
    """Centred on the median, and scaled so that all but the farthest few linked contacts
    (a pair far from the rest) sit within radius 1."""
    centred = coords - np.median(coords, axis=0)
    radius = float(np.quantile(np.sqrt((centred**2).sum(axis=1)), FITTED_QUANTILE))
    fitted: Floats = centred / radius if radius > 0 else centred
    return fitted


def sunflower(count: int, inner: float) -> Floats:
    """`count` evenly spread points on a disc (Vogel's sunflower), or on a ring from radius
    `inner` outwards when `inner` > 0."""
    k = np.arange(count, dtype=np.float64)
    outer = inner + 0.2 if inner > 0 else 1.0
    radius = np.sqrt(inner**2 + (outer**2 - inner**2) * (k + 0.5) / max(count, 1))
    angle = k * GOLDEN
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
