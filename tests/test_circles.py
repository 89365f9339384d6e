"""Circles: found from who knows whom, kept stable, named; and the checks of science.md."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

from kith.relate import brokerage
from kith.relate import circles as relate
from kith.relate.brokerage import Ego
from kith.services.mesh import circles as service
from kith.services.week.plan import candidates_for
from kith.store import open_store
from tests.conftest import NOW, Kith


def adjusted_rand(left: list[int], right: list[int]) -> float:
    """Hubert & Arabie's adjusted Rand index of two labellings of the same items."""
    pairs = Counter(zip(left, right, strict=True))
    same_both = sum(c * (c - 1) / 2 for c in pairs.values())
    same_left = sum(c * (c - 1) / 2 for c in Counter(left).values())
    same_right = sum(c * (c - 1) / 2 for c in Counter(right).values())
    total = len(left) * (len(left) - 1) / 2
    expected = same_left * same_right / total
    return (same_both - expected) / ((same_left + same_right) / 2 - expected)


def graph_of(g: nx.Graph) -> relate.Graph:
    edges = sorted((min(a, b), max(a, b)) for a, b in g.edges)
    return relate.Graph(
        g.number_of_nodes(),
        np.array([a for a, _ in edges], np.int64),
        np.array([b for _, b in edges], np.int64),
        np.ones(len(edges)),
    )


def test_circles_recover_a_seeded_planted_partition() -> None:
    g = nx.planted_partition_graph(6, 25, 0.3, 0.01, seed=7)
    found = relate.detect(graph_of(g)).tolist()
    truth = [node // 25 for node in range(g.number_of_nodes())]
    score = adjusted_rand(found, truth)
    print(f"planted partition (6 x 25, p_in 0.3, p_out 0.01): adjusted Rand {score:.3f}")
    assert score >= 0.8


def test_the_same_graph_gives_the_same_circles() -> None:
    g = graph_of(nx.planted_partition_graph(4, 20, 0.3, 0.02, seed=3))
    assert relate.detect(g).tolist() == relate.detect(g).tolist()


def test_karate_club_weights_follow_onnela_overlap_through_kiths_code() -> None:
    g = nx.karate_club_graph()
    edges = sorted((min(a, b), max(a, b)) for a, b in g.edges)
    ego = Ego(
        np.ones(g.number_of_nodes()),
        np.array([a for a, _ in edges], np.int64),
        np.array([b for _, b in edges], np.int64),
        np.ones(len(edges)),
    )
    overlap = brokerage.neighbourhood_overlap(ego, brokerage.common_contacts(ego))
    weights = [g[a][b]["weight"] for a, b in edges]
    rho, p = spearmanr(weights, overlap)
    print(f"karate club: Spearman {rho:.3f} (p = {p:.1e}) between Zachary's weights and overlap")
    assert rho >= 0.4
    assert p < 1e-4


def test_ids_are_kept_by_the_largest_overlap_each_at_most_once() -> None:
    previous = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20}
    assert relate.match(previous, [[4, 5, 1], [1, 2, 3], [6, 7]]) == [20, 10, None]
    assert relate.match(previous, [[1, 2, 4], [3, 5]], taken=[10]) == [20, None]


def test_local_moves_move_only_the_people_allowed_to_move() -> None:
    # Two triangles 0-1-2 and 3-4-5; 2 now knows 3 and 4 well, and is allowed to move.
    edges = [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3), (2, 4)]
    graph = relate.Graph(
        6,
        np.array([a for a, _ in edges], np.int64),
        np.array([b for _, b in edges], np.int64),
        np.array([1, 0.1, 0.1, 1, 1, 1, 1, 1], np.float64),
    )
    labels = np.array([7, 7, 7, 8, 8, 8], np.int64)
    assert relate.local_moves(graph, labels, [2], frozen=()).tolist() == [7, 7, 8, 8, 8, 8]
    assert relate.local_moves(graph, labels, [2], frozen=[8]).tolist() == [7, 7, 7, 8, 8, 8]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_local_moves_never_move_anyone_not_allowed_to(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 10))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = sorted(data.draw(st.sets(st.sampled_from(pairs))))
    graph = relate.Graph(
        n,
        np.array([a for a, _ in chosen], np.int64),
        np.array([b for _, b in chosen], np.int64),
        np.array([data.draw(st.floats(0.05, 1)) for _ in chosen], np.float64),
    )
    labels = np.array(data.draw(st.lists(st.integers(-1, 3), min_size=n, max_size=n)), np.int64)
    movable = sorted(data.draw(st.sets(st.integers(0, n - 1))))
    moved = relate.local_moves(graph, labels, movable, frozen=[3])
    fixed = [k for k in range(n) if k not in movable]
    assert moved[fixed].tolist() == labels[fixed].tolist()
    assert 3 not in set(moved[movable].tolist()) - set(labels[movable].tolist())


def test_a_circle_is_named_by_what_most_of_its_people_share_else_its_strongest_tie() -> None:
    assert relate.name_for([["Acme", "climbing"], ["Acme"], ["climbing", "Acme"]], "x") == "Acme"
    assert relate.name_for([["Acme"], ["Beta"], ["Gamma"]], "Ada's circle") == "Ada's circle"


def test_the_demo_circles_recover_the_generators_circle_blocks(kith: Kith, db_path: Path) -> None:
    kith("demo")
    store = open_store(db_path)
    found = service.current(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    tags = store.circles.labels()
    store.close()
    blocks = {"colleagues", "meetup", "university", "customers", "open-source", "neighbours"}
    people = [p for p in found.circle_of if set(tags.get(p, [])) & blocks]
    truth = [sorted(set(tags[p]) & blocks)[0] for p in people]
    score = adjusted_rand([found.circle_of[p] for p in people], [hash(t) for t in truth])
    print(f"demo: adjusted Rand {score:.3f} between circles and the generator's blocks")
    assert score >= 0.6


@pytest.fixture
def two_groups(kith: Kith) -> Kith:
    """Climbers Ada, Grace, Linus; Acme's Ken, Barbara, Dennis (and Edsger, who knows no one)."""
    for name, company in [
        ("Ada Lovelace", "Rope Works"),
        ("Grace Hopper", "Navy"),
        ("Linus Torvalds", "Kernel Co"),
        ("Ken Thompson", "Acme"),
        ("Barbara Liskov", "Acme"),
        ("Dennis Ritchie", "Acme"),
        ("Edsger Dijkstra", "Eindhoven"),
    ]:
        kith("add", name, "--company", company)
    kith("tag", "Ada", "climbing")
    kith("tag", "Grace", "climbing")
    kith("tag", "Linus", "climbing")
    for a, b in combinations(["Ada", "Grace", "Linus"], 2):
        kith("knows", a, b, "--well")
    for a, b in combinations(["Ken", "Barbara", "Dennis"], 2):
        kith("knows", a, b)
    kith("knows", "Linus", "Ken")
    return kith


def test_circles_lists_each_circle_with_its_name_size_and_strongest_ties(
    two_groups: Kith,
) -> None:
    assert two_groups("circles").output == (
        "Circles found afresh from who knows whom.\n"
        "id  circle    people  strongest ties\n"
        "#1  climbing  3       Ada Lovelace, Grace Hopper, Linus Torvalds\n"
        "#2  Acme      3       Ken Thompson, Barbara Liskov, Dennis Ritchie\n"
        "1 contact in no circle.\n"
    )


def test_circles_json_has_each_circle_with_its_members_as_people(two_groups: Kith) -> None:
    found = json.loads(two_groups("circles", "--json").output)
    assert [(c["id"], c["name"], c["size"], c["pinned"]) for c in found["circles"]] == [
        (1, "climbing", 3, False),
        (2, "Acme", 3, False),
    ]
    assert [m["name"] for m in found["circles"][1]["members"]] == [
        "Ken Thompson",
        "Barbara Liskov",
        "Dennis Ritchie",
    ]
    assert found["circles"][1]["members"][0]["company"] == "Acme"
    assert (found["made"], found["total"], found["unassigned"]) == ("detected", 2, 1)


def test_running_circles_again_with_nothing_new_changes_nothing(two_groups: Kith) -> None:
    two_groups("circles")
    two_groups("log", "Ada", "Grace", "climbed together")
    assert two_groups("circles").output.splitlines()[0] == "Circles unchanged since the last run."


def test_new_evidence_moves_only_the_people_it_touches(two_groups: Kith) -> None:
    two_groups("circles")
    two_groups("knows", "Edsger", "Ken", "--well")
    two_groups("knows", "Edsger", "Barbara", "--well")
    assert two_groups("circles").output == (
        "Circles updated: 1 person moved.\n"
        "id  circle    people  strongest ties\n"
        "#2  Acme      4       Ken Thompson, Barbara Liskov, Dennis Ritchie\n"
        "#1  climbing  3       Ada Lovelace, Grace Hopper, Linus Torvalds\n"
        "0 contacts in no circle.\n"
    )


def test_a_renamed_circle_keeps_your_name_and_a_pinned_one_its_people(two_groups: Kith) -> None:
    two_groups("circles")
    assert two_groups("circle", "rename", "1", "Crag  rats").output == (
        "Circle #1 is now Crag rats.\n"
    )
    assert two_groups("circle", "pin", "1").output == (
        "Pinned circle #1, Crag rats: its people stay.\n"
    )
    two_groups("knows", "Linus", "Barbara", "--well")
    two_groups("knows", "Linus", "Dennis", "--well")
    two_groups("knows", "Ada", "Grace", "--not")
    listed = two_groups("circles", "--refresh").output
    assert "#1  Crag rats (pinned)  3       Ada Lovelace, Grace Hopper, Linus Torvalds" in listed
    assert two_groups("circle", "pin", "1", "--off").output == "Unpinned circle #1, Crag rats.\n"
    assert two_groups("circle", "rename", "1", "").output == "Circle #1 is now climbing.\n"


def test_an_unknown_circle_is_not_found(two_groups: Kith) -> None:
    result = two_groups("circle", "rename", "9", "x")
    assert result.exit_code == 3
    assert result.output == "Error: No circle #9; `kith circles` lists them with their ids.\n"


def test_the_plan_counts_a_stored_circle_as_the_contacts_circle(
    two_groups: Kith, db_path: Path
) -> None:
    two_groups("todo", "Ada", "send the route topo", "--due", "today")
    two_groups("todo", "Edsger", "send the paper", "--due", "today")
    two_groups("tag", "Edsger", "logic")
    two_groups("circles")
    store = open_store(db_path)
    candidates, _ = candidates_for(store, NOW)
    circles = {c.person_id: c.circle for c in candidates}
    store.close()
    assert circles == {1: "circle:1", 7: "tag:logic"}
