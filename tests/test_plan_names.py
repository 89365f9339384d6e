"""A name several people share stays ambiguous for the plan's verbs and drafts (contract: never
a silent guess), but says which of them this week's plan means (services/resolve_in_week)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Kith

HINT = "#42 Liv Nyberg is the one in this week's plan."


@pytest.mark.parametrize(
    "verb",
    [
        ("draft",),
        ("done",),
        ("skip",),
        ("snooze", "2w"),
        ("pin",),
        ("mute",),
        ("log", "phoned"),
        ("note", "moving to Oslo"),
        ("rate", "4"),
    ],
)
def test_a_shared_first_name_says_which_one_the_plan_means(demo: Kith, verb: tuple[str]) -> None:
    demo("plan")
    refused = demo(verb[0], "Liv", *verb[1:])
    assert refused.exit_code == 4
    assert HINT in refused.output
    assert "#13  Liv Chen" in refused.output


def test_the_candidates_under_json_are_the_contracts(demo: Kith) -> None:
    demo("plan")
    refused = demo("done", "Liv", "--json")
    assert refused.exit_code == 4
    shown = json.loads(refused.stdout)
    assert (shown["error"], [c["id"] for c in shown["candidates"]]) == ("ambiguous", [13, 42])


def test_once_the_pick_is_done_the_name_says_nothing_of_the_plan(demo: Kith) -> None:
    demo("plan")
    assert demo("done", "#42").exit_code == 0
    refused = demo("draft", "Liv")
    assert refused.exit_code == 4
    assert "this week's plan" not in refused.output


def test_a_name_shared_by_no_pick_is_ambiguous_as_before(demo: Kith) -> None:
    demo("plan")
    refused = demo("show", "Liv")
    assert refused.exit_code == 4
    assert "this week's plan" not in refused.output
