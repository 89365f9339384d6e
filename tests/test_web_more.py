"""The web app's later pages in-process: after an event, settings, import."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.conftest import Kith
from tests.web_support import csrf_of, web_client

CARD = """BEGIN:VCARD
VERSION:3.0
FN:Imogen Imported
N:Imported;Imogen;;;
EMAIL:imogen@example.org
END:VCARD
"""


@pytest.fixture
def client(demo: Kith, db_path: Path) -> Iterator[TestClient]:
    with web_client(db_path) as opened:
        yield opened


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


def test_the_settings_page_lists_settings_and_never_the_token(client: TestClient) -> None:
    twin = client.get("/settings?format=json").json()
    assert twin["settings"]["plan.budget"] == "5"
    assert twin["has_token"] is False
    assert "web.token" not in json.dumps(twin)


def test_a_setting_changed_on_the_page_is_the_clis(client: TestClient, demo: Kith) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "key": "plan.budget", "value": "7"}
    assert client.post("/settings", data=form).status_code == 200
    assert demo("config", "get", "plan.budget").output == "7\n"


def test_a_setting_the_service_refuses_is_said_on_the_page(client: TestClient) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "key": "plan.budget", "value": "99"}
    answer = client.post("/settings", data=form)
    assert answer.status_code == 400
    assert "Expected a whole number from 1 to 10, not &#39;99&#39;." in answer.text


def test_an_upload_shows_the_dry_run_plan_and_changes_nothing(
    client: TestClient, demo: Kith
) -> None:
    files = {"file": ("contacts.vcf", CARD.encode(), "text/vcard")}
    answer = client.post("/import", data={"csrf": csrf_of(client, "/import")}, files=files)
    assert answer.status_code == 200
    assert "<h2>Would import as vcard</h2>" in answer.text
    assert "<dt>created</dt><dd>1 person</dd>" in answer.text
    assert demo("show", "Imogen Imported").exit_code == 3


def test_confirming_an_upload_imports_it(client: TestClient, demo: Kith) -> None:
    token = csrf_of(client, "/import")
    files = {"file": ("contacts.vcf", CARD.encode(), "text/vcard")}
    planned = client.post("/import", data={"csrf": token}, files=files).text
    found = re.search(r'action="/import/([A-Za-z0-9_-]+\.vcf)/confirm"', planned)
    assert found is not None
    done = client.post(f"/import/{found.group(1)}/confirm", data={"csrf": token})
    assert "<h2>Imported as vcard</h2>" in done.text
    assert demo("show", "Imogen Imported").exit_code == 0
    again = client.post(f"/import/{found.group(1)}/confirm", data={"csrf": token})
    assert again.status_code == 404


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    answer = client.post("/import", content=b"x", headers={"content-length": str(21 * 1024 * 1024)})
    assert answer.status_code == 413
    assert answer.text == "Too large: at most 20480 KB."
