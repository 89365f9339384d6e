"""The Copy buttons say the truth on a page that is not a secure context: a phone that opens Kith
over plain http on the LAN has no clipboard API, and the old copy command can be refused.

Which origins are secure contexts: https ones, and over plain http only the loopback ones,
`localhost` (and `*.localhost`) and 127.0.0.0/8 and [::1]. Chromium decides by the URL's host,
not by the address a name resolves to, so `http://kith.test` (resolved here to 127.0.0.2 by
chromium's own host rules, without touching the machine's network) is as insecure as a LAN
address such as `http://192.168.1.20`. Off 127.0.0.1 `kith serve` needs its token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser_support import PHONE, Server, chromium, serving
from tests.conftest import Kith

pytestmark = pytest.mark.browser
INSECURE = "kith.test"  # any name but localhost's; chromium resolves it to the server below
HOST = "127.0.0.2"  # not 127.0.0.1: so `kith serve` takes any Host and needs its token
# An empty field of the page's own, focused: what a paste (Ctrl+V) puts there is what the
# clipboard holds.
PASTED = """() => {
  const field = document.createElement("textarea");
  document.body.append(field);
  field.focus();
  return field;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        rules = f"--host-resolver-rules=MAP {INSECURE} {HOST}"
        launched = playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", rules]
        )
        yield launched
        launched.close()


@pytest.fixture
def lan(demo: Kith, db_path: Path) -> Iterator[Server]:
    """The demo served as on the LAN: with a token, at an origin that is not a secure context."""
    with serving(db_path, "--new-token", host=HOST) as server:
        yield server


def on_a_phone(browser: Browser, server: Server, host: str = INSECURE) -> Page:
    link = next(line.strip() for line in server.said if "?token=" in line)
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(5000)
    page.goto(link.replace(HOST, host))  # the link sets the token's cookie
    return page


def pasted(page: Page) -> str:
    field = page.evaluate_handle(PASTED)
    page.keyboard.press("ControlOrMeta+V")
    text: str = field.evaluate("field => field.value")
    field.evaluate("field => field.remove()")
    return text


def copy_by_keyboard(page: Page, text: str) -> None:
    """What the clipboard holds before: `text`, copied with Ctrl+C (the clipboard is the
    browser's, shared by every page and test)."""
    field = page.evaluate_handle(PASTED)
    page.keyboard.insert_text(text)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("ControlOrMeta+C")
    field.evaluate("field => field.remove()")


def test_a_page_served_on_loopback_is_a_secure_context_and_one_on_another_name_is_not(
    browser: Browser, lan: Server
) -> None:
    page = on_a_phone(browser, lan)
    assert page.url.startswith(f"http://{INSECURE}:")
    assert page.evaluate("[window.isSecureContext, typeof navigator.clipboard]") == [
        False,
        "undefined",
    ]
    page.goto(lan.url)  # http://127.0.0.2:PORT, the same server
    assert page.evaluate("[window.isSecureContext, typeof navigator.clipboard]") == [
        True,
        "object",
    ]


@pytest.mark.parametrize(
    ("host", "secure", "focused"),
    [(INSECURE, False, "textarea"), (HOST, True, "button")],  # the old way selects the draft
)
def test_copy_says_copied_only_when_the_draft_is_in_the_clipboard(
    browser: Browser, lan: Server, host: str, secure: bool, focused: str
) -> None:
    page = on_a_phone(browser, lan, host)
    assert page.evaluate("window.isSecureContext") is secure
    button = page.locator("button.copy").first
    draft = page.locator(".draft textarea").first.input_value()
    copy_by_keyboard(page, "copied before")
    button.tap()
    expect(button).to_have_text("Copied")
    assert page.evaluate("document.activeElement.localName") == focused
    assert pasted(page) == draft
    assert draft.startswith("Hi ")


def test_copy_refused_by_the_browser_selects_the_draft_and_says_press_and_hold(
    browser: Browser, lan: Server
) -> None:
    page = on_a_phone(browser, lan)
    button = page.locator("button.copy").first
    source = page.locator(".draft textarea").first
    copy_by_keyboard(page, "copied before")
    assert pasted(page) == "copied before"
    # Chromium refuses the copy command without a fresh user activation, as iOS Safari refuses
    # it; window.open uses the activation up, and the click then comes from the page itself.
    page.evaluate("""() => {
      window.open("about:blank").close();
      document.querySelector("button.copy").click();
    }""")
    expect(button).to_have_text("Selected: press and hold to copy")
    length = len(source.input_value())
    assert source.evaluate(
        "f => [f === document.activeElement, f.selectionStart, f.selectionEnd]"
    ) == [
        True,
        0,
        length,
    ]
    assert pasted(page) == "copied before"  # nothing copied: "Copied" would have been a lie
