"""todo, todos and todo-done: promises recorded, listed in due order and kept with an interaction;
the store's reads the weekly plan uses (due_by, open_for). The clock is fixed on Sunday
2026-11-22 10:00 UTC."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from kith.model import PersonDraft
from kith.services.follow_ups import add_follow_up, close_follow_up
from kith.services.people import add_person
from kith.store import Store
from tests.conftest import NOW, Kith


@pytest.fixture
def promises(kith: Kith) -> Kith:
    """Ada and Grace, with four follow-ups: one overdue, two dated, one undated."""
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("todo", "Ada", "send her the paper", "--due", "friday")
    kith("todo", "Grace", "intro to her CTO", "--theirs", "--due", "in 2 weeks")
    kith("todo", "Ada", "lend the book")
    kith("todo", "Ada", "return the charger", "--due", "2026-11-20")
    return kith


def without_person(todo: dict[str, Any]) -> dict[str, Any]:
    """A follow-up object with its person reduced to (id, name): the uid is random."""
    person = todo.pop("person")
    return {"person": (person["id"], person["name"]), **todo}


def test_todo_records_a_promise_and_says_when_it_is_due(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    outputs = [
        kith("todo", "Ada", "send her the paper", "--due", "friday").output,
        kith("todo", "Grace", "intro to her CTO", "--theirs", "--due", "in 2 weeks").output,
        kith("todo", "Ada", "lend the book").output,
        kith("todo", "Ada", "return the charger", "--due", "2026-11-20").output,
    ]
    assert outputs == [
        "Follow-up #1 for Ada Lovelace: send her the paper (due Fri 2026-11-27).\n",
        "Follow-up #2 from Grace Hopper: intro to her CTO (due Sun 2026-12-06).\n",
        "Follow-up #3 for Ada Lovelace: lend the book.\n",
        "Follow-up #4 for Ada Lovelace: return the charger (due Fri 2026-11-20, overdue).\n",
    ]


def test_todos_lists_open_ones_oldest_due_first_and_undated_last(promises: Kith) -> None:
    assert promises("todos").output == (
        "id  due                     person        whose   text\n"
        "4   Fri 2026-11-20 overdue  Ada Lovelace  mine    return the charger\n"
        "1   Fri 2026-11-27          Ada Lovelace  mine    send her the paper\n"
        "2   Sun 2026-12-06          Grace Hopper  theirs  intro to her CTO\n"
        "3                           Ada Lovelace  mine    lend the book\n"
    )


def test_todos_filters_by_person_and_by_whose_promise(promises: Kith) -> None:
    assert promises("todos", "Grace").output == (
        "id  due             person        whose   text\n"
        "2   Sun 2026-12-06  Grace Hopper  theirs  intro to her CTO\n"
    )
    mine = [t["id"] for t in json.loads(promises("todos", "--mine", "--json").output)["todos"]]
    theirs = [t["id"] for t in json.loads(promises("todos", "--theirs", "--json").output)["todos"]]
    assert (mine, theirs) == ([4, 1, 3], [2])
    assert promises("todos", "Ada", "--theirs").output == "No open follow-ups.\n"


def test_todos_json_has_the_follow_up_objects_under_todos(promises: Kith) -> None:
    shown = json.loads(promises("todos", "--json").output)
    assert shown["total"] == 4
    assert shown["todos"][0]["person"]["uid"]  # the contract's person object
    assert set(shown["todos"][0]["person"]) >= {"id", "uid", "name", "emails", "phones", "tags"}
    assert [without_person(t) for t in shown["todos"]][:2] == [
        {
            "person": (1, "Ada Lovelace"),
            "id": 4,
            "text": "return the charger",
            "due": "2026-11-20",
            "owner": "mine",
            "overdue": True,
            "created_at": "2026-11-22T10:00:00Z",
            "done_at": None,
            "done_note": None,
            "interaction_id": None,
        },
        {
            "person": (1, "Ada Lovelace"),
            "id": 1,
            "text": "send her the paper",
            "due": "2026-11-27",
            "owner": "mine",
            "overdue": False,
            "created_at": "2026-11-22T10:00:00Z",
            "done_at": None,
            "done_note": None,
            "interaction_id": None,
        },
    ]


def test_todo_json_gives_the_follow_up_object(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    shown = json.loads(kith("todo", "Ada", "call back", "--due", "today", "--json").output)
    assert without_person(shown["todo"]) == {
        "person": (1, "Ada Lovelace"),
        "id": 1,
        "text": "call back",
        "due": "2026-11-22",
        "owner": "mine",
        "overdue": False,  # due today is due, not overdue
        "created_at": "2026-11-22T10:00:00Z",
        "done_at": None,
        "done_note": None,
        "interaction_id": None,
    }


def test_todo_done_closes_the_follow_up_with_an_interaction(promises: Kith) -> None:
    assert promises("todo-done", "1").output == (
        "Done: follow-up #1 with Ada Lovelace (send her the paper); "
        "logged #1: send her the paper (email, out, give).\n"
    )
    assert promises("interactions", "Ada").output == (
        "id  when              with          channel  dir  kind  summary\n"
        "1   2026-11-22 10:00  Ada Lovelace  email    out  give  send her the paper\n"
    )
    assert [line.split()[0] for line in promises("todos").output.splitlines()[1:]] == [
        "4",
        "2",
        "3",
    ]
    assert promises("todos", "--all").output == (
        "id  due                     person        whose   text                done\n"
        "4   Fri 2026-11-20 overdue  Ada Lovelace  mine    return the charger\n"
        "2   Sun 2026-12-06          Grace Hopper  theirs  intro to her CTO\n"
        "3                           Ada Lovelace  mine    lend the book\n"
        "1   Fri 2026-11-27          Ada Lovelace  mine    send her the paper  2026-11-22\n"
    )


def test_keeping_their_promise_logs_their_give_with_the_note(promises: Kith) -> None:
    shown = json.loads(
        promises("todo-done", "2", "-m", "she sent the intro", "-c", "message", "--json").output
    )
    interaction = shown["interaction"]
    assert (
        interaction["id"],
        interaction["channel"],
        interaction["direction"],
        interaction["kind"],
        interaction["summary"],
        [p["name"] for p in interaction["participants"]],
    ) == (1, "message", "in", "give", "she sent the intro", ["Grace Hopper"])
    assert without_person(shown["todo"]) == {
        "person": (2, "Grace Hopper"),
        "id": 2,
        "text": "intro to her CTO",
        "due": "2026-12-06",
        "owner": "theirs",
        "overdue": False,
        "created_at": "2026-11-22T10:00:00Z",
        "done_at": "2026-11-22T10:00:00Z",
        "done_note": "she sent the intro",
        "interaction_id": 1,
    }


def test_todo_done_can_log_another_kind(promises: Kith) -> None:
    promises("todo-done", "3", "--kind", "checkin", "--channel", "coffee")
    assert promises("interactions", "Ada").output == (
        "id  when              with          channel    dir  kind     summary\n"
        "1   2026-11-22 10:00  Ada Lovelace  in_person  out  checkin  lend the book\n"
    )


def test_closing_twice_is_a_user_error_and_logs_nothing_more(promises: Kith) -> None:
    promises("todo-done", "4")
    again = promises("todo-done", "4")
    assert (again.exit_code, again.stdout, again.stderr) == (
        1,
        "",
        "Error: Follow-up #4 is already done (closed 2026-11-22); "
        "`kith todos` lists the open ones.\n",
    )
    assert json.loads(promises("interactions", "Ada", "--json").output)["total"] == 1


def test_an_unknown_follow_up_id_exits_3(promises: Kith) -> None:
    result = promises("todo-done", "99")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: No follow-up has the id 99; `kith todos --all` lists them with ids.\n",
    )


def test_an_unreadable_due_date_is_refused_and_records_nothing(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    result = kith("todo", "Ada", "send the paper", "--due", "whenever")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Could not read the due date 'whenever'; try `friday`, `in 3 days` or "
        "`2026-12-01`.\n",
    )
    assert kith("todos").output == "No open follow-ups.\n"


def test_an_empty_text_an_unknown_name_and_both_filters_are_refused(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    empty = kith("todo", "Ada", "  ")
    assert (empty.exit_code, empty.stderr) == (
        1,
        'Error: A follow-up needs a text: kith todo Ada "send her the paper".\n',
    )
    nobody = kith("todo", "Nobody", "call")
    assert (nobody.exit_code, nobody.stderr) == (3, "Error: Nobody called 'Nobody'.\n")
    both = kith("todos", "--mine", "--theirs")
    assert (both.exit_code, both.stderr) == (2, "Error: Give --mine or --theirs, not both.\n")


def test_due_dates_are_days_in_the_timezone_setting(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("config", "set", "timezone", "Pacific/Kiritimati")  # UTC+14: already Monday there
    assert kith("todo", "Ada", "x", "--due", "tomorrow").output == (
        "Follow-up #1 for Ada Lovelace: x (due Tue 2026-11-24).\n"
    )
    kith("todo", "Ada", "y", "--due", "2026-11-22")
    assert json.loads(kith("todos", "--json").output)["todos"][0]["overdue"] is True


def test_due_by_and_open_for_are_what_the_plan_reads(store: Store) -> None:
    ada = add_person(store, PersonDraft("Ada Lovelace"), NOW).id
    grace = add_person(store, PersonDraft("Grace Hopper"), NOW).id
    alan = add_person(store, PersonDraft("Alan Turing"), NOW).id
    made = [
        add_follow_up(store, ada, "paper", NOW, "2026-11-27"),
        add_follow_up(store, grace, "intro", NOW, "2026-11-20", owner="theirs"),
        add_follow_up(store, ada, "book", NOW, None),
        add_follow_up(store, ada, "charger", NOW, "2026-12-10"),
        add_follow_up(store, grace, "slides", NOW, "2026-11-21"),
    ]
    close_follow_up(store, made[4].follow_up.id, NOW)
    due = store.follow_ups.due_by("2026-11-29")  # the end of this ISO week
    assert [(f.text, f.due) for f in due] == [
        ("intro", date(2026, 11, 20)),
        ("paper", date(2026, 11, 27)),
    ]
    by_person = store.follow_ups.open_for([ada, grace, alan])
    assert {p: [f.text for f in found] for p, found in by_person.items()} == {
        ada: ["paper", "charger", "book"],
        grace: ["intro"],
    }


def test_follow_ups_on_the_demo_network(kith: Kith) -> None:
    kith("demo")
    assert kith("todo", "Wendy Weekly", "send the slides", "--due", "wednesday").output == (
        "Follow-up #1 for Wendy Weekly: send the slides (due Wed 2026-11-25).\n"
    )
    before = json.loads(kith("show", "Wendy Weekly", "--json").output)["person"]
    done = kith("todo-done", "1").output
    after = json.loads(kith("show", "Wendy Weekly", "--json").output)["person"]
    assert done.startswith("Done: follow-up #1 with Wendy Weekly (send the slides); logged #")
    assert after["interaction_count"] == before["interaction_count"] + 1
    assert after["last_contact_at"] == "2026-11-22T10:00:00Z"
    assert kith("todos").output == "No open follow-ups.\n"
