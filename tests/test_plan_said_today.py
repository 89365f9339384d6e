"""A pick's stored reason said as of the day the plan is read (the trial of session 13, #11: "a
birthday coming up: Mon 14 Dec" was shown on Mon 14 Dec itself)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from tests.conftest import Kith


def said_on(db_path: Path, day: int, name: str) -> str | None:
    shown = CliRunner().invoke(
        cli, ["--db", str(db_path), "--now", f"2026-12-{day}T09:00:00+00:00", "plan", "--json"]
    )
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
