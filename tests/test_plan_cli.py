"""The weekly plan through the CLI: plan, today, done, skip, snooze, pin, mute, cadence, and the
stored layers behind them, on the demo network and on small networks with the clock fixed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.model import PersonDraft
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import add_person
from kith.services.ties import layers
from kith.store import Store, open_store
from tests.conftest import Kith

Run = Callable[..., Result]


@contextmanager
def opened(db_path: Path) -> Iterator[Store]:
    store = open_store(db_path)
    try:
        yield store
    finally:
        store.close()


def at(db_path: Path) -> Callable[..., Result]:
    """Run kith at another moment: run("2026-11-30T09:00:00+00:00", "plan")."""

    def run(moment: str, *args: str) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
        )

    return run


DEMO_PLAN = (
    "This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 5 people\n"
    "#  name              layer  why now                                             how     "
    " state\n"
    "1  Liv Nyberg        L3     at risk, overdue by 31 days                         message "
    " open\n"
    "2  Ute Neumann       L2     overdue by 5 days                                   message "
    " open\n"
    "3  Samir Sayegh      L3     overdue by 30 days                                  email   "
    " open\n"
    "4  Santiago Cabrera  L2     they wrote last, 12 days ago                        message "
    " open\n"
    "5  Min-jun Lim       L4     dormant tie worth reviving: last in touch Feb 2026  call    "
    " open\n"
    "Your closest 19 people need about 8 touches a week; your budget is 5 — raise it (kith"
    " config set plan.budget 8), or count the times you see them anyway with `kith log`.\n"
    "Energy: 6 (no weekly budget; `kith config set plan.energy_budget 8`).\n"
    "Gift of the week: introduce Valentina Hendriks to Sebastián Mendoza. Valentina needs "
    "“cloud cost reviews”, which Sebastián offers, and Sebastián needs “beta testers”, which "
    "Valentina offers.\n"
    "Met at events, not claimed: claim (`kith claim --days 28`), log, or `kith let-go NAME`\n"
    "  Beatriz Ortega — met at Local-first night at the Foundry 2 days ago\n"
    "  Gabriela Zúñiga — met at Local-first night at the Foundry 2 days ago\n"
    "  Seo-yeon Yoon — met at Local-first night at the Foundry 2 days ago\n"
    "Next: kith draft NAME · kith done NAME · kith skip NAME · kith snooze NAME 2w\n"
)


def test_the_demos_archetypes_get_the_layers_and_labels_their_archetype_implies(
    demo: Kith,
) -> None:
    shown = {}
    for name in ("Wendy", "Monty", "Quinn", "Yara", "Fiona", "Otto"):
        why = json.loads(demo("why", name, "--json").output)
        shown[why["person"]["name"]] = (why["layer"], why["label"], why["dormant"])
    assert shown == {
        "Wendy Weekly": ("L1", None, False),
        "Monty Monthly": ("L3", None, False),
        "Quinn Quarterly": ("L4", None, False),
        "Yara Yearly": ("L5", None, False),
        "Fiona Formerly": ("L4", None, True),  # falling: L4 is left after 52 silent Mondays
        "Otto Oneway": ("L5", "one-way (out)", False),
    }
    otto = json.loads(demo("why", "Otto", "--json").output)
    assert otto["strength"] == 0.2  # capped
    assert otto["components"]["intensity"] > 0.4  # though a dozen e-mails went out


def test_the_demos_plan_has_five_people_each_with_a_reason_and_a_channel(demo: Kith) -> None:
    assert demo("plan").output == DEMO_PLAN


def test_the_plan_as_json_carries_the_contracts_pick_fields(demo: Kith) -> None:
    week = json.loads(demo("plan", "--json").output)
    assert (week["week"], week["monday"], week["budget"], week["total"]) == (
        "2026-W47",
        "2026-11-16",
        5,
        5,
    )
    first = week["picks"][0]
    assert {key: first[key] for key in ("id", "name", "reason", "channel", "priority")} == {
        "id": 42,
        "name": "Liv Nyberg",
        "reason": "at risk, overdue by 31 days",
        "channel": "message",
        "priority": 0.7885,
    }
    assert [pick["layer"] for pick in week["picks"]] == ["L3", "L2", "L3", "L2", "L4"]


def test_the_plan_is_kept_all_week_and_chosen_again_only_with_refresh(
    demo: Kith, db_path: Path
) -> None:
    first = demo("plan", "--json").output
    run = at(db_path)
    demo("log", "Ute Neumann", "a long call", "-c", "call")
    later = run("2026-11-22T18:00:00+00:00", "plan", "--json").output

    def picked(shown: str) -> list[tuple[str, str, str]]:
        return [(p["name"], p["reason"], p["state"]) for p in json.loads(shown)["picks"]]

    liv, ute, *others = picked(first)
    assert picked(later) == [liv, (*ute[:2], "done"), *others]  # the call ticked her off
    refreshed = json.loads(run("2026-11-22T18:00:00+00:00", "plan", "--refresh", "--json").output)
    first_pick = refreshed["picks"][0]  # picks done are kept, first
    assert (first_pick["name"], first_pick["state"]) == ("Ute Neumann", "done")
    assert refreshed["total"] == 5


def test_a_new_week_gets_a_new_plan_and_the_layers_advance_to_its_monday(
    demo: Kith, db_path: Path
) -> None:
    demo("plan")
    week = json.loads(at(db_path)("2026-11-24T09:00:00+00:00", "plan", "--json").output)
    assert week["week"] == "2026-W48"
    with opened(db_path) as store:
        assert store.layers.instant() == "2026-11-23T00:00:00Z"


def test_done_logs_the_outreach_on_the_picks_channel_and_ticks_it_off(demo: Kith) -> None:
    demo("plan")
    assert demo("done", "Min-jun Lim").output == (
        "Logged #1755 with Min-jun Lim (call); ticked off this week's plan.\n"
    )
    picks = json.loads(demo("plan", "--json").output)["picks"]
    assert [(p["name"], p["state"]) for p in picks][-1] == ("Min-jun Lim", "done")
    shown = json.loads(demo("show", "Min-jun Lim", "--json").output)
    assert shown["interactions"][0]["summary"] == ("caught up (from the weekly plan)")


def test_done_for_someone_outside_the_plan_logs_and_says_so(demo: Kith) -> None:
    assert demo("done", "Wendy", "-m", "walk by the river", "-c", "coffee").output == (
        "Logged #1755 with Wendy Weekly (in_person); not in this week's plan.\n"
    )


def test_skip_marks_the_pick_and_rests_the_person_a_week_for_each_skip_in_eight_weeks(
    demo: Kith, db_path: Path
) -> None:
    assert "Santiago Cabrera" in {
        p["name"] for p in json.loads(demo("plan", "--json").output)["picks"]
    }
    assert demo("skip", "Santiago Cabrera").output == (
        "Skipped in this week's plan: Santiago Cabrera, skipped once in 8 weeks; they rest for "
        "1 week, not back before Mon 30 Nov (unless a birthday, a follow-up or a note from them).\n"
    )
    refreshed = json.loads(demo("plan", "--refresh", "--json").output)["picks"]
    assert "Santiago Cabrera" not in {p["name"] for p in refreshed}  # resting from the skip on
    assert demo("skip", "Santiago Cabrera").output == (
        "Skipped (not in this week's plan): Santiago Cabrera, skipped once in 8 weeks; they rest "
        "for 1 week, not back before Mon 30 Nov (unless a birthday, a follow-up or a note from "
        "them).\n"
    )
    with opened(db_path) as store:
        assert len(store.plan.skips("2026-01-01T00:00:00Z")[26]) == 1  # one skip per instant


def test_snooze_hides_someone_until_the_day_and_off_wakes_them(demo: Kith) -> None:
    demo("plan")
    assert demo("snooze", "Liv Nyberg", "2w").output == (
        "Snoozed Liv Nyberg until Sun 2026-12-06.\n"
    )
    picks = json.loads(demo("plan", "--refresh", "--json").output)["picks"]
    assert "Liv Nyberg" not in [p["name"] for p in picks]
    assert (
        demo("snooze", "Liv Nyberg", "--off").output
        == "Liv Nyberg is awake: back in the plan when due.\n"
    )
    picks = json.loads(demo("plan", "--refresh", "--json").output)["picks"]
    assert "Liv Nyberg" in [p["name"] for p in picks]


def test_snooze_refuses_a_day_in_the_past_and_wants_a_length_or_off(demo: Kith) -> None:
    past = demo("snooze", "Liv Nyberg", "2026-11-01")
    assert (past.exit_code, past.output) == (
        1,
        "Error: '2026-11-01' is not in the future; snooze until a later day (2w, friday).\n",
    )
    neither = demo("snooze", "Liv Nyberg")
    assert neither.exit_code == 2
    assert "Give how long (2w, a day) or --off." in neither.output


def test_mute_keeps_someone_out_of_the_plan(demo: Kith) -> None:
    assert demo("mute", "Ute Neumann").output == "Muted Ute Neumann.\n"
    picks = [p["name"] for p in json.loads(demo("plan", "--refresh", "--json").output)["picks"]]
    assert "Ute Neumann" not in picks
    assert demo("mute", "Ute", "--off").output == "Unmuted Ute Neumann.\n"
    picks = [p["name"] for p in json.loads(demo("plan", "--refresh", "--json").output)["picks"]]
    assert "Ute Neumann" in picks


def test_a_pin_brings_a_cooling_tie_into_the_plan_before_it_is_due(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "a note", "-c", "email", "--when", "2026-08-01")
    kith("log", "Ada", "her reply", "-c", "email", "-d", "in", "--when", "2026-08-20")
    kith("log", "Ada", "my reply", "-c", "email", "--when", "2026-10-10")
    # L4, known 16 weeks (not a young tie): due in April
    assert json.loads(kith("plan", "--json").output)["total"] == 0
    assert kith("pin", "Ada").output == "Pinned Ada Lovelace.\n"
    picks = json.loads(kith("plan", "--refresh", "--json").output)["picks"]
    assert [(p["name"], p["reason"]) for p in picks] == [("Ada Lovelace", "pinned")]
    assert kith("pin", "Ada", "--off").output == "Unpinned Ada Lovelace.\n"
    assert json.loads(kith("plan", "--refresh", "--json").output)["total"] == 0


def test_a_person_cadence_wins_and_reaching_its_maximum_is_at_risk(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    for day in ("2026-08-03", "2026-08-10", "2026-08-17", "2026-08-24", "2026-08-31"):
        kith("log", "Ada", "tea", "-c", "coffee", "--when", day)
    assert kith("cadence", "Ada", "--ideal", "30d", "--max", "60d").output == (
        "Ada Lovelace: every 30 days, at risk after 60 days.\n"
    )
    assert kith("cadence", "Ada").output == "Ada Lovelace: every 30 days, at risk after 60 days.\n"
    week = json.loads(kith("plan", "--json").output)
    assert [(p["name"], p["reason"], p["at_risk"]) for p in week["picks"]] == [
        ("Ada Lovelace", "at risk, overdue by 52 days", True)
    ]
    assert kith("cadence", "Ada", "--clear").output == (
        "Ada Lovelace: the layer's cadence (no override).\n"
    )


def test_a_tag_cadence_applies_to_everyone_with_the_tag(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--tag", "mentor")
    kith("log", "Grace", "lunch", "-c", "coffee", "--when", "2026-06-01")
    assert kith("cadence", "tag:Mentor", "--ideal", "3m").output == "tag:mentor: every 90 days.\n"
    assert kith("config", "get", "cadence.tag.mentor").output == "90d\n"
    assert kith("config", "set", "cadence.tag.mentor", "90d/120d").output == (
        "cadence.tag.mentor = 90d/120d\n"
    )
    assert (
        kith("cadence", "tag:mentor").output
        == "tag:mentor: every 90 days, at risk after 120 days.\n"
    )
    picks = json.loads(kith("plan", "--refresh", "--json").output)["picks"]
    assert [(p["name"], p["reason"]) for p in picks] == [
        ("Grace Hopper", "at risk, overdue by 83 days")  # 173 days: past the 120-day maximum
    ]
    kith("config", "set", "cadence.tag.mentor", "90d")
    picks = json.loads(kith("plan", "--refresh", "--json").output)["picks"]
    assert [(p["name"], p["reason"]) for p in picks] == [("Grace Hopper", "overdue by 83 days")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--ideal", "monthly"), "A gap is a number with d, w, m or y, such as 30d or 6w"),
        (("--ideal", "60d", "--max", "30d"), "The maximum gap (30d) is shorter than the ideal"),
        (("--max", "30d"), "Say how often: --ideal 30d (and optionally --max 60d), or --clear."),
    ],
)
def test_a_cadence_says_what_it_needs(kith: Kith, args: tuple[str, ...], message: str) -> None:
    kith("add", "Ada Lovelace")
    result = kith("cadence", "Ada", *args)
    assert result.exit_code == 1
    assert message in result.output


def test_the_energy_budget_keeps_the_week_within_what_you_can_give(demo: Kith) -> None:
    demo("config", "set", "plan.energy_budget", "3")
    week = json.loads(demo("plan", "--json").output)
    assert week["energy_budget"] == 3.0
    assert sum(p["energy"] for p in week["picks"]) <= 3.0
    assert [p["channel"] for p in week["picks"]] == ["message", "message", "email"]


def test_a_small_network_gets_fewer_picks_never_a_flood(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "tea", "--when", "2025-01-01")
    kith("log", "Ada", "her reply", "-c", "email", "-d", "in", "--when", "2025-01-05")
    kith("log", "Ada", "walk", "--when", "2025-02-01")
    out = kith("plan").output
    assert out == (
        "This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 1 person\n"
        "#  name          layer  why now                                             how     "
        "state\n"
        "1  Ada Lovelace  L5     dormant tie worth reviving: last in touch Feb 2025  coffee  open\n"
        "No address or number for Ada Lovelace (so: coffee): "
        "`kith edit 'Ada Lovelace' --email ADDRESS` or `--phone NUMBER` adds one.\n"
        "Energy: 4 (no weekly budget; `kith config set plan.energy_budget 8`).\n"
        "Next: kith draft NAME · kith done NAME · kith skip NAME · kith snooze NAME 2w\n"
    )


def test_an_empty_plan_says_nobody_is_due(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "coffee", "--when", "2026-11-20")
    assert kith("plan").output == (
        "This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 0 people\n"
        "Nobody is due this week: every tie is within its cadence. Enjoy the quiet.\n"
    )


def test_an_empty_address_book_is_told_how_to_begin_not_to_enjoy_the_quiet(kith: Kith) -> None:
    begin = (
        "your address book is empty. Add someone (`kith add NAME`) or bring in your contacts, "
        "mail and chats (`kith import FILE`).\n"
    )
    assert kith("plan").output == (
        f"This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 0 people\nNobody is due this week: {begin}"
    )
    assert kith("today").output == f"Nothing due today: {begin}"


def test_cards_imported_without_history_are_told_a_tie_falls_due_after_an_interaction(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    begin = (
        "Kith has no interaction yet with any of the 2 people in your address book, and a tie "
        "falls due only after one. Log what you do together (`kith log NAME SUMMARY`) or import "
        "mail and chats (`kith import FILE`).\n"
    )
    assert kith("plan").output == (
        f"This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 0 people\nNobody is due this week: {begin}"
    )
    assert kith("today").output == f"Nothing due today: {begin}"


def test_today_lists_what_is_due_the_weeks_picks_and_what_is_coming_up(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "tea", "--when", "2025-01-01")
    kith("log", "Ada", "her reply", "-c", "email", "-d", "in", "--when", "2025-01-05")
    kith("log", "Ada", "walk", "--when", "2025-02-01")
    kith("todo", "Grace", "send the slides", "--due", "2026-11-20")
    kith("todo", "Ada", "the paper", "--due", "2026-11-25")
    kith("todo", "Grace", "intro to her CTO", "--theirs", "--due", "2026-11-27")
    kith("todo", "Grace", "someday", "--due", "2026-12-20")
    assert kith("today").output == (
        "Due today or overdue\n"
        "  #1 Grace Hopper: send the slides — due Fri 2026-11-20, 2 days overdue\n"
        "This week's plan (2026-W47)\n"
        "  Ada Lovelace — dormant tie worth reviving: last in touch Feb 2025 — coffee\n"
        "  Grace Hopper — a follow-up due: you promised 'send the slides' — coffee\n"
        "  No address or number for Ada Lovelace, Grace Hopper (so: coffee): `kith edit NAME "
        "--email ADDRESS` or `--phone NUMBER` adds one.\n"
        "Coming up\n"
        "  #2 Ada Lovelace: the paper — due Wed 2026-11-25\n"
        "  #3 Grace Hopper: intro to her CTO (theirs) — due Fri 2026-11-27\n"
    )
    shown = json.loads(kith("today", "--json").output)
    assert (len(shown["todos"]), len(shown["picks"]), len(shown["coming_up"])) == (1, 2, 2)
    assert shown["total"] == 3


def test_today_with_nothing_to_do_says_so(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "coffee", "--when", "2026-11-20")
    assert kith("today").output == "Nothing due today, and nobody is due this week.\n"


def test_layer_due_and_dormant_terms_select_from_the_stored_layers(demo: Kith) -> None:
    def names(query: str) -> list[str]:
        return [p["name"] for p in json.loads(demo("list", query, "--json").output)["people"]]

    assert names("layer:L1") == ["Teresa Ferreira", "Wendy Weekly"]
    assert len(names("layer:strong")) == 19  # 15 by the caps, and 4 not yet demoted
    assert "Fiona Formerly" in names("dormant:yes")
    assert "Fiona Formerly" not in names("dormant:no")
    assert len(names("dormant:yes")) + len(names("dormant:no")) == len(names(""))
    overdue, week = names("due:overdue"), names("due:week")
    assert set(overdue) <= set(week)
    assert "Liv Nyberg" in overdue
    assert "Wendy Weekly" not in week  # seen 3.5 days ago, weekly


def test_layers_stepped_week_by_week_from_the_tie_rows_equal_a_replay_from_the_log(
    store: Store,
) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
    people = [
        add_person(store, PersonDraft(name), start).id
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra")
    ]
    rhythm = {people[0]: 1, people[1]: 2, people[2]: 5, people[3]: 9}  # every N weeks
    kinds = []
    for week in range(40):
        moment = start + timedelta(weeks=week, days=week % 3)
        kinds.append(layers.keep_current(store, moment).how)
        for person, every in rhythm.items():
            if week % every == 0:
                channel = "in_person" if week % 2 else "email"
                direction = "in" if week % 4 == 1 else None
                entry = LogEntry("catching up", channel=channel, direction=direction)
                log_interaction(store, [person], entry, moment)
    assert kinds[0] == "replayed", kinds
    assert set(kinds[1:]) == {"advanced"}, kinds
    stepped = store.layers.state()
    with store.transaction():
        layers.rebuild(store, moment)
    replayed = store.layers.state()
    assert [row[:5] for row in replayed] == [row[:5] for row in stepped]
    assert [row[5] for row in replayed] == pytest.approx([row[5] for row in stepped], abs=1e-9)
    assert {row[1] for row in stepped} >= {"L5"}  # the rare ones have not risen


def test_a_backdated_interaction_marks_the_layers_stale_and_the_next_read_replays(
    demo: Kith, db_path: Path
) -> None:
    demo("plan")
    with opened(db_path) as store:
        assert not store.layers.stale()
    demo("log", "Yara", "a long lunch", "-c", "coffee", "--when", "2026-10-01")
    with opened(db_path) as store:
        assert store.layers.stale()
    demo("why", "Yara")
    with opened(db_path) as store:
        assert not store.layers.stale()
        assert store.layers.instant() == "2026-11-16T00:00:00Z"


def test_plan_with_drafts_gives_each_open_pick_the_draft_its_reason_calls_for(demo: Kith) -> None:
    out = demo("plan", "--drafts").output
    assert out.startswith(DEMO_PLAN.split("Next:", maxsplit=1)[0])
    assert (
        "\nMin-jun Lim (reconnect, call):\nHi Min-jun,\nIt's been a while, and you came to mind "
        "today. I was thinking back to our chat about hiring for the analytics team."
    ) in out
    assert "\nSantiago Cabrera (reply, message):\nHi Santiago,\nThank you for your message" in out
    assert "\nUte Neumann (checkin, message):\nHi Ute,\n" in out
    picks = json.loads(demo("plan", "--drafts", "--json").output)["picks"]
    assert [p["draft"].split(",")[0] for p in picks] == [
        "Hi Liv",
        "Hi Ute",
        "Hi Samir",
        "Hi Santiago",
        "Hi Min-jun",
    ]


def test_why_names_the_tag_cadence_that_wins_over_the_layer(demo: Kith) -> None:
    demo("cadence", "tag:university", "--ideal", "3m", "--max", "4m")
    lines = demo("why", "Wendy Weekly").output.splitlines()
    assert lines[-3] == (
        "cadence  90 days, at risk after 120 days: a tag's cadence (`kith cadence`), "
        "which wins over L1's"
    )


def test_changing_the_time_zone_moves_the_mondays_so_the_layers_replay(
    demo: Kith, db_path: Path
) -> None:
    demo("plan")
    demo("config", "set", "timezone", "UTC")  # the same zone the layers were made in
    with opened(db_path) as store:
        assert store.layers.stale()  # no zone was set before: the system's (UTC in tests)
    demo("plan")
    demo("config", "set", "timezone", "UTC")
    with opened(db_path) as store:
        assert not store.layers.stale()  # set to what it was: nothing changed
    demo("config", "set", "timezone", "Asia/Tokyo")
    with opened(db_path) as store:
        assert store.layers.stale()
    demo("plan")
    with opened(db_path) as store:
        assert store.layers.instant() == "2026-11-15T15:00:00Z"  # Monday 00:00 in Tokyo


def test_a_pin_that_changes_nothing_leaves_the_layers_as_they_are(
    demo: Kith, db_path: Path
) -> None:
    demo("pin", "Wendy")
    demo("plan")
    demo("pin", "Wendy")
    with opened(db_path) as store:
        assert not store.layers.stale()


def test_a_leap_day_birthday_is_a_hook_on_the_28th_in_a_common_year(
    kith: Kith, db_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--birthday", "1992-02-29")
    kith("pin", "Ada")
    week = json.loads(at(db_path)("2027-02-25T10:00:00+00:00", "plan", "--json").output)
    assert [(p["name"], p["reason"]) for p in week["picks"]] == [
        ("Ada Lovelace", "a birthday coming up: Sun 28 Feb")
    ]


def test_an_earlier_clock_reads_the_layers_as_they_are_and_keeps_them(
    demo: Kith, db_path: Path
) -> None:
    run = at(db_path)
    run("2026-11-24T10:00:00+00:00", "plan")
    assert run("2026-11-18T10:00:00+00:00", "why", "Wendy").exit_code == 0
    with opened(db_path) as store:
        assert store.layers.instant() == "2026-11-23T00:00:00Z"


def test_cadence_settings_read_the_same_durations_as_kith_cadence(kith: Kith) -> None:
    assert kith("config", "set", "cadence.tag.mentor", "2w/3m").output == (
        "cadence.tag.mentor = 14d/90d\n"
    )
    assert kith("config", "set", "cadence.L3", "45").output == "cadence.L3 = 45d\n"
    refused = kith("config", "set", "cadence.L3", "0")
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: A cadence is a number of days such as 30d (or 6w, 3m), not '0'.\n",
    )


def test_today_reminds_you_to_thank_whoever_suggested_someone_you_have_met(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("refer", "Ada", "Grace Hopper", "--note", "she knows compilers")
    kith("log", "Grace", "coffee in town")  # on the day of the referral: that counts
    assert kith("today").output == (
        "Thanks you owe\n  Thank Ada Lovelace: you met Grace Hopper on 2026-11-22 through them.\n"
    )
    assert json.loads(kith("today", "--json").output)["thanks"] == [
        "Thank Ada Lovelace: you met Grace Hopper on 2026-11-22 through them."
    ]
    kith("log", "Ada", "thanks for Grace", "-c", "email", "-k", "thanks")
    assert kith("today").output == "Nothing due today, and nobody is due this week.\n"


def test_the_energy_hint_offers_a_budget_this_week_fits_in(kith: Kith) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        kith("add", name)
        for day in ("2025-06-01", "2025-07-01", "2025-08-01"):
            kith("log", name, "dinner", "-c", "in_person", "-d", "both", "--when", day)
    kith("config", "set", "plan.budget", "3")
    out = kith("plan").output
    assert "3 people" in out
    assert "Energy: 12 (no weekly budget; `kith config set plan.energy_budget 12`).\n" in out


def test_the_plan_lines_up_a_name_with_an_emoji_or_east_asian_characters(kith: Kith) -> None:
    """Trial 5 (#14): an emoji takes two terminal cells; the row was one column off."""
    for name, email in (("José Ñúñez 🎸", "j@x.org"), ("李 小龙", "li@x.cn"), ("Ada", "a@x.org")):
        kith("add", name, "--email", email)
    for name in ("José", "李", "Ada"):
        kith("log", name, "tea", "--when", "2025-01-01")
        kith("log", name, "her reply", "-c", "email", "-d", "in", "--when", "2025-01-05")
        kith("log", name, "walk", "--when", "2025-02-01")
    assert kith("plan").output.splitlines()[1:5] == [
        "#  name           layer  why now                                             how    state",
        "1  José Ñúñez 🎸  L5     dormant tie worth reviving: last in touch Feb 2025  email  open",
        "2  李 小龙        L5     dormant tie worth reviving: last in touch Feb 2025  email  open",
        "3  Ada            L5     dormant tie worth reviving: last in touch Feb 2025  email  open",
    ]
