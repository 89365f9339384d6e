"""The People page's sorts and the Person page's chart, ledger, draft panel, edit and note,
in process on the demo network (tests/web_support.py)."""

from __future__ import annotations

import json
import re

from starlette.testclient import TestClient

from tests.conftest import NOW, Kith
from tests.web_support import csrf_of

JSON = {"accept": "application/json"}


def person_id(kith: Kith, name: str) -> int:
    result = kith("show", name, "--json")
    assert result.exit_code == 0, result.output
    found: int = json.loads(result.output)["person"]["id"]
    return found


def edit_form(client: TestClient, pid: int, **changes: str) -> dict[str, str]:
    values: dict[str, str] = client.get(f"/people/{pid}", headers=JSON).json()["edit"]["values"]
    return values | changes | {"csrf": csrf_of(client, f"/people/{pid}")}


def test_the_people_page_sorts_by_strength_with_each_persons_standing(client: TestClient) -> None:
    twin = client.get("/people?sort=strength", headers=JSON).json()
    assert twin["sort"] == "strength"
    assert [p["name"] for p in twin["people"][:2]] == ["Wendy Weekly", "Teresa Ferreira"]
    strengths = [twin["standings"][str(p["id"])]["strength"] for p in twin["people"]]
    assert strengths == sorted(strengths, reverse=True)
    page = client.get("/people?sort=strength").text
    assert '<option value="strength" selected>Strength</option>' in page
    assert "147 people, 1–100 shown, by strength." in page
    assert page.index(">Wendy Weekly</a>") < page.index(">Teresa Ferreira</a>")


def test_the_people_page_sorts_by_last_contact_and_by_due(client: TestClient) -> None:
    last = client.get("/people?sort=last", headers=JSON).json()
    assert last["people"][0]["name"] == "Rania Hamdan"
    due = client.get("/people?sort=due", headers=JSON).json()
    assert due["people"][0]["name"] == "Leila Sayegh"
    first = due["standings"][str(due["people"][0]["id"])]
    assert first["due_at"] == "2025-04-03T14:05:53Z"  # L5: a year after 2024-04-03
    assert "due Thu 03 Apr 2025" in client.get("/people?sort=due").text


def test_the_people_page_keeps_the_sort_while_searching(client: TestClient) -> None:
    twin = client.get("/people?q=tag:university&sort=strength", headers=JSON).json()
    assert twin["query"] == "tag:university"
    assert twin["people"][0]["name"] == "Wendy Weekly"
    htmx = client.get("/people?q=tag:university&sort=last", headers={"hx-request": "true"})
    assert 'data-sort="last"' in htmx.text


def test_the_people_page_says_a_sort_it_does_not_know(client: TestClient) -> None:
    page = client.get("/people?sort=height")
    assert page.status_code == 200
    assert "Sort by one of name, strength, last, due." in page.text
    twin = client.get("/people?sort=height", headers=JSON).json()
    assert (twin["sort"], twin["people"][0]["name"]) == ("name", "Alessandro Santoro")


def test_the_chart_endpoint_has_strength_and_warmth_month_by_month(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Wendy Weekly")
    twin = client.get(f"/people/{pid}", headers=JSON).json()
    assert twin["chart"] == f"/people/{pid}/chart"
    found = client.get(f"/people/{pid}/chart", headers=JSON).json()
    assert found["person"] == {"id": pid, "name": "Wendy Weekly"}
    chart = found["chart"]
    assert len(chart["t"]) == len(chart["strength"]) == len(chart["warmth"]) == 37
    assert chart["t"][-1] == int(NOW.timestamp())
    assert chart["t"] == sorted(chart["t"])
    assert (chart["months"][0], chart["months"][-1]) == ("Nov 2023", "Nov 2026")
    assert chart["strength"][-1] == twin["tie"]["strength"]
    figures = client.get(f"/people/{pid}/chart").text
    assert f"<tr><td>Nov 2026</td><td>{chart['strength'][-1]}</td>" in figures


def test_the_person_page_has_the_chart_element_and_its_script(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Wendy Weekly")
    page = client.get(f"/people/{pid}").text
    assert f'<div id="tie-chart" class="tie-chart" data-src="/people/{pid}/chart"' in page
    assert '<script src="/static/vendor/uPlot.min.js" defer></script>' in page
    assert '<script src="/static/person.js" defer></script>' in page
    assert f'<a href="/people/{pid}/chart">the figures</a>' in page


def test_the_busiest_persons_page_has_every_section_and_the_tie_as_kith_why_has_it(
    client: TestClient, demo: Kith
) -> None:
    listed = client.get("/people?sort=strength", headers=JSON).json()["people"]
    busiest = max(listed, key=lambda person: person["interaction_count"])
    page = client.get(f"/people/{busiest['id']}").text
    assert re.findall(r'<h2 id="([^"]+)"', page) == [
        "tie",
        "how-met",
        "mesh",
        "notes",
        "ledger-title",
        "draft-title",
        "edit-heading",
        "timeline",
    ]
    twin = client.get(f"/people/{busiest['id']}", headers=JSON).json()
    assert twin["total_interactions"] == busiest["interaction_count"] > 100
    why = json.loads(demo("why", f"#{busiest['id']}", "--json").output)  # a short log: events
    assert twin["tie"] == {key: value for key, value in why.items() if key != "person"}
    assert twin["mesh"]["knows_total"] == len(twin["knows"]) > 0


def test_whom_someone_knows_is_kept_until_something_is_written(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Wendy Weekly")
    before = [
        k["person"]["name"] for k in client.get(f"/people/{pid}", headers=JSON).json()["knows"]
    ]
    assert "Quinn Quarterly" not in before
    assert demo("knows", "Wendy Weekly", "Quinn Quarterly").exit_code == 0  # another connection
    after = client.get(f"/people/{pid}", headers=JSON).json()["knows"]
    assert "Quinn Quarterly" in [k["person"]["name"] for k in after]


def test_someone_never_in_touch_has_no_chart_but_says_so(client: TestClient, demo: Kith) -> None:
    demo("add", "Nadia Newcomer")
    pid = person_id(demo, "Nadia Newcomer")
    assert client.get(f"/people/{pid}/chart", headers=JSON).json()["chart"]["t"] == []
    assert "No interactions yet: nothing to chart." in client.get(f"/people/{pid}").text
    assert "No interactions yet: nothing to chart." in client.get(f"/people/{pid}/chart").text


def test_the_chart_of_someone_nobody_has_is_a_404(client: TestClient) -> None:
    assert client.get("/people/99999/chart").status_code == 404


def test_the_person_page_has_the_ledger_as_kith_ledger_has_it(
    client: TestClient, demo: Kith
) -> None:
    result = demo("ledger", "Rania Hamdan", "--json")
    ledger = json.loads(result.output)
    twin = client.get(f"/people/{ledger['person']['id']}", headers=JSON).json()
    assert twin["ledger"] == {k: v for k, v in ledger.items() if k != "person"}
    page = client.get(f"/people/{ledger['person']['id']}").text
    assert f"<p>{ledger['balance']}</p>" in page
    assert '<tr><th scope="row">thanks</th><td>4</td><td>2</td>' in page


def test_the_draft_panel_drafts_the_kind_and_channel_chosen(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    twin = client.get(f"/people/{pid}?kind=reconnect&channel=message", headers=JSON).json()
    cli = json.loads(
        demo(
            "draft", "Quinn Quarterly", "--kind", "reconnect", "--channel", "message", "--json"
        ).output
    )
    assert (twin["draft"]["kind"], twin["draft"]["channel"]) == ("reconnect", "message")
    assert twin["draft"]["draft"] == cli["draft"]
    page = client.get(f"/people/{pid}?kind=reconnect&channel=message").text
    assert '<option value="reconnect" selected>reconnect</option>' in page
    assert '<option value="message" selected>message</option>' in page
    assert 'class="copy" data-copy="draft-text"' in page


def test_an_email_draft_has_a_mailto_link(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    draft = client.get(f"/people/{pid}", headers=JSON).json()["draft"]
    assert draft["mailto"].startswith("mailto:quinn.quarterly@quarrypointmining.example?")
    assert "Open in your e-mail</a>" in client.get(f"/people/{pid}").text


def test_a_draft_kith_cannot_write_is_said_in_the_panel(client: TestClient, demo: Kith) -> None:
    demo("add", "Nadia Newcomer")
    pid = person_id(demo, "Nadia Newcomer")
    page = client.get(f"/people/{pid}?kind=reply")
    assert page.status_code == 200
    problem = client.get(f"/people/{pid}?kind=reply", headers=JSON).json()["draft"]["problem"]
    assert "has not written to you yet: there is nothing to reply to." in problem
    assert 'id="draft-text"' not in page.text


def test_an_unknown_kind_or_channel_drafts_what_kith_draft_would_choose(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Quinn Quarterly")  # wrote last: a reply, by e-mail
    draft = client.get(f"/people/{pid}?kind=spam&channel=pigeon", headers=JSON).json()["draft"]
    assert (draft["kind"], draft["channel"]) == ("reply", "email")
    assert draft == client.get(f"/people/{pid}", headers=JSON).json()["draft"]
    chosen = json.loads(demo("draft", "Quinn Quarterly", "--json").output)
    assert (chosen["kind"], chosen["draft"]) == ("reply", draft["draft"])


def test_the_edit_form_changes_the_card_through_the_services(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    form = edit_form(
        client,
        pid,
        name="Quinn Q. Quarterly",
        emails="quinn@example.org",
        phones="+44 20 7946 0999",
        company="Quarry Point Labs",
        title="CTO",
        tags="customers, mining",
        how_met="at the pilot's kick-off",
        birthday="--03-14",
    )
    answer = client.post(f"/people/{pid}/edit", data=form)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/people/{pid}#edit"
    shown = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert shown["name"] == "Quinn Q. Quarterly"
    assert shown["emails"] == ["quinn@example.org"]
    assert shown["phones"] == ["+442079460999"]
    assert (shown["company"], shown["title"]) == ("Quarry Point Labs", "CTO")
    assert shown["tags"] == ["customers", "mining"]
    assert (shown["how_met"], shown["birthday"]) == ("at the pilot's kick-off", "--03-14")
    assert "<h1>Quinn Q. Quarterly</h1>" in client.get(f"/people/{pid}").text


def test_an_edit_that_changes_nothing_changes_nothing(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    before = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert client.post(f"/people/{pid}/edit", data=edit_form(client, pid)).status_code == 303
    after = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_a_refused_edit_is_said_beside_the_form_with_what_was_typed(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    form = edit_form(client, pid, birthday="the ides of March", title="Chief Quarrier")
    answer = client.post(f"/people/{pid}/edit", data=form)
    assert answer.status_code == 400
    assert "Could not read the birthday &#39;the ides of March&#39;" in answer.text
    assert 'value="Chief Quarrier"' in answer.text
    assert 'value="the ides of March"' in answer.text
    shown = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert shown["title"] == "Developer Advocate"


def test_an_edit_refused_by_the_service_changes_nothing(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    form = edit_form(client, pid, emails="not an address", title="Chief Quarrier")
    answer = client.post(f"/people/{pid}/edit", data=form)
    assert answer.status_code == 400
    assert 'id="edit-problem"' in answer.text
    shown = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert shown["title"] == "Developer Advocate"
    assert shown["emails"] == ["quinn.quarterly@quarrypointmining.example"]


def test_the_edit_answers_json_when_asked(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    saved = client.post(
        f"/people/{pid}/edit", data=edit_form(client, pid, title="CTO"), headers=JSON
    )
    assert saved.status_code == 200
    assert saved.json()["person"]["title"] == "CTO"
    refused = client.post(
        f"/people/{pid}/edit", data=edit_form(client, pid, name=" "), headers=JSON
    )
    assert refused.status_code == 400
    assert refused.json() == {"error": "A name cannot be empty."}


def test_a_note_is_added_from_the_person_page(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    form = {"csrf": csrf_of(client, f"/people/{pid}"), "text": "Prefers calls on Fridays."}
    answer = client.post(f"/people/{pid}/notes", data=form)
    assert answer.status_code == 303
    assert "<p>Prefers calls on Fridays.</p>" in client.get(f"/people/{pid}").text
    shown = json.loads(demo("show", f"#{pid}", "--json").output)["person"]
    assert shown["notes"][-1]["text"] == "Prefers calls on Fridays."


def test_an_empty_note_is_refused_beside_its_form(client: TestClient, demo: Kith) -> None:
    pid = person_id(demo, "Quinn Quarterly")
    answer = client.post(f"/people/{pid}/notes", data={"csrf": csrf_of(client), "text": "  "})
    assert answer.status_code == 400
    assert '<p class="problem" role="alert" id="note-problem">A note cannot be empty.</p>' in (
        answer.text
    )


def test_editing_someone_nobody_has_is_a_404(client: TestClient) -> None:
    answer = client.post("/people/99999/edit", data={"csrf": csrf_of(client), "name": "X"})
    assert answer.status_code == 404
    assert (
        client.post("/people/99999/notes", data={"csrf": csrf_of(client), "text": "x"}).status_code
        == 404
    )


def test_the_people_page_pages_through_everyone_with_next_and_previous(
    client: TestClient,
) -> None:
    first = client.get("/people", params={"sort": "last"})
    second = client.get("/people", params={"sort": "last", "from": "100"})
    whole = client.get("/people", params={"sort": "last", "format": "json"}).json()
    shown = client.get("/people", params={"sort": "last", "from": "100", "format": "json"}).json()
    assert "147 people, 1–100 shown, by last contact." in first.text
    assert '<a href="/people?q=&amp;sort=last&amp;from=100" rel="next">Next 47</a>' in first.text
    assert "147 people, 101–147 shown, by last contact." in second.text
    assert (
        '<a href="/people?q=&amp;sort=last&amp;from=0" rel="prev">Previous 100</a>' in second.text
    )
    assert [p["id"] for p in shown["people"]][:1] != [p["id"] for p in whole["people"]][:1]
    assert len(shown["people"]) == 47


def test_the_card_writes_a_birthday_and_the_tie_as_people_read_them(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Wendy Weekly")
    demo("edit", f"#{pid}", "--birthday", "--02-03")
    page = client.get(f"/people/{pid}").text
    assert "<dt>Birthday</dt><dd>3 February</dd>" in page
    demo("edit", f"#{pid}", "--birthday", "1990-02-03")
    page = client.get(f"/people/{pid}").text
    assert "<dt>Birthday</dt><dd>3 February 1990</dd>" in page
    strength = client.get(f"/people/{pid}", headers=JSON).json()["tie"]["strength"]
    assert re.search(r"<meter [^>]*></meter> (\d\.\d\d)</dd>", page) is not None
    assert f"</meter> {strength:.2f}</dd>" in page


def test_the_person_page_says_in_person_in_words_not_as_stored(
    client: TestClient, demo: Kith
) -> None:
    pid = person_id(demo, "Tarek Haddadin")
    page = client.get(f"/people/{pid}").text
    assert '<span class="tag">in person</span>' in page
    assert '<option value="in_person">in person</option>' in page
    assert ">in_person" not in page
