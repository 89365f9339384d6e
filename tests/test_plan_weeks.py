"""The weekly plan over weeks (issue 9): any contact ticks a pick off, the closest people are
never pushed out by ignored weeks, weekly friends stay weekly, a load beyond the budget is
said once, and people met at events get a decision."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from tests.conftest import Kith

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    """Run kith at another moment: run("2026-11-30T09:00:00+00:00", "plan")."""

    def at(moment: str, *args: str) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
        )

    return at


def picks(shown: str) -> list[tuple[str, str, str]]:
    return [(p["name"], p["reason"], p["state"]) for p in json.loads(shown)["picks"]]


# 1. Any interaction the user took part in ticks a pick off; an inbound one asks for a reply.

WEEK_47 = [
    ("Ute Neumann", "overdue by 5 days", "open"),
    ("Santiago Cabrera", "they wrote last, 12 days ago", "open"),
    ("Min-jun Lim", "dormant tie worth reviving: last in touch Feb 2026", "open"),
    ("Liv Nyberg", "at risk, overdue by 31 days", "open"),
    ("Fiona Formerly", "dormant tie worth reviving: last in touch Nov 2024", "open"),
]


def test_a_logged_call_with_a_picked_person_ticks_the_pick_off_everywhere(
    demo: Kith, tmp_path: Path
) -> None:
    assert picks(demo("plan", "--json").output) == WEEK_47
    demo("log", "Ute Neumann", "phoned", "--channel", "call")
    assert picks(demo("plan", "--json").output)[0] == ("Ute Neumann", "overdue by 5 days", "done")
    assert demo("today").output == (
        "This week's plan (2026-W47)\n"
        "  Santiago Cabrera — they wrote last, 12 days ago — message\n"
        "  Min-jun Lim — dormant tie worth reviving: last in touch Feb 2026 — call\n"
        "  Liv Nyberg — at risk, overdue by 31 days — message\n"
        "  Fiona Formerly — dormant tie worth reviving: last in touch Nov 2024 — coffee\n"
        "Thanks you owe\n"
        "  Thank Noémie Garnier: you met Edward Ellis on 2025-06-22 through them.\n"
    )
    assert "[x] Ute Neumann — overdue by 5 days — message" in demo("digest").output
    feed = demo("calendar", "export", "-").output
    assert "Reach out to Ute Neumann" not in feed
    assert "Reach out to Liv Nyberg (message)" in feed


def test_an_interaction_before_the_week_began_does_not_tick_a_pick_off(
    demo: Kith, run: Run
) -> None:
    demo("plan")
    demo("log", "Liv Nyberg", "a note", "--channel", "email", "--when", "2026-11-15")
    assert picks(demo("plan", "--json").output)[3] == (
        "Liv Nyberg",
        "at risk, overdue by 31 days",
        "open",
    )


def test_a_done_follow_up_that_logs_ticks_the_pick_off(demo: Kith) -> None:
    demo("plan")
    demo("todo", "Min-jun Lim", "send the photos", "--due", "2026-11-25")
    todo = json.loads(demo("todos", "--json").output)["todos"][-1]["id"]
    demo("todo-done", str(todo), "-m", "sent the photos")
    assert picks(demo("plan", "--json").output)[2][::2] == ("Min-jun Lim", "done")


def test_an_imported_interaction_with_a_picked_person_ticks_the_pick_off(
    demo: Kith, tmp_path: Path
) -> None:
    demo("plan")
    email = json.loads(demo("show", "Fiona Formerly", "--json").output)["person"]["emails"][0]
    mbox = tmp_path / "sent.mbox"
    mbox.write_text(
        "From me@example.org Sat Nov 21 09:00:00 2026\n"
        "From: Me <me@example.org>\n"
        f"To: Fiona <{email}>\n"
        "Subject: long time\n"
        "Date: Sat, 21 Nov 2026 09:00:00 +0000\n"
        "Message-ID: <fiona-1@example.org>\n"
        "\n"
        "How have you been?\n"
    )
    result = demo("import", str(mbox), "--me", "me@example.org")
    assert result.exit_code == 0, result.output
    assert picks(demo("plan", "--json").output)[4][::2] == ("Fiona Formerly", "done")


def test_an_inbound_message_turns_the_pick_into_a_reply_to_write(demo: Kith, run: Run) -> None:
    demo("plan")
    demo(
        "log",
        "Liv Nyberg",
        "asked about the move",
        "--channel",
        "email",
        "--direction",
        "in",
        "--when",
        "2026-11-21",
    )
    assert picks(demo("plan", "--json").output)[3] == (
        "Liv Nyberg",
        "they wrote, 1 day ago: reply",
        "open",
    )
    assert "  Liv Nyberg — they wrote, 1 day ago: reply — message\n" in demo("today").output
    demo("log", "Liv Nyberg", "answered", "--channel", "email")
    assert picks(demo("plan", "--json").output)[3][::2] == ("Liv Nyberg", "done")
