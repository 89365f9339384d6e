"""End to end: a real `kith serve` on loopback, in Debian's headless chromium (Playwright with
its executable path; `playwright install` is never run). Screenshots go to $KITH_SCREENSHOTS
(`make screenshots` writes docs/screenshots/), else to the test's temporary folder. The network
page draws with WebGL 2: chromium gets software WebGL (browser_support.WEBGL)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_fixtures import browser, opened, server, shots
from tests.browser_support import DESKTOP, PHONE, Server, serving
from tests.conftest import Kith

pytestmark = pytest.mark.browser
__all__ = ["browser", "server", "shots"]  # fixtures
DRAWN = "#network[data-state=drawn]"
# Where each drawn node is on the screen, and how far its nearest neighbour is: a click aims
# at the node with the most room, so that it cannot land on another.
PLACES = """box => {
  const renderer = box.kithSigma;
  const graph = renderer.getGraph();
  const places = graph.nodes().map(key => {
    const at = renderer.graphToViewport(graph.getNodeAttributes(key));
    return { key, x: at.x, y: at.y, label: graph.getNodeAttribute(key, "label") };
  });
  for (const p of places) {
    p.room = Math.min(...places.filter(q => q !== p).map(q => Math.hypot(p.x - q.x, p.y - q.y)));
  }
  return places;
}"""


def newest(kith: Kith, name: str) -> dict[str, str]:
    found = json.loads(kith("interactions", name, "--json").output)["interactions"]
    first: dict[str, str] = found[0]
    return first


def test_on_a_phone_the_quick_log_logs_an_interaction(
    browser: Browser, server: Server, demo: Kith, shots: Path
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{server.url}/log")
    page.fill("#who", "Quinn Quarterly")
    page.select_option("#channel", "call")
    page.fill("#what", "a call about the pilot")
    page.screenshot(path=shots / "log-phone.png", full_page=True)
    page.click("button[type=submit]")
    expect(page.locator(".logged")).to_have_text(
        "Logged: a call about the pilot with Quinn Quarterly."
    )
    assert newest(demo, "Quinn Quarterly")["summary"] == "a call about the pilot"


def test_on_a_phone_someone_met_at_an_event_is_added_from_the_quick_log(
    browser: Browser, server: Server, demo: Kith
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{server.url}/log")
    page.fill("#who", "Nadia Newcomer")
    page.fill("#what", "talked about bees")
    page.check("#new")
    page.fill("#how_met", "PyCon 2026, the hallway track")
    page.click("button[type=submit]")
    expect(page.locator(".logged")).to_contain_text("Nadia Newcomer")
    shown = json.loads(demo("show", "Nadia Newcomer", "--json").output)["person"]
    assert shown["how_met"] == "PyCon 2026, the hallway track"


def test_the_quick_log_suggests_names_as_you_type(browser: Browser, server: Server) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{server.url}/log")
    page.locator("#who").press_sequentially("Ayak")
    options = page.locator("#who-names option")
    expect(options).to_have_count(2)
    assert sorted(options.evaluate_all("list => list.map(o => o.value)")) == [
        "Ayaka Abe",
        "Ayaka Kato",
    ]


def test_a_plan_item_is_completed_in_one_click(
    browser: Browser, server: Server, demo: Kith, shots: Path
) -> None:
    page = opened(browser, DESKTOP)
    page.goto(server.url)
    page.screenshot(path=shots / "week-desktop.png", full_page=True)
    first = page.locator("article.pick").first
    name = first.locator("h2 a").inner_text()
    first.locator("button.done").click()
    expect(page.locator("article.pick").first).to_have_class("pick done")
    page.reload()
    expect(page.locator("article.pick").first.locator(".state")).to_have_text("Done.")
    states = {p["name"]: p["state"] for p in json.loads(demo("plan", "--json").output)["picks"]}
    assert states[name] == "done"


def test_the_week_page_works_with_the_keyboard_alone(browser: Browser, server: Server) -> None:
    page = opened(browser, DESKTOP)
    page.goto(server.url)
    name = page.locator("article.pick h2 a").first.inner_text()
    reached: list[str] = []
    for _ in range(24):  # the nav, the budget advice's links, then the first pick
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "document.activeElement.getAttribute('aria-label') || "
                "document.activeElement.textContent.trim()"
            )
        )
        if reached[-1] == f"Done: {name}":
            break
    assert reached[:4] == ["Skip to the content", "This week", "People", "Quick log"]
    assert reached[-2:] == [name, f"Done: {name}"]
    page.keyboard.press("Enter")
    expect(page.locator("article.pick").first.locator(".state")).to_have_text("Done.")
    focus = "document.activeElement.closest('article.pick') !== null"
    page.wait_for_function(focus)  # the keyboard stays on the pick it acted on


# Each link of the main nav: its top, its height, and whether it lies within the screen.
NAV_LINKS = """nav => [...nav.querySelectorAll("a")].map(a => {
  const box = a.getBoundingClientRect();
  return { text: a.textContent.trim(), top: box.top, height: box.height,
           shown: box.left >= 0 && box.right <= window.innerWidth };
})"""


@pytest.mark.parametrize("path", ["/", "/settings", "/introductions"])
def test_on_a_phone_the_nav_is_one_row_with_the_current_page_in_view(
    browser: Browser, server: Server, shots: Path, path: str
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{server.url}{path}")
    nav = page.locator("header nav")
    links = nav.evaluate(NAV_LINKS)
    assert len(links) == 9
    assert {link["top"] for link in links} == {links[0]["top"]}  # none wrapped to a second row
    height = nav.bounding_box()["height"]  # type: ignore[index]
    assert height < 1.5 * max(link["height"] for link in links) + 16  # one row and its padding
    current = nav.locator("[aria-current=page]")
    assert [link["shown"] for link in links if link["text"] == current.inner_text()] == [True]
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"]  # the nav scrolls sideways, never the page
    page.screenshot(path=shots / f"nav{path.replace('/', '-')}phone.png")


def test_the_people_page_searches_as_you_type(browser: Browser, server: Server) -> None:
    page = opened(browser, DESKTOP)
    page.goto(f"{server.url}/people")
    page.locator("#q").press_sequentially("tag:meetup")
    expect(page.locator("#results > p")).to_have_text("30 people.")
    assert page.url.endswith("/people?q=tag%3Ameetup&sort=name")


def test_screenshots_of_the_week_and_a_person_on_desktop_and_phone(
    browser: Browser, server: Server, shots: Path
) -> None:
    for size, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = opened(browser, size, phone=suffix == "phone")
        page.goto(server.url)
        page.screenshot(path=shots / f"week-{suffix}.png")
        page.locator("article.pick h2 a").first.click()
        expect(page.locator("h2#timeline")).to_be_visible()
        page.screenshot(path=shots / f"person-{suffix}.png")
    shot = sorted(p.name for p in shots.glob("*-desktop.png"))  # docs/ holds others' too
    assert [name for name in shot if name in ("person-desktop.png", "week-desktop.png")] == [
        "person-desktop.png",
        "week-desktop.png",
    ]


def test_a_token_protected_server_on_127_0_0_2_refuses_a_request_without_the_token(
    browser: Browser, demo: Kith, db_path: Path
) -> None:
    with serving(db_path, "--new-token", host="127.0.0.2") as server:
        link = next(line.strip() for line in server.said if "?token=" in line)
        page = opened(browser, PHONE, phone=True)
        refused = page.goto(f"{server.url}/")
        assert refused is not None
        assert refused.status == 401
        assert page.locator("body").inner_text() == (
            "This Kith needs its token: open the link `kith serve` showed."
        )
        welcomed = page.goto(link)
        assert welcomed is not None
        assert welcomed.status == 200
        assert page.url == f"{server.url}/"
        expect(page.locator("h1")).to_contain_text("This week")
        assert page.goto(f"{server.url}/people") is not None
        expect(page.locator("h1")).to_have_text("People")


def drawn(browser: Browser, url: str, size: dict[str, int], phone: bool = False) -> Page:
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)  # type: ignore[arg-type]
    context.set_default_timeout(20000)  # software WebGL compiles sigma's shaders on the CPU
    page = context.new_page()
    page.goto(f"{url}/network")
    page.locator(DRAWN).wait_for(state="attached")
    return page


def test_the_network_draws_the_demos_people_and_a_click_opens_one(
    browser: Browser, server: Server, shots: Path
) -> None:
    page = drawn(browser, server.url, DESKTOP)
    graph = page.locator("#network")
    assert (graph.get_attribute("data-nodes"), graph.get_attribute("data-edges")) == (
        "147",
        "1156",
    )
    page.screenshot(path=shots / "network-desktop.png")
    places = graph.evaluate(PLACES)
    chosen = max(places, key=lambda p: p["room"])
    corner = graph.bounding_box()
    assert corner is not None
    at = (corner["x"] + chosen["x"], corner["y"] + chosen["y"])
    page.mouse.move(*at)  # sigma finds the node under the pointer as the next frame draws
    expect(graph).to_have_class(re.compile("pointing"))
    page.mouse.click(*at)
    expect(page).to_have_url(re.compile(rf"/people/{chosen['key']}$"))
    expect(page.locator("h1")).to_contain_text(chosen["label"])


def test_on_a_phone_the_network_draws_a_circle_filtered_from_the_form(
    browser: Browser, server: Server, shots: Path
) -> None:
    page = drawn(browser, server.url, PHONE, phone=True)
    page.screenshot(path=shots / "network-phone.png", full_page=True)
    option = page.locator("select[name=circle] option").nth(1)
    size = int(re.findall(r"\((\d+)\)$", option.inner_text())[0])
    page.select_option("select[name=circle]", option.get_attribute("value"))
    page.click("form.filters button[type=submit]")
    page.locator(DRAWN).wait_for(state="attached")
    assert page.locator("#network").get_attribute("data-nodes") == str(size)
