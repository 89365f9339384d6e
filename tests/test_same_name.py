"""Adding someone whose name is known already asks first (issue 17, "Exact duplicates slip in"):
without a terminal it is refused with the flag that answers, `--new` insists, and the two are
queued for review; the web's quick log says the same and keeps what was typed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith
from tests.web_support import csrf_of, web_client


def test_adding_a_known_name_again_is_refused_and_names_the_flag(demo: Kith) -> None:
    result = demo("add", "Wendy Weekly")
    assert result.exit_code == 1
    assert result.output == (
        "Error: Wendy Weekly (#1) is known already. To log with them use #1; to add another "
        "person of that name, say it is another (kith add --new).\n"
    )
    assert demo("show", "Wendy Weekly").exit_code == 0  # still one Wendy Weekly


def test_the_same_name_in_other_case_and_spacing_is_the_same_name(demo: Kith) -> None:
    assert demo("add", "  wendy   WEEKLY ").exit_code == 1


def test_with_new_the_second_person_is_added_and_queued_for_review(demo: Kith) -> None:
    added = demo("add", "Wendy Weekly", "--new", "--json")
    assert added.exit_code == 0
    second = json.loads(added.output)["person"]["id"]
    queue = json.loads(demo("merge", "--list", "--json").output)
    pairs = [
        (pair["a"]["id"], pair["b"]["id"], pair["reason"])
        for pair in queue["candidates"]
        if second in (pair["a"]["id"], pair["b"]["id"])
    ]
    assert pairs == [(1, second, "the same name")]
    assert demo("log", "Wendy Weekly", "tea").exit_code == 4  # two now: the name is ambiguous


def test_the_quick_log_refuses_a_known_name_as_new_and_keeps_the_form(
    demo: Kith, db_path: Path
) -> None:
    with web_client(db_path) as client:
        token = csrf_of(client)
        typed = {"csrf": token, "who": "Wendy Weekly", "what": "coffee", "new": "yes"}
        refused = client.post("/log", data=typed, headers={"accept": "application/json"})
        insisted = client.post("/log", data=typed | {"another": "yes"})
    page = refused.json()
    assert refused.status_code == 422
    assert page["same_name"] is True
    assert page["candidates"] == [{"id": 1, "name": "Wendy Weekly"}]
    assert page["form"]["what"] == "coffee"
    assert insisted.status_code == 200
    assert "Logged: coffee with" in insisted.text


def test_a_person_the_quick_log_offers_is_logged_with_in_one_click(
    demo: Kith, db_path: Path
) -> None:
    with web_client(db_path) as client:
        token = csrf_of(client)
        typed = {"csrf": token, "who": "Wendy Weekly", "what": "tea", "new": "yes"}
        offered = client.post("/log", data=typed)
        picked = client.post(
            "/log", data=typed | {"pick": "#1"}, headers={"accept": "application/json"}
        )
    assert (
        '<button type="submit" form="quick" name="pick" value="#1">Log with Wendy Weekly</button>'
        in offered.text
    )
    logged = picked.json()["logged"]
    assert (logged["summary"], [p["id"] for p in logged["participants"]]) == ("tea", [1])


def test_renaming_someone_to_a_known_name_is_refused_with_merge_or_another(demo: Kith) -> None:
    added = json.loads(demo("add", "Wendy W.", "--json").output)["person"]["id"]
    result = demo("edit", f"#{added}", "--name", "Wendy Weekly")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Wendy Weekly (#1) is known already. If they are the same person, merge them "
        f"(kith merge #1 #{added}); if another person of that name, say so (kith edit "
        "--another).\n"
    )
    assert json.loads(demo("show", f"#{added}", "--json").output)["person"]["name"] == "Wendy W."


def test_renaming_with_another_keeps_both_and_queues_them_for_review(demo: Kith) -> None:
    added = json.loads(demo("add", "Wendy W.", "--json").output)["person"]["id"]
    assert demo("edit", f"#{added}", "--name", "Wendy Weekly", "--another").exit_code == 0
    queue = json.loads(demo("merge", "--list", "--json").output)
    pairs = [
        (pair["a"]["id"], pair["b"]["id"], pair["reason"])
        for pair in queue["candidates"]
        if added in (pair["a"]["id"], pair["b"]["id"])
    ]
    assert pairs == [(1, added, "the same name")]


def test_renaming_someone_to_their_own_name_in_other_case_is_no_namesake(demo: Kith) -> None:
    assert demo("edit", "#1", "--name", "wendy weekly").exit_code == 0
