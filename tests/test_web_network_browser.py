"""End to end: the network page in Debian's headless chromium, drawn by sigma.js with software
WebGL (browser_support.WEBGL): the demo's people are drawn, a click on one opens them.
Screenshots go where test_web_browser.py's go (`make screenshots`: docs/screenshots/)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser_support import DESKTOP, PHONE, WEBGL, Server, chromium, serving
from tests.conftest import Kith

pytestmark = pytest.mark.browser
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", *WEBGL]
        )
        yield launched
        launched.close()


@pytest.fixture
def server(demo: Kith, db_path: Path) -> Iterator[Server]:
    with serving(db_path) as started:
        yield started


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KITH_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
        "1000",
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
