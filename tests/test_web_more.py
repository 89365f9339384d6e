"""The web app's later pages in-process: after an event (settings and import: their own files)."""

from __future__ import annotations

import json

from starlette.testclient import TestClient

from tests.conftest import Kith
from tests.web_support import csrf_of


def test_the_claim_page_is_kith_claim_with_a_note_to_copy_each(
    client: TestClient, demo: Kith
) -> None:
    twin = client.get("/claim?format=json").json()
    assert twin == {"days": 7} | json.loads(demo("claim", "--json").output)
    page = client.get("/claim").text
    assert "Beatriz Ortega</a> <small>met at Local-first night at the Foundry" in page
    assert 'data-copy="note-148"' in page


def test_letting_go_on_the_claim_page_removes_them_from_it(client: TestClient) -> None:
    answer = client.post("/claim/148/let-go", data={"csrf": csrf_of(client)})
    assert answer.status_code == 303
    left = [c["name"] for c in client.get("/claim?format=json").json()["claims"]]
    assert "Beatriz Ortega" not in left
