"""The mesh's pages end to end in Debian's headless chromium: the report's charts draw, and an
introduction moves through every state on the board by clicks. Screenshots as in
test_web_browser.py ($KITH_SCREENSHOTS, `make screenshots`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kith.services.mesh import stored
from kith.store import open_store
from tests.browser_support import DESKTOP, PHONE, Server, serving
from tests.conftest import NOW, Kith
from tests.test_web_browser import browser, opened, shots  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
CHARTS = 5  # layers, diversity, brokerage, give and take, activity


@pytest.fixture
def reported(demo: Kith, db_path: Path) -> Iterator[Server]:
    """A server on the demo whose report and suggestions are stored already."""
    store = open_store(db_path)
    try:
        stored.refresh(store, NOW, UTC)
    finally:
        store.close()
    with serving(db_path) as started:
        yield started


def test_the_reports_charts_draw_on_desktop_and_phone(
    browser: Browser,  # noqa: F811
    reported: Server,
    shots: Path,  # noqa: F811
) -> None:
    for size, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = opened(browser, size, phone=suffix == "phone")
        page.goto(f"{reported.url}/report")
        expect(page.locator("figure.chart.drawn")).to_have_count(CHARTS)
        sizes = page.locator("figure.chart canvas").evaluate_all(
            "list => list.map(c => [c.clientWidth, c.clientHeight])"
        )
        assert len(sizes) == CHARTS
        assert all(width > 100 and height > 100 for width, height in sizes), sizes
        page.screenshot(path=shots / f"report-{suffix}.png", full_page=suffix == "desktop")
    assert (shots / "report-phone.png").exists()


def test_an_introduction_moves_through_every_state_on_the_board_by_clicks(
    browser: Browser,  # noqa: F811
    reported: Server,
    shots: Path,  # noqa: F811
) -> None:
    page = opened(browser, DESKTOP)
    page.goto(f"{reported.url}/introductions")
    card = page.locator("#intro-4")
    expect(card).to_have_attribute("data-state", "suggested")
    page.screenshot(path=shots / "introductions-desktop.png", full_page=True)
    for state, to in (
        ("asked_a", "To Kenta Kato"),
        ("agreed_a", "To Giulia Testa"),
        ("asked_b", "To Giulia Testa"),
        ("agreed_b", "To Kenta Kato and Giulia Testa"),
        ("introduced", "To Kenta Kato"),
        ("followed_up", None),
    ):
        card.locator("button.move").click()
        expect(card).to_have_attribute("data-state", state)
        if to is not None:
            expect(page.locator(".moved label").first).to_contain_text(to)
            assert page.locator(".moved textarea").first.input_value()
    card.locator("input[name=outcome]").fill("a pilot together")
    card.locator("button.move").click()
    expect(card).to_have_attribute("data-state", "outcome")
    expect(card.locator(".standing")).to_have_text("done: a pilot together")
    expect(page.locator("#column-followed_up #intro-4")).to_have_count(1)
    assert page.url == f"{reported.url}/introductions"  # htmx swapped the board in place


def test_a_suggestion_is_begun_and_a_card_declined_on_a_phone(
    browser: Browser,  # noqa: F811
    reported: Server,
    shots: Path,  # noqa: F811
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{reported.url}/introductions")
    page.screenshot(path=shots / "introductions-phone.png")
    suggestion = page.locator("article.suggestion").first
    names = suggestion.locator("h3").inner_text()
    suggestion.locator("button").click()
    expect(page.locator(".moved h2")).to_contain_text(names)
    expect(page.locator("#column-asked article")).to_have_count(2)
    page.locator("#intro-3 button.decline").click()
    expect(page.locator("#column-declined #intro-3")).to_have_count(1)
