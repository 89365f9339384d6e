"""`kith mcp` answers the official MCP SDK's own client over stdio: `kith --db DEMO mcp` runs as
a subprocess, every tool is listed and called on the demo network, errors come back as MCP
tool errors with the CLI's message, and private text is withheld without --include-notes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any, get_args

import anyio
import pytest
from click.testing import CliRunner
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from kith.cli.logging import CHANNEL_CHOICES
from kith.cli.main import cli
from kith.cli.mesh.paths import CHANNELS as PATH_CHANNELS
from kith.cli.week.drafts import DRAFT_CHANNELS
from kith.drafts.render import KINDS
from kith.mcp import arguments
from kith.mcp.privacy import withhold
from kith.vocab import DIRECTIONS, INTERACTION_KINDS
from tests.conftest import NOW_TEXT, loaded_at_start

MARKER = "zqxprivate"  # in a note, a summary, interaction notes and a done note
KITH = Path(sys.executable).with_name("kith")
TOOLS = {
    "list_people",
    "search_people",
    "show_person",
    "week_plan",
    "today",
    "follow_ups",
    "suggest_introductions",
    "warm_path",
    "log_interaction",
    "add_person",
    "add_follow_up",
    "draft_message",
}
# one good call of each tool; the writes last, so that the reads see the demo as it was
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("list_people", {"query": "tag:university", "limit": 3}),
    ("search_people", {"text": MARKER}),
    ("show_person", {"name": "#1"}),
    ("week_plan", {"with_drafts": True}),
    ("today", {}),
    ("follow_ups", {"name": "#1", "include_done": True}),
    ("suggest_introductions", {}),
    ("warm_path", {"company": "Quayside Books"}),
    ("draft_message", {"name": "#1", "kind": "checkin", "channel": "message"}),
    ("log_interaction", {"names": ["#2"], "summary": f"{MARKER} lunch", "notes": MARKER}),
    ("add_person", {"name": "Hedy Marker", "emails": ["hedy@example.org"], "tags": ["radio"]}),
    ("add_follow_up", {"name": "#2", "text": "send the radio paper", "due": "friday"}),
]
ERRORS: list[tuple[str, dict[str, Any]]] = [
    ("show_person", {"name": "A"}),  # ambiguous: 18 people
    ("show_person", {"name": "Nobody Atall"}),
    ("log_interaction", {"names": ["#1"], "summary": "  "}),
    ("log_interaction", {"names": ["#1"], "summary": "tea", "channel": "pigeon"}),
    ("add_person", {"name": "Bad Birthday", "birthday": "the 31st of Smarch"}),
    ("warm_path", {}),
    ("list_people", {"query": "since:someday"}),
    ("list_people", {"qurey": "tag:university"}),
    ("show_person", {"name": "#1", "all": True, "verbose": True}),
    ("today", {"day": "monday"}),
]


def kith(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "--now", NOW_TEXT, *args])
    assert result.exit_code == 0, result.output
    return result.output


async def _session(db: Path, include_notes: bool, home: Path) -> dict[str, Any]:
    """Start `kith --db DB mcp` through the SDK's stdio client; list and call every tool."""
    extra = ["--include-notes"] if include_notes else []
    params = StdioServerParameters(
        command=str(KITH),
        args=["--db", str(db), "--now", NOW_TEXT, "mcp", *extra],
        # no test reads the real data folder; no next Monday prepared in a thread (week_ahead)
        env={"XDG_DATA_HOME": str(home), "TZ": "UTC", "KITH_PREPARE_AHEAD": "off"},
    )
    seen: dict[str, Any] = {"results": {}, "errors": []}
    async with Client(params) as client:
        listed = await client.list_tools()
        seen["tools"] = {tool.name: tool for tool in listed.tools}
        for name, arguments_ in CALLS:
            result = await client.call_tool(name, arguments_)
            assert not result.is_error, (name, result.content)
            seen["results"][name] = result
        for name, arguments_ in ERRORS:
            result = await client.call_tool(name, arguments_)
            seen["errors"].append((name, result))
    return seen


def _prepared(tmp: Path, built_demo: Path) -> Path:
    db = tmp / "kith.db"
    shutil.copy(built_demo, db)
    kith(db, "note", "#1", f"{MARKER} is moving to Lisbon")
    kith(db, "log", "#1", f"{MARKER} dinner", "--notes", f"{MARKER} notes", "--when", "yesterday")
    made = json.loads(kith(db, "--json", "todo", "#1", "lend the bike", "--due", "2026-11-20"))
    kith(db, "todo-done", str(made["todo"]["id"]), "-m", f"{MARKER} lent it")
    return db


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, built_demo: Path) -> dict[str, Any]:
    """Both modes, each on its own copy of the demo; the CLI's --json of the same reads."""
    runs: dict[str, Any] = {}
    for include_notes in (False, True):
        db = _prepared(tmp_path_factory.mktemp("mcp"), built_demo)
        cli_show = json.loads(kith(db, "--json", "show", "#1"))
        cli_today = json.loads(kith(db, "--json", "today"))
        cli_list = json.loads(kith(db, "--json", "list", "tag:university", "--limit", "3"))
        seen = anyio.run(_session, db, include_notes, db.parent / "data-home")
        seen |= {"db": db, "show": cli_show, "today": cli_today, "list": cli_list}
        runs["notes" if include_notes else "private"] = seen
    return runs


def structured(result: Any) -> dict[str, Any]:
    found: dict[str, Any] = result.structured_content
    return found


def text_of(result: Any) -> str:
    return "\n".join(block.text for block in result.content)


def test_the_server_lists_every_tool_with_a_description_and_argument_help(
    served: dict[str, Any],
) -> None:
    tools = served["private"]["tools"]
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert len(tool.description) > 100, tool.name
        for name, schema in tool.input_schema.get("properties", {}).items():
            assert schema.get("description"), (tool.name, name)


def test_reads_return_what_the_cli_json_prints(served: dict[str, Any]) -> None:
    run = served["notes"]
    assert structured(run["results"]["show_person"]) == run["show"]
    assert structured(run["results"]["today"]) == run["today"]
    assert structured(run["results"]["list_people"]) == run["list"]


def test_without_include_notes_no_tool_returns_private_text(served: dict[str, Any]) -> None:
    run = served["private"]
    for name, result in run["results"].items():
        assert MARKER not in text_of(result), name
        assert MARKER not in json.dumps(structured(result)), name
    shown = structured(run["results"]["show_person"])
    assert shown["person"]["notes"] == []
    assert shown["interactions"][0]["summary"] is None
    assert shown["interactions"][0]["notes"] is None
    assert structured(run["results"]["search_people"]) == {"results": [], "total": 0}


def test_with_include_notes_the_private_text_is_returned(served: dict[str, Any]) -> None:
    results = served["notes"]["results"]
    for name in ("show_person", "follow_ups", "log_interaction"):
        assert MARKER in json.dumps(structured(results[name])), name
    found = structured(results["search_people"])["results"]  # found by its note and log
    assert [(r["person"]["id"], r["matched"]) for r in found] == [(1, ["card", "2 interactions"])]


def test_writes_change_the_database_as_the_cli_would(served: dict[str, Any]) -> None:
    db = served["private"]["db"]
    logged = structured(served["private"]["results"]["log_interaction"])["interaction"]
    shown = json.loads(kith(db, "--json", "show", "#2"))
    assert shown["interactions"][0]["id"] == logged["id"]
    assert shown["interactions"][0]["summary"] == f"{MARKER} lunch"  # stored, only not shown
    added = json.loads(kith(db, "--json", "list", "tag:radio"))
    assert [p["name"] for p in added["people"]] == ["Hedy Marker"]
    todos = json.loads(kith(db, "--json", "todos", "#2"))
    assert [t["text"] for t in todos["todos"]] == ["send the radio paper"]
    assert todos["todos"][0]["due"] == "2026-11-27"


def test_every_tool_answers_on_the_demo_network(served: dict[str, Any]) -> None:
    results = {k: structured(v) for k, v in served["private"]["results"].items()}
    assert results["list_people"]["total"] > 3
    assert len(results["list_people"]["people"]) == 3
    assert results["week_plan"]["picks"]
    assert all("draft" in p for p in results["week_plan"]["picks"] if p["state"] == "open")
    assert results["follow_ups"]["todos"][0]["done_note"] is None
    assert results["warm_path"]["organisation"] == "Quayside Books"
    assert results["draft_message"]["channel"] == "message"
    assert results["draft_message"]["draft"]
    assert results["add_person"]["person"]["emails"] == ["hedy@example.org"]
    assert results["add_follow_up"]["todo"]["owner"] == "mine"
    assert "intros" in results["suggest_introductions"]


def test_errors_come_back_as_tool_errors_with_the_cli_message(served: dict[str, Any]) -> None:
    errors = served["private"]["errors"]
    assert all(result.is_error for _, result in errors)
    texts = [text_of(result) for _, result in errors]
    assert all("Traceback" not in text for text in texts)
    ambiguous, missing, empty, pigeon, birthday, path, query, typo, two, none = texts
    assert "'A' matches 18 people" in ambiguous
    assert "#9  Obinna Ansah" in ambiguous
    assert "Nobody Atall" in missing
    assert "The summary is empty" in empty
    assert "channel" in pigeon
    assert "Could not read the birthday 'the 31st of Smarch'" in birthday
    assert "Give a name or a company (one of them)." in path
    assert "Could not read the date 'someday'" in query
    assert typo == (
        "list_people has no argument 'qurey': its arguments are query, limit. Nothing was "
        "done; call it again without it."
    )
    assert two == (
        "show_person has no arguments 'all', 'verbose': its arguments are name, "
        "all_interactions. Nothing was done; call it again without them."
    )
    assert none == (
        "today has no argument 'day': it takes no argument. Nothing was done; call it again "
        "without it."
    )


def test_the_tools_choices_are_the_clis() -> None:
    assert get_args(arguments.LogChannel) == tuple(CHANNEL_CHOICES)
    assert get_args(arguments.Direction) == DIRECTIONS
    assert get_args(arguments.InteractionKind) == INTERACTION_KINDS
    assert get_args(arguments.DraftKind) == KINDS
    assert get_args(arguments.DraftChannel) == DRAFT_CHANNELS
    assert get_args(arguments.PathChannel) == PATH_CHANNELS


def test_withhold_empties_private_keys_at_any_depth_and_keeps_the_shape() -> None:
    data = {"a": [{"summary": "x", "notes": ["y"], "done_note": "z", "topic": "t"}], "notes": "n"}
    assert withhold(data) == {
        "a": [{"summary": None, "notes": [], "done_note": None, "topic": "t"}],
        "notes": None,
    }


MCP_LIBRARIES = ("mcp", "pydantic", "kith.mcp")


@pytest.mark.parametrize("argv", [["--help"], ["mcp", "--help"], ["list", "--help"]])
def test_the_cli_starts_without_importing_the_mcp_sdk(argv: list[str]) -> None:
    assert loaded_at_start(argv, MCP_LIBRARIES) == []


def test_mcp_refuses_a_file_that_is_not_kiths_before_serving(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("not a database")
    result = CliRunner().invoke(cli, ["--db", str(other), "mcp"])
    assert result.exit_code == 5
    assert result.output.startswith("Error: ")
