"""A replay of the log and the weekly steps from the tie rows leave the same state (science.md
§4, "Stored, advanced lazily, replayed when the past changes"): everyone's layer, streak and
bound to the bit, S, S_max and the peaks to rounding (a replay carries the decayed sums from
Monday to Monday, a step reads the tie rows, carried from interaction to interaction). Two
people with the same log have the same tie row to the bit however it was written, so a step
orders them as a replay does."""

from __future__ import annotations

import json
import math
import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.services.ties import layers
from kith.store import open_store
from kith.store.week.layers import StateRow
from tests.test_latent_ties import REAL, Run, address_book, one_day_chat
from tests.test_week_prepared import prepared as was_prepared

IMPORTED_ON = "2026-10-05T09:00:00+00:00"
START = datetime(2026, 1, 5, 9, tzinfo=UTC)  # a Monday
WORDS = ("layer", "above", "below", "bound")  # the state's columns 1-4, equal to the bit
ROUNDING = 1e-12  # S, S_max and the peaks: relative (seen: under 4e-16)


def cli_at(path: Path) -> Run:
    """Run kith on the file at `path` at a moment: cli_at(path)(IMPORTED_ON, "plan")."""

    def run(moment: str, *args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(path), "--now", moment, *args])

    return run


def kith(path: Path, now: datetime, *args: str) -> str:
    done = cli_at(path)(now.isoformat(), *args)
    assert done.exit_code == 0, (args, done.output)
    return done.output


def state(path: Path) -> list[StateRow]:
    with closing(open_store(path)) as store:
        return store.layers.state()


def replayed(path: Path, now: datetime) -> list[StateRow]:
    """The state a replay of the log (`kith rebuild`'s) leaves as of `now`, in a copy."""
    copy = path.with_name("replayed.db")
    copy.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    with closing(open_store(copy)) as store:
        with store.transaction():
            layers.rebuild(store, now)
        return store.layers.state()


def rounded_apart(stepped: list[StateRow], replay: list[StateRow]) -> float:
    """The rows' people, layers, streaks and bounds equal; the largest relative difference of
    S_max, the peaks and S between them."""
    assert [row[:5] for row in stepped] == [row[:5] for row in replay]
    worst = 0.0
    for mine, theirs in zip(stepped, replay, strict=True):
        peaks = [np.frombuffer(p or bytes(480), np.float64) for p in (mine[6], theirs[6])]
        pairs = [(mine[5], theirs[5]), (mine[7], theirs[7]), *zip(*peaks, strict=True)]
        for a, b in pairs:
            assert math.isclose(a, b, rel_tol=ROUNDING), (mine[0], a, b)
            worst = max(worst, abs(a - b) / max(abs(b), 1e-300))
    return worst


def couple(path: Path, weeks: int, each: Callable[[datetime], None]) -> None:
    """Carol (pinned) and a couple, Ann and Ben, all rated 5, each seen on Tuesday and Thursday
    at noon every week; Ann's two logged in order, Ben's Thursday first and his Tuesday
    backdated an hour later (his tie row recomputed, Ann's appended). L1 holds two: Carol and
    one of the couple, whose S are equal, so the ranking's last key, the id, picks Ann. `each`
    is called at every Monday after the first, once the week before it is logged."""
    for name in ("Carol", "Ann", "Ben"):
        kith(path, START, "add", name)
        kith(path, START, "rate", name, "5")
    kith(path, START, "pin", "Carol")
    for week in range(weeks):
        monday = START + timedelta(weeks=week)
        tuesday, thursday = monday + timedelta(days=1, hours=3), monday + timedelta(days=3, hours=3)
        kith(path, monday, "plan")
        for day in (tuesday, thursday):
            kith(path, day, "log", "Carol", "lunch", "-w", day.date().isoformat())
            kith(path, day, "log", "Ann", "lunch", "-w", day.date().isoformat())
        kith(path, thursday, "log", "Ben", "lunch", "-w", thursday.date().isoformat())
        later = thursday + timedelta(hours=1)
        kith(path, later, "log", "Ben", "lunch", "-w", tuesday.date().isoformat())
        each(monday + timedelta(weeks=1))


def test_two_people_with_one_log_written_in_another_order_have_the_same_tie_row(
    db_path: Path,
) -> None:
    couple(db_path, 4, lambda monday: None)
    with closing(open_store(db_path)) as store:
        _, ann, ben = store.ties.rows()  # Carol's, Ann's, Ben's
    assert ann[1:] == ben[1:]
    assert (ann[1], ann[3]) == ("2026-01-06T12:00:00Z", "2026-01-29T12:00:00Z")  # first, as of


def test_a_couple_logged_in_another_order_is_ranked_alike_by_the_steps_and_a_replay(
    db_path: Path,
) -> None:
    """On the old tie rows Ben's S came out one bit above Ann's in the fourth week's step:
    Ben was ranked into L1, Ann out of it (counters moved, below=1), where the replay, which
    has their S equal, kept Ann in."""
    weekly: list[list[tuple[str, int, int, str | None]]] = []

    def compare(monday: datetime) -> None:
        kith(db_path, monday, "plan")
        stepped = state(db_path)
        rounded_apart(stepped, replayed(db_path, monday))
        assert stepped[1][7] == stepped[2][7]  # Ann's S and Ben's, to the bit
        weekly.append([(row[1], row[2], row[3], row[4]) for row in stepped])

    couple(db_path, 5, compare)
    assert weekly[3] == [("L1", 0, 0, None), ("L1", 0, 0, None), ("L2", 0, 0, None)]
    assert [week[2][0] for week in weekly] == ["L5", "L5", "L2", "L2", "L2"]


def test_twenty_weeks_of_logging_backdating_deleting_merging_and_importing_step_as_replayed(
    db_path: Path, tmp_path: Path
) -> None:
    """Seeded: a year of five people's logs and four phone backups, then twenty weeks of logs on
    some days, some backdated (within the week, or before its Monday: a replay), a delete, a
    merge, a chat imported, and a step prepared ahead and patched every third week; at every
    Monday the state as the app keeps it equals a replay of the log (the layers, streaks and
    bounds to the bit, the rest to rounding)."""
    address_book(cli_at(db_path))
    for name in ("Sam Lee", "Samuel Lee"):
        kith(db_path, datetime.fromisoformat(IMPORTED_ON), "add", name)
    rng = random.Random(7)
    names = [name for name, *_ in REAL] + ["Sam Lee", "Samuel Lee"]
    hows: list[str] = []
    worst, prepared = 0.0, 0
    for week in range(20):
        monday = datetime(2026, 10, 12, 9, tzinfo=UTC) + timedelta(weeks=week)
        with closing(open_store(db_path)) as store:
            ahead = "promoted" if was_prepared(store) else ""
            hows.append(ahead or layers.keep_current(store, monday).how)
            if ahead:
                assert layers.keep_current(store, monday).how == "advanced"
                assert not was_prepared(store)
        worst = max(worst, rounded_apart(state(db_path), replayed(db_path, monday)))
        for day in sorted(rng.sample(range(7), rng.randrange(1, 4))):
            when = monday + timedelta(days=day, hours=rng.randrange(10))
            channel = rng.choice(["message", "call", "in_person"])
            kith(db_path, when, "log", rng.choice(names), "hi", "-c", channel)
            if rng.random() < 0.3:
                back = (when - timedelta(days=rng.randrange(1, 10))).date().isoformat()
                kith(db_path, when, "log", rng.choice(names), "earlier", "-w", back)
        if week == 5:
            chat = one_day_chat(tmp_path, "Once Met", monday + timedelta(days=1))
            kith(db_path, monday + timedelta(days=2), "import", str(chat), "--me", "John Doe")
        if week == 8:
            listed = kith(db_path, monday + timedelta(days=3), "interactions", "Tom", "--json")
            newest = json.loads(listed)["interactions"][0]["id"]
            kith(db_path, monday + timedelta(days=3), "log", "--delete", str(newest))
        if week == 12:
            kith(db_path, monday + timedelta(days=4), "merge", "Sam Lee", "Samuel Lee")
            names.remove("Samuel Lee")
        if week % 3 == 1:
            with closing(open_store(db_path)) as store, store.deriving():
                prepared += layers.prepare(store, monday + timedelta(days=5))
            kith(db_path, monday + timedelta(days=6), "log", rng.choice(names), "late")
    assert (prepared, hows.count("promoted")) == (4, 5)
    assert (hows.count("advanced"), hows.count("replayed")) == (7, 8)
    assert 0.0 < worst < ROUNDING
