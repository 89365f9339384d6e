"""`kith log` says when what you logged ticks someone off this week's plan (a new user's trial:
the tutorial says a logged coffee ticks the pick off, and the log said nothing of it)."""

from __future__ import annotations

from tests.conftest import Kith


def test_logging_a_coffee_with_a_pick_says_it_ticks_them_off_this_weeks_plan(demo: Kith) -> None:
    demo("plan")
    logged = demo("log", "Ute Neumann", "coffee at the Foundry", "--channel", "coffee")
    assert logged.output.endswith(
        "(in_person, both) with Ute Neumann.\nTicked off this week's plan: Ute Neumann.\n"
    )
    row = next(line for line in demo("plan").output.splitlines() if "Ute Neumann" in line)
    assert row.endswith("message  done")


def test_a_message_from_a_pick_or_an_old_meeting_ticks_nobody_off(demo: Kith) -> None:
    demo("plan")
    their = demo("log", "Ute Neumann", "she texted", "--channel", "message", "--direction", "in")
    older = demo("log", "Samir Sayegh", "lunch", "--when", "2026-11-10")
    assert "Ticked off" not in their.output + older.output
