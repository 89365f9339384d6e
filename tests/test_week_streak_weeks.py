"""The hysteresis counters kept as the week each streak began (migration 0052): every reader of
the state sees what it saw when they were kept as counts, over seeded weeks of steps, replays,
promotions, patches, deletes, merges and ratings; a streak that goes on changes no row; and the
migration turns the counts of a file into weeks that read back as the same counts."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kith.services.ties import layer_replay
from kith.services.week import plan
from kith.store import Store, migrations
from kith.store.connection import APPLICATION_ID
from kith.store.week import generation
from kith.store.week import layers as stored_layers
from kith.store.week.layers import LayerRepo, streak, week_of
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import BUILT_AT, one_write, prepare

FIXTURE_50 = Path(__file__).parent / "fixtures" / "schema" / "v0050.db.gz"


@contextmanager
def as_counts() -> Iterator[None]:
    """The counters kept as counts, as before migration 0052 (`streak` the identity)."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(stored_layers, "streak", lambda value, week: value)
        patched.setattr(stored_layers, "streaks", lambda values, week: values)
        patched.setattr(layer_replay, "streaks", lambda values, week: values)
        yield


def to_counts(store: Store) -> None:
    """Both sets' counters written back as counts (the file as it was before 0052)."""
    with store.transaction():
        for which in generation.SETS:
            week = store.layers.week(which)
            store.connection.execute(
                f"UPDATE layer_state_{which} SET "
                "above_since = CASE above_since WHEN 0 THEN 0 ELSE ?1 - above_since + 1 END, "
                "below_since = CASE below_since WHEN 0 THEN 0 ELSE ?1 - below_since + 1 END",
                (week,),
            )


def seen(store: Store, as_kept: bool = True) -> list[Any]:
    """What the readers of the state see: both states' rows, the arrays a step loads, and the
    columns SQL reads of both sets (without `as_kept`: read as counts)."""
    if not as_kept:
        with as_counts():
            return seen(store)
    found = store.layers.stored()
    arrays = [getattr(found, name).tolist() for name in ("ids", "layer", "above", "below")]
    arrays += [getattr(found, name).tolist() for name in ("bound", "s_max", "held")]
    sql = "SELECT person_id, layer, bound, s_max FROM {} ORDER BY person_id"
    return [
        store.layers.state(),
        store.layers.state(prepared=True),
        arrays,
        found.peaks,
        store.layers.instant(),
        store.layers.months(),
        store.connection.execute(
            generation.named(store.connection, sql.format("layer_state"))
        ).fetchall(),
        store.connection.execute(
            generation.named(store.connection, sql.format("layer_prepared"))
        ).fetchall(),
    ]


def kept_weeks(store: Store) -> dict[int, tuple[int, int]]:
    """The current set's rows as kept: the weeks their streaks began."""
    found = store.connection.execute(
        generation.named(
            store.connection, "SELECT person_id, above_since, below_since FROM layer_state"
        )
    )
    return {person: (up, down) for person, up, down in found}


def test_the_readers_see_the_counts_over_seeded_weeks_of_steps_replays_and_promotions(
    tmp_path: Path,
) -> None:
    paths = [tmp_path / "weeks.db", tmp_path / "counts.db"]
    weeks, counts = two_demos(*paths)
    to_counts(counts)
    rng = random.Random(5252)
    went_on = streaks = 0
    try:
        assert seen(weeks) == seen(counts, as_kept=False)
        for week in range(1, 13):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            before = kept_weeks(weeks)
            old = {row[0]: row for row in weeks.layers.state()}
            plan.this_week(weeks, monday)
            with as_counts():
                plan.this_week(counts, monday)
            after = kept_weeks(weeks)
            for row in weeks.layers.state():  # a streak gone on by one week, its row as it was
                if row[0] in old and (row[2] or row[3]):
                    streaks += 1
                    went_on += (
                        row[2:4]
                        in {
                            (old[row[0]][2] + 1, 0),
                            (0, old[row[0]][3] + 1),
                        }
                        and before[row[0]] == after[row[0]]
                    )
            assert seen(weeks) == seen(counts, as_kept=False), week
            if week % 3 != 1:
                prepare(weeks, monday + timedelta(hours=2))
                with as_counts():
                    prepare(counts, monday + timedelta(hours=2))
            for n in range(rng.randint(1, 3)):
                when = monday + timedelta(days=1 + n, hours=n)
                seed = rng.random()
                one_write([weeks], paths[:1], when, random.Random(seed))
                with as_counts():
                    one_write([counts], paths[1:], when, random.Random(seed))
                assert seen(weeks) == seen(counts, as_kept=False), (week, n)
        assert streaks > 20
        assert went_on > 10  # rows a step left alone that a count would have rewritten
    finally:
        weeks.close()
        counts.close()


def test_a_streak_is_kept_as_the_week_it_began_and_read_back_as_its_count() -> None:
    week = week_of("2026-11-30T00:00:00Z")
    assert week_of("2026-11-29T23:00:00Z") == week  # a Monday midnight east of UTC
    assert week_of("2026-11-30T14:00:00Z") == week  # and west of it
    assert week_of("2026-12-07T00:00:00Z") == week + 1
    assert week_of("0001-01-01T00:00:00Z") == 1
    assert streak(0, week) == 0
    assert streak(3, week) == week - 2  # the third week in a row: began two weeks before
    assert streak(streak(3, week), week) == 3
    assert streak(streak(3, week), week + 1) == 4  # a week later, without a write


def test_migration_52_keeps_the_week_each_streak_began_and_reads_back_the_counts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v0050.db"
    with gzip.open(FIXTURE_50) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    connection = sqlite3.connect(path, isolation_level=None)
    stamp = '["2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", "UTC"]'
    connection.executemany(  # set b current, a step to the next Monday prepared in set a
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("layers.current", "b"), ("layers.prepared", f'{{"stamp": {json.dumps(stamp)}}}')],
    )
    which = generation.current(connection)
    counts = {}
    for name in generation.SETS:
        table = f"layer_state_{name}"
        connection.executemany(  # streaks of all lengths in both sets, and rows without
            f"INSERT INTO {table} (person_id, layer, above, below, bound, s_max) "
            "VALUES (?, 'L5', ?, ?, ?, 0.5)",
            [
                (p, p % 3, p * 13 % 7 * 9, None if p % 2 else "L4")
                for p in range(1, 6 if name == which else 5)  # the fixture's five people
            ],
        )
        counts[name] = connection.execute(
            f"SELECT person_id, layer, above, below, bound, s_max FROM {table} ORDER BY person_id"
        ).fetchall()
    instant = connection.execute("SELECT value FROM meta WHERE key = 'layers.instant'").fetchone()
    migrations.migrate(connection, path, APPLICATION_ID, upto=52)
    repo = LayerRepo(connection)
    assert repo.week(which) == week_of(instant[0])
    assert repo.week(generation.other(which)) == week_of("2026-11-23T00:00:00Z")
    for name in generation.SETS:
        kept = connection.execute(
            f"SELECT person_id, layer, above_since, below_since, bound, s_max FROM "
            f"layer_state_{name} ORDER BY person_id"
        ).fetchall()
        week = repo.week(name)
        assert kept[0][2:4] == (week, week - 53)  # person 1: a week above, 54 below
        assert [
            (p, layer, streak(up, week), streak(down, week), bound, s_max)
            for p, layer, up, down, bound, s_max in kept
        ] == counts[name]
    found = repo.stored()
    assert [row[2:4] for row in counts[which]] == list(
        zip(found.above.tolist(), found.below.tolist(), strict=True)
    )
    connection.close()
