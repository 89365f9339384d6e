"""A reply owed is never dropped from the week (trial 3, finding 2), and no pick is suggested on a
channel Kith holds no address for (finding 4): the plan says once how to reach those it can only
suggest meeting.

Tom, whose cadence is half a year (so only his note can make him eligible), writes on Tue 3
Nov; the user ignores it. Each Monday after, the plan is made afresh: Tom is in the four weeks
after his note's week, then one week in four, until 90 days have passed — unless the user
answers, skips him or snoozes him."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from kith.model import PersonDraft
from kith.relate.priority import WRITTEN, Candidate, Span, choose_channel, reachable, reply_week
from kith.services import people
from kith.services.interactions import LogEntry, log_interaction
from kith.services.week import plan, plan_pool, replies, week_ahead
from kith.services.week.hooks import hooks
from kith.services.week.weeks import span_of
from kith.store import Store
from kith.store.week.generation import named
from kith.vocab import CHANNELS
from tests.conftest import Run

NOTED = datetime(2026, 11, 3, 9, tzinfo=UTC)
MONDAYS = [
    "2026-11-09",  # 1 week after the note's week
    "2026-11-16",  # 2
    "2026-11-23",  # 3
    "2026-11-30",  # 4
    "2026-12-07",  # 5
    "2026-12-14",  # 6
    "2026-12-21",  # 7
    "2026-12-28",  # 8
    "2027-01-04",  # 9
    "2027-01-11",  # 10
    "2027-01-18",  # 11
    "2027-01-25",  # 12: 83 days after the note
    "2027-02-22",  # 16: 111 days after it, past the 90 days
]


def seeded(run: Run) -> None:
    """Tom, Ada and Grace, a year of calls and meetings with each, then Tom's note."""
    start = "2025-10-06T09:00:00+00:00"
    run(start, "add", "Tom Becker", "--phone", "+44 7700 900456")
    run(start, "add", "Ada Lovelace", "--email", "ada@example.org")
    run(start, "add", "Grace Hopper", "--phone", "+44 7700 900123")
    for month in range(10, 22):
        year, number = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
        for name, day, how in (("Tom", 6, "call"), ("Ada", 13, "in_person"), ("Grace", 20, "call")):
            when = f"{year}-{number:02d}-{day:02d}"
            run(f"{when}T20:00:00+00:00", "log", name, "caught up", "--channel", how)
    run("2026-10-05T09:00:00+00:00", "cadence", "Tom", "--ideal", "180d")
    run(
        "2026-11-03T18:00:00+00:00",
        "log",
        "Tom",
        "he asked about Priya's team",
        "--channel",
        "message",
        "--direction",
        "in",
    )


def tom_each_monday(run: Run, mondays: list[str]) -> list[str | None]:
    """Tom's reason in each Monday's plan (None when he is not in it)."""
    return reasons_each_monday(run, mondays, "Tom Becker")


def reasons_each_monday(run: Run, mondays: list[str], name: str) -> list[str | None]:
    """`name`'s reason in each Monday's plan, made at 09:00 (None when not in it)."""
    found = []
    for monday in mondays:
        shown = json.loads(run(f"{monday}T09:00:00+00:00", "plan", "--json").output)
        found.append(next((p["reason"] for p in shown["picks"] if p["name"] == name), None))
    return found


def test_an_ignored_note_keeps_them_in_four_weeks_then_one_in_four_until_90_days(
    run: Run,
) -> None:
    seeded(run)
    assert tom_each_monday(run, MONDAYS) == [
        "they wrote last, 5 days ago",
        "they wrote last, 12 days ago",
        "they wrote last, 19 days ago",
        "they wrote last, 26 days ago",
        None,
        None,
        None,
        "they wrote last, 54 days ago",
        None,
        None,
        None,
        "they wrote last, 82 days ago",
        None,
    ]


def test_an_answer_takes_them_out_of_the_next_week(run: Run) -> None:
    seeded(run)
    assert tom_each_monday(run, MONDAYS[:1]) == ["they wrote last, 5 days ago"]
    run("2026-11-10T12:00:00+00:00", "done", "Tom")
    assert tom_each_monday(run, MONDAYS[1:4]) == [None, None, None]


def test_a_skip_since_the_note_ends_it_and_a_snooze_holds_it_until_it_ends(run: Run) -> None:
    seeded(run)
    run("2026-11-10T12:00:00+00:00", "snooze", "Tom", "2w")  # until Tue 24 Nov
    assert tom_each_monday(run, MONDAYS[1:4]) == [None, None, "they wrote last, 26 days ago"]
    run("2026-12-01T12:00:00+00:00", "skip", "Tom")
    assert tom_each_monday(run, ["2026-12-28"]) == [None]


def test_the_plan_never_suggests_a_channel_without_an_address(run: Run) -> None:
    seeded(run)
    run("2026-11-03T19:00:00+00:00", "log", "Grace", "sent the notes", "--channel", "email")
    run("2026-11-03T19:00:00+00:00", "todo", "Grace", "send the slides", "--due", "2026-11-11")
    shown = json.loads(run("2026-11-09T09:00:00+00:00", "plan", "--json").output)
    channels = {p["name"]: p["channel"] for p in shown["picks"]}
    # Grace was last e-mailed, but Kith holds only her phone; Tom wrote by message; Ada is met
    assert channels == {
        "Tom Becker": "message",
        "Grace Hopper": "message",
        "Ada Lovelace": "in_person",
    }


def test_a_channel_is_one_kith_holds_an_address_for_or_has_used_else_in_person() -> None:
    grace = Candidate(1, "L3", None, True, last_channel="email", channels=frozenset({"email"}))
    assert choose_channel(grace).channel == "email"  # nothing known of her addresses
    with_phone = reachable({"phone"}, {"email"})
    assert with_phone == frozenset({"in_person", "message", "call", "video"})
    assert choose_channel(_with(grace, with_phone)).channel == "message"
    assert choose_channel(_with(grace, reachable((), {"email"}))).channel == "in_person"
    assert choose_channel(_with(grace, reachable((), {"email", "call"}))).channel == "call"
    ada = Candidate(2, "L5", None, True, last_channel="message", channels=frozenset({"message"}))
    assert choose_channel(_with(ada, reachable({"email"}, ()))).channel == "email"


def test_the_plan_says_once_how_to_reach_the_picks_it_holds_no_address_for(run: Run) -> None:
    """Ada and Tom have no address and were only met: both are picked for coffee, and one line
    under the table names them; Grace has a number, for a message. An address added, or the
    pick done, and the line leaves them out."""
    tuesday = "2026-11-03T09:00:00+00:00"
    run(tuesday, "add", "Ada Lovelace")
    run(tuesday, "add", "Tom Becker")
    run(tuesday, "add", "Grace Hopper", "--phone", "+44 7700 900123")
    for name in ("Ada", "Tom", "Grace"):
        run(tuesday, "cadence", name, "--ideal", "7d")
        run(tuesday, "log", name, "coffee", "--when", "2026-10-20")
    shown = run(tuesday, "plan").output.splitlines()
    assert [line.rstrip() for line in shown if line.endswith("open")] == [
        "1  Ada Lovelace  L5     overdue by 6 days  coffee   open",
        "2  Tom Becker    L5     overdue by 6 days  coffee   open",
        "3  Grace Hopper  L5     overdue by 6 days  message  open",
    ]
    assert [line for line in shown if line.startswith("No address")] == [
        "No address or number for Ada Lovelace, Tom Becker (so: coffee): "
        "`kith edit NAME --email ADDRESS` or `--phone NUMBER` adds one."
    ]
    run(tuesday, "edit", "Tom", "--email", "tom@example.org")
    assert [line for line in run(tuesday, "plan").output.splitlines() if "No address" in line] == [
        "No address or number for Ada Lovelace (so: coffee): "
        "`kith edit 'Ada Lovelace' --email ADDRESS` or `--phone NUMBER` adds one."
    ]
    run(tuesday, "done", "Ada")
    assert "No address" not in run(tuesday, "plan").output


def test_today_says_the_no_address_line_as_the_plan_does(run: Run) -> None:
    tuesday = "2026-11-03T09:00:00+00:00"
    run(tuesday, "add", "Ada Lovelace")
    run(tuesday, "add", "Grace Hopper", "--phone", "+44 7700 900123")
    for name in ("Ada", "Grace"):
        run(tuesday, "cadence", name, "--ideal", "7d")
        run(tuesday, "log", name, "coffee", "--when", "2026-10-20")
    line = (
        "No address or number for Ada Lovelace (so: coffee): "
        "`kith edit 'Ada Lovelace' --email ADDRESS` or `--phone NUMBER` adds one."
    )
    assert line in run(tuesday, "plan").output.splitlines()
    assert run(tuesday, "today").output.splitlines()[:4] == [
        "This week's plan (2026-W45)",
        "  Ada Lovelace — overdue by 6 days — coffee",
        "  Grace Hopper — overdue by 6 days — message",
        f"  {line}",
    ]
    run(tuesday, "done", "Ada")
    assert "No address" not in run(tuesday, "today").output


def test_the_sql_finds_a_note_on_exactly_the_channels_the_reply_rule_calls_written(
    store: Store,
) -> None:
    """One person a channel, each whose latest interaction is an inbound one on it."""
    ids = {}
    for channel in CHANNELS:
        ids[people.add_person(store, PersonDraft(f"Someone {channel}"), NOTED).id] = channel
        entry = LogEntry("they got in touch", channel=channel, direction="in", when="2026-11-01")
        log_interaction(store, [max(ids)], entry, NOTED)
    with store.reading():
        found = {ids[person] for person, _, _ in store.plan.wrote_last("2026-10-01T00:00:00Z")}
        among = store.plan.wrote_last("2026-10-01T00:00:00Z", among=list(ids))
    assert found == {"email", "message", "social"}
    assert found == WRITTEN
    assert {ids[person] for person, _, _ in among} == found


def test_a_reply_week_is_each_of_the_four_after_the_notes_then_one_in_four() -> None:
    wrote = datetime(2026, 11, 3, 18, tzinfo=UTC)
    weeks = [
        reply_week(wrote, Span(datetime(2026, 11, 2, tzinfo=UTC) + k * WEEK, END))
        for k in range(14)
    ]
    assert [k for k, holds in enumerate(weeks) if holds] == [1, 2, 3, 4, 8, 12]


def _with(candidate: Candidate, reach: frozenset[str]) -> Candidate:
    return replace(candidate, reachable=reach)


WEEK = datetime(2026, 1, 8, tzinfo=UTC) - datetime(2026, 1, 1, tzinfo=UTC)
END = datetime(2030, 1, 1, tzinfo=UTC)


def test_a_note_from_someone_outside_the_layers_is_found_in_a_promoted_week_as_in_a_stepped_one(
    tmp_path: Path,
) -> None:
    from tests.test_week_fast_path import two_demos
    from tests.test_week_pool_ahead import PROMOTED_AT, promoted
    from tests.test_week_prepared import BUILT_AT

    stores = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    try:
        found = []
        for store in stores:  # the first with the next Monday's step prepared, then promoted
            pid = outside_the_layers(store)
            note = LogEntry("wrote about the talk", channel="message", direction="in")
            log_interaction(store, [pid], replace(note, when="2026-11-21T08:00"), BUILT_AT)
            if store is stores[0]:
                assert week_ahead.prepare(store, BUILT_AT) == "prepared"
            promoted(store, PROMOTED_AT)
            with store.transaction():  # a weak tie, as ~13,000 of profile L's in touch this season
                store.connection.execute(
                    named(
                        store.connection, "UPDATE layer_state SET layer = 'L7' WHERE person_id = ?"
                    ),
                    (pid,),
                )
            now = PROMOTED_AT + timedelta(hours=2)
            owed_at = replies.owed(store, now, span_of(now))[pid]
            assert owed_at == datetime(2026, 11, 21, 8, tzinfo=UTC)
            found.append(pool_of(store, now))
            assert pid in [entry[2] for entry in found[-1][1]]
        assert found[0] == found[1]
    finally:
        for store in stores:
            store.close()


SILENT = timedelta(days=plan.SILENT_DAYS)


def outside_the_layers(store: Store) -> int:
    """A two-way contact with no layer yet (L7), in touch within 90 days."""
    found = store.connection.execute(
        named(
            store.connection,
            "SELECT p.id FROM person p LEFT JOIN layer_state s ON s.person_id = p.id "
            "JOIN tie t ON t.person_id = p.id WHERE p.kind = 'contact' AND p.archived = 0 "
            "AND p.muted = 0 AND p.pinned = 0 AND p.cadence_days IS NULL "
            "AND coalesce(s.layer, 'L7') = 'L7' AND t.sent > 0 AND t.received > 0 "
            "AND p.last_contact_at > '2026-09-01' ORDER BY p.id LIMIT 1",
        )
    )
    return int(found.fetchone()[0])


def pool_of(store: Store, now: datetime) -> tuple[list[int], list[tuple[float, float, int]]]:
    tags, days = plan._tag_cadences(store), plan.layer_cadences(store)
    silent = now - SILENT
    week = span_of(now)
    owed = partial(replies.owed, store, now, week)
    found = plan_pool.eligible_pool(
        store, now, week, hooks(store, now), tags, days, silent, (), owed
    )
    return found.strong, list(found.rest)


def test_why_says_the_reply_owed_where_their_note_reset_the_clock(run: Run) -> None:
    seeded(run)
    shown = run("2026-11-09T09:00:00+00:00", "why", "Tom").output
    assert (
        "due      2027-05-02 (last contact 2026-11-03 + 180 days), ρ 0.03; "
        "they wrote last, 5 days ago, a reply owed\n"
    ) in shown
