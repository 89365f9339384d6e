"""A pick's reason quotes a news note ("their recent news: pregnant, due in May"): the user's own
words, shown by `kith plan` but never sent where docs/mcp.md and docs/threat-model.md promise no
notes go — an assistant's answer without --include-notes, and the calendar feed a phone syncs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest

from kith.mcp import reading
from kith.mcp.privacy import withhold
from kith.mcp.server import guarded
from kith.mcp.session import Session
from tests.conftest import NOW_TEXT, Kith

NEWS = "pregnant, due in May"


@pytest.fixture
def news_pick(kith: Kith) -> Kith:
    """Lena, called monthly and not due this week, in the plan only for a news note."""
    kith("add", "Lena Fischer")
    for day in ("2026-08-10", "2026-09-10", "2026-10-10", "2026-11-10"):
        kith("log", "Lena", "call", "--channel", "call", "--when", day)
    kith("note", "Lena", NEWS, "--kind", "news")
    return kith


def _tool(db_path: Path, name: str, include_notes: bool) -> dict[str, Any]:
    session = Session(db_path, now_text=NOW_TEXT, include_notes=include_notes)
    try:
        tools = {tool.__name__: guarded(session, tool) for tool in reading.tools(session)}
        found: dict[str, Any] = tools[name]()
        return found
    finally:
        session.close()


def test_the_plan_shows_the_user_their_own_news_note_as_the_reason(news_pick: Kith) -> None:
    shown = json.loads(news_pick("--json", "plan").output)
    assert [pick["reason"] for pick in shown["picks"]] == [f"their recent news: {NEWS}"]


def test_the_calendar_feed_gives_the_reason_without_the_note(news_pick: Kith) -> None:
    feed = news_pick("calendar", "export", "-").output
    events = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert [str(event["DESCRIPTION"]) for event in events] == [
        "Why now: their recent news.\nWhen done: kith done 'Lena Fischer'"
    ]
    assert "pregnant" not in feed


@pytest.mark.parametrize("tool", ["week_plan", "today"])
def test_the_assistant_is_given_the_reason_without_the_note(
    news_pick: Kith, db_path: Path, tool: str
) -> None:
    picks = _tool(db_path, tool, include_notes=False)["picks"]
    assert [pick["reason"] for pick in picks] == ["their recent news"]


def test_with_include_notes_the_assistant_is_given_the_whole_reason(
    news_pick: Kith, db_path: Path
) -> None:
    picks = _tool(db_path, "week_plan", include_notes=True)["picks"]
    assert [pick["reason"] for pick in picks] == [f"their recent news: {NEWS}"]


def test_withhold_keeps_every_other_reason_whole() -> None:
    data = {
        "picks": [
            {"reason": "a follow-up due: you promised 'send the slides'"},
            {"reason": "their recent news: moving to Lisbon"},
            {"reason": "overdue by 5 days"},
        ],
        "intros": [{"reason": "Ada needs “a designer”, which Grace offers."}],
    }
    assert withhold(data) == {
        "picks": [
            {"reason": "a follow-up due: you promised 'send the slides'"},
            {"reason": "their recent news"},
            {"reason": "overdue by 5 days"},
        ],
        "intros": [{"reason": "Ada needs “a designer”, which Grace offers."}],
    }
