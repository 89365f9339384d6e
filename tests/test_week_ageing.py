"""What the week says stays true as the week goes on (session 14): a pick's reason is written
when the week is chosen and said again as of the day it is read — "they wrote last, 13 days
ago" on Monday is "15 days ago" on Wednesday, "due Thu 26 Nov" is "due today" on Thursday —
in every face that shows it; a week chosen empty is filled by a later import; an introduction
the user lets go is closed as theirs, not the other side's refusal, and never nudged."""

from __future__ import annotations

import json
import random
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.services.week.weeks import aged
from kith.store.week.plan import StoredPick
from tests.conftest import Kith
from tests.test_plan_empty_week import JANE_LAST, chat_file

FIXTURES = Path(__file__).parent / "fixtures"
CONTACTS = FIXTURES / "vcard" / "gmail-single.vcf"


def on(db_path: Path, moment: str, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
    )


def reasons(db_path: Path, moment: str) -> dict[str, str]:
    shown = on(db_path, moment, "plan", "--json").output
    return {p["name"]: p["reason"] for p in json.loads(shown)["picks"] if p["state"] == "open"}


def test_each_reason_of_the_demo_week_is_true_on_each_day_it_is_read(
    demo: Kith, db_path: Path
) -> None:
    said = {day: reasons(db_path, f"2026-11-{day}T09:00:00+00:00") for day in (23, 25, 26, 29)}
    assert said[23] == {
        "Liv Nyberg": "at risk, overdue by 32 days",
        "Ute Neumann": "overdue by 6 days",
        "Santiago Cabrera": "they wrote last, 13 days ago",
        "Tarek Haddadin": "due Thu 26 Nov",
        "Joon-young Wu": "due Wed 25 Nov",
    }
    assert said[25] == {
        "Liv Nyberg": "at risk, overdue by 34 days",
        "Ute Neumann": "overdue by 8 days",
        "Santiago Cabrera": "they wrote last, 15 days ago",
        "Tarek Haddadin": "due Thu 26 Nov",
        "Joon-young Wu": "due today",
    }
    assert said[26] == {
        "Liv Nyberg": "at risk, overdue by 35 days",
        "Ute Neumann": "overdue by 9 days",
        "Santiago Cabrera": "they wrote last, 16 days ago",
        "Tarek Haddadin": "due today",
        "Joon-young Wu": "overdue by 1 day",
    }
    assert said[29] == {  # Sunday, the week's last day
        "Liv Nyberg": "at risk, overdue by 38 days",
        "Ute Neumann": "overdue by 12 days",
        "Santiago Cabrera": "they wrote last, 19 days ago",
        "Tarek Haddadin": "overdue by 3 days",
        "Joon-young Wu": "overdue by 4 days",
    }


def test_the_count_moves_at_midnight_not_at_the_hour_the_week_was_chosen(
    demo: Kith, db_path: Path
) -> None:
    assert reasons(db_path, "2026-11-23T09:00:00+00:00")["Ute Neumann"] == "overdue by 6 days"
    assert reasons(db_path, "2026-11-23T23:30:00+00:00")["Ute Neumann"] == "overdue by 6 days"
    assert reasons(db_path, "2026-11-24T00:30:00+00:00")["Ute Neumann"] == "overdue by 7 days"


def test_today_the_digest_the_drafts_the_feed_and_the_api_say_thursdays_reason_on_thursday(
    demo: Kith, db_path: Path
) -> None:
    reasons(db_path, "2026-11-23T09:00:00+00:00")  # the week chosen on Monday
    thursday = "2026-11-26T09:00:00+00:00"
    today = on(db_path, thursday, "today").output
    assert "Ute Neumann — overdue by 9 days" in today
    assert "Santiago Cabrera — they wrote last, 16 days ago" in today
    assert "Tarek Haddadin — due today" in today
    assert "overdue by 6 days" not in today
    digest = on(db_path, thursday, "digest").output
    assert "Ute Neumann — overdue by 9 days" in digest
    assert "13 days ago" not in digest
    drafts = on(db_path, thursday, "plan", "--drafts").output
    assert "Santiago Cabrera  L2     they wrote last, 16 days ago  message  open" in drafts
    shown = json.loads(on(db_path, thursday, "today", "--json").output)
    assert {p["name"]: p["reason"] for p in shown["picks"]}["Joon-young Wu"] == "overdue by 1 day"


def test_the_web_page_and_the_api_say_the_reason_as_of_their_day(demo: Kith, db_path: Path) -> None:
    from starlette.testclient import TestClient

    from kith.web.app import create_app
    from kith.web.config import WebSettings
    from tests.web_support import BASE

    reasons(db_path, "2026-11-23T09:00:00+00:00")
    friday = WebSettings(host="127.0.0.1", now="2026-11-27T09:00:00+00:00")
    with TestClient(create_app(db_path, friday), base_url=BASE) as client:
        page = client.get("/").text
        week = client.get("/api/plan").json()
    assert "overdue by 10 days" in page
    assert "overdue by 6 days" not in page
    assert {p["name"]: p["reason"] for p in week["picks"]}["Tarek Haddadin"] == "overdue by 1 day"


def pick(reason: str) -> StoredPick:
    return StoredPick("2026-W48", 1, 1, "L3", reason, "message", (), 1.0, 1.0, False, "open", None)


MADE = "2026-11-23T09:00:00Z"  # Monday's choice


def said(reason: str, moment: str) -> str:
    return aged(pick(reason), MADE, datetime.fromisoformat(moment)).reason


def test_a_reason_is_said_again_from_the_count_the_choice_said() -> None:
    assert said("overdue by 1 day", "2026-11-24T08:00:00+00:00") == "overdue by 2 days"
    assert said("they wrote last, 1 day ago", "2026-11-23T20:00:00+00:00") == (
        "they wrote last, 1 day ago"
    )
    assert said("they wrote last, 1 day ago", "2026-11-25T08:00:00+00:00") == (
        "they wrote last, 3 days ago"
    )
    assert said("at risk, overdue by 118 days", "2026-11-25T08:00:00+00:00") == (
        "at risk, overdue by 4 months"
    )  # 120 days are said in months, as the choice says them
    assert said("overdue by 16 months", "2026-11-29T08:00:00+00:00") == "overdue by 16 months"
    assert said("due soon", "2026-11-29T08:00:00+00:00") == "due soon"
    assert said(
        "dormant tie worth reviving: last in touch Nov 2025", "2026-11-29T08:00:00+00:00"
    ) == ("dormant tie worth reviving: last in touch Nov 2025")


def test_a_due_day_is_due_today_on_the_day_and_overdue_after_it() -> None:
    assert said("due Thu 26 Nov", "2026-11-25T08:00:00+00:00") == "due Thu 26 Nov"
    assert said("due Thu 26 Nov", "2026-11-26T23:00:00+00:00") == "due today"
    assert said("due Thu 26 Nov", "2026-11-27T01:00:00+00:00") == "overdue by 1 day"
    assert said("due Mon 23 Nov", "2026-11-29T08:00:00+00:00") == "overdue by 6 days"
    # due the next Monday (a tie nearly due is chosen a week ahead): said as a day until then
    assert said("due Mon 30 Nov", "2026-11-29T08:00:00+00:00") == "due Mon 30 Nov"
    assert said("due Mon 30 Nov", "2026-12-01T08:00:00+00:00") == "overdue by 1 day"


def test_a_reason_read_in_the_users_zone_counts_their_midnight() -> None:
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")  # Monday 09:00 UTC is Monday 18:00 there
    evening = datetime(2026, 11, 23, 23, 30, tzinfo=tokyo)
    after = datetime(2026, 11, 24, 0, 30, tzinfo=tokyo)
    assert aged(pick("overdue by 6 days"), MADE, evening).reason == "overdue by 6 days"
    assert aged(pick("overdue by 6 days"), MADE, after).reason == "overdue by 7 days"


_COUNT = re.compile(r"(?:(\d+) days? ago|overdue by (\d+) days?)$")


def _count(reason: str) -> int | None:
    found = _COUNT.search(reason)
    return None if found is None else int(found.group(1) or found.group(2))


def test_over_four_weeks_three_users_read_every_count_one_more_each_day(
    demo: Kith, db_path: Path
) -> None:
    """Seeded: a busy user who reads on two days a week and does nothing, one who reads every
    day and ignores the plan, and one who reads every day and does half the picks. On every
    read, a pick's count is the one its week first said plus the days since; a count never
    goes back, nor stands still from one day to the next."""
    rng = random.Random(14)
    first = datetime(2026, 11, 23, 9, tzinfo=UTC)
    checked = {"busy": 0, "ignores": 0, "half": 0}
    for user, days in (("busy", (0, 3)), ("ignores", range(7)), ("half", range(7))):
        copy = db_path.with_name(f"{user}.db")
        shutil.copy(db_path, copy)
        for week in range(4):
            seen: dict[str, tuple[int, int]] = {}  # name → (day first read, its count)
            for day in days:
                moment = first + timedelta(weeks=week, days=day, hours=rng.randrange(12))
                for name, reason in reasons(copy, moment.isoformat()).items():
                    count = _count(reason)
                    if count is None:
                        continue
                    since, was = seen.setdefault(name, (day, count))
                    assert count == was + day - since, (user, week, day, name, reason)
                    checked[user] += 1
                if user == "half":
                    for name in sorted(reasons(copy, moment.isoformat()))[::2]:
                        on(copy, moment.isoformat(), "done", name)
    # reads of a counted reason; four of "half"'s were "overdue by 0 days" before trial 4 and
    # are "due today" now, which counts nothing
    assert checked == {"busy": 33, "ignores": 119, "half": 17}


def test_a_week_chosen_empty_on_monday_shows_wednesdays_import_and_then_ages(
    db_path: Path, tmp_path: Path
) -> None:
    monday, wednesday = "2026-11-02T09:00:00+00:00", "2026-11-04T15:00:00+00:00"
    on(db_path, monday, "import", str(CONTACTS))
    assert reasons(db_path, monday) == {}
    assert reasons(db_path, "2026-11-03T09:00:00+00:00") == {}  # still nobody: chosen again
    chat = chat_file(tmp_path, "Jane Doe", JANE_LAST)
    on(db_path, wednesday, "import", str(chat), "--me", "John Doe")
    assert reasons(db_path, wednesday) == {"Jane Doe": "at risk, overdue by 6 years"}
    assert "Jane Doe — at risk, overdue by 6 years" in on(db_path, wednesday, "today").output
    assert reasons(db_path, "2026-11-08T20:00:00+00:00") == {
        "Jane Doe": "at risk, overdue by 6 years"
    }  # a count in years stays as said for the week


def test_an_introduction_let_go_is_the_users_and_never_nudged(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Cher")
    asked_on = (datetime(2026, 11, 22, 10, tzinfo=UTC) - timedelta(days=30)).isoformat()
    kith("--now", asked_on, "intro", "Ada", "Cher")
    assert "no answer yet from Ada Lovelace" in kith("today").output
    let_go = kith("intro", "Ada", "Cher", "--let-go")
    assert let_go.exit_code == 0
    assert let_go.output.startswith(
        "You let the introduction of Ada Lovelace and Cher go: it is closed, and never nudged "
        "again.\n"
    )
    for weeks in range(0, 12):
        moment = (datetime(2026, 11, 22, 10, tzinfo=UTC) + timedelta(weeks=weeks)).isoformat()
        assert "Ada Lovelace and Cher" not in kith("--now", moment, "today").output
        assert "Ada Lovelace and Cher" not in kith("--now", moment, "digest").output
    again = kith("intro", "Ada", "Cher", "--let-go")
    assert (again.exit_code, again.output) == (
        1,
        "Error: There is no introduction of Ada Lovelace and Cher in progress for --let-go; "
        '`kith intro "Ada Lovelace" "Cher"` begins one by asking Ada Lovelace.\n',
    )
    asked = json.loads(kith("intro", "Ada", "Cher", "--json").output)
    assert (asked["state"], asked["previous"]) == ("asked_a", None)


def test_a_let_go_introduction_stands_as_yours_and_a_refusal_as_theirs(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Cher")
    kith("add", "Grace Hopper")
    kith("intro", "Ada", "Cher")
    kith("intro", "Ada", "Grace")
    gone = json.loads(kith("intro", "Ada", "Cher", "--let-go", "--json").output)
    refused = json.loads(kith("intro", "Ada", "Grace", "--declined", "--json").output)
    assert (gone["state"], gone["declined_by"], gone["standing"]) == (
        "let_go",
        None,
        "you let it go",
    )
    assert (refused["state"], refused["declined_by"], refused["standing"]) == (
        "declined",
        "a",
        "Ada Lovelace declined",
    )


def test_an_event_coming_up_is_said_today_on_its_day_and_days_ago_after(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("event", "add", "Compiler dinner", "--date", "2026-11-26")
    kith("event", "attend", "Compiler dinner", "Ada")
    said = {}
    for day in (23, 26, 27, 29):
        shown = kith("--now", f"2026-11-{day}T09:00:00+00:00", "plan", "--json").output
        said[day] = [p["reason"] for p in json.loads(shown)["picks"]]
    assert said == {
        23: ["an event with them coming up: Compiler dinner on Thu 26 Nov"],
        26: ["an event with them today: Compiler dinner on Thu 26 Nov"],
        27: ["an event with them yesterday: Compiler dinner on Thu 26 Nov"],
        29: ["an event with them 3 days ago: Compiler dinner on Thu 26 Nov"],
    }


def test_a_pick_done_on_wednesday_keeps_wednesdays_reason_all_week(
    demo: Kith, db_path: Path
) -> None:
    reasons(db_path, "2026-11-23T09:00:00+00:00")
    on(db_path, "2026-11-25T12:00:00+00:00", "done", "Ute Neumann")
    sunday = on(db_path, "2026-11-29T09:00:00+00:00", "plan", "--json").output
    shown = {p["name"]: (p["reason"], p["state"]) for p in json.loads(sunday)["picks"]}
    assert shown["Ute Neumann"] == ("overdue by 8 days", "done")  # as it stood when done
    assert shown["Liv Nyberg"] == ("at risk, overdue by 38 days", "open")


def test_today_says_a_plan_is_done_only_when_the_week_had_one(kith: Kith) -> None:
    assert kith("today").output.startswith("Nothing due today: your address book is empty.")
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "coffee", "--when", "2026-08-01")
    kith("pin", "Ada")
    assert "Ada Lovelace — pinned" in kith("today").output  # the empty week chosen again
    kith("done", "Ada")
    assert kith("today").output == "Nothing due today, and this week's plan is done.\n"
