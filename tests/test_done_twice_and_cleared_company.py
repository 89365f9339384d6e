"""Two things a new user's trial of the API found: marking a pick done twice must not log the
contact twice (a retried request, a double tap), and clearing a company must clear it."""

from __future__ import annotations

import json

from tests.conftest import Kith


def count_of(kith: Kith, who: str) -> int:
    shown = json.loads(kith("show", who, "--json").output)
    return int(shown["person"]["interaction_count"])


def test_a_pick_done_twice_is_refused_the_second_time_and_logged_once(demo: Kith) -> None:
    picks = json.loads(demo("plan", "--json").output)["picks"]
    who = f"#{picks[0]['id']}"
    before = count_of(demo, who)
    first, second = demo("done", who), demo("done", who)
    assert (first.exit_code, second.exit_code) == (0, 1)
    assert "is done for this week already; to record another time you were in touch, log it" in (
        second.output
    )
    assert count_of(demo, who) == before + 1


def test_clearing_a_company_leaves_no_company_and_no_works_at_line(demo: Kith) -> None:
    assert demo("edit", "#1", "--company", "").exit_code == 0
    shown = json.loads(demo("show", "#1", "--json").output)["person"]
    assert (shown["company"], shown["title"]) == (None, None)
    assert "works at" not in demo("show", "#1").output
