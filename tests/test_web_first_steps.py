"""The web's empty week says what to do first, as the CLI does: to an empty address book, and to
one of cards without any history, /api/plan gives `first_steps` (the words `kith plan` says
after "Nobody is due this week: "), the week page says them in the web's own words, its Import
and Quick log pages as links, not terminal commands a phone cannot run (in the real headless
Chromium too), and MCP's week_plan gives the same field. A book with history
and nobody due gets null and the quiet week's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kith.mcp.reading import tools
from kith.mcp.session import Session
from kith.web.api import schemas
from tests.browser_fixtures import browser, opened
from tests.browser_support import DESKTOP, serving
from tests.conftest import NOW_TEXT, Kith
from tests.web_support import web_client

__all__ = ["browser"]  # fixtures
EMPTY = (
    "your address book is empty. Add someone (`kith add NAME`) or bring in your contacts, mail "
    "and chats (`kith import FILE`)."
)
NO_HISTORY = (
    "Kith has no interaction yet with any of the 2 people in your address book, and a tie falls "
    "due only after one. Log what you do together (`kith log NAME SUMMARY`) or import mail and "
    "chats (`kith import FILE`)."
)
QUIET = "Nobody is due this week: every tie is within its cadence. Enjoy the quiet."


def two_cards(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")


def plan_and_page(db_path: Path) -> tuple[dict[str, object], str]:
    """/api/plan's JSON and the week page's HTML."""
    with web_client(db_path) as client:
        plan = client.get("/api/plan").json()
        page = client.get("/").text
    schemas.Plan.model_validate(plan)
    return plan, page


def test_an_empty_address_book_gets_the_first_steps_in_the_api_and_on_the_page(
    kith: Kith, db_path: Path
) -> None:
    plan, page = plan_and_page(db_path)
    assert (plan["picks"], plan["first_steps"]) == ([], EMPTY)
    assert plan == json.loads(kith("plan", "--json").output)
    assert (
        '<p class="first-steps">Nobody is due this week: your address book is empty. Bring in your '
        'contacts, mail and chats with <a href="/import">Import</a>, or add someone in '
        '<a href="/log">Quick log</a>.</p>'
    ) in page
    assert "<code>kith" not in page
    assert "Enjoy the quiet" not in page


def test_cards_without_history_get_the_first_steps_of_logging_or_importing(
    kith: Kith, db_path: Path
) -> None:
    two_cards(kith)
    plan, page = plan_and_page(db_path)
    assert (plan["picks"], plan["first_steps"]) == ([], NO_HISTORY)
    assert (
        "Kith has no interaction yet with any of the 2 people in your address book, and a tie "
        'falls due only after one. Log what you do together in <a href="/log">Quick log</a>, or '
        'bring in mail and chats with <a href="/import">Import</a>.</p>'
    ) in page
    assert kith("plan").output.endswith(f"Nobody is due this week: {NO_HISTORY}\n")


def test_a_book_with_history_and_nobody_due_gets_null_and_the_quiet_week(
    kith: Kith, db_path: Path
) -> None:
    two_cards(kith)
    kith("log", "Ada", "Grace", "tea", "--when", "2026-11-22")
    plan, page = plan_and_page(db_path)
    assert (plan["picks"], plan["first_steps"]) == ([], None)
    assert f"<p>{QUIET}</p>" in page
    assert 'class="first-steps"' not in page


def test_a_week_with_picks_has_no_first_steps(demo: Kith, db_path: Path) -> None:
    plan, page = plan_and_page(db_path)
    assert (len(plan["picks"]), plan["first_steps"]) == (5, None)
    assert "Nobody is due this week" not in page


def test_mcps_week_plan_gives_the_same_first_steps(kith: Kith, db_path: Path) -> None:
    two_cards(kith)
    week_plan = next(t for t in tools(Session(db_path, NOW_TEXT)) if t.__name__ == "week_plan")
    assert week_plan()["first_steps"] == NO_HISTORY


@pytest.mark.browser
def test_in_chromium_the_empty_week_shows_the_first_steps_as_links_to_the_web_pages(
    browser: Browser, kith: Kith, db_path: Path
) -> None:
    two_cards(kith)
    with serving(db_path) as server:
        page = opened(browser, DESKTOP)
        page.goto(server.url)
        said = page.locator("p.first-steps")
        expect(said).to_have_text(
            "Nobody is due this week: Kith has no interaction yet with any of the 2 people in "
            "your address book, and a tie falls due only after one. Log what you do together in "
            "Quick log, or bring in mail and chats with Import."
        )
        assert said.locator("a").all_inner_texts() == ["Quick log", "Import"]
        said.locator("a", has_text="Quick log").click()
        expect(page).to_have_url(f"{server.url}/log")
