"""End to end in Debian's headless chromium: the settings page (a time zone and a budget
changed, a refused value, the phone's token made and then required by a server on
127.0.0.2) and the import page (upload, plan, confirm, the progress page polling until the
report, the people it made)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser_support import DESKTOP, PHONE, Server, serving
from tests.conftest import Kith
from tests.test_web_browser import browser, opened, server, shots

pytestmark = pytest.mark.browser
__all__ = ["browser", "server", "shots"]  # the fixtures, shared with test_web_browser
IMPORT_WAIT = 30_000  # ms: a few hundred cards import in well under a second


def test_the_time_zone_and_a_budget_are_changed_from_the_settings_page(
    browser: Browser, server: Server, demo: Kith, shots: Path
) -> None:
    page = opened(browser, DESKTOP)
    page.goto(f"{server.url}/settings")
    page.screenshot(path=shots / "settings-desktop.png")
    page.select_option("#f-timezone", "Asia/Tokyo")
    page.click("text=Save time zone and region")
    expect(page.locator("#place .logged")).to_have_text("Saved.")
    expect(page.locator("#f-timezone")).to_have_value("Asia/Tokyo")
    page.fill("#f-plan-budget", "3")
    page.click("text=Save the weekly plan")
    expect(page.locator("#plan .logged")).to_have_text("Saved.")
    assert demo("config", "get", "timezone").output == "Asia/Tokyo\n"
    assert demo("config", "get", "plan.budget").output == "3\n"


def test_a_refused_budget_is_said_beside_its_field_on_a_phones_settings_page(
    browser: Browser, server: Server, demo: Kith, shots: Path
) -> None:
    page = opened(browser, PHONE, phone=True)
    page.goto(f"{server.url}/settings")
    page.fill("#f-plan-budget", "12")
    page.click("text=Save the weekly plan")
    expect(page.locator("#f-plan-budget-problem")).to_have_text(
        "Expected a whole number from 1 to 10, not '12'."
    )
    expect(page.locator("#f-plan-budget")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=shots / "settings-phone.png")
    assert demo("config", "get", "plan.budget").output == "5\n"


def test_a_token_made_on_the_settings_page_lets_a_phone_into_a_server_on_127_0_0_2(
    browser: Browser, server: Server, demo: Kith, db_path: Path
) -> None:
    page = opened(browser, DESKTOP)
    page.goto(f"{server.url}/settings")
    page.click("text=Make a token")
    expect(page.locator("img.qr")).to_be_visible()
    link = page.locator("a.token-link").inner_text()
    token = link.split("?token=", 1)[1]
    with serving(db_path, host="127.0.0.2") as lan:
        phone = opened(browser, PHONE, phone=True)
        refused = phone.goto(f"{lan.url}/settings")
        assert refused is not None
        assert refused.status == 401
        welcomed = phone.goto(f"{lan.url}/settings?token={token}")
        assert welcomed is not None
        assert welcomed.status == 200
        expect(phone.locator(".token-state")).to_have_text("An access token exists.")
    page.goto(f"{server.url}/settings")
    page.click("text=Revoke the token")
    expect(page.locator(".token-state")).to_have_text(
        "No access token: no other device can get in."
    )


def test_an_upload_is_planned_confirmed_watched_to_the_end_and_its_people_shown(
    browser: Browser, server: Server, db_path: Path, tmp_path: Path, shots: Path
) -> None:
    card = tmp_path / "contacts.vcf"
    card.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:Imogen Imported {n}\nEMAIL:imogen{n}@example.org\n"
            "END:VCARD\n"
            for n in range(200)
        ),
        encoding="utf-8",
    )
    page = opened(browser, DESKTOP)
    page.goto(f"{server.url}/import")
    page.set_input_files("#file", card)
    page.click("text=See what it would do")
    expect(page.locator("h2")).to_have_text("Would import as vcard")
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the import waits for this lock: it is seen running
    try:
        page.click("text=Import it")
        expect(page.locator("#progress h2")).to_have_text("Importing contacts.vcf…")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    expect(page.locator("#progress h2")).to_have_text(
        "Imported contacts.vcf", timeout=IMPORT_WAIT
    )  # the page polled itself to the end: no reload
    expect(page.locator("#progress .count")).to_contain_text("200 records read")
    expect(page.locator(".imported-people li")).to_have_count(100)
    page.screenshot(path=shots / "import-desktop.png")
    page.click("text=Imogen Imported 0")
    expect(page.locator("h1")).to_contain_text("Imogen Imported 0")
    page.goto(f"{server.url}/import/progress")
    page.click("text=See your people")
    page.locator("#q").press_sequentially("Imogen")
    expect(page.locator("#results > p")).to_contain_text("200 people")
