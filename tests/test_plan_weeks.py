"""The weekly plan over weeks (issue 9): any contact ticks a pick off, the closest people are
never pushed out by ignored weeks, weekly friends stay weekly, a load beyond the budget is
said once, and people met at events get a decision."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.services.week.plan import Load
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
    ("Liv Nyberg", "at risk, overdue by 31 days", "open"),
    ("Ute Neumann", "overdue by 5 days", "open"),
    ("Samir Sayegh", "overdue by 30 days", "open"),
    ("Santiago Cabrera", "they wrote last, 12 days ago", "open"),
    ("Min-jun Lim", "dormant tie worth reviving: last in touch Feb 2026", "open"),
]


def pick_of(shown: str, name: str) -> tuple[str, str, str]:
    return next(pick for pick in picks(shown) if pick[0] == name)


def test_a_logged_call_with_a_picked_person_ticks_the_pick_off_everywhere(
    demo: Kith, tmp_path: Path
) -> None:
    assert picks(demo("plan", "--json").output) == WEEK_47
    demo("log", "Ute Neumann", "phoned", "--channel", "call")
    assert pick_of(demo("plan", "--json").output, "Ute Neumann") == (
        "Ute Neumann",
        "overdue by 5 days",
        "done",
    )
    assert demo("today").output == (
        "This week's plan (2026-W47)\n"
        "  Liv Nyberg — at risk, overdue by 31 days — message\n"
        "  Samir Sayegh — overdue by 30 days — email\n"
        "  Santiago Cabrera — they wrote last, 12 days ago — message\n"
        "  Min-jun Lim — dormant tie worth reviving: last in touch Feb 2026 — call\n"
        "Thanks you owe\n"
        "  Thank Noémie Garnier: you met Edward Ellis on 2025-06-22 through them.\n"
        "Introductions\n"
        "  Henry Lambert and Tarek Haddadin: no answer yet from Henry Lambert, asked on "
        "2026-10-23; ask once more (`kith intro` again), or let it go (--let-go)\n"
        + DECIDE.replace("9 days", "2 days")
    )
    assert "[x] Ute Neumann — overdue by 5 days — message" in demo("digest").output
    feed = demo("calendar", "export", "-").output
    assert "Reach out to Ute Neumann" not in feed
    assert "Reach out to Liv Nyberg (message)" in feed


def test_a_refresh_right_after_a_call_keeps_the_pick_it_completed(demo: Kith) -> None:
    demo("plan")
    demo("log", "Ute Neumann", "phoned", "--channel", "call")
    refreshed = picks(demo("plan", "--refresh", "--json").output)
    assert refreshed[0] == ("Ute Neumann", "overdue by 5 days", "done")
    assert len(refreshed) == 5


def test_an_interaction_before_the_week_began_does_not_tick_a_pick_off(
    demo: Kith, run: Run
) -> None:
    demo("plan")
    demo("log", "Liv Nyberg", "a note", "--channel", "email", "--when", "2026-11-15")
    assert pick_of(demo("plan", "--json").output, "Liv Nyberg") == (
        "Liv Nyberg",
        "at risk, overdue by 31 days",
        "open",
    )


def test_a_done_follow_up_that_logs_ticks_the_pick_off(demo: Kith) -> None:
    demo("plan")
    demo("todo", "Min-jun Lim", "send the photos", "--due", "2026-11-25")
    todo = json.loads(demo("todos", "--json").output)["todos"][-1]["id"]
    demo("todo-done", str(todo), "-m", "sent the photos")
    assert pick_of(demo("plan", "--json").output, "Min-jun Lim")[::2] == ("Min-jun Lim", "done")


def test_an_imported_interaction_with_a_picked_person_ticks_the_pick_off(
    demo: Kith, tmp_path: Path
) -> None:
    demo("plan")
    email = json.loads(demo("show", "Samir Sayegh", "--json").output)["person"]["emails"][0]
    mbox = tmp_path / "sent.mbox"
    mbox.write_text(
        "From me@example.org Sat Nov 21 09:00:00 2026\n"
        "From: Me <me@example.org>\n"
        f"To: Samir <{email}>\n"
        "Subject: long time\n"
        "Date: Sat, 21 Nov 2026 09:00:00 +0000\n"
        "Message-ID: <samir-1@example.org>\n"
        "\n"
        "How have you been?\n"
    )
    result = demo("import", str(mbox), "--me", "me@example.org")
    assert result.exit_code == 0, result.output
    assert pick_of(demo("plan", "--json").output, "Samir Sayegh")[::2] == ("Samir Sayegh", "done")


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
    assert pick_of(demo("plan", "--json").output, "Liv Nyberg") == (
        "Liv Nyberg",
        "they wrote, 1 day ago: reply",
        "open",
    )
    today = demo("today").output  # Liv is at risk: today says so, as the plan does
    assert "  Liv Nyberg — they wrote, 1 day ago: reply (at risk) — email\n" in today
    assert "SUMMARY:Reply to Liv Nyberg (email)" in demo("calendar", "export", "-").output
    demo("log", "Liv Nyberg", "answered", "--channel", "email")
    assert pick_of(demo("plan", "--json").output, "Liv Nyberg")[::2] == ("Liv Nyberg", "done")


def test_a_pick_who_writes_is_answered_where_they_wrote_and_done_logs_it_there(
    demo: Kith,
) -> None:
    demo("plan")  # Min-jun Lim is picked for a call
    demo("log", "Min-jun Lim", "asked about the job", "--channel", "message", "--direction", "in")
    shown = json.loads(demo("plan", "--json").output)["picks"]
    assert [(p["reason"], p["channel"]) for p in shown if p["name"] == "Min-jun Lim"] == [
        ("they wrote today: reply", "message")
    ]
    assert "  Min-jun Lim — they wrote today: reply — message\n" in demo("today").output
    assert demo("done", "Min-jun Lim").output == (
        "Logged #1756 with Min-jun Lim (message); ticked off this week's plan.\n"
    )


def test_a_pick_done_after_they_wrote_says_the_reply_it_was_not_the_gap_it_was_chosen_for(
    demo: Kith, run: Run
) -> None:
    chosen = run("2026-11-23T09:00:00+00:00", "plan", "--json").output
    assert pick_of(chosen, "Liv Nyberg") == ("Liv Nyberg", "at risk, overdue by 32 days", "open")
    wrote = ("log", "Liv Nyberg", "asked about the move", "--channel", "message", "-d", "in")
    assert run("2026-11-24T10:00:00+00:00", *wrote).exit_code == 0
    assert run("2026-11-25T11:00:00+00:00", "done", "Liv Nyberg").exit_code == 0
    for day in ("2026-11-26T09:00:00+00:00", "2026-11-29T20:00:00+00:00"):  # as of the done day
        shown = run(day, "plan", "--json").output
        assert pick_of(shown, "Liv Nyberg") == (
            "Liv Nyberg",
            "they wrote, 1 day ago: reply",
            "done",
        )
    # a pick done with no message of theirs before it keeps the reason it was chosen for
    assert run("2026-11-25T12:00:00+00:00", "done", "Ute Neumann").exit_code == 0
    shown = run("2026-11-26T09:00:00+00:00", "plan", "--json").output
    assert pick_of(shown, "Ute Neumann") == ("Ute Neumann", "overdue by 8 days", "done")


def test_a_pick_who_calls_keeps_the_channel_the_plan_chose(demo: Kith) -> None:
    demo("plan")  # Samir Sayegh is picked for an e-mail
    demo("log", "Samir Sayegh", "rang me", "--channel", "call", "--direction", "in")
    shown = json.loads(demo("plan", "--json").output)["picks"]
    assert [p["channel"] for p in shown if p["name"] == "Samir Sayegh"] == ["email"]


# 2. Ignored weeks do not push the closest people out.

MONDAYS = ("2026-11-23T09:00:00+00:00", "2026-11-30T09:00:00+00:00", "2026-12-07T09:00:00+00:00")


def overdue_strong_left_out(week: dict[str, object], overdue: set[str]) -> set[str]:
    """Overdue L1–L3 ties not picked in a week that picked someone from a lower layer."""
    chosen = week["picks"]
    assert isinstance(chosen, list)
    if all(pick["layer"] in ("L1", "L2", "L3") for pick in chosen):
        return set()
    return overdue - {pick["name"] for pick in chosen}


def test_weeks_ignored_never_put_a_dormant_tie_before_an_overdue_close_one(
    demo: Kith, run: Run
) -> None:
    for monday in MONDAYS:
        week = json.loads(run(monday, "plan", "--json").output)
        listed = run(monday, "list", "layer:L1 due:overdue", "--json").output
        overdue = {p["name"] for p in json.loads(listed)["people"]}
        for layer in ("L2", "L3"):
            listed = run(monday, "list", f"layer:{layer} due:overdue", "--json").output
            overdue |= {p["name"] for p in json.loads(listed)["people"]}
        assert overdue_strong_left_out(week, overdue) == set()
    assert picks(json.dumps(week)) == [  # week 50: before, four dormant L4 ties and Freja
        ("Ute Neumann", "at risk, overdue by 20 days", "open"),
        ("Santiago Cabrera", "a birthday coming up: Mon 14 Dec", "open"),
        ("Wendy Weekly", "at risk, overdue by 11 days", "open"),
        ("Liv Nyberg", "at risk, overdue by 46 days", "open"),
        ("Teresa Ferreira", "at risk, overdue by 9 days", "open"),
    ]


# 3. Weekly friends stay weekly: whoever falls due during the week is in it, with the day.


@pytest.fixture
def weekly(kith: Kith) -> Kith:
    """Wanda, seen every Tuesday for a month, on a weekly cadence of her own."""
    kith("add", "Wanda Weekly")
    for day in ("2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17"):
        kith("log", "Wanda", "tea", "--channel", "in_person", "--when", day)
    kith("cadence", "Wanda", "--ideal", "7d")
    return kith


def test_someone_due_later_in_the_week_is_in_it_with_the_day_they_fall_due(
    weekly: Kith, run: Run
) -> None:
    assert picks(run("2026-11-23T09:00:00+00:00", "plan", "--json").output) == [
        ("Wanda Weekly", "due Tue 24 Nov", "open")
    ]


def test_a_weekly_friend_seen_on_tuesday_is_in_the_next_weeks_plan(weekly: Kith, run: Run) -> None:
    run("2026-11-23T09:00:00+00:00", "plan")
    run("2026-11-24T18:00:00+00:00", "log", "Wanda", "tea", "--channel", "in_person")
    assert picks(run("2026-11-30T09:00:00+00:00", "plan", "--json").output) == [
        ("Wanda Weekly", "due Tue 1 Dec", "open")
    ]


def test_with_a_budget_that_covers_the_load_the_weekly_tie_is_picked_every_week(
    demo: Kith, run: Run
) -> None:
    demo("config", "set", "plan.budget", "8")
    weeks_with_wendy = 0
    for week in range(6):
        monday = f"{(datetime(2026, 11, 23) + timedelta(weeks=week)):%Y-%m-%d}T09:00:00+00:00"
        chosen = [name for name, _, _ in picks(run(monday, "plan", "--json").output)]
        weeks_with_wendy += "Wendy Weekly" in chosen
        for name in chosen:
            run(monday.replace("T09", "T10"), "done", name)
    assert weeks_with_wendy == 6  # before: every other week, behind dormant L4 ties


# 4. More inner circle than budget: said once, and the shortfall rotates.

LOAD = (
    "Your closest 19 people need about 8 touches a week; your budget is 5 — raise it "
    "(kith config set plan.budget 8), or count the times you see them anyway with `kith log`.\n"
)


def test_a_load_beyond_the_budget_is_said_once_in_the_plan_and_its_json(demo: Kith) -> None:
    shown = demo("plan").output
    assert shown.count(LOAD) == 1
    load = json.loads(demo("plan", "--json").output)["load"]
    assert load == {
        "people": 19,
        "touches_per_week": 7.5,
        "budget": 5,
        "over_budget": True,
        "advice": LOAD.strip(),
    }


def test_a_budget_that_covers_the_load_says_nothing_of_it(demo: Kith) -> None:
    demo("config", "set", "plan.budget", "8")
    assert "touches a week" not in demo("plan").output
    assert json.loads(demo("plan", "--refresh", "--json").output)["load"]["over_budget"] is False


@pytest.mark.parametrize(
    ("touches", "budget", "advice"),
    [
        (5.4, 5, None),
        (5.5, 5, "raise it (kith config set plan.budget 6), or count"),
        (14.0, 5, "raise it (kith config set plan.budget 10, the most), or count"),
        (14.0, 10, "your budget is 10, the most — count the times you see them anyway"),
    ],
)
def test_the_load_advice_names_a_budget_that_would_cover_it(
    touches: float, budget: int, advice: str | None
) -> None:
    said = Load(30, touches, budget).advice()
    assert said == advice if advice is None else advice in (said or "")


def test_a_user_who_does_every_pick_sees_every_close_tie_in_turn(demo: Kith, run: Run) -> None:
    """Over eight weeks at a budget of 5 for a load of about 8, every overdue L1–L3 tie is
    picked the week after falling overdue at the latest: the shortfall rotates."""
    waits: dict[str, int] = {}
    longest = 0
    for week in range(8):
        monday = f"{(datetime(2026, 11, 23) + timedelta(weeks=week)):%Y-%m-%d}T09:00:00+00:00"
        chosen = [name for name, _, _ in picks(run(monday, "plan", "--json").output)]
        for name in chosen:
            run(monday, "done", name)
        overdue = set()
        for layer in ("L1", "L2", "L3"):
            listed = run(monday, "list", f"layer:{layer} due:overdue", "--json").output
            overdue |= {p["name"] for p in json.loads(listed)["people"]}
        waits = {name: waits.get(name, 0) + 1 for name in overdue - set(chosen)}
        longest = max([longest, *waits.values()])
    assert longest == 1  # left out one week at most, then first in line


# 5. People met at events get a decision: claim, log, or let go — for four weeks, no longer.

NINE_DAYS_ON = "2026-11-29T09:00:00+00:00"  # the demo met three people at the Foundry on 20 Nov
DECIDE = (
    "Met at events, not claimed: claim (`kith claim --days 28`), log, or `kith let-go NAME`\n"
    "  Beatriz Ortega — met at Local-first night at the Foundry 9 days ago\n"
    "  Gabriela Zúñiga — met at Local-first night at the Foundry 9 days ago\n"
    "  Seo-yeon Yoon — met at Local-first night at the Foundry 9 days ago\n"
)


def test_people_met_at_an_event_are_raised_in_today_and_the_plan_after_the_claim_window(
    demo: Kith, run: Run
) -> None:
    assert run(NINE_DAYS_ON, "claim", "--json").output == '{\n  "claims": [],\n  "total": 0\n}\n'
    assert run(NINE_DAYS_ON, "today").output.endswith(DECIDE)
    assert DECIDE in run(NINE_DAYS_ON, "plan").output
    decide = json.loads(run(NINE_DAYS_ON, "plan", "--json").output)["decide"]
    assert [(d["name"], d["event"]["name"], d["days"]) for d in decide] == [
        ("Beatriz Ortega", "Local-first night at the Foundry", 9),
        ("Gabriela Zúñiga", "Local-first night at the Foundry", 9),
        ("Seo-yeon Yoon", "Local-first night at the Foundry", 9),
    ]
    assert len(json.loads(run(NINE_DAYS_ON, "today", "--json").output)["decide"]) == 3


def test_letting_someone_go_means_they_are_never_raised_again_until_undone(
    demo: Kith, run: Run
) -> None:
    assert run(NINE_DAYS_ON, "let-go", "Beatriz Ortega").output == (
        "Let Beatriz Ortega go: not raised again to claim or decide "
        "(`kith let-go NAME --undo` takes it back).\n"
    )
    assert "Beatriz Ortega" not in run(NINE_DAYS_ON, "today").output
    assert "Beatriz Ortega" not in demo("claim").output
    assert run(NINE_DAYS_ON, "let-go", "Beatriz Ortega", "--undo").output == (
        "Beatriz Ortega will be raised again while the event is recent.\n"
    )
    assert run(NINE_DAYS_ON, "today").output.endswith(DECIDE)


def test_logging_with_someone_met_at_an_event_resolves_them(demo: Kith, run: Run) -> None:
    run(NINE_DAYS_ON, "log", "Gabriela", "coffee after the meetup", "--channel", "in_person")
    assert "Gabriela" not in run(NINE_DAYS_ON, "today").output


def test_after_four_weeks_nobody_met_at_an_event_is_raised_any_more(demo: Kith, run: Run) -> None:
    assert "Beatriz Ortega" in run("2026-12-18T09:00:00+00:00", "today").output  # 28 days
    assert "Beatriz Ortega" not in run("2026-12-19T09:00:00+00:00", "today").output  # 29 days


def test_let_go_as_json_says_who_and_whether(demo: Kith) -> None:
    shown = json.loads(demo("let-go", "Seo-yeon", "--json").output)
    assert (shown["person"]["name"], shown["let_go"]) == ("Seo-yeon Yoon", True)


def test_a_crowd_met_at_one_event_takes_six_lines_not_forty(kith: Kith) -> None:
    kith("event", "add", "PyCon", "--date", "2026-11-20")
    for n in range(40):
        kith("met", f"Attendee Number{n:02d}", "--at", "PyCon")
    lines = kith("today").output.splitlines()
    assert lines[-2:] == [
        "  Attendee Number04 — met at PyCon 2 days ago",
        "  … and 35 more: `kith claim --days 28` lists them",
    ]
    assert len(json.loads(kith("today", "--json").output)["decide"]) == 40


def test_let_go_is_for_people_met_at_an_event_and_says_what_to_do_instead(demo: Kith) -> None:
    result = demo("let-go", "Wendy Weekly")
    assert (result.exit_code, result.output) == (
        1,
        "Error: Wendy Weekly was not met at an event (`kith met`), so is never raised to claim; "
        "to keep them out of the plan: kith mute 'Wendy Weekly'\n",
    )


def test_at_risk_is_said_by_today_the_digest_and_the_calendar_where_the_plan_says_it(
    demo: Kith, run: Run
) -> None:
    monday = "2026-11-30T09:00:00+00:00"
    said = "they wrote last, 20 days ago (at risk)"
    plan_row = next(
        line for line in run(monday, "plan").output.splitlines() if "Santiago Cabrera" in line
    )
    assert f"  {said}  " in plan_row
    assert f"  Santiago Cabrera — {said} — message\n" in run(monday, "today").output
    assert f"  [ ] Santiago Cabrera — {said} — message\n" in run(monday, "digest").output
    feed = run(monday, "calendar", "export", "-").output.replace("\r\n ", "")
    assert f"Why now: {said}." in feed.replace("\\,", ",")
    shown = json.loads(run(monday, "today", "--json").output)["picks"]  # the reason, at_risk apart
    assert [(p["reason"], p["at_risk"]) for p in shown if p["name"] == "Santiago Cabrera"] == [
        ("they wrote last, 20 days ago", True)
    ]
