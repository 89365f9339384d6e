"""The week page on a phone says what `kith plan` and `kith skip` say: a skipped pick's rest
after a reload, the picks Kith holds no address for (with the way to add one), and the first
steps after an import of only a calendar file. Real `kith serve`, headless chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_fixtures import browser, opened, server
from tests.browser_support import PHONE, Server, serving
from tests.conftest import Kith

pytestmark = pytest.mark.browser
__all__ = ["browser", "server"]  # fixtures
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
REST = (
    "Skipped: they rest for 1 week, not back before Mon 30 Nov (unless a birthday, a follow-up "
    "or a note from them)."
)


def test_on_a_phone_a_skipped_pick_still_says_until_when_after_a_reload(
    browser: Browser, server: Server
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(server.url)
    first = page.locator("ol.picks article").first
    first.locator("button.skip").tap()
    expect(first.locator("p.state")).to_have_text(REST)
    page.reload()
    assert page.locator("ol.picks p.state").all_inner_texts() == [REST]


def three_met_for_coffee(kith: Kith) -> None:
    """Ada and Tom with no address or number, only met; Grace with a number."""
    kith("add", "Ada Lovelace")
    kith("add", "Tom Becker")
    kith("add", "Grace Hopper", "--phone", "+44 7700 900123")
    for name in ("Ada", "Tom", "Grace"):
        kith("cadence", name, "--ideal", "7d")
        kith("log", name, "coffee", "--when", "2026-11-01")


def test_on_a_phone_the_week_names_the_picks_with_no_address_and_links_to_where_to_add_one(
    browser: Browser, kith: Kith, db_path: Path
) -> None:
    three_met_for_coffee(kith)
    tom = json.loads(kith("show", "Tom", "--json").output)["person"]["id"]
    with serving(db_path) as server:
        page = opened(browser, PHONE, phone=True)
        page.goto(server.url)
        note = page.locator("p.no-address")
        expect(note).to_have_text(
            "No address or number for Ada Lovelace, Tom Becker (so: coffee): add an e-mail "
            "address or a phone number in Edit on each one's page."
        )
        note.get_by_role("link", name="Tom Becker").tap()
        page.wait_for_url(f"{server.url}/people/{tom}#edit")
        expect(page.locator("#edit-emails")).to_be_in_viewport()
        page.locator("#edit-emails").fill("tom@example.org")
        with page.expect_response(f"{server.url}/people/{tom}"):  # the page after the save
            page.locator("button.save").tap()
        expect(page.locator("#edit-emails")).to_have_value("tom@example.org")
        page.goto(server.url)
        expect(note).to_have_text(
            "No address or number for Ada Lovelace (so: coffee): add an e-mail address or a "
            "phone number in Edit on their page."
        )
        assert note.locator("a").get_attribute("href") == "/people/1#edit"


@contextmanager
def week_after_importing(
    browser: Browser, kith: Kith, db_path: Path, name: str, me: bool = True
) -> Iterator[tuple[list[str], Page]]:
    """The calendar file `name` uploaded on the phone's Import page (Ada is the user, when
    `me`), its plan confirmed and the import watched to its end; what its report says (found,
    created, updated, unchanged, and ignored), and the week page then."""
    if me:
        kith("config", "set", "me.emails", "ada@example.org")
    with serving(db_path) as server:
        page = opened(browser, PHONE, phone=True)
        page.goto(f"{server.url}/import")
        page.set_input_files("#file", str(FIXTURES / name))
        with page.expect_navigation():
            page.locator("form.quick button").tap()
        with page.expect_navigation():
            page.locator("button.done").tap()
        expect(page.get_by_text(f"Imported {name}")).to_be_visible(timeout=20000)
        report = page.locator(".report dd").all_inner_texts()
        page.goto(server.url)
        yield report, page


def test_on_a_phone_the_week_after_importing_only_a_calendar_picks_its_people_without_first_steps(
    browser: Browser, kith: Kith, db_path: Path
) -> None:
    """Meetings already held make people with a history: Ben, met on 5 Nov."""
    with week_after_importing(browser, kith, db_path, "people.ics") as (report, page):
        assert report == [
            "4 records: 2 imported, 2 ignored",
            "2 interactions, 1 person",  # as `kith import` says it
            "nothing",
            "nothing",
            "2: only you (a personal appointment or a note to self)",
        ]
        assert page.locator("ol.picks h2 a").all_inner_texts() == ["Ben Sample"]
        assert page.locator("ol.picks .reason").all_inner_texts() == ["overdue by 2 days"]
        assert page.locator("p.first-steps, p.no-address").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_on_a_phone_a_calendar_of_meetings_to_come_needs_no_address_adds_nobody_and_says_what_to_do(
    browser: Browser, kith: Kith, db_path: Path
) -> None:
    """A meeting to come is an event with the attendees who are people already: none here. Who
    the user is decides nothing, so the page does not ask first (as `kith import` does not)."""
    calendar = "upcoming_with_alarm.ics"
    with week_after_importing(browser, kith, db_path, calendar, me=False) as (report, page):
        assert report == ["1 record: 1 imported", "1 event", "nothing", "nothing"]
        said = page.locator("p.first-steps")
        expect(said).to_have_text(
            "Nobody is due this week: your address book is empty. Bring in your contacts, mail "
            "and chats with Import, or add someone in Quick log."
        )
        assert said.locator("a").all_inner_texts() == ["Import", "Quick log"]
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


# each visible text's contrast as it is seen: its colour and the background behind it, each
# blended over what lies behind a see-through ancestor (opacity), which computed colours omit
SEEN_CONTRAST = """(root) => {
  const rgb = (color) => color.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(v => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const filled = (at) => {
    const color = getComputedStyle(at).backgroundColor;
    return color !== "rgba(0, 0, 0, 0)" && color !== "transparent";
  };
  const seen = (color, from) => {
    let shown = rgb(color);
    for (let at = from; at; at = at.parentElement) {
      const opacity = parseFloat(getComputedStyle(at).opacity);
      if (opacity >= 1) continue;
      let under = at.parentElement;
      while (under && !filled(under)) under = under.parentElement;
      const behind = under ? rgb(getComputedStyle(under).backgroundColor) : [255, 255, 255];
      shown = shown.map((c, i) => opacity * c + (1 - opacity) * behind[i]);
    }
    return shown;
  };
  const found = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    let back = el;
    while (back && !filled(back)) back = back.parentElement;
    const [a, b] = [
      luminance(seen(getComputedStyle(el).color, el)),
      luminance(back ? seen(getComputedStyle(back).backgroundColor, back) : [255, 255, 255]),
    ];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    found.push([node.textContent.trim(), Math.round(100 * ratio) / 100]);
  }
  return found;
}"""


def test_on_a_phone_a_done_skipped_or_snoozed_pick_looks_set_aside_and_its_words_stay_readable(
    browser: Browser, server: Server
) -> None:
    """weblows: faded to 65% opacity, a pick's words fell to about 2.8:1; WCAG asks 4.5:1."""
    page = opened(browser, PHONE, phone=True)
    page.goto(server.url)
    picks = page.locator("ol.picks article")
    for index, action in enumerate(("done", "skip", "snooze")):
        picks.nth(index).locator(f"button.{action}").tap()
        expect(picks.nth(index).locator("p.state")).to_be_visible()
    open_background = picks.nth(3).evaluate("el => getComputedStyle(el).backgroundColor")
    for index in range(3):
        acted = picks.nth(index)
        seen = acted.evaluate(SEEN_CONTRAST)
        assert len(seen) >= 5  # name, layer, channel, reason, state
        assert [(text, ratio) for text, ratio in seen if ratio < 4.5] == []
        assert acted.evaluate("el => getComputedStyle(el).backgroundColor") != open_background
        assert acted.evaluate("el => getComputedStyle(el).borderTopStyle") == "dashed"
