"""`kith export graph`: the mesh in GraphML, GEXF and node-link JSON, read back with networkx."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import Kith


@pytest.fixture
def mesh(kith: Kith) -> Kith:
    for name in ("Ada Lovelace", "Grace Hopper", "Charles Babbage", "Hedy Lamarr"):
        kith("add", name, "--company", "Analytical Engines" if name != "Hedy Lamarr" else "MGM")
    kith("log", "Ada", "tea", "--channel", "coffee")
    kith("knows", "Ada", "Grace", "--well")
    kith("knows", "Ada", "Hedy", "--not")
    kith("relate", "Charles", "Ada", "--as", "colleague")
    kith("archive", "Hedy")
    return kith


def read(path: Path, fmt: str) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(path, node_type=int)
    if fmt == "gexf":
        return nx.read_gexf(path, node_type=int)
    return nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="links")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_each_format_reads_back_with_networkx_as_the_same_graph(
    mesh: Kith, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"mesh.{fmt}"
    assert mesh("export", "graph", str(path), "--format", fmt).output == (
        f"Exported 3 contacts and 3 links to {path} ({fmt}).\n"
    )
    graph = read(path, fmt)
    names = {graph.nodes[n]["name"]: n for n in graph.nodes}
    assert sorted(names) == ["Ada Lovelace", "Charles Babbage", "Grace Hopper"]
    ada, grace, charles = names["Ada Lovelace"], names["Grace Hopper"], names["Charles Babbage"]
    assert {k: graph.nodes[ada][k] for k in ("layer",)} == {"layer": "L7"}
    assert graph.nodes[ada]["strength"] > graph.nodes[grace]["strength"]
    assert graph.edges[ada, grace]["weight"] == pytest.approx(1 - 0.3 * 0.75)
    assert graph.edges[ada, grace]["evidence"] == "knows_well,same_organisation"
    assert graph.edges[ada, charles]["evidence"] == "relationship,same_organisation"
    assert graph.edges[grace, charles]["evidence"] == "same_organisation"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_pairs_marked_not_and_inferred_ties_are_left_out(kith: Kith, tmp_path: Path) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Charles Babbage", "Hedy Lamarr", "Alan Turing"):
        kith("add", name)
    for other in ("Grace", "Charles"):
        kith("knows", "Hedy", other)
        kith("knows", "Alan", other)
    kith("knows", "Ada", "Grace", "--not")
    path = tmp_path / "mesh.json"
    kith("export", "graph", str(path), "--format", "json")
    graph = read(path, "json")
    pairs = {tuple(sorted(graph.nodes[n]["name"] for n in edge)) for edge in graph.edges}
    assert pairs == {
        ("Grace Hopper", "Hedy Lamarr"),
        ("Charles Babbage", "Hedy Lamarr"),
        ("Alan Turing", "Grace Hopper"),
        ("Alan Turing", "Charles Babbage"),
    }
    assert graph.graph["inferred_ties"] == "excluded"


def test_export_graph_json_reports_what_it_wrote(mesh: Kith, tmp_path: Path) -> None:
    path = tmp_path / "mesh.gexf"
    found = json.loads(mesh("export", "graph", str(path), "--format", "gexf", "--json").output)
    assert found == {"export": str(path), "format": "gexf", "nodes": 3, "edges": 3}


def test_the_demo_exports_its_contacts_with_their_layers_and_links(
    kith: Kith, tmp_path: Path
) -> None:
    kith("demo")
    path = tmp_path / "demo.graphml"
    assert kith("export", "graph", str(path)).output == (
        f"Exported 147 contacts and 1156 links to {path} (graphml).\n"
    )
    graph = read(path, "graphml")
    wendy = next(n for n in graph.nodes if graph.nodes[n]["name"] == "Wendy Weekly")
    assert (graph.nodes[wendy]["layer"], round(graph.nodes[wendy]["strength"], 2)) == ("L1", 0.94)
    kinds = {kind for *_, e in graph.edges(data="evidence") for kind in e.split(",")}
    assert kinds == {
        "explicit",
        "introduction",
        "referral",
        "relationship",
        "same_event",  # both came to one of the user's events (ten people or fewer)
        "same_organisation",
    }


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_names_with_markup_characters_come_back_as_they_were(
    kith: Kith, tmp_path: Path, fmt: str
) -> None:
    name = 'Ada "Countess" <Lovelace> & Co'
    kith("add", name)
    kith("add", "Grace Hopper")
    kith("knows", "#1", "#2")
    path = tmp_path / f"mesh.{fmt}"
    kith("export", "graph", str(path), "--format", fmt)
    graph = read(path, fmt)
    assert sorted(graph.nodes[n]["name"] for n in graph.nodes) == [name, "Grace Hopper"]
    assert list(graph.edges(data="evidence")) == [(1, 2, "explicit")]
