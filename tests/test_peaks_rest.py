"""A step within a month reads of the peaks only that month's column and each block's rest's max
(store/week/peaks.py slot 60, relate/month_peaks.py, migration 0053) where it read the whole
ring: S_max, the peaks every reader sees and the rows written are those of the step on the whole
ring, over seeded weeks of writes (logs, a rating's replay, merges, deletes, imports),
preparations promoted and month turns; a rest's max row is never kept stale for its month."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from kith.relate.month_peaks import MonthPeaks, rest_of
from kith.relate.network import Peaks
from kith.relate.strength import S_MAX_MONTHS
from kith.services.interactions import LogEntry, log_interaction
from kith.services.merging import merge_people
from kith.services.people import forget
from kith.services.ties import layers
from kith.services.ties.why import rate
from kith.services.week import plan
from kith.store import Store, open_store
from kith.store.week import peaks
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import current, other
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import (
    BUILT_AT,
    contacts,
    imported,
    prepare,
    prepared,
    rows_hash,
)
from tests.test_week_step_exact import old_step

FIXTURE = Path(__file__).parent / "fixtures" / "schema" / "v0052.db.gz"
WEEKS = 16
NOVEMBER = 2026 * 12 + 10  # the month of profile L's and the demo's clock


def ring_at(month: int, young: int = 0) -> list[int]:
    """A ring whose newest column is `month`'s, its `young` oldest columns never used (−1)."""
    ring = [-1] * S_MAX_MONTHS
    for back in range(S_MAX_MONTHS - young):
        ring[(month - back) % S_MAX_MONTHS] = month - back
    return ring


def test_the_rest_s_max_and_the_month_s_column_give_the_s_max_of_the_whole_ring() -> None:
    rng = np.random.default_rng(53)
    for young in (0, 1, 30, 59):
        ring = ring_at(NOVEMBER, young)
        values = rng.random((400, S_MAX_MONTHS)) * (rng.random((400, S_MAX_MONTHS)) < 0.3)
        values[:, np.asarray(ring) < 0] = 0.0  # a column never used holds 0
        whole = Peaks(values.copy(), np.asarray(ring))
        within = MonthPeaks.within(len(values), ring, NOVEMBER)
        column = NOVEMBER % S_MAX_MONTHS
        within.values[:, column] = values[:, column]
        within.rest[:], eligible = rest_of(values, ring, NOVEMBER)
        assert eligible.all()
        s = rng.random(400) * (rng.random(400) < 0.5)
        expected, found = whole.record(NOVEMBER, s), within.record(NOVEMBER, s)
        assert found.tobytes() == expected.tobytes()
        assert np.array_equal(within.values[:, column], whole.values[:, column])
        assert np.array_equal(within.nonzero(), whole.values.any(axis=1))


def test_a_rest_s_max_stands_for_no_one_with_a_peak_below_0_or_nan_or_one_in_a_stale_column() -> (
    None
):
    ring = ring_at(NOVEMBER)
    ring[(NOVEMBER + 1) % S_MAX_MONTHS] = NOVEMBER - 120  # a column 10 years old: not valid
    values = np.full((4, S_MAX_MONTHS), 0.25)
    values[:, (NOVEMBER + 1) % S_MAX_MONTHS] = 0.0
    values[1, 3] = -0.5
    values[2, 7] = np.nan
    values[3, (NOVEMBER + 1) % S_MAX_MONTHS] = 0.75  # held by a column S_max does not see
    rest, eligible = rest_of(values, ring, NOVEMBER)
    assert eligible.tolist() == [True, False, False, False]
    assert rest[0] == 0.25
    with pytest.raises(ValueError, match="month"):
        MonthPeaks.within(4, ring, NOVEMBER - 1)


def rest_rows(db: sqlite3.Connection, table: str) -> dict[int, bytes]:
    """A set's rest's max rows by block."""
    return peaks._slot(db, table, peaks.REST)


def assert_rests_exact(store: Store) -> int:
    """Every rest's max row kept for the newest month of its set's ring is the one the whole
    ring gives (the rows of another month are never read); how many there are."""
    db = store.connection
    rings = {current(db): store.layers.months()}
    kept = db.execute("SELECT value FROM meta WHERE key = ?", (PREPARED_KEY,)).fetchone()
    if kept is not None:
        rings[other(current(db))] = json.loads(kept[0])["months"]
    exact = 0
    for which, ring in rings.items():
        table = f"layer_peaks_{which}"
        month = max(ring, default=-1)
        ids, values = peaks.read(db, table)
        for block, data in rest_rows(db, table).items():
            row = np.frombuffer(data, np.float64)
            if row[0] != month:
                continue
            mine = (ids >> peaks.BITS) == block
            rest, eligible = rest_of(values[mine], ring, month)
            assert eligible.all(), (which, block)
            assert row[1:].tobytes() == rest.tobytes(), (which, block)
            exact += 1
    return exact


def columns_rows(store: Store) -> list[tuple[int, bytes]]:
    """The current set's rows of rosters and columns as stored (not the rests')."""
    table = f"layer_peaks_{current(store.connection)}"
    found = store.connection.execute(
        f"SELECT key, data FROM {table} WHERE key < ? ORDER BY key", (peaks.RESTS,)
    )
    return [(int(k), bytes(data)) for k, data in found]


# each week's writes besides a few logs: none (the Monday steps), a preparation before or after
# them (promoted; before: patched or prepared again), a write that leaves the layers stale (a
# replay), an import (which prepares the next Monday)
SCHEDULE = (
    "step",
    "prepare after",
    "step",
    "rate",
    "step",
    "prepare before",
    "merge",
    "step",
    "forget",
    "step",
    "import",
    "step",
    "step",
    "prepare after",
    "step",
    "step",
)


def a_week(stores: list[Store], paths: list[Path], monday: datetime, kind: str, seed: int) -> None:
    """The same writes on each store in the week of `monday`: three logs, and `kind`'s."""
    rng = random.Random(seed)
    ids = contacts(stores[0])
    a, b = rng.sample(ids, 2)
    if kind == "prepare before":
        prepare(stores[0], monday + timedelta(hours=1))
    for n in range(3):
        person, channel = rng.choice(ids), rng.choice(["call", "email", "message", "coffee"])
        for store in stores:
            log_interaction(
                store, [person], LogEntry("met", channel=channel), monday + timedelta(days=n + 1)
            )
    when = monday + timedelta(days=4)
    for store, path in zip(stores, paths, strict=True):
        if kind == "rate":
            rate(store, a, 5, when)
        elif kind == "merge":
            merge_people(store, a, b, when)
        elif kind == "forget":
            forget(store, b)
        elif kind == "import":
            card = path.with_name(f"{path.stem}-{when:%Y%m%d%H}.vcf")
            card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wren {when:%j%H}\r\nEND:VCARD\r\n")
            imported(path, card, when)
    if kind == "prepare after":
        prepare(stores[0], when + timedelta(hours=1))
    with stores[1].transaction():  # the other never keeps a preparation
        stores[1].connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))


def test_seeded_weeks_leave_what_the_step_on_the_whole_ring_leaves(tmp_path: Path) -> None:
    fast_path, whole_path = tmp_path / "rests.db", tmp_path / "whole.db"
    fast, whole = two_demos(fast_path, whole_path)
    within = promoted = stepped = 0
    months = set()
    try:
        for week, kind in enumerate(SCHEDULE, start=1):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            a_week([fast, whole], [fast_path, whole_path], monday, kind, seed=53 + week)
            assert_rests_exact(fast)
            next_monday = monday + timedelta(days=7)
            month = next_monday.year * 12 + next_monday.month - 1
            months.add(month)
            promoted += prepared(fast)
            if not prepared(fast) and not fast.layers.stale():
                within += fast.layers.stored(month=month).month is not None
                stepped += 1
            plan.this_week(fast, next_monday)  # a promotion, a step or a replay
            if whole.layers.stale():
                layers.keep_current(whole, next_monday)  # a replay (the same code)
            else:  # the step on the whole ring, every row rewritten (store/week/peaks.put)
                old_step(whole, next_monday)
            assert rows_hash(fast) == rows_hash(whole), week
            assert columns_rows(fast) == columns_rows(whole), week
            assert assert_rests_exact(fast) > 0, week  # (a rest's max kept at every turn)
        assert within >= 5  # steps that read the month's column and the rests alone
        assert stepped > within  # and steps into a new month, which read the whole ring
        assert promoted >= 3
        assert len(months) >= 4  # November to February
    finally:
        fast.close()
        whole.close()


def test_a_block_written_alone_loses_its_rest_and_is_read_whole_by_the_next_step(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alone.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE layer_peaks_a (key INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        rng = np.random.default_rng(8)
        people = [3, 9, 200, 256, 300, 70_000]
        values = rng.random((len(people), S_MAX_MONTHS))
        ring = ring_at(NOVEMBER)
        rows = [(p, row.tobytes()) for p, row in zip(people, values, strict=True)]
        peaks.put(db, "layer_peaks", rows, fresh=True, months=ring)
        assert sorted(rest_rows(db, "layer_peaks_a")) == [0, 1, 273]
        values[1] *= 0.5  # person 9's peaks written alone (a patch): block 0 loses its rest
        peaks.put(db, "layer_peaks", [(9, values[1].tobytes())])
        assert sorted(rest_rows(db, "layer_peaks_a")) == [1, 273]
        found = peaks.read_month(db, "layer_peaks", ring, NOVEMBER)
        assert found is not None
        ids, column, rest = found
        expected, _ = rest_of(values, ring, NOVEMBER)
        assert ids.tolist() == people
        assert column.tobytes() == values[:, NOVEMBER % S_MAX_MONTHS].tobytes()
        assert rest.tobytes() == expected.tobytes()
        values[4, 0] = -1.0  # a peak below 0 in block 1: no rest's max for it, the ring read
        peaks.put(db, "layer_peaks", [(300, values[4].tobytes())], months=ring)
        assert sorted(rest_rows(db, "layer_peaks_a")) == [273]
        assert peaks.read_month(db, "layer_peaks", ring, NOVEMBER) is None


def test_migration_53_makes_each_set_s_rests_of_a_0052_file_for_its_ring(tmp_path: Path) -> None:
    path = tmp_path / "v0052.db"
    with gzip.open(FIXTURE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    rng = np.random.default_rng(52)
    rings = {"a": ring_at(NOVEMBER, 7), "b": ring_at(NOVEMBER + 1)}
    with closing(sqlite3.connect(path, isolation_level=None)) as old:
        for which, people in (("a", [1, 2, 3, 255, 256, 70_000]), ("b", [2, 3, 300])):
            values = rng.random((len(people), S_MAX_MONTHS)) * (rng.random((len(people), 1)) < 0.9)
            values[:, np.asarray(rings[which]) < 0] = 0.0
            rows = [(p, row.tobytes()) for p, row in zip(people, values, strict=True)]
            peaks.put(old, f"layer_peaks_{which}", rows, fresh=True)
        found = old.execute("SELECT count(*) FROM layer_peaks_a WHERE key >= ?", (peaks.RESTS,))
        assert found.fetchone() == (0,)  # no rests before the migration
        old.execute(
            "UPDATE meta SET value = ? WHERE key = 'layers.months'",
            (" ".join(map(str, rings["a"])),),
        )
        old.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            (PREPARED_KEY, json.dumps({"stamp": "x", "months": rings["b"]})),
        )
        before = [peaks.read(old, f"layer_peaks_{which}") for which in "ab"]
    with closing(open_store(path)) as store:
        db = store.connection
        for which, (ids, values) in zip("ab", before, strict=True):
            table = f"layer_peaks_{which}"
            after = peaks.read(db, table)
            assert after[0].tolist() == ids.tolist()
            assert after[1].tobytes() == values.tobytes()
            month = max(rings[which])
            kept = rest_rows(db, table)
            assert sorted(kept) == sorted({int(p) >> peaks.BITS for p in ids.tolist()})
            for block, data in kept.items():
                mine = (ids >> peaks.BITS) == block
                rest, _ = rest_of(values[mine], rings[which], month)
                assert data == np.float64(month).tobytes() + rest.tobytes()
        found = peaks.read_month(db, "layer_peaks", rings["a"], NOVEMBER)
        assert found is not None
        assert found[0].tolist() == before[0][0].tolist()
        assert found[2].tobytes() == rest_of(before[0][1], rings["a"], NOVEMBER)[0].tobytes()
