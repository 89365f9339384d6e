"""The monthly peaks stored month-major (issue 15, migration 0049, store/week/peaks.py) give back
exactly the per-person peaks the row-per-person table (0044) held: across a seeded sequence of
writes of people alone (a patch, a replay's changed rows, people gone) and of a step's columns
(within a month, a month's turn, rosters changing, a deleted person's peaks left behind), against
a dict that does what the old table did; across a seeded sequence of commands that step within a
month, across a month's turn and across the whole 60-month ring, patch, promote, merge, unmerge
and undo, against a whole rewrite of the same step; and through the migration of a 0047 file."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kith.relate.strength import S_MAX_MONTHS
from kith.services.ties import layers
from kith.store import open_store
from kith.store.week import peaks
from tests.conftest import Kith
from tests.test_week_prepared import import_one_card
from tests.test_week_step_writes import state, whole_rewrite

FIXTURE = Path(__file__).parent / "fixtures" / "schema" / "v0047.db.gz"
TABLE = "layer_peaks"


def empty_table() -> sqlite3.Connection:
    """A connection holding set a's peaks table as migration 0049 makes it, and nothing else."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("CREATE TABLE layer_peaks_a (key INTEGER PRIMARY KEY, data BLOB NOT NULL)")
    return db


def held(db: sqlite3.Connection) -> dict[int, bytes]:
    ids, values = peaks.read(db, TABLE)
    return dict(zip(ids.tolist(), (row.tobytes() for row in values), strict=True))


def some_peaks(rng: random.Random) -> bytes | None:
    """60 peaks, some 0; or None (all 0) one time in five."""
    if rng.random() < 0.2:
        return None
    values = [rng.choice([0.0, rng.random() * 3]) for _ in range(S_MAX_MONTHS)]
    values[rng.randrange(S_MAX_MONTHS)] = 0.5  # not all 0
    return np.array(values).tobytes()


def test_writes_of_people_and_of_a_step_s_columns_hold_what_a_row_per_person_would() -> None:
    rng = random.Random(49)
    db = empty_table()
    model: dict[int, bytes] = {}  # what the row-per-person table held after the same writes
    everyone = [*range(1, 1400, 3), 5000, 5001, 70_000, 2**40 + 7]
    first = {person: some_peaks(rng) for person in everyone}
    peaks.put(db, TABLE, list(first.items()), fresh=True)
    model.update({person: blob for person, blob in first.items() if blob is not None})
    assert held(db) == model
    for _round in range(40):
        if rng.random() < 0.5:  # people written alone: a patch, a replay's rows, people gone
            chosen = rng.sample(everyone, rng.randrange(1, 30))
            writes = [(person, some_peaks(rng)) for person in chosen]
            peaks.put(db, TABLE, writes)
            for person, blob in writes:
                if blob is None:
                    model.pop(person, None)
                else:
                    model[person] = blob
        else:  # a step: the state's people, their peaks moved in a column or two
            slots = sorted(rng.sample(range(S_MAX_MONTHS), rng.choice([1, 1, 2])))
            in_state = sorted(rng.sample(everyone, len(everyone) - rng.randrange(0, 4)))
            before = held(db)
            was = np.array(sorted(before), np.int64)
            if rng.random() < 0.3 and len(was):  # a person deleted and their id given again:
                gone = int(was[rng.randrange(len(was))])  # the state held no peaks of theirs,
                was = was[was != gone]  # and the block still does
                before[gone] = bytes(8 * S_MAX_MONTHS)
            rows = np.array(
                [
                    np.frombuffer(before.get(person, bytes(8 * S_MAX_MONTHS)), np.float64)
                    for person in in_state
                ]
            )
            for slot in slots:
                if rng.random() < 0.3:  # a month's turn: the column starts again from 0
                    rows[:, slot] = 0.0
                risen = np.array([rng.random() < 0.3 for _ in in_state])
                rows[risen, slot] = np.maximum(rows[risen, slot], rng.random() * 4)
            ids = np.array(in_state, np.int64)
            peaks.put_columns(
                db, TABLE, peaks.Columns(ids, rows, np.ones(len(ids), bool), was, slots)
            )
            model = {
                person: row.tobytes()
                for person, row in zip(in_state, rows, strict=True)
                if row.any()
            }
        assert held(db) == model, _round
    ids, values = peaks.read(db, TABLE, among=[4, 70_000])  # their blocks' held people
    assert dict(zip(ids.tolist(), (row.tobytes() for row in values), strict=True)) == {
        person: blob for person, blob in model.items() if person >> 8 in (0, 70_000 >> 8)
    }


def test_a_step_s_columns_write_only_the_rows_of_the_slots_it_changed() -> None:
    db = empty_table()
    values = np.zeros((600, S_MAX_MONTHS))
    values[:, 3] = np.arange(1, 601)
    ids = np.arange(1, 1201, 2, dtype=np.int64)
    rows = zip(ids.tolist(), (row.tobytes() for row in values), strict=True)
    peaks.put(db, TABLE, list(rows), fresh=True)
    written: list[str] = []
    db.set_trace_callback(written.append)
    risen = values.copy()
    risen[10, 4] = 2.0  # someone's S rose in column 4 (block 0)
    peaks.put_columns(db, TABLE, peaks.Columns(ids, risen, ids > 0, ids, [4]))
    db.set_trace_callback(None)
    inserts = [sql[:77] for sql in written if sql.startswith("INSERT")]
    assert inserts == [f"INSERT OR REPLACE INTO layer_peaks_a (key, data) VALUES ({5 * 2**48}, x'"]
    assert not [sql for sql in written if sql.startswith("DELETE")]
    assert held(db)[21] == risen[10].tobytes()


def test_the_state_s_peaks_after_steps_patches_promotions_merges_and_undo_are_a_whole_rewrite_s(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)  # the layers current, the next Monday prepared
    assert demo("merge", "Yara", "Wendy Week").exit_code == 0
    assert demo("unmerge", "1").exit_code == 0
    card = tmp_path / "two.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Una Undone\r\nEND:VCARD\r\n")
    run = json.loads(demo("import", str(card), "--json").stdout)["imports"][0]["run_id"]
    assert demo("import", "--undo", str(run), "--yes").exit_code == 0
    stepped = 0
    times = (
        datetime(2026, 11, 30, 10, 0, tzinfo=UTC),  # promotes the prepared Monday
        datetime(2026, 12, 14, 10, 0, tzinfo=UTC),  # within December
        datetime(2027, 1, 4, 10, 0, tzinfo=UTC),  # a month's turn
        datetime(2032, 2, 2, 10, 0, tzinfo=UTC),  # past the whole ring of 60 months
    )
    for k, now in enumerate(times):
        before = state(db_path)
        reference = tmp_path / f"whole-{k}.db"
        shutil.copy(db_path, reference)
        with closing(open_store(db_path)) as store:
            kept = layers.keep_current(store, now)
        with closing(open_store(reference)) as store:
            whole_rewrite(store, now)
        after = state(db_path)
        if kept.how == "advanced":  # (else the merges made the layers stale: a replay)
            assert after == state(reference), now
            stepped += 1
        assert sum(row[6] is not None for row in after) > 10
        assert [row[6] for row in after] != [row[6] for row in before]
        demo("log", "Yara", "a call", "-c", "call", "--when", now.date().isoformat())
    assert stepped >= 3


def test_migration_49_carries_a_0047_file_s_peaks_person_for_person(tmp_path: Path) -> None:
    path = tmp_path / "v0047.db"
    with gzip.open(FIXTURE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    rng = np.random.default_rng(47)
    with closing(sqlite3.connect(path, isolation_level=None)) as old:
        old.execute("CREATE TEMP TABLE one AS SELECT * FROM person WHERE id = 1")
        for person in (255, 256, 300, 70_000, 2**33 + 5):  # people in other blocks
            old.execute("UPDATE temp.one SET id = ?, uid = ?", (person, f"peaks-{person}"))
            old.execute("INSERT INTO person SELECT * FROM temp.one")
        for which, people in (
            ("a", [1, 2, 3, 4, 5, 255, 256, 300, 70_000, 2**33 + 5]),
            ("b", [2, 3, 300]),
        ):
            values = rng.random((len(people), S_MAX_MONTHS)) * (rng.random((len(people), 1)) < 0.9)
            values[values < 0.3] = 0.0  # some peaks 0, some people's all 0 (a row all the same)
            old.executemany(
                f"INSERT OR REPLACE INTO layer_peaks_{which} (person_id, peaks) VALUES (?, ?)",
                zip(people, (row.tobytes() for row in values), strict=True),
            )
        before = [
            dict(old.execute(f"SELECT person_id, peaks FROM layer_peaks_{which}")) for which in "ab"
        ]
    assert [len(kept) for kept in before] == [10, 3]
    with closing(open_store(path)) as store:
        after = []
        for which in "ab":
            ids, values = peaks.read(store.connection, f"layer_peaks_{which}")
            after.append(dict(zip(ids.tolist(), (row.tobytes() for row in values), strict=True)))
        rows = store.connection.execute("SELECT count(*) FROM layer_peaks_a").fetchone()[0]
    assert after == before
    assert rows == (S_MAX_MONTHS + 1) * len({person >> peaks.BITS for person in before[0]})
