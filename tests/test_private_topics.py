"""An interaction's topic that drafts will not say back to them ("dad's hospital visit": personal,
theirs to share) is the user's alone: an assistant without --include-notes does not get it,
while a topic drafts do say ("the garden") it does (a new user's trial, session 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kith.cli.main import cli
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
    # Grace's shorter card first, as without the text kept back (which once put her second)
    assert _found(db_path, "robot", include_notes=False) == ["Grace Hopper", "Tom Becker"]
    assert _found(db_path, "grace divorce", include_notes=False) == []
    assert _found(db_path, "grace robot", include_notes=False) == ["Grace Hopper"]


def _ranked(db_path: Path, text: str) -> list[tuple[str, float]]:
    session = Session(db_path, now_text=NOW_TEXT, include_notes=False)
    try:
        tools = {tool.__name__: guarded(session, tool) for tool in reading.tools(session)}
        found: dict[str, Any] = tools["search_people"](text=text)
        return [(hit["person"]["name"], hit["score"]) for hit in found["results"]]
    finally:
        session.close()


def _card(db_path: Path, kept_back: bool) -> None:
    """Tom and Grace work on the robot arm (Grace's words are longer: she ranks second on
    them); Ann's robot is only in a note; with `kept_back`, Grace also has a "working on" that
    drafts will not ask after, with "robot" in it twice, and Tom a private note of robots."""

    def run(*args: str) -> None:
        result = CliRunner().invoke(cli, ["--db", str(db_path), "--now", NOW_TEXT, *args])
        assert result.exit_code == 0, result.output

    run("add", "Tom Becker", "--working-on", "the robot arm")
    run("add", "Grace Hopper", "--working-on", "the robot arm for the lab")
    run("add", "Ann Lee", "--interest", "gardening")
    if kept_back:
        run("edit", "Grace", "--working-on", "her divorce from the robot robot guy")
        run("note", "Tom", "robots robots robots everywhere")
        run("note", "Ann", "robot")


def test_the_assistant_s_search_ranks_people_as_if_the_texts_it_may_not_see_were_not_there(
    tmp_path: Path,
) -> None:
    """A "working on" text kept back no longer shows, and no longer lifts Grace above Tom
    either: the order and the scores are those of a database without it (session 16)."""
    with_them, without = tmp_path / "with.db", tmp_path / "without.db"
    _card(with_them, kept_back=True)
    _card(without, kept_back=False)
    assert [name for name, _ in _ranked(with_them, "robot")] == ["Tom Becker", "Grace Hopper"]
    assert _ranked(with_them, "robot") == _ranked(without, "robot")
    assert _ranked(with_them, "robot arm") == _ranked(without, "robot arm")
    assert _ranked(with_them, "robot guy") == []
