"""The weekly step's whole inputs kept as blocks of ids (migration 0051, store/week/blocks.py):
after any write, the blocks kept and the rest read again must give what the whole read gives,
byte for byte (same order, values and dtypes), because the triggers drop every block a write
could change; taking a journaled run back must leave them so too, and the migration fills
them for a database that had none."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, timedelta
from pathlib import Path

import numpy as np

from kith.model import PersonDraft
from kith.services.imports import import_file
from kith.services.interactions import LogEntry, delete_interaction, log_interaction
from kith.services.merging import merge_people, unmerge
from kith.services.people import PersonEdit, add_person, edit_person, forget, set_archived
from kith.services.week.outreach import set_flag
from kith.store import Store, journal, open_store
from kith.store.week import blocks
from kith.store.week.layers import LayerRepo, _day_midnights, _days, _midnights
from reliability import schema_versions
from tests.test_week_packed_reads import CHANNELS, START, ZONE, same_people

VCARDS = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card {k}\r\nEND:VCARD\r\n" for k in range(70))


def kept(store: Store) -> dict[str, int]:
    """How many blocks each table keeps."""
    return {
        table: int(store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in (blocks.PEOPLE, blocks.TIES)
    }


def whole(store: Store) -> tuple[bytes, bytes]:
    """The whole reads, without the blocks: everyone's inputs (both zones) and the tie rows."""
    repo = LayerRepo(store.connection)
    people = [repo.people(zone, ties=False, cached=False) for zone in (ZONE, UTC)]
    joined = b"".join(getattr(p, name).tobytes() for p in people for name in p.__dataclass_fields__)
    return joined, repo.tie_rows(cached=False).tobytes()


def assert_blocks_exact(store: Store) -> None:
    """The blocks kept (and the rest read) equal the whole reads; then, kept in a write
    transaction, every block is kept and they alone give the same."""
    reader = LayerRepo(store.connection)  # keeps nothing: no write transaction
    for zone in (ZONE, UTC):
        assert same_people(
            reader.people(zone, ties=False), reader.people(zone, ties=False, cached=False)
        )
    assert reader.tie_rows().tobytes() == reader.tie_rows(cached=False).tobytes()
    with store.transaction():
        store.layers.people(ZONE, ties=False)
        store.layers.tie_rows()
    top = store.connection.execute("SELECT max(id) FROM person").fetchone()[0]
    assert kept(store)[blocks.PEOPLE] == (0 if top is None else (top >> blocks.BITS) + 1)
    assert same_people(
        reader.people(ZONE, ties=False), reader.people(ZONE, ties=False, cached=False)
    )
    assert reader.tie_rows().tobytes() == reader.tie_rows(cached=False).tobytes()


def edits(store: Store, seed: int, folder: Path) -> Iterator[str]:
    """A seeded sequence of the writes that change the step's inputs, one at a time (each
    named): people added past a block's end, logs alone and in groups, ratings (one a REAL,
    which sends the packed read to rows), days known since set and cleared, pins, renames,
    archiving, deletes of interactions and people, merges, an unmerge, an import, and raw
    UPDATEs of odd values."""
    rng = random.Random(seed)
    ids = [add_person(store, PersonDraft(f"Person {seed}-{k}"), START).id for k in range(90)]
    yield "added"
    logged = []
    for day in range(60):
        who = rng.sample(ids, rng.choice((1, 1, 2, 4)))
        entry = LogEntry(f"talk {day}", channel=rng.choice(CHANNELS), direction=None)
        at = START - timedelta(days=300) + timedelta(days=day * 4, minutes=rng.randrange(900))
        logged.append(log_interaction(store, who, entry, at).id)
    yield "logged"
    entry = LogEntry("one more", channel="call", direction=None)
    log_interaction(store, [rng.choice(ids)], entry, START)
    yield "logged one"
    edit_person(store, ids[3], PersonEdit(fields={"closeness": 4}), START)
    yield "rated"
    day = f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    edit_person(store, ids[70], PersonEdit(fields={"known_since": day}), START)
    yield "known since"
    edit_person(store, ids[70], PersonEdit(fields={"known_since": ""}), START)
    yield "known since cleared"
    set_flag(store, ids[5], "pinned", True)
    yield "pinned"
    edit_person(store, ids[6], PersonEdit(name=f"Renamed {seed}"), START)
    yield "renamed"
    set_archived(store, ids[7], True, START)
    yield "archived"
    delete_interaction(store, logged[3])
    yield "interaction deleted"
    forget(store, ids[8])
    yield "forgotten"
    merged = merge_people(store, ids[9], ids[80], START)
    yield "merged"
    unmerge(store, merged, START)
    yield "unmerged"
    card = folder / f"cards-{seed}.vcf"
    card.write_text(VCARDS)
    import_file(store, card, kind=None, now=START)
    yield "imported"
    yield from odd_values(store, ids)


def odd_values(store: Store, ids: list[int]) -> Iterator[str]:
    """Raw UPDATEs of values the packed reads decline, and of an id."""
    with store.transaction():
        store.connection.execute("UPDATE person SET closeness = 3.5 WHERE id = ?", (ids[11],))
    yield "a REAL rating"
    with store.transaction():
        store.connection.execute(
            "UPDATE person SET created_at = '2025-01-01 10:00:00' WHERE id = ?", (ids[12],)
        )
    yield "an odd instant"
    with store.transaction():
        first = int(LayerRepo(store.connection).tie_rows(cached=False)[-1, 0])
        store.connection.execute("UPDATE tie SET sent = ? WHERE person_id = ?", (2.0**-30, first))
    yield "a tie sum out of the bands"
    moved = add_person(store, PersonDraft(f"Moved {ids[0]}"), START).id  # nothing refers to it yet
    with store.transaction():
        store.connection.execute("UPDATE person SET id = id + 1000 WHERE id = ?", (moved,))
    yield "an id moved"


def test_the_blocks_kept_give_the_whole_read_after_each_write_over_seeded_sequences(
    store: Store, tmp_path: Path
) -> None:
    assert_blocks_exact(store)
    for seed in (1, 2):
        for _ in edits(store, seed, tmp_path):
            assert_blocks_exact(store)
    assert kept(store)[blocks.TIES] > 2  # blocks of ties kept, more than one run of them


def test_a_write_drops_its_block_alone_and_without_the_trigger_the_read_would_be_stale(
    store: Store,
) -> None:
    ids = [add_person(store, PersonDraft(f"Person {k}"), START).id for k in range(200)]
    for person in ids:
        entry = LogEntry("talk", channel="call", direction=None)
        log_interaction(store, [person], entry, START - timedelta(days=person % 50))
    assert_blocks_exact(store)
    before = kept(store)
    entry = LogEntry("again", channel="email", direction=None)
    log_interaction(store, [ids[100]], entry, START)
    assert kept(store) == {
        blocks.PEOPLE: before[blocks.PEOPLE],
        blocks.TIES: before[blocks.TIES] - 1,
    }
    assert_blocks_exact(store)
    reader = LayerRepo(store.connection)
    with store.transaction():  # blocks apart, fewer than half: read again by their ids
        store.connection.execute("DELETE FROM tie_block WHERE block IN (0, 2)")
        store.connection.execute("DELETE FROM people_block WHERE block IN (1, 3)")
        assert reader.tie_rows().tobytes() == reader.tie_rows(cached=False).tobytes()
        assert same_people(
            reader.people(ZONE, ties=False), reader.people(ZONE, ties=False, cached=False)
        )
    with store.transaction():
        for event in ("added", "changed", "removed"):
            store.connection.execute(f"DROP TRIGGER tie_block_tie_{event}")
    log_interaction(store, [ids[100]], entry, START + timedelta(hours=1))
    assert reader.tie_rows().tobytes() != reader.tie_rows(cached=False).tobytes()


def test_taking_a_journaled_run_back_leaves_the_blocks_of_the_rows_as_they_were(
    store: Store,
) -> None:
    ids = [add_person(store, PersonDraft(f"Person {k}"), START).id for k in range(150)]
    for person in ids[::2]:
        entry = LogEntry("talk", channel="call", direction=None)
        log_interaction(store, [person], entry, START - timedelta(days=person % 40))
    assert_blocks_exact(store)
    before = whole(store)
    with store.deriving():
        journal.start(store.connection, 1)
        # (people without a tie row yet: a log's INSERT OR REPLACE over an existing one is
        # journaled as an insert alone, and taken back lost, on main too: imports rewrite
        # existing tie rows by DELETE and INSERT)
        for person in ids[1::6]:
            entry = LogEntry("in the run", channel="video", direction=None)
            log_interaction(store, [person, person + 2], entry, START)
        edit_person(store, ids[140], PersonEdit(fields={"closeness": 2}), START)
        with store.transaction():  # as an import rewrites a known person's tie row
            row = store.connection.execute("SELECT * FROM tie WHERE person_id = ?", (ids[0],))
            found = row.fetchone()
            store.connection.execute("DELETE FROM tie WHERE person_id = ?", (ids[0],))
            store.connection.execute(
                f"INSERT INTO tie VALUES ({', '.join('?' * len(found))})",
                (*found[:2], found[2] + 1.0, *found[3:]),
            )
        add_person(store, PersonDraft("Run person"), START)
        store.layers.people(ZONE, ties=False)  # the run's own blocks kept
        store.layers.tie_rows()
        journal.stop(store.connection)
    assert whole(store) != before
    with store.deriving():
        assert journal.roll_back(store.connection, 1) > 0
    assert whole(store) == before
    assert_blocks_exact(store)


def test_migration_51_keeps_every_block_of_a_database_that_had_none(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    schema_versions.load(schema_versions.fixture_path(50), path)
    connection = sqlite3.connect(path, isolation_level=None)
    assert connection.execute("SELECT count(*) FROM tie").fetchone()[0] >= 1
    connection.close()
    with closing(open_store(path)) as store:  # migrates
        assert min(kept(store).values()) >= 1
        reader = LayerRepo(store.connection)
        assert reader.tie_rows().tobytes() == reader.tie_rows(cached=False).tobytes()
        assert same_people(
            reader.people(ZONE, ties=False), reader.people(ZONE, ties=False, cached=False)
        )
        seen: list[str] = []
        reader.db.set_trace_callback(seen.append)
        reader.tie_rows()
        reader.people(ZONE, ties=False)
        reader.db.set_trace_callback(None)
        assert not [sql for sql in seen if "FROM tie t" in sql or "FROM person p" in sql]


def test_a_read_outside_a_write_transaction_keeps_no_block(store: Store) -> None:
    person = add_person(store, PersonDraft("Alone"), START).id
    log_interaction(store, [person], LogEntry("talk", channel="call", direction=None), START)
    store.layers.tie_rows()
    store.layers.people(ZONE, ties=False)
    assert not store.connection.in_transaction  # its one snapshot let go
    with store.reading():
        store.layers.tie_rows()
    assert kept(store) == {blocks.PEOPLE: 0, blocks.TIES: 0}


def test_the_days_as_ordinals_give_each_days_midnight_as_the_strings_do() -> None:
    rng = random.Random(11)
    held = [
        f"{rng.randint(1900, 2030)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        for _ in range(60)
    ]
    held += ["2026-03-29", "2026-10-25", "2024-02-29", "", None, "2020-05-05T10:00"]
    days = [rng.choice(held) for _ in range(2_000)]
    for zone in (UTC, ZONE):
        found = _day_midnights(_days(days), zone)
        assert found.dtype == np.float64
        assert found.tobytes() == _midnights(days, zone).tobytes()
    assert _day_midnights(_days([]), UTC).tobytes() == b""


def test_ids_far_apart_are_read_whole_and_keep_no_block(store: Store) -> None:
    """Every block from the lowest id's to the highest's is kept, so ids 2³³ apart (which a
    fixture of migration 0049 holds) would be 134 million blocks: such a span reads uncached."""
    near = add_person(store, PersonDraft("Near"), START).id
    far = add_person(store, PersonDraft("Far"), START).id
    with store.transaction():
        store.connection.execute("UPDATE person SET id = ? WHERE id = ?", (2**33 + 5, far))
    log_interaction(store, [near], LogEntry("talk", channel="call", direction=None), START)
    log_interaction(store, [2**33 + 5], LogEntry("talk", channel="call", direction=None), START)
    with store.transaction():
        ties = store.layers.tie_rows()
        people = store.layers.people(ZONE, ties=False)
    assert ties[:, 0].tolist() == [near, 2**33 + 5]
    assert ties.tobytes() == store.layers.tie_rows(cached=False).tobytes()
    assert same_people(people, store.layers.people(ZONE, ties=False, cached=False))
    assert kept(store) == {blocks.PEOPLE: 0, blocks.TIES: 0}
