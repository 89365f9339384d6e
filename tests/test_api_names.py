"""The API and the MCP server name the same operation's arguments alike (the API's older names
still accepted, as docs/api.md says), and an upload takes `me` as `kith import --me` does."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from kith.mcp import reading, writing
from kith.mcp.session import Session
from kith.web.api import bodies
from tests.conftest import Kith

# MCP tool → the API's model of the same operation, and the arguments the API takes in its path
SAME_OPERATION: dict[str, tuple[type[BaseModel], set[str]]] = {
    "list_people": (bodies.PeopleQuery, set()),
    "search_people": (bodies.SearchQuery, set()),
    "show_person": (bodies.ShowQuery, {"name"}),
    "week_plan": (bodies.PlanQuery, {"refresh"}),  # refreshing is POST /api/plan/refresh
    "follow_ups": (bodies.TodosQuery, set()),
    "log_interaction": (bodies.NewInteraction, set()),
    "add_person": (bodies.NewPerson, set()),
    "add_follow_up": (bodies.NewTodo, set()),
    "draft_message": (bodies.DraftQuery, {"name"}),
}


def mcp_arguments(tmp_path: Path) -> dict[str, list[str]]:
    session = Session(tmp_path / "never-opened.db")
    return {
        tool.__name__: list(inspect.signature(tool).parameters)
        for tool in [*reading.tools(session), *writing.tools(session)]
    }


def api_arguments(model: type[BaseModel]) -> set[str]:
    """The names the API's document gives (an older name is only accepted, not shown)."""
    return set(model.model_json_schema()["properties"])


@pytest.mark.parametrize("tool", sorted(SAME_OPERATION))
def test_every_argument_an_mcp_tool_takes_has_the_same_name_in_the_api(
    tool: str, tmp_path: Path
) -> None:
    model, elsewhere = SAME_OPERATION[tool]
    taken = set(mcp_arguments(tmp_path)[tool]) - elsewhere
    assert taken - api_arguments(model) == set()


def test_the_api_documents_the_new_names_only() -> None:
    assert api_arguments(bodies.PeopleQuery) == {"query", "sort", "limit", "offset"}
    assert api_arguments(bodies.SearchQuery) == {"text", "limit"}
    assert api_arguments(bodies.TodosQuery) == {"name", "owner", "include_done"}
    assert {"names", "how_met"} <= api_arguments(bodies.NewInteraction) | api_arguments(
        bodies.NewPerson
    )


def test_the_api_takes_the_new_names(client: TestClient, demo: Kith) -> None:
    listed = client.get("/api/people", params={"query": "tag:meetup", "limit": 2}).json()
    assert (listed["query"], listed["total"]) == ("tag:meetup", 30)
    found = client.get("/api/search", params={"text": "Quayside"}).json()
    assert found["results"][0]["person"]["name"] == "Wendy Weekly"
    picks = client.get("/api/plan", params={"with_drafts": "true"}).json()["picks"]
    assert all(pick["draft"].startswith("Hi ") for pick in picks)
    logged = client.post("/api/interactions", json={"names": ["Wendy"], "summary": "tea"})
    assert logged.status_code == 201
    made = client.post("/api/todos", json={"name": "Wendy", "text": "send the paper"})
    assert made.status_code == 201
    theirs = {"name": "Wendy", "text": "lend the book", "owner": "theirs"}
    assert client.post("/api/todos", json=theirs).status_code == 201
    kept = client.post(f"/api/todos/{made.json()['todo']['id']}/done", json={}).json()
    assert kept["todo"]["done_at"] is not None
    mine = client.get("/api/todos", params={"name": "Wendy", "owner": "mine"}).json()
    assert mine["total"] == 0
    every = client.get("/api/todos", params={"name": "Wendy", "include_done": "true"}).json()
    assert sorted(t["text"] for t in every["todos"]) == ["lend the book", "send the paper"]
    added = {"name": "Wendy Weekly", "how_met": "the quay", "another_person": True}
    person = client.post("/api/people", json=added).json()["person"]
    assert (person["name"], person["how_met"]) == ("Wendy Weekly", "the quay")
    shown = client.get("/api/people/1", params={"all_interactions": "true"}).json()
    cli = json.loads(demo("show", "#1", "--all", "--json").output)
    assert len(shown["interactions"]) == len(cli["interactions"])


def test_a_name_given_twice_old_and_new_is_a_422(client: TestClient) -> None:
    answer = client.get("/api/people", params={"query": "tag:meetup", "q": "tag:python"})
    assert answer.status_code == 422
    assert answer.json()["message"] == "q: Extra inputs are not permitted."


def test_an_upload_takes_me_as_kith_import_does(client: TestClient, demo: Kith) -> None:
    mailbox = (
        b"From me@example.org Sat Nov  1 09:00:00 2025\nFrom: me@example.org\n"
        b"To: nadia@example.org\nDate: Sat, 1 Nov 2025 09:00:00 +0000\n"
        b"Message-ID: <a1@example.org>\nSubject: lunch?\n\nhello\n\n"
        b"From nadia@example.org Sat Nov  1 10:00:00 2025\nFrom: Nadia Nouveau "
        b"<nadia@example.org>\nTo: me@example.org\nDate: Sat, 1 Nov 2025 10:00:00 +0000\n"
        b"Message-ID: <a2@example.org>\nSubject: Re: lunch?\n\nyes\n\n"
    )
    headers = {"content-type": "application/octet-stream"}
    without = client.post("/api/imports?filename=mail.mbox", content=mailbox, headers=headers)
    assert without.status_code == 422
    assert "--me ADDRESS" in without.json()["message"]
    planned = client.post(
        "/api/imports",
        params=[("filename", "mail.mbox"), ("me", "me@example.org"), ("me", "old@example.org")],
        content=mailbox,
        headers=headers,
    )
    assert planned.status_code == 200, planned.json()
    assert planned.json()["imports"][0]["created"] == {"person": 1, "interaction": 2}
    done = client.post(f"/api/imports/{planned.json()['staged']}/apply", json={})
    assert done.json()["imports"][0]["created"] == {"person": 1, "interaction": 2}
    assert demo("show", "nadia@example.org").exit_code == 0
