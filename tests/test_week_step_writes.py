"""The weekly step finds the rows it changed on arrays (issue 15: layer_replay._Before) and
writes only those: the state it leaves is, bit for bit, the one a whole rewrite of the same
step leaves — across a month's turn of the peaks, with a contact added and logged (rows new to
the state are written whole) and layers, streaks and S moving."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from kith.clock import from_utc_text, to_utc_text
from kith.relate.layers import mondays_between
from kith.services import layer_replay, layers
from kith.store import Store, open_store
from tests.conftest import Kith

LATER = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)  # four Mondays on, into December


def whole_rewrite(store: Store, now: datetime) -> None:
    """The same step as layer_replay.step_from_ties, its state saved by replacing every row."""
    with store.transaction():
        start = from_utc_text(store.layers.instant() or "")
        due = mondays_between(start, now, UTC)
        people = store.layers.people(UTC, keep=True)
        ties = layer_replay._current_ties(store, people, due[0], due)
        standings, peaks = layer_replay._load(store, people, store.layers.state())
        for moment in due:
            latest = layer_replay._evaluate(ties, standings, peaks, moment)
        rows = list(layer_replay._rows(people, standings, peaks, due, latest))
        store.layers.save(to_utc_text(due[-1]), peaks.months.tolist(), rows)


def state(path: Path) -> list[tuple[object, ...]]:
    store = open_store(path)
    try:
        return [tuple(row) for row in store.layers.state()]
    finally:
        store.close()


def test_the_step_writes_what_a_whole_rewrite_of_its_state_would(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    demo("add", "Wendy Week")
    for day in ("2026-11-17", "2026-11-19", "2026-11-21"):
        demo("log", "Wendy Week", "coffee", "-c", "coffee", "--when", day)
    demo("today")  # the layers current at the data's clock
    before = state(db_path)
    whole = tmp_path / "whole.db"
    shutil.copy(db_path, whole)
    store = open_store(db_path)
    try:
        kept = layers.keep_current(store, LATER)
    finally:
        store.close()
    reference = open_store(whole)
    try:
        whole_rewrite(reference, LATER)
    finally:
        reference.close()
    after = state(db_path)
    assert kept.how == "advanced"
    assert after == state(whole)
    old = {row[0]: row for row in before}
    assert any(row[7] != old[row[0]][7] for row in after if row[0] in old)  # S moved
    assert any(row[1:5] != old[row[0]][1:5] for row in after if row[0] in old)  # a layer or streak
    assert {row[0] for row in after} - set(old)  # rows new to the state (Wendy's among them)
    assert any(row[6] != old[row[0]][6] for row in after if row[0] in old)  # the peaks moved
