"""The JSON API in-process on the demo network: each route's happy path, its errors (404 with
close names, 409 with candidates, 400/422 that say what to do), and JSON, never HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.testclient import TestClient

from kith.web.api import schemas
from tests.conftest import Kith

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imogen Imported\r\nEMAIL:imogen@example.org\r\nEND:VCARD\r\n"
)


def test_the_people_list_is_kith_list_json_with_its_query_and_paging(client: TestClient) -> None:
    answer = client.get("/api/people", params={"q": "tag:meetup", "limit": 2})
    assert answer.status_code == 200
    found = schemas.PeopleList.model_validate(answer.json())
    assert (found.total, found.limit, found.offset) == (30, 2, 0)
    assert [p.name for p in found.people] == ["Beatriz Ortega", "Camila Rojas"]
    first = client.get("/api/people").json()
    assert (first["total"], first["limit"], len(first["people"])) == (147, 100, 100)
    rest = client.get("/api/people", params={"offset": 100}).json()
    assert len(rest["people"]) == 47


def test_the_people_list_pages_and_sorts_by_last_contact(client: TestClient) -> None:
    params = {"sort": "last", "limit": 2, "offset": 1}
    people = client.get("/api/people", params=params).json()["people"]
    assert [(p["name"], p["last_contact_at"]) for p in people] == [
        ("Seo-yeon Yoon", "2026-11-20T16:23:46Z"),
        ("Gabriela Zúñiga", "2026-11-20T14:13:51Z"),
    ]


def test_a_query_term_kith_cannot_read_is_a_422_that_lists_the_terms(client: TestClient) -> None:
    answer = client.get("/api/people", params={"q": "bogus:x"})
    assert answer.status_code == 422
    assert answer.json() == {
        "error": "user_error",
        "message": "Unknown query term 'bogus:' in 'bogus:x'; use tag:, interest:, company:, "
        "met:, name:, channel:, since:, before:, kind:, archived:, layer:, due:, dormant:.",
    }


def test_a_parameter_off_the_schema_is_a_422_naming_it(client: TestClient) -> None:
    answer = client.get("/api/people", params={"limit": "0"})
    assert answer.status_code == 422
    assert answer.json() == {
        "error": "invalid",
        "message": "limit: Input should be greater than or equal to 1.",
    }


def test_showing_a_person_is_kith_show_json_with_their_events(client: TestClient) -> None:
    answer = client.get("/api/people/1")
    card = schemas.PersonCard.model_validate(answer.json())
    assert card.person.name == "Wendy Weekly"
    assert card.person.company == "Quayside Books"
    assert card.total_interactions >= len(card.interactions) > 0


def test_a_person_nobody_has_is_a_404_in_json(client: TestClient) -> None:
    answer = client.get("/api/people/9999")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == {"error": "not_found", "message": "No person has the id #9999."}


def test_an_id_beyond_sqlites_integers_is_a_404_not_a_crash(client: TestClient) -> None:
    answer = client.get(f"/api/people/{2**70}")
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"


def test_resolving_a_name_gives_the_person(client: TestClient) -> None:
    answer = client.get("/api/people/resolve", params={"name": "Wendy"})
    assert answer.json()["person"]["id"] == 1


def test_resolving_a_name_nobody_has_is_a_404_with_close_names(client: TestClient) -> None:
    answer = client.get("/api/people/resolve", params={"name": "Wendx Weekly"})
    assert answer.status_code == 404
    assert answer.json()["message"] == "Nobody called 'Wendx Weekly'."
    assert answer.json()["suggestions"][0] == {"id": 1, "name": "Wendy Weekly"}


def test_an_ambiguous_name_is_a_409_with_the_candidates(client: TestClient) -> None:
    answer = client.get("/api/people/resolve", params={"name": "a"})
    assert answer.status_code == 409
    found = answer.json()
    assert found["error"] == "ambiguous"
    assert found["message"] == "'a' matches 18 people; say which with #ID or a fuller name."
    assert {"id": 9, "name": "Obinna Ansah"} in found["candidates"]


def test_adding_a_person_is_kith_add(client: TestClient, demo: Kith) -> None:
    body = {
        "name": "Ada Lovelace",
        "emails": ["ada@example.org"],
        "company": "Analytical Engines",
        "met": "PyCon 2026",
        "tags": ["python"],
        "birthday": "1815-12-10",
        "address": {"city": "London"},
    }
    answer = client.post("/api/people", json=body)
    assert answer.status_code == 201
    person = schemas.OnePerson.model_validate(answer.json()).person
    assert (person.name, person.emails, person.company) == (
        "Ada Lovelace",
        ["ada@example.org"],
        "Analytical Engines",
    )
    assert (person.birthday, person.how_met, person.tags) == (
        "1815-12-10",
        "PyCon 2026",
        ["python"],
    )
    shown = json.loads(demo("show", "Ada Lovelace", "--json").output)
    assert shown["person"]["addresses"][0]["city"] == "London"


def test_adding_a_known_name_is_a_422_until_the_body_says_new(client: TestClient) -> None:
    refused = client.post("/api/people", json={"name": "Wendy Weekly"})
    added = client.post("/api/people", json={"name": "Wendy Weekly", "new": True})
    assert refused.status_code == 422
    assert refused.json()["message"].startswith("Wendy Weekly (#1) is known already.")
    assert added.status_code == 201
    assert added.json()["person"]["name"] == "Wendy Weekly"


def test_adding_without_a_name_is_a_422_naming_the_field(client: TestClient) -> None:
    answer = client.post("/api/people", json={"company": "Acme"})
    assert answer.status_code == 422
    assert answer.json()["message"] == "name: Field required."


def test_a_body_that_is_not_json_is_a_400(client: TestClient) -> None:
    answer = client.post(
        "/api/people", content=b"{name", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "usage"
    assert answer.json()["message"].startswith("The body is not JSON: ")


def test_editing_a_person_changes_what_is_given_and_clears_empty_fields(
    client: TestClient,
) -> None:
    answer = client.patch("/api/people/1", json={"title": "CTO", "met": "", "nickname": "Wen"})
    assert answer.status_code == 200
    person = answer.json()["person"]
    assert (person["title"], person["how_met"], person["nickname"]) == ("CTO", None, "Wen")
    assert person["company"] == "Quayside Books"


def test_a_birthday_kith_cannot_read_says_how_to_write_it(client: TestClient) -> None:
    answer = client.patch("/api/people/1", json={"birthday": "tomorrow"})
    assert answer.status_code == 422
    assert answer.json()["message"] == (
        "Could not read the birthday 'tomorrow'; write 1815-12-10, or --12-10 without the year."
    )


def test_logging_an_interaction_is_kith_log(client: TestClient, demo: Kith) -> None:
    body = {"people": ["Wendy Weekly"], "summary": "coffee by the quay", "channel": "coffee"}
    answer = client.post("/api/interactions", json=body)
    assert answer.status_code == 201
    logged = schemas.Logged.model_validate(answer.json()).interaction
    assert (logged.summary, logged.channel, logged.direction) == (
        "coffee by the quay",
        "in_person",
        "both",
    )
    assert [p.name for p in logged.participants] == ["Wendy Weekly"]
    listed = json.loads(demo("interactions", "Wendy Weekly", "--json").output)
    assert listed["interactions"][0]["summary"] == "coffee by the quay"


def test_logging_with_an_ambiguous_name_logs_nothing_and_says_whom(client: TestClient) -> None:
    answer = client.post("/api/interactions", json={"people": ["a"], "summary": "hi"})
    assert answer.status_code == 409
    assert len(answer.json()["candidates"]) == 18


def test_logging_in_the_future_is_refused_with_what_to_do(client: TestClient) -> None:
    body = {"people": ["#1"], "summary": "later", "when": "2027-01-01"}
    answer = client.post("/api/interactions", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == "user_error"


def test_the_plan_is_kith_plan_json(client: TestClient, demo: Kith) -> None:
    answer = client.get("/api/plan")
    plan = schemas.Plan.model_validate(answer.json())
    assert plan.week == "2026-W47"
    assert [p.name for p in plan.picks] == [
        "Liv Nyberg",
        "Ute Neumann",
        "Samir Sayegh",
        "Santiago Cabrera",
        "Min-jun Lim",
    ]
    assert all(p.draft is None for p in plan.picks)
    cli = json.loads(demo("plan", "--json").output)
    assert answer.json() == cli


def test_the_plan_with_drafts_has_one_for_each_open_pick(client: TestClient) -> None:
    picks = client.get("/api/plan", params={"drafts": "true"}).json()["picks"]
    assert all(pick["draft"].startswith("Hi ") for pick in picks)


def test_today_is_kith_today_json(client: TestClient, demo: Kith) -> None:
    answer = client.get("/api/today")
    schemas.Today.model_validate(answer.json())
    assert answer.json() == json.loads(demo("today", "--json").output)
    assert answer.json()["introductions"] == [
        "Henry Lambert and Tarek Haddadin: no answer yet from Henry Lambert, asked on "
        "2026-10-23; ask once more (`kith intro` again), or let it go (--let-go)"
    ]


def test_done_logs_and_ticks_the_pick_off(client: TestClient) -> None:
    client.get("/api/plan")  # the week's plan is made on the first look, as `kith plan`
    answer = client.post("/api/picks/42/done", json={"message": "called her", "channel": "call"})
    done = schemas.Done.model_validate(answer.json())
    assert (done.person.name, done.in_plan, done.interaction.channel) == (
        "Liv Nyberg",
        True,
        "call",
    )
    states = {p["id"]: p["state"] for p in client.get("/api/plan").json()["picks"]}
    assert states[42] == "done"


def test_skip_and_snooze_change_the_pick(client: TestClient) -> None:
    client.get("/api/plan")
    skipped = client.post("/api/picks/38/skip", json={}).json()
    assert (skipped["in_plan"], skipped["skips"]) == (True, 1)
    snoozed = client.post("/api/picks/37/snooze", json={"until": "2w"}).json()
    assert snoozed["snoozed_until"] == "2026-12-06T00:00:00Z"
    states = {p["id"]: p["state"] for p in client.get("/api/plan").json()["picks"]}
    assert (states[38], states[37]) == ("skipped", "snoozed")


def test_snooze_without_how_long_is_a_400_that_says_what_to_give(client: TestClient) -> None:
    answer = client.post("/api/picks/37/snooze", json={})
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "usage",
        "message": "Give how long (until: 2w, a day) or off: true.",
    }


def test_a_pick_action_on_nobody_is_a_404(client: TestClient) -> None:
    assert client.post("/api/picks/9999/skip", json={}).status_code == 404


def test_refreshing_the_plan_chooses_again(client: TestClient) -> None:
    client.post("/api/picks/42/skip", json={})
    answer = client.post("/api/plan/refresh", json={})
    assert answer.status_code == 200
    assert all(p["state"] == "open" for p in answer.json()["picks"])


def test_claims_are_kith_claim_json_and_let_go_removes_one(client: TestClient) -> None:
    claims = schemas.Claims.model_validate(client.get("/api/claims?days=30").json())
    assert [(c.id, c.name) for c in claims.claims] == [
        (148, "Beatriz Ortega"),
        (149, "Gabriela Zúñiga"),
        (150, "Seo-yeon Yoon"),
    ]
    assert claims.claims[0].chars == len(claims.claims[0].draft)
    gone = client.post("/api/claims/148/let-go", json={}).json()
    assert gone == {"person": gone["person"], "let_go": True}
    after = client.get("/api/claims?days=30").json()
    assert [c["id"] for c in after["claims"]] == [149, 150]


def test_follow_ups_are_added_listed_and_kept(client: TestClient) -> None:
    made = client.post("/api/todos", json={"person": "Wendy", "text": "send the paper"})
    assert made.status_code == 201
    todo = schemas.OneTodo.model_validate(made.json()).todo
    assert (todo.person.name, todo.text, todo.owner, todo.due) == (
        "Wendy Weekly",
        "send the paper",
        "mine",
        None,
    )
    listed = client.get("/api/todos").json()
    assert [t["text"] for t in listed["todos"]] == ["send the paper"]
    kept = client.post(f"/api/todos/{todo.id}/done", json={"note": "sent it"}).json()
    assert (kept["interaction"]["summary"], kept["interaction"]["kind"]) == ("sent it", "give")
    assert client.get("/api/todos").json() == {"todos": [], "total": 0}
    again = client.post(f"/api/todos/{todo.id}/done", json={})
    assert again.status_code == 422


def test_a_follow_up_for_an_ambiguous_name_is_a_409(client: TestClient) -> None:
    answer = client.post("/api/todos", json={"person": "a", "text": "x"})
    assert answer.status_code == 409


def test_search_is_kith_search_json(client: TestClient, demo: Kith) -> None:
    answer = client.get("/api/search", params={"q": "Quayside"})
    found = schemas.SearchResults.model_validate(answer.json())
    assert found.results[0].person.name == "Wendy Weekly"
    assert answer.json() == json.loads(demo("search", "Quayside", "--json").output)


def test_a_draft_is_kith_draft_json(client: TestClient) -> None:
    answer = client.get("/api/people/1/draft", params={"kind": "checkin", "mailto": "true"})
    drafted = schemas.Draft.model_validate(answer.json())
    assert drafted.draft.startswith("Hi Wendy,")
    assert drafted.mailto is not None
    assert drafted.mailto.startswith("mailto:wendy.weekly@quaysidebooks.example?subject=")


def test_a_draft_of_an_unknown_kind_is_a_400_listing_the_kinds(client: TestClient) -> None:
    answer = client.get("/api/people/1/draft", params={"kind": "poem"})
    assert answer.status_code == 400
    assert answer.json()["message"].startswith("Unknown kind 'poem'; use one of claim, checkin, ")


def test_an_upload_is_a_dry_run_and_applying_it_imports(client: TestClient, demo: Kith) -> None:
    headers = {"content-type": "application/octet-stream"}
    planned = client.post(
        "/api/imports?filename=contacts.vcf", content=CARD.encode(), headers=headers
    )
    plan = schemas.ImportPlan.model_validate(planned.json())
    assert (plan.done, plan.imports[0].kind, plan.imports[0].dry_run) == (False, "vcard", True)
    assert plan.imports[0].created == {"person": 1}
    assert demo("show", "Imogen Imported").exit_code == 3
    done = client.post(f"/api/imports/{plan.staged}/apply", json={})
    assert (done.json()["done"], done.json()["staged"]) == (True, None)
    assert demo("show", "Imogen Imported").exit_code == 0
    again = client.post(f"/api/imports/{plan.staged}/apply", json={})
    assert again.status_code == 404
    assert again.json()["message"] == "That upload is gone; upload the file again."


def test_a_path_the_api_lacks_is_a_json_404(client: TestClient) -> None:
    answer = client.get("/api/nothing/here")
    assert answer.status_code == 404
    assert answer.json() == {
        "error": "not_found",
        "message": "No API route /api/nothing/here; see /openapi.json.",
    }


def test_a_method_a_route_lacks_is_a_json_405(client: TestClient) -> None:
    answer = client.delete("/api/people/1")
    assert answer.status_code == 405
    assert answer.json()["error"] == "method_not_allowed"
    assert answer.headers["allow"] == "GET, HEAD, PATCH"


def test_markup_in_a_name_comes_back_as_json_text_never_html(client: TestClient) -> None:
    name = '<script>alert("x")</script> Mallory'
    made = client.post("/api/people", json={"name": name})
    assert made.status_code == 201
    shown = client.get(f"/api/people/{made.json()['person']['id']}")
    assert shown.headers["content-type"] == "application/json"
    assert shown.headers["x-content-type-options"] == "nosniff"
    assert shown.json()["person"]["name"] == name
    assert "text/html" not in client.get("/api/people/resolve?name=<b>").headers["content-type"]


def test_the_openapi_document_describes_every_api_route(client: TestClient) -> None:
    from kith.web.api.routes import OPERATIONS

    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    described = sorted((m.upper(), p) for p, ops in doc["paths"].items() for m in ops)
    routed = sorted((op.method, op.path.replace(":int", "")) for op in OPERATIONS)
    assert described == routed
    assert len(described) == 21


def test_the_api_docs_page_lists_every_operation_without_a_script(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "<code>GET /api/people</code> — List people" in page.text
    assert "<code>POST /api/imports/{staged}/apply</code> — Apply an upload" in page.text
    assert 'id="schema-PersonHead"' in page.text
    assert "<script>" not in page.text


def test_docs_api_md_lists_every_route() -> None:
    from kith.web.api.routes import OPERATIONS

    page = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text("utf-8")
    for op in OPERATIONS:
        path = re.sub(r"\{\w+_id:int\}", "{id}", op.path)
        assert f"| {op.method} | `/api{path}" in page, path
