"""The calendar feed `kith serve` serves at /calendar/TOKEN.ics: what `kith calendar export`
writes, with alarms, parsed back with icalendar; its own token (hashed, made and revoked by
`kith calendar feed`) opens it on loopback and off it, and nothing else does."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from starlette.testclient import TestClient

from kith.services import web_access
from kith.store import open_store
from tests.conftest import Kith
from tests.web_support import web_client

LAN = "192.0.2.10"


def _issued(db_path: Path, issue: str = "feed") -> str:
    store = open_store(db_path)
    try:
        return (
            web_access.issue_feed_token(store) if issue == "feed" else web_access.issue_token(store)
        )
    finally:
        store.close()


@pytest.fixture
def feed_token(demo: Kith, db_path: Path) -> str:
    return _issued(db_path)


@pytest.fixture
def client(feed_token: str, db_path: Path) -> Iterator[TestClient]:
    with web_client(db_path) as opened:
        yield opened


@pytest.fixture
def lan(feed_token: str, db_path: Path) -> Iterator[TestClient]:
    _issued(db_path, "page")  # serving off loopback needs a page token too
    with web_client(db_path, host=LAN) as opened:
        yield opened


def test_the_feed_is_the_exported_calendar_with_an_alarm_on_every_event(
    client: TestClient, feed_token: str, demo: Kith
) -> None:
    demo("todo", "#1", "send the harbour map", "--due", "2026-11-25")
    answer = client.get(f"/calendar/{feed_token}.ics")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.content == demo("calendar", "export", "-").stdout_bytes
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    kinds = {str(e["UID"]).split("-")[1] for e in events}
    assert kinds == {"pick", "todo", "birthday"}
    for event in events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == timedelta(hours=9)
        assert str(alarms[0]["DESCRIPTION"]) == str(event["SUMMARY"])


def test_a_wrong_token_is_not_found(client: TestClient, feed_token: str) -> None:
    answer = client.get(f"/calendar/{feed_token[:-1]}x.ics")
    assert answer.status_code == 404
    assert answer.text == "Not found."


def test_without_a_feed_token_no_feed_is_served(demo: Kith, db_path: Path) -> None:
    page_token = _issued(db_path, "page")
    with web_client(db_path) as client:
        assert client.get(f"/calendar/{page_token}.ics").status_code == 404
        assert client.get("/calendar/.ics").status_code == 404


def test_off_loopback_the_feed_needs_only_its_own_token(lan: TestClient, feed_token: str) -> None:
    assert lan.get(f"/calendar/{feed_token}.ics").status_code == 200
    assert lan.get("/").status_code == 401  # the feed token opens no page
    assert lan.get(f"/?token={feed_token}").status_code == 401


def test_off_loopback_the_page_token_does_not_open_the_feed(lan: TestClient, db_path: Path) -> None:
    page_token = _issued(db_path, "page")
    answer = lan.get(
        f"/calendar/{page_token}.ics", headers={"authorization": f"Bearer {page_token}"}
    )
    assert answer.status_code == 404


def test_after_five_wrong_feed_tokens_even_the_right_one_waits(
    lan: TestClient, feed_token: str
) -> None:
    wrong = [lan.get(f"/calendar/guess{n}.ics").status_code for n in range(5)]
    assert wrong == [404, 404, 404, 404, 404]
    assert lan.get(f"/calendar/{feed_token}.ics").status_code == 429


def test_the_feed_is_read_only(client: TestClient, feed_token: str) -> None:
    assert client.post(f"/calendar/{feed_token}.ics").status_code == 405


def test_the_log_never_shows_the_feed_token(
    client: TestClient, feed_token: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kith.web"):
        client.get(f"/calendar/{feed_token}.ics")
    assert caplog.messages == ["GET /calendar/TOKEN.ics 200"]


def test_calendar_feed_shows_a_link_once_and_keeps_only_its_hash(demo: Kith, db_path: Path) -> None:
    made = json.loads(demo("calendar", "feed", "--host", LAN, "--port", "8800", "--json").output)
    token = made["feed"].removeprefix(f"http://{LAN}:8800/calendar/").removesuffix(".ics")
    assert made["webcal"] == f"webcal://{LAN}:8800/calendar/{token}.ics"
    assert token not in db_path.read_bytes().decode("latin-1")
    with web_client(db_path) as client:
        assert client.get(f"/calendar/{token}.ics").status_code == 200
        newer = json.loads(demo("calendar", "feed", "--json").output)["feed"]
        assert client.get(f"/calendar/{token}.ics").status_code == 404  # the new one revoked it
        assert client.get(newer.removeprefix("http://127.0.0.1:8765")).status_code == 200


def test_calendar_feed_revoke_stops_the_feed(
    demo: Kith, client: TestClient, feed_token: str
) -> None:
    assert demo("calendar", "feed", "--revoke").output == (
        "Revoked: the calendar feed link no longer works.\n"
    )
    assert client.get(f"/calendar/{feed_token}.ics").status_code == 404
    assert demo("calendar", "feed", "--revoke").output == "There was no feed.\n"


def test_calendar_feed_prints_the_link_the_webcal_link_and_a_qr_code(demo: Kith) -> None:
    lines = demo("calendar", "feed").output.splitlines()
    assert lines[0] == (
        "A new calendar feed link; the old one no longer works. It is shown only this once:"
    )
    assert lines[1].startswith("  http://127.0.0.1:8765/calendar/")
    assert lines[2].startswith("  webcal://127.0.0.1:8765/calendar/")
    assert lines[-1] == "It answers while `kith serve --host 127.0.0.1 --port 8765` runs."
    assert any("█" in line for line in lines)


def test_a_hostile_name_stays_text_in_the_feed(
    demo: Kith, client: TestClient, feed_token: str
) -> None:
    name = 'Eve; END:VEVENT, BEGIN:VALARM \\ "x"'
    demo("add", name, "--birthday", "--12-01")
    events = icalendar.Calendar.from_ical(client.get(f"/calendar/{feed_token}.ics").content)
    theirs = [e for e in events.walk("VEVENT") if str(e["SUMMARY"]).startswith("Eve;")]
    assert [str(e["SUMMARY"]) for e in theirs] == [f"{name}'s birthday"]
    assert len(theirs[0].walk("VALARM")) == 1


def test_serve_says_the_feed_answers_when_it_has_a_token(
    kith: Kith, feed_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kith.cli.serve._run", lambda app, settings: None)
    assert kith("serve").output.splitlines() == [
        "The calendar feed answers too, at the link `kith calendar feed` showed.",
        "Kith is at http://127.0.0.1:8765/ (Ctrl-C to stop).",
    ]
