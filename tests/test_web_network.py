"""The network page (/network): the mesh laid out on the server, stored, read back while it is
current, made again when it changes; filters; the cap on how many people are drawn."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from kith.relate import layout
from kith.services.mesh import drawing
from kith.shapes import network as shapes
from kith.store import Store, migrations
from kith.store.connection import APPLICATION_ID
from kith.store.mesh.network import NodeRow
from tests.conftest import NOW, Kith
from tests.web_support import web_client


def network(db_path: Path, query: str = "") -> dict[str, object]:
    with web_client(db_path) as client:
        answer = client.get(f"/network?format=json{query}")
        assert answer.status_code == 200
        found: dict[str, object] = answer.json()
        return found


def test_the_network_draws_every_demo_contact_with_a_place_and_a_circle(
    demo: Kith, db_path: Path
) -> None:
    page = network(db_path)
    nodes = page["nodes"]
    assert isinstance(nodes, list)
    assert (page["shown"], page["matched"], page["total"], page["capped"]) == (147, 147, 147, False)
    assert set(nodes[0]) == {"id", "name", "x", "y", "strength", "layer", "circle", "bridge"}
    assert [n["strength"] for n in nodes] == sorted((n["strength"] for n in nodes), reverse=True)
    circles = {c["id"] for c in page["circles"]}  # type: ignore[attr-defined]
    assert {n["circle"] for n in nodes} - {None} == circles
    assert any(n["bridge"] for n in nodes)


def test_known_links_come_before_inferred_ones_and_the_users_word_is_known(
    demo: Kith, db_path: Path, store: Store
) -> None:
    demo("knows", "Wendy Weekly", "Quinn Quarterly")
    page = network(db_path)
    ids = {name: pid for pid, name in store.mesh.contact_names().items()}
    pair = sorted((ids["Wendy Weekly"], ids["Quinn Quarterly"]))
    edges = page["edges"]
    assert isinstance(edges, list)
    said = [e for e in edges if [e["source"], e["target"]] == pair]
    assert said == [{"source": pair[0], "target": pair[1], "weight": 0.4, "known": True}]
    known = [e["known"] for e in edges]
    assert known == sorted(known, reverse=True)
    assert False in known


def test_the_same_graph_and_seed_give_the_same_places_and_another_seed_others() -> None:
    a = np.array([0, 0, 1, 2, 3], np.int64)
    b = np.array([1, 2, 2, 3, 4], np.int64)
    w = np.array([0.4, 0.7, 0.25, 0.4, 0.1])
    first = layout.positions(7, a, b, w, seed=3)
    assert np.array_equal(first, layout.positions(7, a, b, w, seed=3))
    assert not np.array_equal(first, layout.positions(7, a, b, w, seed=4))
    unlinked = np.sqrt((first[5:] ** 2).sum(axis=1))
    assert (unlinked >= layout.RING_GAP - 1e-9).all()  # the two unlinked sit outside


def test_the_stored_drawing_is_read_back_and_a_new_link_has_it_made_again(
    demo: Kith, db_path: Path, store: Store
) -> None:
    made = drawing.current(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    again = drawing.current(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    assert again.key == made.key == store.network.key()
    assert [(n.person_id, n.x, n.y) for n in again.nodes] == [
        (n.person_id, n.x, n.y) for n in made.nodes
    ]
    assert drawing.current(store, NOW, NOW.tzinfo, again) is again  # type: ignore[arg-type]
    demo("knows", "Wendy Weekly", "Quinn Quarterly", "--well")
    remade = drawing.current(store, NOW, NOW.tzinfo, again)  # type: ignore[arg-type]
    assert remade.key != again.key
    assert remade.key == store.network.key()


def test_made_again_from_scratch_the_drawing_has_the_same_places(
    demo: Kith, db_path: Path, store: Store
) -> None:
    made = drawing.current(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    again = drawing.make(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in made.nodes]


def test_the_circle_filter_shows_only_that_circles_people(demo: Kith, db_path: Path) -> None:
    whole = network(db_path)
    circle = whole["circles"][0]  # type: ignore[index]
    page = network(db_path, f"&circle={circle['id']}")
    assert page["shown"] == page["matched"] == circle["size"]
    assert {n["circle"] for n in page["nodes"]} == {circle["id"]}  # type: ignore[attr-defined]
    shown = {n["id"] for n in page["nodes"]}  # type: ignore[attr-defined]
    assert all(e["source"] in shown and e["target"] in shown for e in page["edges"])  # type: ignore[attr-defined]


def test_the_layer_and_tag_filters_show_only_the_people_they_name(
    demo: Kith, db_path: Path
) -> None:
    layered = network(db_path, "&layer=l5")
    assert layered["filters"] == {"circle": None, "layer": "L5", "tag": None}
    assert {n["layer"] for n in layered["nodes"]} == {"L5"}  # type: ignore[attr-defined]
    tagged = network(db_path, "&tag=meetup")
    listed = {p["id"] for p in demo_people(demo, "tag:meetup")}
    assert {n["id"] for n in tagged["nodes"]} == listed  # type: ignore[attr-defined]
    assert tagged["matched"] == len(listed) > 0


def demo_people(demo: Kith, query: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(demo("list", query, "--json").output)["people"]
    return found


def test_past_the_cap_the_strongest_are_shown_and_the_page_says_so(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drawing, "NODES_SHOWN", 10)
    whole = network(db_path)
    assert (whole["shown"], whole["matched"], whole["capped"]) == (10, 147, True)
    with web_client(db_path) as client:
        html = client.get("/network").text
    assert "Showing the 10 strongest of 147 people: filter by circle, layer or tag" in html


def test_past_the_cap_on_links_the_likeliest_are_drawn_and_the_page_says_so(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drawing, "EDGES_SHOWN", 10)
    whole = network(db_path)
    assert (len(whole["edges"]), whole["links_shown"]) == (10, 10)  # type: ignore[arg-type]
    assert whole["links"] == 1156
    with web_client(db_path) as client:
        html = client.get("/network").text
    assert "The 10 likeliest of 1,156 links among them are drawn." in html


def test_the_network_page_is_in_the_nav_and_loads_only_its_own_scripts(
    demo: Kith, db_path: Path
) -> None:
    with web_client(db_path) as client:
        html = client.get("/network").text
    assert '<a href="/network" aria-current="page">Network</a>' in html
    assert '<script src="/static/network.js" defer></script>' in html
    assert '<div id="network" class="graph" role="img"' in html


def test_migration_20_starts_the_mesh_version_and_counts_changes_to_links(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=19)
    for pid, name in ((1, "Ada Lovelace"), (2, "Grace Hopper")):
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z')",
            (pid, f"u-{pid}", name, name.lower()),
        )
    migrations.migrate(connection, path, APPLICATION_ID, upto=20)
    version = "SELECT value FROM meta WHERE key = 'network.version'"
    assert connection.execute(version).fetchone() == ("0",)
    connection.execute("INSERT INTO link (a_id, b_id, kind, count) VALUES (1, 2, 'explicit', 1)")
    connection.execute("UPDATE person SET display_name = 'Ada King' WHERE id = 1")
    assert connection.execute(version).fetchone() == ("2",)
    assert connection.execute("SELECT count(*) FROM network_node").fetchone() == (0,)
    connection.close()


def test_each_nodes_json_text_reads_back_as_its_json_object(demo: Kith, store: Store) -> None:
    made = drawing.current(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    for node in made.nodes:
        assert json.loads(shapes.node_text(node)) == shapes.node_json(node)
    odd = NodeRow(1, 'Ümit "Q" </script>\\', 0.1, -2.5, 1e-07, "L7", None, True)
    assert json.loads(shapes.node_text(odd))["name"] == 'Ümit "Q" </script>\\'
    assert json.loads(shapes.edge_text(made.edges[0])) == {
        "source": made.edges[0].a,
        "target": made.edges[0].b,
        "weight": made.edges[0].weight,
        "known": made.edges[0].known,
    }


def test_after_a_change_the_page_shows_the_kept_drawing_while_a_new_one_is_made(
    demo: Kith, db_path: Path
) -> None:
    with web_client(db_path) as client:
        first = client.get("/network?format=json").json()
        assert demo("knows", "Wendy Weekly", "Quinn Quarterly", "--well").exit_code == 0
        kept = client.get("/network?format=json").json()
        client.app.state.context.drawer.wait(60)  # type: ignore[attr-defined]
        fresh = client.get("/network?format=json").json()
    assert (first["refreshing"], kept["refreshing"], fresh["refreshing"]) == (False, True, False)
    assert kept["nodes"] == first["nodes"]
    assert len(fresh["edges"]) == len(first["edges"]) + 1
