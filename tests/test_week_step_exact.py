"""The weekly step on columns (issue 15, branch coldstep: the state's peaks read as one blob
aligned with everyone, S_max without a copy of the ring, the changed rows found from the touched
columns and written without the layer's index when the layer stayed) leaves, week after week,
the state the step it replaced left: here that step is kept in the test (its row-by-row load,
S_max over the valid columns gathered, rows built one by one, every row rewritten), and the two
databases, given the same logs and new contacts between the Mondays, are compared by a
hash of their state rows for 14 weeks across three turns of the month."""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from kith.cli.main import cli
from kith.clock import from_utc_text, to_utc_text
from kith.relate.layers import LAYERS, mondays_between
from kith.relate.network import NO_LAYER, Peaks, Standings
from kith.relate.strength import S_MAX_MONTHS
from kith.services.ties import layer_replay, layers
from kith.store import Store, open_store
from kith.store.week.layers import People, StateRow
from tests.conftest import NOW, Kith
from tests.test_week_step_writes import loaded_row_by_row

WEEKS = 14
SEED = 15


class OldPeaks(Peaks):
    """The peaks as the old step read S_max: the valid columns gathered, then their maximum."""

    def s_max(self, month: int) -> np.ndarray:
        valid = (self.months > month - S_MAX_MONTHS) & (self.months <= month)
        if not valid.any():
            return np.zeros(len(self.values))
        return np.asarray(self.values[:, valid].max(axis=1), dtype=np.float64)


def old_load(store: Store, people: People) -> tuple[Standings, OldPeaks]:
    """The stored state aligned with `people`, from its rows one by one."""
    standings, peaks = loaded_row_by_row(store, people)
    return standings, OldPeaks(peaks.values, peaks.months)


def old_rows(
    people: People, standings: Standings, peaks: Peaks, month: int, strength: np.ndarray
) -> Iterator[StateRow]:
    """The state's rows, one tuple at a time, as the old `_rows` made them."""
    s_max = peaks.s_max(month)
    empty = ~peaks.values.any(axis=1)
    for k in np.flatnonzero(standings.layer != NO_LAYER).tolist():
        bound = int(standings.bound[k])
        yield (
            int(people.ids[k]),
            LAYERS[standings.layer[k] - 1],
            int(standings.above[k]),
            int(standings.below[k]),
            LAYERS[bound - 1] if bound else None,
            float(s_max[k]),
            None if empty[k] else peaks.values[k].tobytes(),
            float(strength[k]),
        )


def old_step(store: Store, now: datetime) -> int:
    """The old weekly step to `now`, its state rewritten whole; how many Mondays it took."""
    with store.transaction():
        due = mondays_between(from_utc_text(store.layers.instant() or ""), now, UTC)
        people = store.layers.people(UTC, keep=True)
        ties = layer_replay._current_ties(store, people, due[0], due)
        standings, peaks = old_load(store, people)
        latest = np.zeros(len(people.ids))
        for moment in due:
            latest = layer_replay._evaluate(ties, standings, peaks, moment)
        month = due[-1].year * 12 + due[-1].month - 1
        rows = list(old_rows(people, standings, peaks, month, latest))
        store.layers.save(to_utc_text(due[-1]), peaks.months.tolist(), rows)
        return len(due)


def new_step(store: Store, now: datetime) -> str:
    """The step as Kith takes it now; how it kept the layers."""
    return layers.keep_current(store, now).how


def digest(path: Path) -> tuple[str, str, str]:
    """A hash of the state's rows, its instant and its month ring."""
    store = open_store(path)
    try:
        rows = [tuple(row) for row in store.layers.state()]
        return (
            hashlib.sha256(repr(rows).encode()).hexdigest(),
            store.layers.instant() or "",
            " ".join(str(month) for month in store.layers.months()),
        )
    finally:
        store.close()


def both(paths: tuple[Path, Path], now: datetime, *argv: str) -> None:
    """The same command on both databases at `now`."""
    for path in paths:
        result = CliRunner().invoke(
            cli, ["--db", str(path), "--now", now.isoformat(), *argv], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output


def test_fourteen_weeks_of_steps_leave_the_state_the_old_step_left_bit_for_bit(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    demo("today")  # the layers current at the data's clock
    old = tmp_path / "old.db"
    shutil.copy(db_path, old)
    store = open_store(db_path)
    try:
        names = [
            name
            for (name,) in store.connection.execute(
                "SELECT display_name FROM person WHERE kind = 'contact' AND archived = 0"
                " ORDER BY id"
            )
        ]
    finally:
        store.close()
    rng = random.Random(SEED)
    hows: list[str] = []
    months: set[str] = set()
    now = NOW
    for week in range(WEEKS):
        # between the Mondays: logs (new people's among them), a new contact now and then (a
        # rating or an edit of the past would leave the layers stale: a replay, not a step)
        for _ in range(rng.randint(2, 6)):
            day = now - timedelta(days=rng.randint(0, 5))
            channel = rng.choice(["email", "message", "call", "coffee", "in_person"])
            both(
                (db_path, old),
                now,
                "log",
                rng.choice(names),
                "bench",
                "-c",
                channel,
                "-d",
                rng.choice(["out", "in", "both"]),
                "--when",
                day.date().isoformat(),
            )
        if week % 4 == 2:
            newcomer = f"Week Newcomer {week}"
            both((db_path, old), now, "add", newcomer)
            both((db_path, old), now, "log", newcomer, "hello", "--when", now.date().isoformat())
            names.append(newcomer)
        now += timedelta(days=7)
        store, reference = open_store(db_path), open_store(old)
        try:
            hows.append(new_step(store, now))
            assert old_step(reference, now) == 1
        finally:
            store.close()
            reference.close()
        found, expected = digest(db_path), digest(old)
        assert found == expected, f"week {week + 1}"
        months.add(found[1][:7])
    assert hows == ["advanced"] * WEEKS  # the step itself every week, not a replay
    assert len(months) >= 4  # December, January, February and March's first Mondays
