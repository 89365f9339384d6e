"""The API's defences: the token off loopback (as a bearer header), the content-type rule that
stands in for CSRF on writes, no CORS preflight ever answered, and refusals in JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.conftest import Kith
from tests.web_support import web_client

ELSEWHERE = "127.0.0.2"  # not 127.0.0.1 or ::1: needs the token (issue 11)


@pytest.fixture
def remote(token: str, db_path: Path) -> Iterator[TestClient]:
    with web_client(db_path, host=ELSEWHERE) as opened:  # needs the token
        yield opened


def test_off_loopback_the_api_refuses_a_request_without_the_token(remote: TestClient) -> None:
    answer = remote.get("/api/people")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json() == {
        "error": "unauthorized",
        "message": "This Kith needs its token: open the link `kith serve` showed, or send "
        "Authorization: Bearer TOKEN.",
    }


def test_off_loopback_the_bearer_token_opens_the_api(remote: TestClient, token: str) -> None:
    answer = remote.get("/api/people?limit=1", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["total"] == 147


def test_a_wrong_bearer_token_is_refused_and_counted(remote: TestClient) -> None:
    wrong = {"Authorization": "Bearer not-the-token"}
    answers = [remote.get("/api/people", headers=wrong).status_code for _ in range(6)]
    assert answers == [401, 401, 401, 401, 401, 429]


def test_the_openapi_document_needs_the_token_too_off_loopback(remote: TestClient) -> None:
    assert remote.get("/openapi.json").status_code == 401


def test_a_write_with_the_bearer_token_needs_no_json_content_type(
    remote: TestClient, token: str
) -> None:
    remote.get("/api/plan", headers={"Authorization": f"Bearer {token}"})
    answer = remote.post("/api/picks/42/skip", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["in_plan"] is True


def test_on_loopback_a_wrong_bearer_token_is_refused(client: TestClient, token: str) -> None:
    answer = client.get("/api/people", headers={"Authorization": "Bearer wrong"})
    assert answer.status_code == 401


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_a_write_a_form_could_send_is_refused_on_loopback(
    client: TestClient, demo: Kith, content_type: str
) -> None:
    body = b'{"people": ["Wendy Weekly"], "summary": "forged"}'
    answer = client.post("/api/interactions", content=body, headers={"content-type": content_type})
    assert answer.status_code == 415
    assert answer.json()["message"].startswith(
        "Send the body with Content-Type: application/json (got "
    )
    assert "forged" not in demo("interactions", "Wendy Weekly").output


def test_an_upload_as_a_form_is_refused_on_loopback(client: TestClient) -> None:
    files = {"file": ("contacts.vcf", b"BEGIN:VCARD\r\nEND:VCARD\r\n", "text/vcard")}
    answer = client.post("/api/imports", files=files)
    assert answer.status_code == 415
    assert "application/octet-stream" in answer.json()["message"]


def test_a_write_from_another_origin_is_refused(client: TestClient) -> None:
    answer = client.post("/api/picks/42/skip", json={}, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403
    assert answer.json() == {
        "error": "forbidden",
        "message": "Refused: the request came from another site.",
    }


def test_a_cors_preflight_is_refused_and_grants_nothing(client: TestClient) -> None:
    answer = client.options(
        "/api/interactions",
        headers={
            "Origin": "http://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert answer.status_code == 403
    assert not [h for h in answer.headers if h.lower().startswith("access-control-")]


def test_no_api_answer_allows_another_origin_to_read_it(client: TestClient) -> None:
    answer = client.get("/api/people", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_dns_rebinding_is_refused_in_json_on_the_api(client: TestClient) -> None:
    answer = client.get("/api/people", headers={"Host": "evil.example:8765"})
    assert answer.status_code == 421
    assert answer.json()["error"] == "misdirected"


def test_the_pages_still_refuse_in_plain_text(remote: TestClient) -> None:
    answer = remote.get("/people")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("text/plain")
