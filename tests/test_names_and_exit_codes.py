"""How names resolve (contract.md) and the exit codes scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOW_TEXT, Kith


@pytest.fixture
def network(kith: Kith) -> Kith:
    kith("add", "Ada Lovelace", "--email", "ada@example.org", "--phone", "+44 20 7946 0958")
    kith("add", "Ada Yonath")
    kith("add", "Grace Hopper", "--linkedin", "linkedin.com/in/grace-hopper")
    kith("add", "José Núñez")
    return kith


def resolved(kith: Kith, name: str) -> str:
    result = kith("show", name, "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.output)["person"]["name"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("#2", "Ada Yonath"),
        ("ADA@example.org", "Ada Lovelace"),
        ("+44 20 7946 0958", "Ada Lovelace"),
        ("https://www.linkedin.com/in/Grace-Hopper/", "Grace Hopper"),
        ("jose nunez", "José Núñez"),
        ("Lovel", "Ada Lovelace"),
        ("hop", "Grace Hopper"),
        ("Núñ", "José Núñez"),
    ],
)
def test_a_name_resolves_by_id_identity_exact_name_or_unique_prefix(
    network: Kith, name: str, expected: str
) -> None:
    assert resolved(network, name) == expected


def test_an_ambiguous_prefix_exits_4_with_the_candidates(network: Kith) -> None:
    result = network("show", "Ada")
    assert (result.exit_code, result.stderr) == (
        4,
        "Error: 'Ada' matches 2 people; say which with #ID or a fuller name.\n"
        "  #1  Ada Lovelace\n  #2  Ada Yonath\n",
    )


def test_an_ambiguous_name_under_json_prints_the_candidates_on_stdout(network: Kith) -> None:
    result = network("show", "Ada", "--json")
    assert result.exit_code == 4
    assert json.loads(result.stdout) == {
        "error": "ambiguous",
        "message": "'Ada' matches 2 people; say which with #ID or a fuller name.",
        "candidates": [{"id": 1, "name": "Ada Lovelace"}, {"id": 2, "name": "Ada Yonath"}],
    }


def test_an_exact_name_wins_over_prefixes(kith: Kith) -> None:
    kith("add", "Ada")
    kith("add", "Ada Lovelace")
    assert resolved(kith, "ada") == "Ada"


def test_an_unknown_id_exits_3(network: Kith) -> None:
    result = network("show", "#99")
    assert (result.exit_code, result.stderr) == (3, "Error: No person has the id #99.\n")


def test_nobody_close_gives_no_suggestions(network: Kith) -> None:
    result = network("show", "Xu")
    assert (result.exit_code, result.stderr) == (3, "Error: Nobody called 'Xu'.\n")


def test_a_usage_error_exits_2(network: Kith) -> None:
    assert network("show").exit_code == 2
    assert network("log", "Ada Lovelace", "x", "--channel", "pigeon").exit_code == 2


def test_debug_shows_the_traceback_instead(network: Kith) -> None:
    from kith.errors import NotFound

    with pytest.raises(NotFound):
        network("--debug", "show", "#99")


def test_demo_uses_the_demo_database_even_when_kith_db_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from kith.cli.main import cli

    monkeypatch.setenv("KITH_DB", str(tmp_path / "mine.db"))
    runner = CliRunner()
    runner.invoke(cli, ["--demo", "--now", NOW_TEXT, "add", "Demo Person"])
    assert (tmp_path / "data-home" / "kith" / "demo.db").exists()
    assert not (tmp_path / "mine.db").exists()


def test_kith_now_fixes_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from kith.cli.main import cli

    monkeypatch.setenv("KITH_DB", str(tmp_path / "mine.db"))
    monkeypatch.setenv("KITH_NOW", "2026-01-02T03:04:05+00:00")
    runner = CliRunner()
    runner.invoke(cli, ["add", "Ada"])
    runner.invoke(cli, ["log", "Ada", "hello"])
    result = runner.invoke(cli, ["timeline", "--since", "1d", "--json"])
    assert json.loads(result.output)["interactions"][0]["at"] == "2026-01-02T03:04:05Z"


def test_an_ambiguous_name_lists_twenty_people_and_says_how_many_more(kith: Kith) -> None:
    """Trial 7: `kith knows Mateo Mercier` (unquoted) on 30,000 people listed 90 Mateos."""
    for n in range(25):
        kith("add", f"Mateo Number{n:02d}", "--new")
    said = kith("show", "Mateo")
    assert said.exit_code == 4
    lines = said.stderr.splitlines()
    assert lines[0] == "Error: 'Mateo' matches 25 people; say which with #ID or a fuller name."
    assert len(lines) == 22
    assert lines[-1] == "  … and 5 more: a fuller name narrows it"
    candidates = json.loads(kith("--json", "show", "Mateo").stdout)["candidates"]
    assert len(candidates) == 25
