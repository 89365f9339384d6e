"""Warm paths (science.md §7): the costs, the best three, Yen's order, prospects reached through
contacts, `kith path` and `kith wants` on the demo, and the ask drafted to the first person."""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.relate import paths
from kith.services.mesh import paths as service
from kith.services.mesh.graph import load
from kith.store import open_store
from tests.conftest import NOW, Kith


def test_a_step_costs_minus_log_strength_plus_a_hop_and_weak_steps_cost_no_more_than_005() -> None:
    assert paths.cost(1.0) == pytest.approx(0.3)
    assert paths.cost(0.5) == pytest.approx(math.log(2) + 0.3)
    assert paths.cost(0.01) == paths.cost(0.05)


def test_a_path_is_worth_the_product_of_its_steps_less_for_each_hop() -> None:
    path = paths.Path((2, 3), (0.8, 0.5))
    assert path.value == pytest.approx(0.8 * 0.5 * math.exp(-0.6))
    assert (path.bottleneck, path.weakest, path.weak) == (0.5, 1, False)
    assert paths.Path((2,), (0.1,)).weak


def test_the_best_three_go_through_different_first_people_before_a_second_path_of_one() -> None:
    strength = {1: 0.9, 2: 0.5, 3: 0.3, 4: 0.9}
    neighbours = {9: {1: 0.7, 4: 0.6}, 1: {9: 0.7, 4: 0.8}, 4: {9: 0.6, 1: 0.8, 2: 0.5}}
    neighbours[2] = {4: 0.5}
    found = paths.warm_paths([9], strength, neighbours)
    assert [p.people for p in found] == [(1, 9), (4, 9), (2, 4, 9)]


def test_a_target_nobody_knows_has_no_path_and_a_contact_has_a_direct_one() -> None:
    assert paths.warm_paths([9], {1: 0.5}, {}) == []
    assert [p.people for p in paths.warm_paths([1], {1: 0.5}, {})] == [(1,)]


@st.composite
def meshes(draw: st.DrawFn) -> tuple[dict[int, float], dict[int, dict[int, float]]]:
    people = draw(st.integers(min_value=2, max_value=7))
    chances = st.floats(min_value=0.01, max_value=1.0)
    strength = {p: draw(chances) for p in range(1, people)}  # 0 is the target, a prospect
    neighbours: dict[int, dict[int, float]] = {p: {} for p in range(people)}
    for a in range(people):
        for b in range(a + 1, people):
            if draw(st.booleans()):
                neighbours[a][b] = neighbours[b][a] = draw(chances)
    return strength, neighbours


@settings(max_examples=150, deadline=None)
@given(meshes())
def test_paths_come_in_the_order_of_yens_algorithm_kept_to_three_hops(
    mesh: tuple[dict[int, float], dict[int, dict[int, float]]],
) -> None:
    strength, neighbours = mesh
    graph = nx.Graph()
    graph.add_weighted_edges_from(("me", p, paths.cost(s)) for p, s in strength.items())
    for a, theirs in neighbours.items():
        graph.add_weighted_edges_from((a, b, paths.cost(s)) for b, s in theirs.items() if a < b)
    if 0 not in graph:
        return
    yen = [
        nx.path_weight(graph, p, "weight")
        for p in nx.shortest_simple_paths(graph, "me", 0, weight="weight")
        if len(p) <= 4
    ]
    ours = sorted(p.cost for p in paths.candidates([0], strength, neighbours))
    assert ours == pytest.approx(yen)


ZHI_GAO = """\
Warm paths to Zhi Gao (#15), a prospect:
1. you → Layla Haddadin → Zhi Gao
   P 0.12 · weakest link 0.25: Layla Haddadin → Zhi Gao (both at Elmstead Bank; latest 2026-11-22)
2. you → Joon-young Han → Zhi Gao
   P 0.11 · weakest link 0.40: Joon-young Han → Zhi Gao (one suggested you meet the other; latest 2026-10-20)
3. you → Wendy Weekly → Joon-young Han → Zhi Gao
   P 0.06 · weakest link 0.40: Wendy Weekly → Joon-young Han (they know each other; no date recorded)

Ask Layla Haddadin first (email):
Subject: An introduction to Zhi Gao?
Hi Layla,

I hope you are well. I'd love to hear what you are up to these days. I am hoping to meet Zhi Gao, and I believe you know them: would you be comfortable introducing us? If it helps, I can send a short note you could forward. No pressure at all to say no.
"""  # noqa: E501


def test_a_prospect_known_only_through_contacts_is_reached_through_them(demo: Kith) -> None:
    assert demo("path", "Zhi Gao").output == ZHI_GAO


def test_a_path_of_three_hops_asks_the_first_person_for_the_one_they_know(kith: Kith) -> None:
    kith("config", "set", "me.name", "Sam")
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("note", "Ada", "PRIVATE-NOTE owes me money")
    kith("need", "Ada", "PRIVATE-NEED a quiet job search")
    for day in ("2026-11-20", "2026-11-01", "2026-10-15", "2026-09-20"):
        kith("log", "Ada", "PRIVATE-SUMMARY coffee", "--channel", "coffee", "--when", day)
    kith("knows", "Ada", "Grace", "--well")
    kith("refer", "Grace", "Hedy Lamarr")
    assert kith("path", "Hedy").output == (
        "Warm paths to Hedy Lamarr (#3), a prospect:\n"
        "1. you → Ada Lovelace → Grace Hopper → Hedy Lamarr\n"
        "   P 0.08 · weakest link 0.40: Grace Hopper → Hedy Lamarr (one suggested you meet the "
        "other; latest 2026-11-22)\n"
        "2. you → Grace Hopper → Hedy Lamarr\n"
        "   P 0.01 · weakest link 0.00: you → Grace Hopper (your tie; never in touch)\n"
        "   Weak: a link under 0.2 may not carry an ask; warm it up first.\n"
        "\n"
        "Ask Ada Lovelace first (email):\n"
        "Subject: An introduction to Hedy Lamarr?\n"
        "Hi Ada,\n"
        "\n"
        "I hope you are well. I'd love to hear what you are up to these days. I am hoping to meet "
        "Hedy Lamarr, and I believe you know Grace Hopper: would you be comfortable introducing "
        "me to Grace Hopper? If it helps, I can send a short note you could forward. No "
        "pressure at all to say no.\n"
        "\n"
        "Sam\n"
    )


def test_the_ask_fits_a_text_message_and_quotes_nothing_private(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("note", "Ada", "PRIVATE-NOTE owes me money")
    kith("log", "Ada", "PRIVATE-SUMMARY coffee", "--channel", "coffee")
    kith("refer", "Ada", "Hedy Lamarr", "--note", "PRIVATE-REFERRAL she is leaving MGM")
    found = json.loads(kith("path", "Hedy", "--channel", "message", "--json").output)
    ask = found["ask"]
    assert (ask["channel"], ask["subject"], ask["chars"] <= ask["max_chars"]) == (
        "message",
        None,
        True,
    )
    assert "PRIVATE" not in json.dumps(found)
    assert "Hedy Lamarr" in ask["draft"]


def test_someone_nobody_you_know_knows_has_no_path_and_no_ask(demo: Kith) -> None:
    demo("want", "Ada Lovelace")
    assert demo("path", "Ada Lovelace").output == (
        "Warm paths to Ada Lovelace (#151), a prospect:\n"
        "  None of three hops or fewer yet: `kith knows A B`, `kith refer A B` or `kith relate` "
        "record who knows whom.\n"
    )


def test_anyone_at_an_organisation_is_reached_first_through_the_people_you_know_there(
    demo: Kith,
) -> None:
    assert demo("path", "--company", "elmstead bank").output == (
        "Warm paths to anyone at Elmstead Bank (11 people):\n"
        "1. you → Layla Haddadin\n"
        "   P 0.63 · weakest link 0.85: you → Layla Haddadin (your tie; last in touch 2026-11-17)\n"
        "2. you → Zhi Mercier\n"
        "   P 0.32 · weakest link 0.43: you → Zhi Mercier (your tie; last in touch 2026-07-27)\n"
        "3. you → Thijs Koster\n"
        "   P 0.29 · weakest link 0.39: you → Thijs Koster (your tie; last in touch 2026-08-10)\n"
    )


def test_a_weak_link_is_warned_about(demo: Kith) -> None:
    output = demo("path", "Bilal Ogawa").output
    assert "3. you → Małgorzata Kozłowski → Søren Dahl → Bilal Ogawa\n" in output
    assert "weakest link 0.26" in output


def test_the_want_list_shows_each_wish_s_best_path(demo: Kith) -> None:
    demo("want", "Zhi Gao", "--why", "banking APIs")
    demo("want", "Ada Lovelace")
    assert demo("wants").output == (
        "id   name          why           suggested by    since       met      best path\n"
        "15   Zhi Gao       banking APIs  Joon-young Han  2026-11-22  not yet  Layla Haddadin "
        "(P 0.12)\n"
        "151  Ada Lovelace                                2026-11-22  not yet  none yet\n"
    )
    wants = json.loads(demo("wants", "--json").output)["wants"]
    assert [w["path"] and w["path"]["value"] for w in wants] == [0.1168, None]


def test_path_json_has_the_paths_links_and_the_ask(demo: Kith) -> None:
    found = json.loads(demo("path", "Zhi Gao", "--json").output)
    assert [t["name"] for t in found["targets"]] == ["Zhi Gao"]
    assert found["total"] == 3
    first = found["paths"][0]
    assert {k: first[k] for k in ("hops", "value", "bottleneck", "weakest", "weak")} == {
        "hops": 2,
        "value": 0.1168,
        "bottleneck": 0.25,
        "weakest": 1,
        "weak": False,
    }
    assert first["links"][1]["evidence"] == ["same_organisation"]
    assert found["ask"]["person"]["name"] == "Layla Haddadin"
    assert found["ask"]["kind"] == "path_ask"


def test_path_needs_a_name_or_a_company(demo: Kith) -> None:
    result = demo("path")
    assert (result.exit_code, result.output) == (
        2,
        "Error: Give a NAME or --company ORGANISATION (one of them).\n",
    )


def test_reading_only_the_neighbours_that_can_matter_finds_the_paths_the_whole_mesh_gives(
    built_demo: Path, db_path: Path
) -> None:
    shutil.copy(built_demo, db_path)
    store = open_store(db_path)
    try:
        whole = load(store, NOW, UTC)
        neighbours: dict[int, dict[int, float]] = {}
        for (a, b), chance in whole.edges.items():
            neighbours.setdefault(a, {})[b] = chance
            neighbours.setdefault(b, {})[a] = chance
        for person in sorted(whole.strength):
            found = service.to_person(store, person, NOW, UTC).paths
            expected = paths.warm_paths([person], whole.strength, neighbours)
            assert [tuple(link.target.id for link in p.links) for p in found] == [
                p.people for p in expected
            ]
            assert [p.value for p in found] == pytest.approx([p.value for p in expected])
    finally:
        store.close()


def test_a_prospect_is_reached_through_contacts_but_never_listed_among_whom_they_know(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    kith("refer", "Ada", "Hedy Lamarr")
    assert kith("knows", "Ada").output == "No evidence that they know any of your contacts yet.\n"
    found = json.loads(kith("path", "Hedy", "--json").output)
    assert [[p["name"] for p in path["people"]] for path in found["paths"]] == [
        ["Ada Lovelace", "Hedy Lamarr"]
    ]
