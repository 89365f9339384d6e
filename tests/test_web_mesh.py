"""The mesh in the browser, in process: /report (the stored report and its charts), the
introductions board and its moves, and the person page's mesh section."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kith.services.interactions import LogEntry, log_interaction
from kith.services.mesh import stored
from kith.store import open_store
from tests.conftest import NOW, Kith
from tests.web_support import csrf_of, web_client

EVERY_STEP = [
    ("ask", "asked_a", "Kenta Kato"),
    ("agreed", "agreed_a", "Giulia Testa"),
    ("ask", "asked_b", "Giulia Testa"),
    ("agreed", "agreed_b", "Kenta Kato and Giulia Testa"),
    ("introduced", "introduced", "Kenta Kato"),
    ("followed_up", "followed_up", None),
]


@pytest.fixture
def client(demo: Kith, db_path: Path) -> TestClient:
    with web_client(db_path) as opened:
        yield opened


def refreshed(client: TestClient) -> None:
    """Wait for the background refresh a page or a write started."""
    client.app.state.context.refresher.wait()  # type: ignore[attr-defined]
    assert client.app.state.context.refresher.failure is None  # type: ignore[attr-defined]


def stale_flags(db_path: Path) -> list[tuple[str, int]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT name, stale FROM stored_result ORDER BY name").fetchall()
    finally:
        connection.close()


def test_the_report_is_made_in_the_background_the_first_time_and_then_shown(
    client: TestClient,
) -> None:
    first = client.get("/report")
    assert first.status_code == 200
    assert "The report is being made for the first time" in first.text
    refreshed(client)
    page = client.get("/report")
    assert page.text.count('<figure class="chart" data-chart=') == 5
    assert "being made" not in page.text
    assert '<h2 id="figure-activity">Activity over time</h2>' in page.text


def test_the_reports_json_twin_is_the_cli_report_and_its_charts(
    client: TestClient, demo: Kith
) -> None:
    client.get("/report")
    refreshed(client)
    twin = client.get("/report?format=json").json()
    cli = json.loads(demo("report", "--json").output)
    assert twin["report"] == cli
    assert twin["current"] is True
    layers = twin["charts"]["layers"]
    assert layers["labels"] == ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]
    assert [s["label"] for s in layers["series"]] == ["You (cumulative)", "Dunbar's size"]
    assert layers["series"][1]["values"] == [1.5, 5, 15, 50, 150, 500, 1500]
    assert len(twin["charts"]["activity"]["labels"]) == 24


def test_kith_report_reads_the_stored_report_while_nothing_changed(
    demo: Kith, db_path: Path
) -> None:
    demo("report")
    connection = sqlite3.connect(db_path)
    connection.execute(
        "UPDATE stored_result SET body = json_set(body, '$.contacts', 9999) WHERE name = 'report'"
    )
    connection.commit()
    connection.close()
    assert demo("report").output.startswith("Your network on 22 Nov 2026: 9999 contacts.")
    demo("log", "Kenta Kato", "coffee", "-w", "2026-11-21")
    assert not demo("report").output.startswith("Your network on 22 Nov 2026: 9999 contacts.")


def test_a_write_marks_the_stored_results_stale(demo: Kith, db_path: Path) -> None:
    demo("report")
    assert stale_flags(db_path) == [("report", 0)]
    demo("knows", "Kenta Kato", "Giulia Testa")
    assert stale_flags(db_path) == [("report", 1)]


def test_a_write_while_a_refresh_computes_leaves_its_result_stale(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    try:
        with store.transaction():
            store.results.begin(stored.REPORT)
        person = store.people.heads([1])[0].id
        log_interaction(store, [person], LogEntry(summary="a call", channel="call"), NOW)
        with store.transaction():
            store.results.put(stored.REPORT, "2026-11-22T10:00:00Z", '{"contacts": 0}')
    finally:
        store.close()
    assert stale_flags(db_path) == [("report", 1)]


def test_a_report_made_on_another_day_is_shown_while_it_is_made_again(
    demo: Kith, db_path: Path
) -> None:
    demo("--now", "2026-11-20T10:00:00+00:00", "report")
    with web_client(db_path) as client:
        page = client.get("/report")
        assert "on Fri 20 Nov 2026" in page.text
        assert "it is being made again" in page.text
        refreshed(client)
        assert "on Sun 22 Nov 2026" in client.get("/report").text


def test_a_write_on_the_web_refreshes_the_stored_report(client: TestClient, db_path: Path) -> None:
    client.get("/report")
    refreshed(client)
    form = {"csrf": csrf_of(client), "who": "Kenta Kato", "what": "coffee"}
    assert client.post("/log", data=form).status_code == 200
    refreshed(client)
    assert stale_flags(db_path) == [("intros", 0), ("report", 0)]


def test_the_board_puts_each_introduction_in_its_states_column(client: TestClient) -> None:
    board = client.get("/introductions?format=json").json()
    shown = {
        c["key"]: [(x["a"]["name"], x["b"]["name"]) for x in c["cards"]] for c in board["columns"]
    }
    assert shown == {
        "suggested": [("Kenta Kato", "Giulia Testa")],
        "asked": [("Henry Lambert", "Tarek Haddadin")],
        "agreed": [],
        "introduced": [("Varun Bhat", "Camila Cabrera")],
        "followed_up": [("Valentina Hendriks", "Hui Yang")],
        "declined": [("Björn Schröder", "Folake Adeyemi")],
    }


def test_an_introduction_moves_through_every_state_one_post_at_a_time(
    client: TestClient, db_path: Path
) -> None:
    token = csrf_of(client, "/introductions")
    for action, state, to in EVERY_STEP:
        answer = client.post(f"/introductions/4/{action}", data={"csrf": token})
        assert answer.status_code == 200, action
        card = answer.text.split('id="intro-4"')[1]
        assert f'data-state="{state}"' in card.split(">")[0]
        if to is not None:
            assert f'<label for="draft-4-1">To {to}' in answer.text
    done = client.post("/introductions/4/outcome", data={"csrf": token, "outcome": "a pilot"})
    card = done.text.split('id="intro-4"')[1]
    assert card.split("</p>")[0].endswith('<p class="standing">done: a pilot')
    connection = sqlite3.connect(db_path)
    found = connection.execute("SELECT state, outcome FROM introduction WHERE id = 4").fetchone()
    connection.close()
    assert found == ("outcome", "a pilot")


def test_the_board_drafts_the_same_message_as_kith_intro(client: TestClient, demo: Kith) -> None:
    token = csrf_of(client, "/introductions")
    answer = client.post("/introductions/4/ask?format=json", data={"csrf": token}).json()
    moved = answer["moved"][0]
    assert (moved["state"], moved["previous"]) == ("asked_a", "suggested")
    again = json.loads(demo("intro", "Kenta Kato", "Giulia Testa", "--json").output)
    assert again["drafts"][0]["draft"] == moved["drafts"][0]["draft"]


def test_declining_from_the_board_closes_the_introduction(client: TestClient) -> None:
    token = csrf_of(client, "/introductions")
    answer = client.post("/introductions/3/declined?format=json", data={"csrf": token}).json()
    assert answer["moved"][0]["standing"] == "Henry Lambert declined"
    declined = next(c for c in answer["columns"] if c["key"] == "declined")
    assert [c["id"] for c in declined["cards"]] == [3, 5]


def test_letting_go_from_the_board_closes_it_as_yours_not_a_refusal(client: TestClient) -> None:
    token = csrf_of(client, "/introductions")
    page = client.get("/introductions").text
    assert 'action="/introductions/3/let_go"' in page
    answer = client.post("/introductions/3/let_go?format=json", data={"csrf": token}).json()
    moved = answer["moved"][0]
    assert (moved["state"], moved["declined_by"], moved["standing"]) == (
        "let_go",
        None,
        "you let it go",
    )
    declined = next(c for c in answer["columns"] if c["key"] == "declined")
    assert [c["id"] for c in declined["cards"]] == [3, 5]


def test_a_suggested_introduction_is_started_from_the_board(client: TestClient) -> None:
    client.get("/introductions")
    refreshed(client)
    board = client.get("/introductions?format=json").json()
    first = board["suggestions"][0]
    token = csrf_of(client, "/introductions")
    form = {"csrf": token, "a": str(first["a"]["id"]), "b": str(first["b"]["id"])}
    after = client.post("/introductions/start?format=json", data=form).json()
    assert after["moved"][0]["state"] == "asked_a"
    assert first not in after["suggestions"]
    asked = next(c for c in after["columns"] if c["key"] == "asked")
    assert (asked["cards"][0]["a"]["id"], asked["cards"][0]["b"]["id"]) == (
        first["a"]["id"],
        first["b"]["id"],
    )


def test_the_boards_moves_refuse_a_post_without_its_csrf_token(client: TestClient) -> None:
    assert client.post("/introductions/4/ask").status_code == 403
    assert client.post("/introductions/start", data={"a": "1", "b": "2"}).status_code == 403


def test_a_move_that_does_not_apply_says_what_comes_next(client: TestClient) -> None:
    token = csrf_of(client, "/introductions")
    answer = client.post("/introductions/4/introduced", data={"csrf": token})
    assert answer.status_code == 400
    assert "--introduced does not apply" in answer.text


def test_an_unknown_introduction_or_action_is_not_found(client: TestClient) -> None:
    token = csrf_of(client, "/introductions")
    assert client.post("/introductions/999/ask", data={"csrf": token}).status_code == 404
    assert client.post("/introductions/4/fly", data={"csrf": token}).status_code == 404
    bad = client.post("/introductions/start", data={"csrf": token, "a": "x", "b": "2"})
    assert bad.status_code == 400


def test_the_person_page_shows_their_circle_whom_they_know_and_their_introductions(
    client: TestClient, demo: Kith
) -> None:
    demo("circles")
    shown = json.loads(demo("show", "Kenta Kato", "--json").output)["person"]
    page = client.get(f"/people/{shown['id']}?format=json").json()["mesh"]
    assert page["circle"] is not None
    assert page["knows_total"] >= len(page["knows"]) > 0
    assert page["knows"][0]["evidence"][0]["says"]
    assert [(c["a"]["name"], c["state"]) for c in page["introductions"]] == [
        ("Kenta Kato", "suggested")
    ]
    assert page["wanted"] is False
    html = client.get(f"/people/{shown['id']}").text
    assert f"In the circle <strong>{page['circle']['name']}</strong>" in html
    assert "Kenta Kato</a> and <a href" in html


def test_the_person_page_shows_warm_paths_to_someone_you_want_to_meet(
    client: TestClient, demo: Kith
) -> None:
    demo("want", "Giulia Testa", "--why", "her pilot")
    shown = json.loads(demo("show", "Giulia Testa", "--json").output)["person"]
    page = client.get(f"/people/{shown['id']}?format=json").json()["mesh"]
    assert page["wanted"] is True
    assert page["paths"][0]["people"][-1]["name"] == "Giulia Testa"
    assert "Warm paths to them" in client.get(f"/people/{shown['id']}").text


def test_the_person_page_lists_suggested_introductions_with_them(client: TestClient) -> None:
    client.get("/introductions")
    refreshed(client)
    first = client.get("/introductions?format=json").json()["suggestions"][0]
    page = client.get(f"/people/{first['a']['id']}?format=json").json()["mesh"]
    assert [s["b"]["name"] for s in page["suggested"]] == [first["b"]["name"]]


def test_the_person_page_of_someone_new_says_they_are_in_no_circle_and_know_nobody(
    client: TestClient, demo: Kith
) -> None:
    demo("add", "Nadia Newcomer")
    shown = json.loads(demo("show", "Nadia Newcomer", "--json").output)["person"]
    html = client.get(f"/people/{shown['id']}").text
    assert "In no circle yet" in html
    assert "<h3>Knows 0 of your contacts</h3>" in html
    assert "Nobody you know, as far as Kith can tell." in html
    assert "Warm paths to them" not in html


def test_a_report_kept_by_a_kith_with_another_layout_is_made_again_not_read(
    demo: Kith, db_path: Path
) -> None:
    demo("report")
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE stored_result SET body = json_set(body, '$.layout', 0)")
    connection.commit()
    connection.close()
    with web_client(db_path) as client:
        assert "being made for the first time" in client.get("/report").text
        refreshed(client)
        assert client.get("/report?format=json").json()["current"] is True
