"""A stored week that holds nobody is chosen again by the next `plan` or `today` (the trial's
first problem): contacts imported first leave the week empty, and the chats imported after
them reach it; a week with picks the user has seen stays as it is."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli

FIXTURES = Path(__file__).parent / "fixtures"
CONTACTS = FIXTURES / "vcard" / "gmail-single.vcf"
JANE_LAST = datetime(2020, 1, 17)  # Jane Doe's chat: three days in January 2020

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    """Run kith at a moment: run("2026-11-02T09:00:00+00:00", "plan")."""

    def at(moment: str, *args: str, db: Path = db_path) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(db), "--now", moment, *args], catch_exceptions=False
        )

    return at


def picks(shown: Result) -> list[tuple[str, str]]:
    return [(p["name"], p["reason"]) for p in json.loads(shown.output)["picks"]]


MONDAY = "2026-11-02T09:00:00+00:00"


def test_chats_imported_after_the_contacts_reach_the_week_the_contacts_left_empty(
    run: Run, tmp_path: Path
) -> None:
    run(MONDAY, "import", str(CONTACTS))
    assert picks(run(MONDAY, "plan", "--json")) == []
    run(MONDAY, "import", str(chat_file(tmp_path, "Jane Doe", JANE_LAST)), "--me", "John Doe")
    assert picks(run(MONDAY, "plan", "--json")) == [("Jane Doe", "at risk, overdue by 6 years")]
    assert "Jane Doe — at risk, overdue by 6 years" in run(MONDAY, "today").output


def test_a_week_with_picks_stays_as_the_user_saw_it_after_another_import(
    run: Run, tmp_path: Path
) -> None:
    run(MONDAY, "import", str(chat_file(tmp_path, "Jane Doe", JANE_LAST)), "--me", "John Doe")
    seen = picks(run(MONDAY, "plan", "--json"))
    chat = chat_file(tmp_path, "Ola Berg", datetime(2020, 3, 1))
    run(MONDAY, "import", str(chat), "--me", "John Doe")
    assert seen == [("Jane Doe", "at risk, overdue by 6 years")]
    assert picks(run(MONDAY, "plan", "--json")) == seen


def chat_file(folder: Path, name: str, day: datetime) -> Path:
    """A two-way chat with `name` on the three days up to `day`, as Signal exports it: three
    contact days, so a tie silent for years is an L5 tie at risk, not a latent one (a single
    day would be: tests/test_latent_ties.py)."""
    path = folder / f"{name.replace(' ', '-')}.txt"
    lines = [
        f"[{when:%Y-%m-%d}, 10:00] {name}: Hello John!\n[{when:%Y-%m-%d}, 10:05] John Doe: Hi!\n"
        for when in (day - timedelta(days=back) for back in (2, 1, 0))
    ]
    path.write_text("".join(lines))
    return path


def test_over_six_weeks_an_empty_week_is_filled_by_the_next_plan_and_a_seen_one_never_moves(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    """Seeded: each week the user looks at the plan on Monday, a chat arrives on some day (with
    someone last heard from long ago, or lately), the user looks again, and some weeks does
    every pick. A week seen with picks is shown the same after the import; a week seen empty is
    shown as a refresh (on a copy) would choose it then."""
    rng = random.Random(13)
    run(MONDAY, "import", str(CONTACTS))
    filled = kept = 0
    for week in range(6):
        monday = datetime(2026, 11, 2, 9) + timedelta(weeks=week)
        seen = picks(run(f"{monday:%Y-%m-%dT%H:%M}", "plan", "--json"))
        later = monday + timedelta(days=rng.randrange(7), hours=3)
        long_ago = rng.random() < 0.6
        written = later - timedelta(days=rng.randrange(900, 2000) if long_ago else 3)
        chat = chat_file(tmp_path, f"Friend {week}", written)
        moment = f"{later:%Y-%m-%dT%H:%M}"
        run(moment, "import", str(chat), "--me", "John Doe")
        shown = picks(run(moment, "plan", "--json"))
        if seen:
            assert shown == seen
            kept += 1
        else:
            copy = tmp_path / f"copy-{week}.db"
            shutil.copy(db_path, copy)
            assert shown == picks(run(moment, "plan", "--refresh", "--json", db=copy))
            filled += bool(shown)
        if rng.random() < 0.7:
            for name, _ in shown:
                run(moment, "done", name)
    assert (filled, kept) == (3, 2)  # and one week nobody was due, before or after
