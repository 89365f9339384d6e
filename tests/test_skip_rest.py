"""A skip rests the person (trial 4, finding 9): after the k-th skip within 8 weeks they are in
no plan for the k weeks after the skip's week, as `kith skip` says; a pick left undone is no
skip (it keeps only F's discount), and a birthday during the rest brings them in all the same.

The book: Ada, Grace and Ben seen every month, and Dora, called every week through 2024 and
silent since (a dormant tie, eligible every week). The plan is made afresh each Monday at 09:00
over twelve Mondays; the skips come on the Tuesday after."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kith.relate.priority import Span, back_on, rest_weeks, resting
from kith.services.ties import layers
from kith.services.week import outreach, plan
from kith.services.week.weeks import settle
from kith.store import Store
from tests.conftest import Run
from tests.test_week_fast_path import BUILT_AT, full_choice, two_demos
from tests.test_week_replies import reasons_each_monday

MONDAYS = [(date(2026, 11, 9) + timedelta(weeks=k)).isoformat() for k in range(12)]


def seeded(run: Run, *dora: str) -> None:
    """The book; `dora`: more of `kith add`'s options for Dora."""
    start = "2024-01-01T09:00:00+00:00"
    run(start, "add", "Ada Lovelace", "--email", "ada@example.org")
    run(start, "add", "Grace Hopper", "--phone", "+44 7700 900123")
    run(start, "add", "Ben Okafor", "--phone", "+44 7700 900789")
    run(start, "add", "Dora Maar", "--phone", "+44 7700 900456", *dora)
    day = date(2024, 1, 3)
    while day.year == 2024:
        run(f"{day}T20:00:00+00:00", "log", "Dora", "weekly call", "--channel", "call")
        day += timedelta(weeks=1)
    for month in range(1, 24):
        year, number = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
        for name, when in (("Ada", 5), ("Grace", 12), ("Ben", 19)):
            run(f"{year}-{number:02d}-{when:02d}T20:00:00+00:00", "log", name, "caught up")


def dora_each_monday(run: Run, mondays: list[str]) -> list[str | None]:
    """Dora's reason in each Monday's plan (None when she is not in it)."""
    return reasons_each_monday(run, mondays, "Dora Maar")


DORMANT = "dormant tie worth reviving: last in touch Dec 2024"


def test_a_tie_skipped_twice_rests_one_week_then_two_as_kith_skip_says(run: Run) -> None:
    seeded(run)
    assert dora_each_monday(run, MONDAYS[:1]) == [DORMANT]
    said = run("2026-11-10T12:00:00+00:00", "skip", "Dora").output
    assert said == (
        "Skipped in this week's plan: Dora Maar, skipped once in 8 weeks; they rest for 1 week, "
        "not back before Mon 23 Nov (unless a birthday, a follow-up or a note from them).\n"
    )
    assert dora_each_monday(run, MONDAYS[1:3]) == [None, DORMANT]
    said = run("2026-11-24T12:00:00+00:00", "skip", "Dora", "--json").output
    assert json.loads(said)["skips"] == 2
    assert (json.loads(said)["rest_weeks"], json.loads(said)["back"]) == (2, "2026-12-14")
    assert dora_each_monday(run, MONDAYS[3:]) == [
        None,
        None,
        DORMANT,
        DORMANT,
        DORMANT,
        DORMANT,
        DORMANT,
        DORMANT,
        DORMANT,
    ]


def test_why_says_a_rest_after_a_skip_in_the_words_of_skip_until_it_ends(run: Run) -> None:
    seeded(run)
    dora_each_monday(run, MONDAYS[:1])
    run("2026-11-10T12:00:00+00:00", "skip", "Dora")
    rest = (
        "resting  after a skip: they rest for 1 week, not back before Mon 23 Nov (unless a "
        "birthday, a follow-up or a note from them)"
    )
    for moment in ("2026-11-10T13:00:00+00:00", "2026-11-22T23:00:00+00:00"):
        assert run(moment, "why", "Dora").output.splitlines()[-1] == rest
        shown = json.loads(run(moment, "why", "Dora", "--json").output)
        assert shown["rest"] == {"weeks": 1, "back": "2026-11-23"}
    after = run("2026-11-23T09:00:00+00:00", "why", "Dora")
    assert "resting" not in after.output
    assert (
        json.loads(run("2026-11-23T09:00:00+00:00", "why", "Dora", "--json").output)["rest"] is None
    )


def test_a_pick_left_undone_is_no_skip_and_comes_back_the_next_week(run: Run) -> None:
    seeded(run)
    assert dora_each_monday(run, MONDAYS[:4]) == [DORMANT, DORMANT, DORMANT, DORMANT]


def test_a_birthday_during_the_rest_brings_them_in_all_the_same(run: Run) -> None:
    seeded(run, "--birthday", "1980-12-03")
    assert dora_each_monday(run, MONDAYS[:1]) == [DORMANT]
    run("2026-11-10T12:00:00+00:00", "skip", "Dora")
    assert dora_each_monday(run, MONDAYS[1:3]) == [None, DORMANT]
    run("2026-11-24T12:00:00+00:00", "skip", "Dora")
    assert dora_each_monday(run, MONDAYS[3:6]) == ["a birthday coming up: Thu 3 Dec", None, DORMANT]


def test_each_skip_rests_a_week_more_than_the_skips_in_the_8_weeks_before_it() -> None:
    tue = [datetime(2026, 11, 10, 12, tzinfo=UTC) + timedelta(weeks=2 * k) for k in range(3)]
    assert [rest_weeks(tue, skip) for skip in tue] == [1, 2, 3]
    assert [back_on(tue, skip, UTC) for skip in tue] == [
        date(2026, 11, 23),
        date(2026, 12, 14),
        date(2027, 1, 4),
    ]
    old = [datetime(2026, 9, 1, 12, tzinfo=UTC), tue[0]]  # 70 days before: outside the window
    assert rest_weeks(old, tue[0]) == 1
    mondays = [datetime(2026, 11, 9, tzinfo=UTC) + timedelta(weeks=k) for k in range(9)]
    now = datetime(2027, 3, 1, tzinfo=UTC)
    rests = [resting(tue, now, Span(m, m + timedelta(weeks=1))) for m in mondays]
    assert [m.date().isoformat() for m, holds in zip(mondays, rests, strict=True) if holds] == [
        "2026-11-09",  # the skip's own week (a plan made again this week leaves them out)
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
        "2026-12-21",
        "2026-12-28",
    ]
    assert not resting(tue, tue[0] - timedelta(days=1), Span(mondays[1], mondays[2]))


def test_the_fast_week_leaves_out_whom_the_full_computation_rests(tmp_path: Path) -> None:
    """Over seeded weeks of the demo network where the first two picks are skipped and the
    third done each week, the week chosen through the pool is the full computation's, and a
    skipped person is in the next week only for a birthday."""
    fast, full = two_demos(tmp_path / "fast.db", tmp_path / "full.db")
    rng = random.Random(5)
    back: list[tuple[int, int, str]] = []  # skipped, in the next week all the same
    try:
        for week in range(1, 7):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            tuesday = monday + timedelta(days=1)
            picks = plan.this_week(fast, tuesday).open_picks()
            ids = [pick.person.id for pick in picks]
            assert ids == [pick.person.id for pick in plan.this_week(full, tuesday).open_picks()]
            for n, pick in enumerate(picks[:3]):
                when = tuesday + timedelta(hours=n + rng.randint(0, 5))
                for store in (fast, full):
                    if n < 2:
                        outreach.skip(store, pick.person.id, when)
                    else:
                        outreach.done(store, pick.person.id, when)
            now = monday + timedelta(weeks=1)
            layers.keep_current(full, now)
            with full.transaction():
                settle(full, now)
            expected = full_choice(full, now)
            made = plan.this_week(fast, now)
            assert [(p.person.id, p.stored.reason) for p in made.picks] == expected, week
            skipped = {pick.person.id for pick in picks[:2]}
            back += [
                (week, p.person.id, p.stored.reason) for p in made.picks if p.person.id in skipped
            ]
            plan.this_week(full, now)
        assert back == [(2, 41, "a birthday coming up: Sun 13 Dec")]  # no one else
    finally:
        fast.close()
        full.close()


def test_a_skip_read_again_from_its_week_says_the_rest_kith_skip_said(
    run: Run, store: Store
) -> None:
    seeded(run)
    dora_each_monday(run, MONDAYS[:1])
    first = run("2026-11-10T12:00:00+00:00", "skip", "Dora").output
    dora_each_monday(run, MONDAYS[1:3])
    second = json.loads(run("2026-11-24T12:00:00+00:00", "skip", "Dora", "--json").output)
    dora = second["person"]["id"]
    rests = [
        outreach.skip_rests(store, store.plan.picks(key), UTC) for key in ("2026-W46", "2026-W48")
    ]
    assert rests == [
        {
            dora: "they rest for 1 week, not back before Mon 23 Nov (unless a birthday, a "
            "follow-up or a note from them)"
        },
        {
            dora: "they rest for 2 weeks, not back before Mon 14 Dec (unless a birthday, a "
            "follow-up or a note from them)"
        },
    ]
    assert rests[0][dora] in first
    assert outreach.skip_rests(store, store.plan.picks("2026-W47"), UTC) == {}  # she rested
