"""list with the query language, and ranked full-text search."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Kith


def names(kith: Kith, *query: str) -> list[str]:
    result = kith("list", *query, "--json")
    assert result.exit_code == 0, result.output
    return [p["name"] for p in json.loads(result.output)["people"]]


@pytest.fixture
def network(kith: Kith) -> Kith:
    kith(
        "add",
        "Zoë Müller",
        "--company",
        "Ångström Labs GmbH",
        "--tag",
        "Physics",
        "--met",
        "CERN summer school",
    )
    kith(
        "add",
        "ada lovelace",
        "--company",
        "Analytical Engines",
        "--tag",
        "python",
        "--interest",
        "compilers",
    )
    kith("add", "Grace Hopper", "--company", "US Navy", "--tag", "python", "--met", "PyCon")
    kith("add", "Charles Babbage", "--company", "Analytical Engines")
    kith("log", "Zoë", "coffee about detectors", "--when", "2026-11-01")
    kith(
        "log",
        "Grace",
        "compiler chat over e-mail",
        "-c",
        "email",
        "--when",
        "2026-06-01",
        "--notes",
        "she is compiling a list of COBOL war stories",
    )
    kith("log", "Charles", "sent the engine plans", "-c", "email", "--when", "2026-11-20")
    return kith


def test_list_orders_by_folded_name(network: Kith) -> None:
    assert names(network) == ["ada lovelace", "Charles Babbage", "Grace Hopper", "Zoë Müller"]


def test_list_prints_a_plain_table_when_piped(network: Kith) -> None:
    assert network("list", "tag:python").output == (
        "id  name          company             tags    last contact\n"
        "2   ada lovelace  Analytical Engines  python\n"
        "3   Grace Hopper  US Navy             python  2026-06-01\n"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (["tag:PYTHON"], ["ada lovelace", "Grace Hopper"]),
        (["interest:Compilers"], ["ada lovelace"]),
        (["company:angstrom"], ["Zoë Müller"]),
        (["company:analytical", "-tag:python"], ["Charles Babbage"]),
        (["met:cern"], ["Zoë Müller"]),
        (["channel:email"], ["Charles Babbage", "Grace Hopper"]),
        (["channel:email", "since:90d"], ["Charles Babbage"]),
        (["since:30d"], ["Charles Babbage", "Zoë Müller"]),
        (["before:2026-11-01"], ["Grace Hopper"]),
        (["-channel:email"], ["ada lovelace", "Zoë Müller"]),
        (["zoe"], ["Zoë Müller"]),
    ],
)
def test_query_terms_select_people(network: Kith, query: list[str], expected: list[str]) -> None:
    assert names(network, *query) == expected


def test_list_with_a_limit_reports_the_total(network: Kith) -> None:
    listed = json.loads(network("list", "--limit", "1", "--json").output)
    assert ([p["name"] for p in listed["people"]], listed["total"]) == (["ada lovelace"], 4)
    assert network("list", "--limit", "1").output.endswith("(1 of 4; drop --limit to see all)\n")


def test_a_bad_query_exits_1_saying_why(network: Kith) -> None:
    result = network("list", "colour:red")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unknown query term 'colour:' in 'colour:red'; use ")


def test_search_ranks_card_matches_before_log_matches(network: Kith) -> None:
    results = json.loads(network("search", "compilers", "--json").output)["results"]
    assert [(r["person"]["name"], r["matched"]) for r in results] == [
        ("ada lovelace", ["card"]),
        ("Grace Hopper", ["1 interaction"]),
    ]


def test_search_ignores_accents_and_stems_words(network: Kith) -> None:
    assert network("search", "muller").output == (
        "id  name        company             found in\n1   Zoë Müller  Ångström Labs GmbH  card\n"
    )
    assert [
        r["person"]["name"]
        for r in json.loads(network("search", "detector", "--json").output)["results"]
    ] == ["Zoë Müller"]


def test_search_finds_words_in_interaction_notes(network: Kith) -> None:
    assert [
        r["person"]["name"]
        for r in json.loads(network("search", "cobol", "--json").output)["results"]
    ] == ["Grace Hopper"]


def test_search_survives_query_syntax_characters(network: Kith) -> None:
    assert network("search", '"AND OR (* NEAR').exit_code == 0


def test_search_finds_notes_added_later(network: Kith) -> None:
    network("note", "Charles", "loves lighthouses")
    assert [
        r["person"]["name"]
        for r in json.loads(network("search", "lighthouse", "--json").output)["results"]
    ] == ["Charles Babbage"]


def test_search_respects_its_limit(network: Kith) -> None:
    results = json.loads(network("search", "analytical", "--limit", "1", "--json").output)
    assert results["total"] == 1
