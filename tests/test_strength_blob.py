"""S as one row of blobs per layer set (migration 0048, store/week/strength_blob.py): what the
rows of S held before, exactly, whatever wrote it; and migrated with the same float64 bits."""

from __future__ import annotations

import math
import random
import sqlite3
import struct
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from kith.model import PersonDraft
from kith.services.interactions import LogEntry, log_interaction
from kith.services.merging import merge_people, unmerge
from kith.services.people import add_person, forget
from kith.services.ties import layers
from kith.store import Store, journal, open_store
from kith.store.week import generation, strength_blob
from kith.store.week.ahead import PREPARED_KEY
from reliability import schema_versions
from tests.test_week_packed_reads import START, writes

ROWS_SQL = "CREATE TABLE rows (person_id INTEGER PRIMARY KEY, strength REAL NOT NULL DEFAULT 0)"
ODD = (0.0, -0.0, 5e-324, 1 / 3, math.nextafter(0.3, 1.0), 2.0**-30, 70_000.5, 0.999999999)


def bits(values: list[float]) -> list[bytes]:
    return [struct.pack("<d", value) for value in values]


def rows_held(connection: sqlite3.Connection) -> tuple[list[int], list[bytes]]:
    found = connection.execute("SELECT person_id, strength FROM rows ORDER BY person_id")
    pairs = found.fetchall()
    return [int(p) for p, _ in pairs], bits([float(s) for _, s in pairs])


def blob_held(connection: sqlite3.Connection) -> tuple[list[int], list[bytes]]:
    ids, strength = strength_blob.read(connection)
    return list(ids), bits(list(strength))


def test_a_write_leaves_the_blob_as_the_statements_left_the_rows_over_seeded_sequences(
    tmp_path: Path,
) -> None:
    connection = sqlite3.connect(tmp_path / "kith.db", isolation_level=None)
    connection.execute(ROWS_SQL)
    connection.execute(
        "CREATE TABLE layer_strength_a (one INTEGER PRIMARY KEY CHECK (one = 1), "
        "ids BLOB NOT NULL, strength BLOB NOT NULL)"
    )
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    for seed in range(40):
        rng = random.Random(seed)
        for _ in range(6):
            clear = rng.random() < 0.15
            gone = rng.sample(range(60), rng.randrange(6))
            put = [(rng.randrange(60), rng.choice((*ODD, rng.random()))) for _ in range(9)]
            updates = [(rng.random(), rng.randrange(70)) for _ in range(rng.randrange(8))]
            if clear:
                connection.execute("DELETE FROM rows")
            connection.executemany("DELETE FROM rows WHERE person_id = ?", [(g,) for g in gone])
            connection.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?)", put)
            connection.executemany("UPDATE rows SET strength = ? WHERE person_id = ?", updates)
            strength_blob.write(connection, strength_blob.CURRENT, put, updates, gone, clear)
            assert blob_held(connection) == rows_held(connection)
    assert len(blob_held(connection)[0]) > 10
    connection.close()


def test_migration_48_packs_each_set_s_rows_with_the_same_bits(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    schema_versions.load(schema_versions.fixture_path(47), path)
    connection = sqlite3.connect(path, isolation_level=None)
    people = [int(p) for (p,) in connection.execute("SELECT id FROM person ORDER BY id")]
    assert len(people) >= 5
    held = {
        "a": list(zip(people, ODD[:5], strict=False)),
        "b": list(zip(people[1:], ODD[3:7], strict=False)),
    }
    for which, rows in held.items():
        connection.execute(f"DELETE FROM layer_state_{which}")
        connection.execute(f"DELETE FROM layer_strength_{which}")
        for person, s in reversed(rows):  # not in id order: the blob is
            connection.execute(
                f"INSERT INTO layer_state_{which} (person_id, layer) VALUES (?, 'L5')", (person,)
            )
            connection.execute(f"INSERT INTO layer_strength_{which} VALUES (?, ?)", (person, s))
    connection.close()
    with closing(open_store(path)) as store:  # migrates
        for which, table in (("a", strength_blob.CURRENT), ("b", strength_blob.PREPARED)):
            ids, strength = strength_blob.read(store.connection, table)
            assert list(ids) == [person for person, _ in held[which]]
            # as the REAL column held them: −0.0 as 0.0 (a whole number on disk)
            assert bits(list(strength)) == bits([s + 0.0 for _, s in held[which]])
        assert [row[7] for row in store.layers.state()] == [s for _, s in held["a"]]
        columns = store.connection.execute("PRAGMA table_info(layer_strength_a)").fetchall()
        assert [column[1] for column in columns] == ["one", "ids", "strength"]


def copied(store: Store, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"{name}.db"
    copy.unlink(missing_ok=True)
    with closing(sqlite3.connect(copy)) as target:
        store.connection.backup(target)
    return copy


def replayed(store: Store, tmp_path: Path, at: datetime) -> list[tuple[int, bytes]]:
    """(person, S's bits) of a replay from the log to `at` in a copy of the file."""
    with closing(open_store(copied(store, tmp_path, "replayed"))) as other:
        with other.transaction():
            layers.rebuild(other, at)
        return held_now(other)


def stepped(copy: Path, at: datetime) -> list[tuple[int, bytes]]:
    """(person, S's bits) of the step to `at` in `copy` as if nothing had been prepared."""
    with closing(open_store(copy)) as other:
        with other.transaction():
            other.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
        assert layers.keep_current(other, at).how == "advanced"
        return held_now(other)


def held_now(store: Store, prepared: bool = False) -> list[tuple[int, bytes]]:
    return [(row[0], bits([row[7]])[0]) for row in store.layers.state(prepared)]


def one_for_each_layer_row(store: Store) -> None:
    """In either set, the blob's ids ascend, one S each, and hold every layer row's id (any
    other is someone whose layer rows went with their person row by the foreign key: no
    reader takes it); the state read has a row for each layer row."""
    connection = store.connection
    for which in generation.SETS:
        state, strength, _ = generation.tables(which)
        found = connection.execute(f"SELECT ids, strength FROM {strength}").fetchone()
        ids, s = strength_blob.unpacked(*found) if found else ([], [])
        assert len(ids) == len(s)
        assert all(a < b for a, b in pairwise(ids))
        rows = {p for (p,) in connection.execute(f"SELECT person_id FROM {state}")}
        assert rows <= set(ids)
    rows = connection.execute(generation.named(connection, "SELECT count(*) FROM layer_state"))
    assert len(store.layers.state()) == rows.fetchone()[0]


def test_s_is_what_a_replay_or_a_step_leaves_after_preparations_patches_merges_and_an_undo(
    store: Store, tmp_path: Path
) -> None:
    writes(store, 5)
    assert layers.keep_current(store, START).how == "replayed"
    one_for_each_layer_row(store)
    assert held_now(store) == replayed(store, tmp_path, START)
    for weeks in (1, 4):
        assert layers.keep_current(store, START + timedelta(weeks=weeks)).how == "advanced"
        one_for_each_layer_row(store)
    monday = START + timedelta(weeks=5)
    with store.transaction():
        assert layers.prepare(store, START + timedelta(weeks=4, days=1))
    one_for_each_layer_row(store)
    ids = [int(p) for (p,) in store.connection.execute("SELECT id FROM person ORDER BY id")]
    day = START + timedelta(weeks=4, days=2)
    new = add_person(store, PersonDraft("Newly Met"), day).id
    log_interaction(store, [ids[0], new], LogEntry("coffee", channel="in_person"), day)
    unprepared = copied(store, tmp_path, "unprepared")
    assert layers.keep_current(store, monday).how == "advanced"  # promoted, patched for the two
    one_for_each_layer_row(store)
    assert held_now(store) == stepped(unprepared, monday)
    assert new in dict(held_now(store))
    forget(store, ids[1])  # its id stays in the blob till the next write: no reader takes it
    merged = merge_people(store, ids[2], ids[3], monday)
    one_for_each_layer_row(store)
    week = monday + timedelta(weeks=1)
    assert layers.keep_current(store, week).how == "replayed"
    assert held_now(store) == replayed(store, tmp_path, week)
    unmerge(store, merged, week + timedelta(hours=1))
    assert layers.keep_current(store, week).how == "replayed"
    one_for_each_layer_row(store)
    assert held_now(store) == replayed(store, tmp_path, week)
    before = (held_now(store), held_now(store, prepared=True))
    with store.deriving():  # a journaled run (an import that can be undone) steps the week
        journal.start(store.connection, 7)
        assert layers.advance(store, week + timedelta(weeks=1)).how == "advanced"
        journal.stop(store.connection)
    assert held_now(store) != before[0]
    with store.transaction():  # the run taken back, as after a crash (store/journal.py)
        assert journal.roll_back(store.connection, 7) > 0
    assert (held_now(store), held_now(store, prepared=True)) == before
    one_for_each_layer_row(store)


def test_a_blob_written_again_frees_the_old_pages_unzeroed_and_keeps_the_setting(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "kith.db")
    db = store.connection
    ids = list(range(1, 4_001))  # two blobs of 32 kB: their pages overflow the row's
    for setting, read_back in (("ON", 1), ("OFF", 0), ("FAST", 2)):
        db.execute(f"PRAGMA secure_delete = {setting}")
        with store.transaction():
            strength_blob.write(db, strength_blob.CURRENT, [(p, p / 3) for p in ids])
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == read_back
    assert blob_held(db)[0] == ids
    wal = Path(f"{tmp_path / 'kith.db'}-wal")
    more = list(range(4_001, 4_101))  # new people: blobs of another size, on new pages

    def frames(write: Callable[[], object]) -> int:
        """The WAL frames `write` adds to the state of `ids`, SQLite's secure_delete ON."""
        with store.transaction():
            strength_blob.write(db, strength_blob.CURRENT, [(p, p / 3) for p in ids], clear=True)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA secure_delete = ON")
        with store.transaction():
            write()
        return (wal.stat().st_size - 32) // (4096 + 24)

    update = generation.named(db, strength_blob.UPDATE_SQL.format(table=strength_blob.CURRENT))
    old_way = frames(lambda: db.execute(update, strength_blob.packed(ids + more, ids + more)))
    written = frames(
        lambda: strength_blob.write(db, strength_blob.CURRENT, [(p, p / 7) for p in more])
    )
    # the old blobs' 16 pages are not written as zeros (the new ones are written either way)
    assert 0 < written <= old_way - 12
    assert blob_held(db)[0] == ids + more
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()
