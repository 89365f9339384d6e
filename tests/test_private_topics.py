"""An interaction's topic that drafts will not say back to them ("dad's hospital visit": personal,
theirs to share) is the user's alone: an assistant without --include-notes does not get it,
while a topic drafts do say ("the garden") it does (a new user's trial, session 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kith.mcp import reading
from kith.mcp.server import guarded
from kith.mcp.session import Session
from tests.conftest import NOW_TEXT, Kith


def _shown(db_path: Path, include_notes: bool) -> list[str | None]:
    session = Session(db_path, now_text=NOW_TEXT, include_notes=include_notes)
    try:
        tools = {tool.__name__: guarded(session, tool) for tool in reading.tools(session)}
        found: dict[str, Any] = tools["show_person"](name="Grace")
        return [row["topic"] for row in found["interactions"]]
    finally:
        session.close()


def test_a_topic_drafts_keep_back_is_not_given_to_the_assistant(kith: Kith, db_path: Path) -> None:
    kith("add", "Grace Hopper", "--phone", "+447700900002")
    kith("log", "Grace", "call", "-c", "call", "-t", "dad's hospital visit", "-w", "2026-11-20")
    kith("log", "Grace", "call", "-c", "call", "-t", "the garden", "-w", "2026-11-21")
    assert _shown(db_path, include_notes=False) == ["the garden", None]
    assert _shown(db_path, include_notes=True) == ["the garden", "dad's hospital visit"]


def _work_shown(db_path: Path, name: str, include_notes: bool) -> str | None:
    session = Session(db_path, now_text=NOW_TEXT, include_notes=include_notes)
    try:
        tools = {tool.__name__: guarded(session, tool) for tool in reading.tools(session)}
        found: dict[str, Any] = tools["show_person"](name=name)
        text: str | None = found["person"]["working_on"][0]["text"]
        return text
    finally:
        session.close()


def test_work_drafts_will_not_ask_after_is_not_given_to_the_assistant(
    kith: Kith, db_path: Path
) -> None:
    """Trial 5: `--working-on "her divorce (don't mention)"` was shown to the assistant."""
    kith("add", "Grace Hopper", "--working-on", "her divorce (don't mention)")
    kith("add", "Tom Becker", "--working-on", "the robot arm")
    assert _work_shown(db_path, "Grace", include_notes=False) is None
    assert _work_shown(db_path, "Grace", include_notes=True) == "her divorce (don't mention)"
    assert _work_shown(db_path, "Tom", include_notes=False) == "the robot arm"


def _found(db_path: Path, text: str, include_notes: bool) -> list[str]:
    session = Session(db_path, now_text=NOW_TEXT, include_notes=include_notes)
    try:
        tools = {tool.__name__: guarded(session, tool) for tool in reading.tools(session)}
        found: dict[str, Any] = tools["search_people"](text=text)
        return [hit["person"]["name"] for hit in found["results"]]
    finally:
        session.close()


def test_the_assistant_s_search_does_not_find_anyone_by_work_drafts_will_not_ask_after(
    kith: Kith, db_path: Path
) -> None:
    """Trial 5 (#17): `search_people` "divorce" found Tom, telling the assistant the word was on
    his card. Words elsewhere on the card, and work drafts do ask after, still find them."""
    kith("add", "Tom Becker", "--company", "Divorce Lawyers", "--working-on", "the robot arm")
    kith("add", "Grace Hopper", "--working-on", "her divorce (don't mention)")
    kith("edit", "Grace", "--working-on", "robotics grants")
    assert _found(db_path, "divorce", include_notes=False) == ["Tom Becker"]
    assert _found(db_path, "divorces", include_notes=True) == ["Tom Becker", "Grace Hopper"]
    assert _found(db_path, "robot", include_notes=False) == ["Tom Becker", "Grace Hopper"]
    assert _found(db_path, "grace divorce", include_notes=False) == []
    assert _found(db_path, "grace robot", include_notes=False) == ["Grace Hopper"]
