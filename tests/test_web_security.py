"""The web app's defences: CSRF, Host and Origin on loopback, the token off it, the headers."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kith.services import web_access
from kith.store import open_store
from kith.web import guard
from kith.web.app import routes
from tests.conftest import Kith
from tests.web_support import csrf_of, web_client

POSTS = [
    "/log",
    "/picks/1/done",
    "/picks/1/skip",
    "/picks/1/snooze",
    "/claim/148/let-go",
    "/settings",
    "/settings/cadence",
    "/settings/token",
    "/settings/token/revoke",
    "/import",
    "/import/x/confirm",
    "/introductions/4/ask",
    "/introductions/start",
    "/people/1/edit",
    "/people/1/notes",
]
PAGES = [
    "/",
    "/people",
    "/people/1",
    "/log",
    "/names?q=a",
    "/claim",
    "/settings",
    "/import",
    "/import/progress",
    "/report",
    "/introductions",
]
LAN = "192.0.2.10"  # any address but 127.0.0.1 and ::1 needs the token


@pytest.fixture
def lan(token: str, db_path: Path) -> Iterator[TestClient]:
    with web_client(db_path, host=LAN) as opened:
        yield opened


def test_every_state_changing_route_is_in_the_csrf_list() -> None:
    posts = sorted(r.path for r in routes() if "POST" in (getattr(r, "methods", None) or ()))
    assert posts == [
        "/claim/{person_id:int}/let-go",
        "/import",
        "/import/{staged}/confirm",
        "/introductions/start",
        "/introductions/{intro_id:int}/{action}",
        "/log",
        "/people/{person_id:int}/edit",
        "/people/{person_id:int}/notes",
        "/picks/{person_id:int}/{action}",
        "/settings",
        "/settings/cadence",
        "/settings/token",
        "/settings/token/revoke",
    ]


@pytest.mark.parametrize("path", POSTS)
def test_a_post_without_the_csrf_token_is_refused(client: TestClient, path: str) -> None:
    answer = client.post(path, data={"who": "Ayaka Abe", "what": "x"})
    assert answer.status_code == 403
    assert answer.text == "Refused: the form's CSRF token is missing or wrong."


@pytest.mark.parametrize("path", POSTS)
def test_a_post_with_another_sessions_csrf_token_is_refused(
    client: TestClient, db_path: Path, path: str
) -> None:
    with web_client(db_path) as other:
        theirs = csrf_of(other)
    csrf_of(client)  # this browser has a session of its own
    answer = client.post(path, data={"csrf": theirs, "who": "Ayaka Abe", "what": "x"})
    assert answer.status_code == 403


def test_a_post_from_another_origin_is_refused_even_with_the_token(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": "x"}
    answer = client.post("/log", data=form, headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
    assert answer.text == "Refused: the request came from another site."


def test_a_cross_site_fetch_is_refused(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": "x"}
    answer = client.post("/log", data=form, headers={"sec-fetch-site": "cross-site"})
    assert answer.status_code == 403


def test_a_post_referred_by_another_site_without_an_origin_is_refused_even_with_the_token(
    client: TestClient, db_path: Path
) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": "referred from elsewhere"}
    for referer in ("http://evil.example/page", "http://[::1"):
        answer = client.post("/log", data=form, headers={"referer": referer})
        assert answer.status_code == 403
    assert answer.text == "Refused: the request came from another site."
    store = open_store(db_path)
    try:
        found = store.connection.execute(
            "SELECT count(*) FROM interaction WHERE summary = 'referred from elsewhere'"
        ).fetchone()[0]
    finally:
        store.close()
    assert found == 0


def test_a_post_referred_by_its_own_page_is_taken(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": "x"}
    answer = client.post("/log", data=form, headers={"referer": "http://127.0.0.1:8765/log"})
    assert answer.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999"])
def test_on_loopback_a_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    answer = client.get("/", headers={"host": host})
    assert answer.status_code == 421
    assert answer.text == "Unknown host: this Kith answers only its own."


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_on_loopback_its_own_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/people", headers={"host": host}).status_code == 200


def test_a_body_over_the_form_limit_is_refused(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka Abe", "what": "x" * 70_000}
    answer = client.post("/log", data=form)
    assert answer.status_code == 413
    assert answer.text == "Too large: at most 64 KB."


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_csp_without_inline_script_and_has_none(
    client: TestClient, path: str
) -> None:
    answer = client.get(path)
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "same-origin"
    assert re.findall(r"<script(?![^>]*\bsrc=)", answer.text) == []
    assert " style=" not in answer.text
    assert " on" + "click=" not in answer.text


@pytest.mark.parametrize("path", [*PAGES, "/static/app.css"])
def test_off_loopback_every_route_needs_the_token(lan: TestClient, path: str) -> None:
    answer = lan.get(path)
    assert answer.status_code == 401
    assert answer.text == "This Kith needs its token: open the link `kith serve` showed."


def test_the_link_with_the_token_sets_a_cookie_and_drops_the_token_from_the_url(
    lan: TestClient, token: str
) -> None:
    answer = lan.get(f"/people?q=tag%3Ameetup&token={token}")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/people?q=tag%3Ameetup"
    assert "kith_token=" in answer.headers["set-cookie"]
    assert "httponly" in answer.headers["set-cookie"].lower()
    assert "samesite=strict" in answer.headers["set-cookie"].lower()
    assert lan.get("/people?q=tag%3Ameetup").status_code == 200


def test_the_token_works_as_a_bearer_header(lan: TestClient, token: str) -> None:
    answer = lan.get("/?format=json", headers={"authorization": f"Bearer {token}"})
    assert answer.status_code == 200


def test_a_new_token_revokes_the_old_one(lan: TestClient, token: str, db_path: Path) -> None:
    store = open_store(db_path)
    newer = web_access.issue_token(store)
    store.close()
    assert lan.get("/", headers={"authorization": f"Bearer {token}"}).status_code == 401
    assert lan.get("/", headers={"authorization": f"Bearer {newer}"}).status_code == 200


def test_after_five_wrong_tokens_even_the_right_one_waits(lan: TestClient, token: str) -> None:
    wrong = [lan.get("/?token=nope").status_code for _ in range(5)]
    assert wrong == [401, 401, 401, 401, 401]
    answer = lan.get(f"/?token={token}")
    assert answer.status_code == 429
    assert answer.text == "Too many wrong tokens; wait a minute."


def test_the_wrong_token_window_is_shortened_by_its_environment_variable(
    token: str, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(guard.WINDOW_VARIABLE, "0.2")
    with web_client(db_path, host=LAN) as lan:
        wrong = [lan.get("/?token=nope").status_code for _ in range(5)]
        waiting = lan.get("/", headers={"authorization": f"Bearer {token}"}).status_code
        time.sleep(0.3)
        after = lan.get("/", headers={"authorization": f"Bearer {token}"}).status_code
    assert (wrong, waiting, after) == ([401] * 5, 429, 200)


@pytest.mark.parametrize("given", ["", "0", "-3", "nan", "inf", "soon"])
def test_a_window_variable_that_is_no_positive_number_keeps_the_minute(
    given: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(guard.WINDOW_VARIABLE, given)
    assert guard.failure_window() == 60.0


def test_the_database_keeps_only_the_tokens_hash(token: str, db_path: Path, kith: Kith) -> None:
    assert token not in db_path.read_bytes().decode("latin-1")
    assert "web.token" not in kith("config", "list", "--all").output


def test_the_log_never_shows_a_token(
    lan: TestClient, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kith.web"):
        lan.get(f"/people?token={token}")
        lan.get("/people?token=wrong-guess")
    assert caplog.messages == ["GET /people 303", "GET /people 401"]


def test_serve_off_loopback_refuses_to_start_without_a_token(kith: Kith) -> None:
    result = kith("serve", "--host", LAN)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Serving on {LAN} lets other devices in, so it needs an access token: "
        f"kith serve --host {LAN} --new-token makes one and shows it once.\n"
    )


def test_serve_new_token_shows_the_link_once_and_keeps_only_its_hash(
    kith: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    monkeypatch.setattr("kith.cli.serve._run", lambda app, settings: started.append(settings.host))
    result = kith("serve", "--host", LAN, "--port", "8800", "--new-token")
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert (
        lines[0] == "A new access token; the old one no longer works. It is shown only this once:"
    )
    link = lines[1].strip()
    assert link.startswith(f"http://{LAN}:8800/?token=")
    assert lines[-1] == f"Kith is at http://{LAN}:8800/ (Ctrl-C to stop)."
    assert len(lines) > 10  # the QR code, drawn with block characters
    assert started == [LAN]
    store = open_store(db_path)
    assert web_access.token_matches(store, link.split("=", 1)[1])
    store.close()
