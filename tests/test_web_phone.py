"""The web app as a person uses it on a phone (390×844, touch): what a thumb can reach and what
reads without zoom, in the real headless chromium on a `kith serve` of the demo network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_fixtures import browser, opened, server, shots
from tests.browser_support import PHONE, Server
from tests.conftest import Kith

pytestmark = pytest.mark.browser
__all__ = ["browser", "server", "shots"]  # fixtures

# Every word (a run of up to 20 letters or digits) in a table's cells that the browser broke
# across lines.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/[\\p{L}\\p{N}]{1,20}(?![\\p{L}\\p{N}])/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


def on_a_phone(browser: Browser, url: str) -> Page:
    page = opened(browser, PHONE, phone=True)
    page.goto(url)
    return page


def person_id(kith: Kith, name: str) -> int:
    found: int = json.loads(kith("show", name, "--json").output)["person"]["id"]
    return found


def test_on_a_phone_no_word_in_a_table_is_broken_across_lines(
    browser: Browser, server: Server, demo: Kith, shots: Path
) -> None:
    link = "https://example.org/" + "a-long-unbroken-address-" * 4
    demo("log", "Liv Nyberg", f"sent her {link}", "--kind", "give")
    liv = person_id(demo, "Liv Nyberg")
    page = opened(browser, PHONE, phone=True)
    for path in [f"/people/{liv}", f"/people/{liv}/chart", "/settings"]:
        page.goto(f"{server.url}{path}")
        assert page.evaluate(BROKEN_WORDS) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"], path
    page.goto(f"{server.url}/people/{liv}")
    page.locator("table.ledger").screenshot(path=shots / "ledger-phone.png")


def test_on_a_phone_a_name_of_one_long_word_does_not_widen_a_persons_page(
    browser: Browser, server: Server, demo: Kith
) -> None:
    """Trial 7: a 70-letter name in the ledger's heading and the draft's label made the page
    890 px wide."""
    name = "Maximilian" + "supercalifragilistic" * 3 + " Smith"
    demo("add", name, "--email", "max@example.org")
    page = on_a_phone(browser, f"{server.url}/people/{person_id(demo, name)}")
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


# The controls a thumb taps, with their height where it is under 44 CSS px: the nav's links,
# buttons, fields, and a checkbox's label (the label is its target). Links inside text are
# exempt, as WCAG's target size exempts them.
SHORT_TARGETS = """() => [...document.querySelectorAll(
    "header nav a, button, input:not([type=hidden]):not([type=checkbox]), select, textarea, "
    + "label:has(> input[type=checkbox]), a.mailto")]
  .filter(el => el.getClientRects().length)
  .map(el => [el.textContent.trim() || el.id, Math.round(el.getBoundingClientRect().height)])
  .filter(([_, height]) => height < 44)"""


@pytest.mark.parametrize("path", ["/", "/people", "/log", "/claim", "/introductions", "/settings"])
def test_on_a_phone_every_control_is_at_least_44_pixels_tall(
    browser: Browser, server: Server, path: str
) -> None:
    page = on_a_phone(browser, f"{server.url}{path}")
    assert page.evaluate(SHORT_TARGETS) == []


def test_on_a_phone_every_control_on_a_person_s_page_is_at_least_44_pixels_tall(
    browser: Browser, server: Server, demo: Kith
) -> None:
    page = on_a_phone(browser, f"{server.url}/people/{person_id(demo, 'Wendy Weekly')}")
    expect(page.locator("a.mailto")).to_have_text("Open in your e-mail")
    assert page.evaluate(SHORT_TARGETS) == []


def test_on_a_phone_moving_an_introduction_brings_what_it_did_into_view(
    browser: Browser, server: Server
) -> None:
    page = on_a_phone(browser, f"{server.url}/introductions")
    card = page.locator("article.intro-card[data-state=introduced]")
    name = card.locator("button.move").get_attribute("aria-label")
    assert name is not None
    assert name.startswith("Followed up: ")
    card.locator("button.move").scroll_into_view_if_needed()
    assert page.locator("#board").bounding_box()["y"] < 0  # type: ignore[index]  # its top unseen
    card.locator("button.move").tap()
    moved = page.locator(".moved")
    expect(moved).to_be_in_viewport()
    expect(moved).to_be_focused()
    couple = name.removeprefix("Followed up: ")
    assert moved.locator("h2").inner_text() == f"{couple}: you introduced them and followed up"


def test_on_a_phone_a_tap_anywhere_on_a_person_s_row_opens_them(
    browser: Browser, server: Server, demo: Kith
) -> None:
    page = on_a_phone(browser, f"{server.url}/people?q=Liv")
    row = page.locator(".people li").filter(has_text="Liv Nyberg")
    assert row.bounding_box()["height"] >= 44  # type: ignore[index]
    standing = row.locator(".standing").bounding_box()  # the row's last line, away from the name
    assert standing is not None
    x, y = standing["x"] + standing["width"] - 5, standing["y"] + standing["height"] / 2
    page.touchscreen.tap(x, y)
    page.wait_for_url(f"{server.url}/people/{person_id(demo, 'Liv Nyberg')}")
    assert page.locator("h1").inner_text() == "Liv Nyberg"


def test_on_a_phone_a_row_that_names_two_people_opens_the_one_tapped(
    browser: Browser, server: Server, demo: Kith
) -> None:
    page = on_a_phone(browser, f"{server.url}/people/{person_id(demo, 'Tarek Haddadin')}")
    row = page.locator(".people.intros li").filter(has_text="Henry Lambert")
    assert row.locator("a").all_inner_texts() == ["Henry Lambert", "Tarek Haddadin"]
    row.get_by_role("link", name="Henry Lambert").tap()  # the first of the two
    page.wait_for_url(f"{server.url}/people/{person_id(demo, 'Henry Lambert')}")
    assert page.locator("h1").inner_text() == "Henry Lambert"


def test_on_a_phone_the_week_s_date_under_its_heading_stays_on_one_line(
    browser: Browser, server: Server
) -> None:
    page = on_a_phone(browser, server.url)
    small = page.locator("h1 small")
    assert small.inner_text() == "2026-W47, from Mon 16 Nov 2026"
    assert small.evaluate("e => e.getClientRects().length") == 1


# Each visible run of text set under 14 CSS px: where (tag.class), its size, and its contrast
# with the first background behind it (WCAG's ratio). The <meter>'s own text is never shown.
SMALL_TEXT = """() => {
  const luminance = (color) => {
    const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(v => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = (el) => {
    for (let at = el; at; at = at.parentElement) {
      const color = getComputedStyle(at).backgroundColor;
      if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
    }
    return "rgb(255, 255, 255)";
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length || el.closest("meter")) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    if (style.visibility === "hidden" || size >= 14) continue;
    const [a, b] = [luminance(style.color), luminance(behind(el))];
    const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    found.push([el.localName + (el.className ? "." + el.className : ""), size, contrast]);
  }
  return found;
}"""
EVERY_PAGE = [
    "/",
    "/people",
    "/people/{liv}",
    "/people/{liv}/chart",
    "/log",
    "/claim",
    "/network",
    "/report",
    "/introductions",
    "/import",
    "/settings",
    "/api/docs",
]


def test_on_a_phone_text_is_at_least_14_pixels_and_only_a_tag_is_13_with_contrast_held(
    browser: Browser, server: Server, demo: Kith
) -> None:
    liv = person_id(demo, "Liv Nyberg")
    page = opened(browser, PHONE, phone=True)
    page.set_default_timeout(20000)  # /report and /network work out the mesh on first view
    small: dict[str, set[tuple[str, float]]] = {}
    low: list[float] = []
    for path in EVERY_PAGE:
        page.goto(server.url + path.format(liv=liv))
        found = page.evaluate(SMALL_TEXT)
        small[path] = {(where, size) for where, size, _ in found}
        low += [contrast for _, _, contrast in found if contrast < 4.5]  # WCAG AA
    tagged = {"/", "/people", "/people/{liv}"}  # a pick's layer and channel, a person's tags
    assert small == {path: {("span.tag", 13)} if path in tagged else set() for path in EVERY_PAGE}
    assert low == []
