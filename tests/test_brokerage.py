"""The closed forms of brokerage and bridges held to networkx on random ego networks."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.relate import brokerage
from kith.relate.brokerage import Ego

USER = -1


@st.composite
def egos(draw: st.DrawFn) -> Ego:
    n = draw(st.integers(2, 12))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = sorted(draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))))
    weight = st.floats(0.05, 1.0)
    ties = np.array([draw(weight) for _ in range(n)])
    return Ego(
        ties,
        np.array([a for a, _ in chosen], np.int64),
        np.array([b for _, b in chosen], np.int64),
        np.array([draw(weight) for _ in chosen], np.float64),
    )


def ego_graph(ego: Ego) -> nx.Graph:
    graph = nx.Graph()
    for j, s in enumerate(ego.tie.tolist()):
        graph.add_edge(USER, j, weight=s)
    for a, b, w in zip(ego.a.tolist(), ego.b.tolist(), ego.w.tolist(), strict=True):
        graph.add_edge(a, b, weight=w)
    return graph


@settings(max_examples=40, deadline=None)
@given(egos())
def test_the_users_constraint_equals_networkx(ego: Ego) -> None:
    expected = nx.constraint(ego_graph(ego), [USER], weight="weight")[USER]
    assert math.isclose(brokerage.constraint(ego), expected, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=40, deadline=None)
@given(egos())
def test_effective_size_and_efficiency_equal_networkx(ego: Ego) -> None:
    expected = nx.effective_size(ego_graph(ego), [USER])[USER]
    assert math.isclose(brokerage.effective_size(ego), expected, rel_tol=1e-9)
    assert math.isclose(brokerage.efficiency(ego), expected / ego.n, rel_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(egos())
def test_ego_betweenness_equals_networkx_on_the_ego_graph(ego: Ego) -> None:
    graph = ego_graph(ego)
    common = brokerage.common_contacts(ego)
    raw = nx.betweenness_centrality(graph, normalized=False)[USER]
    scaled = nx.betweenness_centrality(graph, normalized=True)[USER]
    assert math.isclose(brokerage.ego_betweenness(ego, common), raw, abs_tol=1e-9)
    assert math.isclose(brokerage.normalised_betweenness(ego, common), scaled, abs_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(egos())
def test_local_bridges_equal_networkx_among_contacts(ego: Ego) -> None:
    contacts = ego_graph(ego)
    contacts.remove_node(USER)
    expected = {frozenset(edge) for edge in nx.local_bridges(contacts, with_span=False)}
    found = brokerage.local_bridges(ego, brokerage.common_contacts(ego))
    assert {frozenset((int(ego.a[k]), int(ego.b[k]))) for k in found} == expected


def test_participation_is_zero_inside_one_circle_and_four_ninths_across_two_to_one() -> None:
    # 0-1-2 in circle 7; 3 in circle 9 knows 0 only; 4 knows nobody.
    ego = Ego(
        np.ones(5),
        np.array([0, 0, 1, 0], np.int64),
        np.array([1, 2, 2, 3], np.int64),
        np.ones(4),
    )
    found = brokerage.participation(ego, np.array([7, 7, 7, 9, -1], np.int64))
    assert found.tolist() == pytest.approx([4 / 9, 0.0, 0.0, 0.0, 0.0])


def test_a_circle_with_no_tie_outside_it_is_reached_only_through_the_user() -> None:
    ego = Ego(
        np.ones(5),
        np.array([0, 2, 3], np.int64),
        np.array([1, 3, 4], np.int64),
        np.ones(3),
    )
    circle = np.array([1, 1, 2, 2, 3], np.int64)
    assert brokerage.through_user_only(ego, circle, [1, 2, 3]) == [1]
