"""An introduction asked and left unanswered for four weeks is nudged in the week (`kith today`,
`kith digest`): ask once more, or let it go. It is not listed every week forever, nor dropped:
one week in four while it waits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.conftest import Kith

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
NUDGE = (
    "  Ada Lovelace and Cher: no answer yet from Ada Lovelace, asked on {day}; ask once more "
    "(`kith intro` again), or let it go (--let-go)\n"
)


def asked(kith: Kith, days_ago: int) -> str:
    """Ada asked about meeting Cher `days_ago` days before the test's clock; the day asked."""
    kith("add", "Ada Lovelace")
    kith("add", "Cher")
    at = NOW - timedelta(days=days_ago)
    assert kith("--now", at.isoformat(), "intro", "Ada", "Cher").exit_code == 0
    return at.date().isoformat()


def at(kith: Kith, days_later: int, *args: str) -> str:
    """`kith ARGS` with the clock `days_later` days after the test's."""
    return str(kith("--now", (NOW + timedelta(days=days_later)).isoformat(), *args).output)


def test_an_ask_unanswered_for_27_days_is_listed_as_it_stands(kith: Kith) -> None:
    day = asked(kith, 27)
    assert f"  Ada Lovelace and Cher: you asked Ada Lovelace on {day}\n" in kith("today").output


def test_an_ask_unanswered_for_four_weeks_is_a_gentle_nudge_in_today_and_the_digest(
    kith: Kith,
) -> None:
    day = asked(kith, 28)
    assert NUDGE.format(day=day) in kith("today").output
    assert NUDGE.format(day=day) in kith("digest").output
    shown = json.loads(kith("digest", "--json").output)["introductions"]
    assert [(i["state"], i["nudge"]) for i in shown] == [("asked_a", True)]


def test_the_nudge_shows_for_one_week_then_leaves_the_week_for_three(kith: Kith) -> None:
    day = asked(kith, 28)
    assert NUDGE.format(day=day) in at(kith, 6, "today")
    assert "Ada Lovelace and Cher" not in at(kith, 7, "today")
    assert "Ada Lovelace and Cher" not in at(kith, 27, "digest")
    assert json.loads(at(kith, 20, "today", "--json"))["introductions"] == []


def test_an_ask_still_unanswered_is_nudged_again_every_four_weeks(kith: Kith) -> None:
    day = asked(kith, 28)
    assert NUDGE.format(day=day) in at(kith, 28, "today")
    assert NUDGE.format(day=day) in at(kith, 34, "digest")
    assert "Ada Lovelace and Cher" not in at(kith, 35, "today")


def test_an_ask_six_months_old_is_nudged_within_four_weeks_not_dropped(kith: Kith) -> None:
    day = asked(kith, 182)  # 154 days past the first four weeks: 14 into a cycle of 28
    assert "Ada Lovelace and Cher" not in kith("today").output
    assert NUDGE.format(day=day) in at(kith, 14, "today")


def test_asking_again_starts_the_four_weeks_again(kith: Kith) -> None:
    asked(kith, 30)
    at(kith, 0, "intro", "Ada", "Cher")  # the same ask, sent once more
    assert "  Ada Lovelace and Cher: you asked Ada Lovelace on 2026-11-22\n" in at(
        kith, 27, "today"
    )
    assert NUDGE.format(day="2026-11-22") in at(kith, 28, "today")


def test_letting_it_go_takes_it_out_of_the_week(kith: Kith) -> None:
    asked(kith, 28)
    assert kith("intro", "Ada", "Cher", "--declined").exit_code == 0
    assert "Ada Lovelace and Cher" not in kith("today").output


def test_an_answer_ends_the_nudge_and_the_next_step_is_listed_as_before(kith: Kith) -> None:
    asked(kith, 40)
    kith("intro", "Ada", "Cher", "--agreed")
    assert "  Ada Lovelace and Cher: ask Cher; Ada Lovelace said yes on 2026-11-22\n" in (
        at(kith, 40, "today")
    )
