"""The web app in-process: every page and its JSON twin, against the CLI's own answers."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from tests.conftest import Kith, loaded_at_start
from tests.web_support import csrf_of

JSON = {"accept": "application/json"}


def cli_json(kith: Kith, *args: str) -> dict[str, object]:
    result = kith(*args, "--json")
    assert result.exit_code == 0, result.output
    loaded: dict[str, object] = json.loads(result.output)
    return loaded


def names(people: object) -> list[str]:
    assert isinstance(people, list)
    return [person["name"] for person in people]


def test_the_week_page_shows_the_stored_plan_with_each_reason(
    client: TestClient, demo: Kith
) -> None:
    page = client.get("/")
    picks = cli_json(demo, "plan")["picks"]
    assert page.status_code == 200
    assert isinstance(picks, list)
    for pick in picks:
        assert f'<a href="/people/{pick["id"]}">{pick["name"]}</a>' in page.text
        assert f'<p class="reason">{pick["reason"]}</p>' in page.text


def test_the_week_page_json_twin_has_the_cli_plans_picks_and_a_draft_each(
    client: TestClient, demo: Kith
) -> None:
    twin = client.get("/", headers=JSON).json()
    plan = cli_json(demo, "plan")
    assert names(twin["picks"]) == names(plan["picks"])
    assert twin["week"] == "2026-W47"
    assert all(pick["draft"].startswith("Hi ") for pick in twin["picks"])
    assert client.get("/?format=json").json() == twin


def test_the_week_page_reads_the_stored_plan_and_does_not_choose_again(
    client: TestClient, demo: Kith
) -> None:
    first = client.get("/?format=json").json()
    assert demo("config", "set", "plan.budget", "2").exit_code == 0
    again = client.get("/?format=json").json()
    assert names(again["picks"]) == names(first["picks"])
    assert again["made_at"] == first["made_at"]


def test_done_on_the_week_page_logs_the_outreach_and_ticks_the_pick_off(
    client: TestClient, demo: Kith
) -> None:
    person = client.get("/?format=json").json()["picks"][0]
    answer = client.post(f"/picks/{person['id']}/done", data={"csrf": csrf_of(client)})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    states = {p["id"]: p["state"] for p in cli_json(demo, "plan")["picks"]}  # type: ignore[union-attr]
    assert states[person["id"]] == "done"
    logged = cli_json(demo, "interactions", f"#{person['id']}")["interactions"]
    assert isinstance(logged, list)
    assert logged[0]["summary"] == "caught up (from the weekly plan)"


def test_skip_and_snooze_from_htmx_answer_with_the_pick_as_it_now_stands(
    client: TestClient,
) -> None:
    first, second = client.get("/?format=json").json()["picks"][:2]
    token = csrf_of(client)
    htmx = {"hx-request": "true", "x-csrf-token": token}
    skipped = client.post(f"/picks/{first['id']}/skip", headers=htmx)
    snoozed = client.post(f"/picks/{second['id']}/snooze", data={"for": "2w"}, headers=htmx)
    assert skipped.status_code == 200
    assert skipped.text.startswith(f'<article class="pick skipped" id="pick-{first["id"]}"')
    assert (  # said as `kith skip` says it: a skip on Sunday rests the next week
        '<p class="state" role="status">Skipped: they rest for 1 week, not back before Mon 30 '
        "Nov (unless a birthday, a follow-up or a note from them).</p>"
    ) in skipped.text
    assert '<p class="state" role="status">Snoozed.</p>' in snoozed.text


def test_a_skipped_pick_still_says_its_rest_after_a_reload(client: TestClient) -> None:
    person = client.get("/?format=json").json()["picks"][0]
    client.post(f"/picks/{person['id']}/skip", data={"csrf": csrf_of(client)})
    assert (
        '<p class="state" role="status">Skipped: they rest for 1 week, not back before Mon 30 '
        "Nov (unless a birthday, a follow-up or a note from them).</p>"
    ) in client.get("/").text
    picks = client.get("/?format=json").json()["picks"]
    assert [p.get("rest") is not None for p in picks] == [True] + [False] * (len(picks) - 1)


def test_a_pick_action_answers_json_when_asked(client: TestClient) -> None:
    person = client.get("/?format=json").json()["picks"][0]
    answer = client.post(
        f"/picks/{person['id']}/skip", headers={**JSON, "x-csrf-token": csrf_of(client)}
    )
    pick = answer.json()["pick"]
    assert (pick["state"], pick["rest"]) == (
        "skipped",
        "they rest for 1 week, not back before Mon 30 Nov (unless a birthday, a follow-up or a "
        "note from them)",
    )


def test_the_people_page_lists_what_the_query_language_finds(
    client: TestClient, demo: Kith
) -> None:
    twin = client.get("/people", params={"q": "tag:meetup"}, headers=JSON).json()
    assert names(twin["people"]) == names(cli_json(demo, "list", "tag:meetup")["people"])
    assert twin["total"] == 30
    page = client.get("/people", params={"q": "tag:meetup"})
    assert "<p>30 people.</p>" in page.text
    assert 'value="tag:meetup"' in page.text


def test_the_people_page_says_what_is_wrong_with_a_query_it_cannot_read(
    client: TestClient,
) -> None:
    page = client.get("/people", params={"q": "colour:blue"})
    assert page.status_code == 200
    assert "Unknown query term &#39;colour:&#39;" in page.text


def test_the_people_page_without_a_query_shows_the_first_hundred_and_the_total(
    client: TestClient, demo: Kith
) -> None:
    twin = client.get("/people?format=json").json()
    everyone = cli_json(demo, "list")["people"]
    assert isinstance(everyone, list)
    assert twin["total"] == len(everyone)
    assert names(twin["people"]) == names(everyone)[:100]


def test_the_person_page_is_the_card_how_you_met_and_the_timeline(
    client: TestClient, demo: Kith
) -> None:
    shown = cli_json(demo, "show", "Quinn Quarterly")
    person = shown["person"]
    assert isinstance(person, dict)
    twin = client.get(f"/people/{person['id']}", headers=JSON).json()
    assert twin["person"] == person
    assert twin["interactions"] == shown["interactions"]
    assert twin["knows"] == shown["knows"]
    explained = cli_json(demo, "why", "Quinn Quarterly")
    assert twin["tie"] == {k: v for k, v in explained.items() if k != "person"}
    assert twin["draft"]["draft"].startswith("Hi Quinn,")
    page = client.get(f"/people/{person['id']}").text
    assert "<h1>Quinn Quarterly</h1>" in page
    assert "<p>quarterly check-ins since their pilot project</p>" in page
    assert "e-mail catch-up</li>" in page


def test_a_person_nobody_has_is_a_404_page_and_a_404_json(client: TestClient) -> None:
    page = client.get("/people/99999")
    assert page.status_code == 404
    assert "No person has the id #99999." in page.text
    assert client.get("/people/99999?format=json").json() == {
        "error": "No person has the id #99999."
    }


def test_the_quick_log_logs_an_interaction_with_someone_known(
    client: TestClient, demo: Kith
) -> None:
    form = {"csrf": csrf_of(client), "who": "Quinn Quarterly", "channel": "call", "what": "a call"}
    answer = client.post("/log", data=form)
    assert answer.status_code == 200
    assert "Logged: a call with" in answer.text
    newest = cli_json(demo, "interactions", "Quinn Quarterly")["interactions"]
    assert isinstance(newest, list)
    assert (newest[0]["summary"], newest[0]["channel"]) == ("a call", "call")


def test_the_quick_log_adds_someone_new_with_where_you_met(client: TestClient, demo: Kith) -> None:
    form = {
        "csrf": csrf_of(client),
        "who": "Nadia Newcomer",
        "channel": "in_person",
        "what": "talked about bees",
        "new": "yes",
        "how_met": "PyCon 2026, the hallway track",
    }
    assert client.post("/log", data=form).status_code == 200
    person = cli_json(demo, "show", "Nadia Newcomer")["person"]
    assert isinstance(person, dict)
    assert person["how_met"] == "PyCon 2026, the hallway track"
    assert person["interaction_count"] == 1


def test_the_quick_log_asks_which_one_when_a_name_is_ambiguous(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Ayaka", "channel": "call", "what": "a call"}
    answer = client.post("/log", data=form, headers=JSON)
    assert answer.status_code == 422
    assert (
        answer.json()["problem"] == "'Ayaka' matches 2 people; say which with #ID or a fuller name."
    )
    assert names(answer.json()["candidates"]) == ["Ayaka Kato", "Ayaka Abe"]


def test_the_quick_log_suggests_adding_someone_it_does_not_know(client: TestClient) -> None:
    form = {"csrf": csrf_of(client), "who": "Zebedee Unknown", "what": "hello"}
    answer = client.post("/log", data=form)
    assert answer.status_code == 422
    assert "Nobody called &#39;Zebedee Unknown&#39;. Tick “met someone new” to add them." in (
        answer.text
    )


def test_the_names_endpoint_suggests_people_as_you_type(client: TestClient) -> None:
    twin = client.get("/names?q=Ayak&format=json").json()
    assert names(twin["people"]) == ["Ayaka Abe", "Ayaka Kato"]
    fragment = client.get("/names?who=Ayak").text
    assert '<option value="Ayaka Abe">' in fragment
    assert fragment.startswith('<datalist id="who-names">')


WEB_LIBRARIES = ("starlette", "uvicorn", "jinja2", "segno", "kith.web")


@pytest.mark.parametrize("argv", [["--help"], ["serve", "--help"], ["list", "--help"]])
def test_the_cli_starts_without_importing_the_web_libraries(argv: list[str]) -> None:
    assert loaded_at_start(argv, WEB_LIBRARIES) == []
