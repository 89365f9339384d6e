"""The weekly step finds the rows it changed on arrays (issue 15: layer_replay._Before) and
writes only those: the state it leaves is, bit for bit, the one a whole rewrite of the same
step leaves — across a month's turn of the peaks, with a contact added and logged (rows new to
the state are written whole) and layers, streaks and S moving."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kith.clock import from_utc_text, to_utc_text
from kith.relate.layers import LAYERS, mondays_between
from kith.relate.network import NO_LAYER, Peaks, Standings
from kith.services.ties import layer_replay, layers
from kith.store import Store, open_store
from kith.store.week import generation
from kith.store.week import peaks as stored_peaks
from kith.store.week.generation import named
from kith.store.week.layers import People
from tests.conftest import Kith

LATER = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)  # four Mondays on, into December


def whole_rewrite(store: Store, now: datetime) -> None:
    """The same step as layer_replay.step_from_ties, its state saved by replacing every row."""
    with store.transaction():
        start = from_utc_text(store.layers.instant() or "")
        due = mondays_between(start, now, UTC)
        people = store.layers.people(UTC, keep=True)
        ties = layer_replay._current_ties(store, people, due[0], due)
        standings, peaks = loaded_row_by_row(store, people)
        for moment in due:
            latest = layer_replay._evaluate(ties, standings, peaks, moment)
        rows = list(layer_replay._rows(people, standings, peaks, due, latest))
        store.layers.save(to_utc_text(due[-1]), peaks.months.tolist(), rows)


def loaded_row_by_row(store: Store, people: People) -> tuple[Standings, Peaks]:
    """The stored state as arrays aligned with `people`, from its rows one by one."""
    standings, peaks = Standings.empty(len(people.ids)), Peaks.empty(len(people.ids))
    if months := store.layers.months():
        peaks.months[:] = months
    where = {person: k for k, person in enumerate(people.ids.tolist())}
    for person, layer, above, below, bound, _, blob, _ in store.layers.state():
        if person in where:
            k = where[person]
            standings.layer[k] = LAYERS.index(layer) + 1
            standings.above[k], standings.below[k] = above, below
            standings.bound[k] = LAYERS.index(bound) + 1 if bound else NO_LAYER
            if blob is not None:
                peaks.values[k] = np.frombuffer(blob, np.float64)
    return standings, peaks


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


def test_the_state_read_as_arrays_loads_as_its_rows_read_one_by_one(
    demo: Kith, db_path: Path
) -> None:
    demo("today")  # the layers current at the data's clock
    store = open_store(db_path)
    try:
        with store.transaction():  # streaks and bounds on some rows, a row of no contact
            held = store.layers.stored().held.tolist()
            week = store.layers.week(generation.current(store.connection))  # counters 2, 1, 3
            for sql in (
                f"UPDATE layer_state SET above_since = {week - 1}, below_since = {week}, "
                "bound = 'L2' WHERE person_id IN"
                " (SELECT person_id FROM layer_state ORDER BY person_id LIMIT 5)",
                f"UPDATE layer_state SET below_since = {week - 2}, bound = 'L6' WHERE person_id IN"
                " (SELECT person_id FROM layer_state ORDER BY person_id DESC LIMIT 4)",
                f"UPDATE person SET archived = 1 WHERE id = {held[7]}",
            ):
                store.connection.execute(named(store.connection, sql))
            # a contact's peaks NULL (none held)
            stored_peaks.put(store.connection, "layer_peaks", [(held[3], None)])
            people = store.layers.people(UTC)
            found = store.layers.stored()
            standings, peaks = layer_replay._load(store, people, found)
            expected, expected_peaks = loaded_row_by_row(store, people)
            rows = store.layers.state()
        held = [row for row in rows if row[6] is not None]  # the state's own rows, bit for bit
        assert found.ids.tolist() == [row[0] for row in rows]
        assert found.s_max.tobytes() == np.array([row[5] for row in rows]).tobytes()
        assert found.held.tolist() == [row[0] for row in held]
        assert found.peaks == b"".join(row[6] for row in held)
        assert 10 < len(held) < len(rows)
        for name in ("layer", "above", "below", "bound"):
            assert getattr(standings, name).tolist() == getattr(expected, name).tolist(), name
        assert peaks.values.tobytes() == expected_peaks.values.tobytes()
        assert peaks.months.tolist() == expected_peaks.months.tolist()
        assert {2, 3} <= set(expected.above.tolist()) | set(expected.below.tolist())
        assert int((expected_peaks.values != 0).any(axis=1).sum()) > 10
    finally:
        store.close()
