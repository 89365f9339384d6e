"""What the web tests share: an in-process client on the demo network, and its CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.testclient import TestClient

from kith.services import web_access
from kith.store import open_store
from kith.web.app import create_app
from kith.web.config import WebSettings
from tests.conftest import NOW_TEXT

BASE = "http://127.0.0.1:8765"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@contextmanager
def web_client(db_path: Path, host: str = "127.0.0.1") -> Iterator[TestClient]:
    app = create_app(db_path, WebSettings(host=host, now=NOW_TEXT))
    base = BASE if host == "127.0.0.1" else f"http://{host}:8765"
    with TestClient(app, base_url=base, follow_redirects=False) as client:
        yield client


def csrf_of(client: TestClient, path: str = "/log") -> str:
    found = CSRF.search(client.get(path).text)
    assert found is not None
    return found.group(1)


def issue_token(db_path: Path) -> str:
    """A new access token for the database (as `kith serve --new-token` makes one)."""
    store = open_store(db_path)
    try:
        return web_access.issue_token(store)
    finally:
        store.close()
