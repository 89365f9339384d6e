"""The week's pool rows read ahead with the next Monday's step (issue 15, migration 0041): the
first `plan` or `today` of the week judges the rows kept at its own instant when the layers are
that step promoted, reads again the rows of the people written since, and otherwise reads the
pool as before. Every write that changes a row names its person (a test per kind of write fails
without it), and over seeded weeks the plans made with the rows kept are, pick for pick, those
of a database where nothing was prepared."""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.clock import to_utc_text
from kith.relate.strength import DORMANT_S_MAX
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import relate, set_archived
from kith.services.ties import layers
from kith.services.ties.why import rate
from kith.services.week import outreach, plan, plan_pool, week_ahead
from kith.services.week.hooks import hooks
from kith.store import Store, open_store
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import named
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import BUILT_AT, NEXT_WEEK

PROMOTED_AT = BUILT_AT + timedelta(days=1)  # Monday 23 Nov 10:00: the prepared step's week
LATER = PROMOTED_AT + timedelta(days=2, hours=5)  # that week's Wednesday


def both_ways(store: Store, now: datetime) -> tuple[list[Any] | None, list[Any]]:
    """The pool's rows at `now` from the rows kept (None when they are not used) and as
    POOL_ROWS_SQL reads them."""
    with store.reading():
        tag_cadences = plan._tag_cadences(store)
        extra = [*hooks(store, now), *store.plan.tagged(list(tag_cadences))]
        silent = to_utc_text(now - timedelta(days=plan.SILENT_DAYS))
        kept = plan_pool._kept_rows(store, silent, extra)
        return kept, store.plan.pool_rows(DORMANT_S_MAX, silent, extra)


def forgetting_touched(store: Store, now: datetime) -> list[Any] | None:
    """The rows kept at `now` as if no one had been named since they were read."""
    with store.transaction():
        store.connection.execute("DELETE FROM plan_pool_touched")
    return both_ways(store, now)[0]


def promoted(store: Store, now: datetime) -> None:
    """The layers brought to now's Monday, as the week's first command does."""
    layers.keep_current(store, now)
    with store.deriving():
        layers.advance(store, now)


@pytest.fixture
def prepared(tmp_path: Path) -> Any:
    """The demo with the next Monday's step and its pool prepared, then promoted."""
    store, other = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    other.close()
    assert week_ahead.prepare(store, BUILT_AT) == "prepared"
    promoted(store, PROMOTED_AT)
    yield store
    store.close()


def contacts(store: Store) -> list[int]:
    found = store.connection.execute(
        "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 AND muted = 0 ORDER BY id"
    )
    return [int(pid) for (pid,) in found]


def a_cadenced(store: Store) -> int:
    """A contact in a layer with a cadence (in the pool), not pinned."""
    found = store.connection.execute(
        named(
            store.connection,
            "SELECT p.id FROM person p JOIN layer_state s ON s.person_id = p.id "
            "WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0 AND p.pinned = 0 "
            "AND s.layer IN ('L3', 'L4') ORDER BY p.id LIMIT 1",
        )
    )
    return int(found.fetchone()[0])


def sql(statement: str, *args: Any) -> Callable[[Store], None]:
    def write(store: Store) -> None:
        with store.transaction():
            store.connection.execute(named(store.connection, statement), args)

    return write


WRITES: dict[str, Callable[[Store], None]] = {  # each changes a row the pool reads
    "a log": lambda s: log_interaction(s, [a_cadenced(s)], LogEntry("met", channel="call"), LATER),
    "a snooze": lambda s: outreach.snooze(s, a_cadenced(s), LATER, "2026-12-24"),
    "a mute": lambda s: outreach.set_flag(s, a_cadenced(s), "muted", True),
    "a pin": lambda s: outreach.set_flag(s, a_cadenced(s), "pinned", True),
    "a cadence": lambda s: outreach.set_person_cadence(s, a_cadenced(s), "10d", None, False),
    "an archive": lambda s: set_archived(s, a_cadenced(s), True, LATER),
    "a kin relationship": lambda s: relate(s, a_cadenced(s), contacts(s)[-1], "sibling", LATER),
    "a known-since date": lambda s: sql(
        "UPDATE person SET known_since = '2026-11-01' WHERE id = ?", a_cadenced(s)
    )(s),
    "a tie row": lambda s: sql(
        "UPDATE tie SET warmth = warmth + 1 WHERE person_id = ?", a_cadenced(s)
    )(s),
    "a layer row": lambda s: sql(
        "UPDATE layer_state SET layer = 'L7' WHERE person_id = ?", a_cadenced(s)
    )(s),
    "a person gone": lambda s: sql("DELETE FROM person WHERE id = ?", a_cadenced(s))(s),
}


def test_the_rows_kept_are_the_pool_at_every_hour_of_the_promoted_week(prepared: Store) -> None:
    store = prepared
    assert store.pool.touched() == []
    for hours in range(0, 7 * 24, 7):
        now = PROMOTED_AT.replace(hour=0) + timedelta(hours=hours)
        kept, read = both_ways(store, now)
        assert kept is not None
        assert len(kept) > 50
        assert kept == read


def test_the_rows_kept_are_not_used_a_week_later_when_more_ties_are_dormant(
    prepared: Store,
) -> None:
    later = PROMOTED_AT + timedelta(days=8)  # the bound is kept a day beyond the week
    kept, _ = both_ways(prepared, later)
    assert kept is None


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_a_write_after_the_promotion_names_its_people_and_their_rows_are_read_again(
    prepared: Store, write: Callable[[Store], None]
) -> None:
    store = prepared
    before = both_ways(store, LATER)[1]
    write(store)
    assert store.pool.touched() != []
    kept, read = both_ways(store, LATER)
    assert read != before  # the write changed the pool's rows
    assert kept == read
    assert forgetting_touched(store, LATER) != read  # naming them is what keeps it exact


def test_a_log_before_the_promotion_is_patched_into_the_layers_and_read_again(
    tmp_path: Path,
) -> None:
    store, other = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    other.close()
    with closing(store):
        assert week_ahead.prepare(store, BUILT_AT) == "prepared"
        person = a_cadenced(store)
        log_interaction(store, [person], LogEntry("met", channel="call"), BUILT_AT)
        promoted(store, PROMOTED_AT)
        assert person in store.pool.touched()
        kept, read = both_ways(store, LATER)
        assert kept == read
        assert forgetting_touched(store, LATER) != read


def test_layers_stepped_instead_of_promoted_do_not_use_the_rows_kept(tmp_path: Path) -> None:
    store, other = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    other.close()
    with closing(store):
        assert week_ahead.prepare(store, BUILT_AT) == "prepared"
        rate(store, a_cadenced(store), 5, BUILT_AT)  # voids the prepared step: a replay
        promoted(store, PROMOTED_AT)
        assert store.pool.stamp() is not None
        assert both_ways(store, LATER)[0] is None
        assert week_ahead.again(store, PROMOTED_AT) == "prepared"  # the next Monday's, then
        assert both_ways(store, LATER)[0] is None  # not this week's


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
            with plain.transaction():  # nothing prepared: the step and the rows read as before
                plain.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
                plain.connection.execute("DELETE FROM plan_pool_prepared")
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
    ("writes", "used"),
    [
        ([], True),
        ([["log", "#15", "#16", "dinner"]], True),
        ([["add", "Zed Newperson"], ["pin", "#6"]], False),  # the pin voids the step
    ],
    ids=["kept", "a log since", "an add and a pin since"],
)
def test_the_first_today_of_the_week_with_the_rows_kept_says_what_it_says_without(
    built_demo: Path, tmp_path: Path, writes: list[list[str]], used: bool
) -> None:
    prepared, plain = tmp_path / "prepared" / "kith.db", tmp_path / "plain" / "kith.db"
    for db in (prepared, plain):
        db.parent.mkdir()
        db.write_bytes(built_demo.read_bytes())
        imported_then(db, writes)
    with closing(open_store(plain)) as store, store.transaction():
        assert store.pool.stamp() is not None
        store.connection.execute("DELETE FROM plan_pool_prepared")
    shown = first_today(prepared)
    with closing(open_store(prepared)) as store:  # the layers are the step the rows are for
        kept = store.pool.stamp()
        assert (kept is not None and kept[0] == store.pool.promoted()) is used
    assert shown == first_today(plain)
    assert len(shown[1]) >= 3


def test_a_step_prepared_before_the_rows_were_kept_has_them_kept_by_the_next_preparation(
    prepared: Store,
) -> None:
    store = prepared
    assert week_ahead.prepare(store, LATER) == "prepared"  # the next Monday's, with its rows
    with store.transaction():
        store.connection.execute("DELETE FROM plan_pool_prepared")  # as after an upgrade
    assert week_ahead.prepare(store, LATER) == "kept"
    assert store.pool.stamp() is not None
    assert store.pool.stamp() == (
        store.layers.stamp(
            to_utc_text(PROMOTED_AT.replace(hour=0)),
            to_utc_text(PROMOTED_AT.replace(hour=0) + timedelta(days=7)),
            "UTC",
        ),
        to_utc_text(PROMOTED_AT.replace(hour=0) + timedelta(days=15 - plan.SILENT_DAYS)),
    )
