"""The week's plans with the next Monday's step prepared and promoted (issue 15): over seeded
weeks, pick for pick, those of a database where nothing was prepared, and the first `today` of
the week says what it says without. (The pool's rows were once kept ahead with the step,
migration 0041; the choice reads them by SQL since session 19, and migration 0055 dropped
them.)"""

from __future__ import annotations

import random
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.services.interactions import LogEntry, log_interaction
from kith.services.ties import layers
from kith.services.ties.why import rate
from kith.services.week import outreach, plan, week_ahead
from kith.store import Store, open_store
from kith.store.week.ahead import PREPARED_KEY
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import BUILT_AT, NEXT_WEEK

PROMOTED_AT = BUILT_AT + timedelta(days=1)  # Monday 23 Nov 10:00: the prepared step's week


def promoted(store: Store, now: datetime) -> None:
    """The layers brought to now's Monday, as the week's first command does."""
    layers.keep_current(store, now)
    with store.deriving():
        layers.advance(store, now)


def contacts(store: Store) -> list[int]:
    found = store.connection.execute(
        "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 AND muted = 0 ORDER BY id"
    )
    return [int(pid) for (pid,) in found]


def a_week(
    fast: Store, plain: Store, monday: datetime, rng: random.Random, style: str
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The same week on both stores, and the plan each made: made on a random day (the next
    Monday prepared on `fast` after it, as the CLI does in the background), its picks acted on
    as `style` says (busy: all done; ignores: none; half: every other one done, the rest
    skipped or snoozed), then logs, ratings, pins, mutes and cadences through the week, the
    next Monday prepared again on `fast` after the last (reprepare)."""
    made_at = monday + timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 13))
    ids = contacts(fast)
    writes = [
        (rng.choice(["log", "log", "log", "rate", "pin", "mute", "cadence"]), rng.choice(ids))
        for _ in range(rng.randint(2, 6))
    ]
    ratings = [rng.randint(1, 5) for _ in writes]
    made = []
    for store in (fast, plain):
        week = plan.this_week(store, made_at)
        made.append(picks_of(week))
        if store is fast:
            week_ahead.again(fast, made_at)
        for n, pick in enumerate(week.open_picks()):
            when = made_at + timedelta(minutes=10 + n)
            if style == "busy" or (style == "half" and n % 2 == 0):
                outreach.done(store, pick.person.id, when)
            elif style == "half" and n % 4 == 1:
                outreach.skip(store, pick.person.id, when)
            elif style == "half":
                outreach.snooze(store, pick.person.id, when, "3d")
        for n, (kind, person) in enumerate(writes):
            one_write(store, kind, person, ratings[n], made_at + timedelta(hours=1 + n))
        if store is fast:
            week_ahead.again(fast, made_at + timedelta(hours=len(writes) + 1))
        else:
            with plain.transaction():  # nothing prepared: the step worked out as before
                plain.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
    return made[0], made[1]


def one_write(store: Store, kind: str, person: int, rating: int, when: datetime) -> None:
    if kind == "log":
        log_interaction(store, [person], LogEntry("met", channel="message"), when)
    elif kind == "rate":
        rate(store, person, rating, when)
    elif kind in ("pin", "mute"):
        outreach.set_flag(store, person, {"pin": "pinned", "mute": "muted"}[kind], True)
    else:
        outreach.set_person_cadence(store, person, "21d", None, False)


def picks_of(week: plan.Week) -> list[tuple[Any, ...]]:
    return [
        (p.person.id, p.stored.position, p.stored.reason, p.stored.channel, p.stored.priority)
        for p in week.picks
    ]


@pytest.mark.parametrize("style", ["busy", "ignores", "half"])
def test_over_seeded_weeks_the_plans_of_a_database_that_prepared_are_those_of_one_that_never_did(
    tmp_path: Path, style: str
) -> None:
    # (the choice reads the pool by SQL since session 19: the plans of a database whose steps
    # were prepared and promoted against one that never prepared)
    fast, plain = two_demos(tmp_path / "fast.db", tmp_path / "plain.db")
    rng = random.Random(f"pool-{style}")
    try:
        week_ahead.again(fast, BUILT_AT)
        for week in range(10):
            monday = BUILT_AT.replace(hour=0) + timedelta(days=1, weeks=week)
            made, expected = a_week(fast, plain, monday, random.Random(rng.random()), style)
            assert made == expected, week
            assert len(made) >= 3, week
    finally:
        fast.close()
        plain.close()


def imported_then(db: Path, writes: list[list[str]]) -> None:
    """`kith import` of one card at the demo's clock (which prepares the next Monday), then
    `writes`."""
    card = db.parent / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wendy Week\r\nEND:VCARD\r\n")
    at_now = ["--db", str(db), "--now", BUILT_AT.isoformat()]
    runner = CliRunner(env={"KITH_PREPARE_AHEAD": "off"})
    assert runner.invoke(cli, [*at_now, "import", str(card)]).exit_code == 0
    for write in writes:
        assert runner.invoke(cli, [*at_now, *write]).exit_code == 0


def first_today(db: Path) -> tuple[str, list[Any]]:
    """The first `today` of the next week: its output and the picks stored."""
    runner = CliRunner(env={"KITH_PREPARE_AHEAD": "off"})
    ran = runner.invoke(cli, ["--db", str(db), "--now", NEXT_WEEK.isoformat(), "today"])
    assert ran.exit_code == 0
    with closing(open_store(db)) as store:
        picks = store.connection.execute("SELECT * FROM plan_pick ORDER BY week, position")
        return ran.output, picks.fetchall()


@pytest.mark.parametrize(
    "writes",
    [[], [["log", "#15", "#16", "dinner"]], [["add", "Zed Newperson"], ["pin", "#6"]]],
    ids=["kept", "a log since", "an add and a pin since (the pin voids the step)"],
)
def test_the_first_today_of_the_week_with_the_step_prepared_says_what_it_says_without(
    built_demo: Path, tmp_path: Path, writes: list[list[str]]
) -> None:
    prepared, plain = tmp_path / "prepared" / "kith.db", tmp_path / "plain" / "kith.db"
    for db in (prepared, plain):
        db.parent.mkdir()
        db.write_bytes(built_demo.read_bytes())
        imported_then(db, writes)
    with closing(open_store(plain)) as store, store.transaction():
        store.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
    shown = first_today(prepared)
    assert shown == first_today(plain)
    assert len(shown[1]) >= 3
