"""End to end: a real `kith serve` on loopback, in Debian's headless chromium (Playwright with
its executable path; `playwright install` is never run). Screenshots go to $KITH_SCREENSHOTS
(`make screenshots` writes docs/screenshots/), else to the test's temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser_fixtures import browser, opened, server, shots
from tests.browser_support import DESKTOP, PHONE, Server, serving
from tests.conftest import Kith

pytestmark = pytest.mark.browser
__all__ = ["browser", "server", "shots"]  # fixtures


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
    for _ in range(12):
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
