"""A pick's stored reason said as of the day the plan is read (the trial of session 13): "a
birthday coming up: Mon 14 Dec" was shown on Mon 14 Dec itself (#11), and "overdue by 10 days"
about someone whose message a merge had just brought in (#3)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from tests.conftest import Kith


def said_on(db_path: Path, day: int, name: str, month: int = 12) -> str | None:
    moment = f"2026-{month}-{day}T09:00:00+00:00"
    shown = CliRunner().invoke(cli, ["--db", str(db_path), "--now", moment, "plan", "--json"])
    return {p["name"]: p["reason"] for p in json.loads(shown.output)["picks"]}.get(name)


def test_a_birthday_is_said_to_be_today_on_the_day_and_not_coming_up(
    kith: Kith, db_path: Path
) -> None:
    kith("add", "Santiago Cabrera", "--birthday", "12-14")
    kith("log", "Santiago", "dinner", "--when", "2026-11-20")
    kith("rate", "Santiago", "4")
    said = {day: said_on(db_path, day, "Santiago Cabrera") for day in (14, 15, 17)}
    assert said == {
        14: "a birthday today: Mon 14 Dec",
        15: "a birthday yesterday: Mon 14 Dec",
        17: "a birthday 3 days ago: Mon 14 Dec",
    }


def test_a_message_a_merge_brings_in_after_the_week_was_chosen_makes_the_pick_a_reply(
    demo: Kith, db_path: Path
) -> None:
    assert said_on(db_path, 23, "Ute Neumann", month=11) == "overdue by 6 days"
    assert said_on(db_path, 23, "Santiago Cabrera", month=11) == "they wrote last, 13 days ago"
    wednesday = ("--now", "2026-11-25T08:00:00+00:00")
    demo(*wednesday, "add", "Ute Neumann", "--new")  # as a chat import names her: #151
    demo(*wednesday, "log", "#151", "can we talk?", "-c", "message", "-d", "in", "-w", "2026-11-21")
    assert said_on(db_path, 25, "Ute Neumann", month=11) == "overdue by 8 days"  # not yet hers
    demo(*wednesday, "merge", "#38", "#151")
    assert said_on(db_path, 25, "Ute Neumann", month=11) == "they wrote, 4 days ago: reply"
    assert (
        said_on(db_path, 25, "Santiago Cabrera", month=11) == "they wrote last, 15 days ago"
    )  # chosen on Monday "13 days ago", two days on
