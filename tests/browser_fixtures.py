"""The fixtures the browser tests share: Debian's chromium launched once per module, a real
`kith serve` on the demo network per test, the screenshots' folder, and a page of a size."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser_support import WEBGL, Server, chromium, serving
from tests.conftest import Kith


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Software WebGL (SwiftShader through ANGLE) for the network page's sigma.js."""
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


def opened(browser: Browser, size: dict[str, int], phone: bool = False) -> Page:
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)  # type: ignore[arg-type]
    context.set_default_timeout(5000)
    return context.new_page()
