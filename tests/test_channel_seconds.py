"""Migration 0050: person_channel keeps last_at's instant as epoch seconds (last_s), set by every
writer, and the weekly step reads the channels used since S's window from its index. The read
must give exactly what the parse of every row's text gave (main f363c25's channel_uses_sql),
whatever the text: offsets, fractional seconds, the hours around a change of summer time."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kith.model import PersonDraft
from kith.services.people import add_person
from kith.store import Store, migrations, open_store
from kith.store.interactions import NewInteraction
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.layers import channel_uses_sql
from reliability import schema_versions
from tests.conftest import NOW

# The read before migration 0050: every row's text parsed by SQLite
OLD_SQL = (
    "SELECT group_concat(person_id), group_concat(unixepoch(last_at)) FROM person_channel"
    " WHERE unixepoch(last_at) >= ?1"
)
OLD_AMONG_SQL = OLD_SQL + " AND person_id IN (SELECT value FROM json_each(?2))"
# Times as writers have stored them or could: odd offsets, fractions, Europe's summer time
# starting (2026-03-29 01:00 UTC) and ending (2026-10-25 01:00 UTC), and one a second before
# the other in text order but not in time
TIMES = (
    "2026-03-29T01:59:59.999+01:00",
    "2026-03-29T03:00:00+02:00",
    "2026-03-29T00:59:59.5Z",
    "2026-10-25T02:30:00+02:00",
    "2026-10-25T02:30:00+01:00",
    "2026-10-25T01:30:00.25Z",
    "2025-12-31T23:59:59.9999Z",
    "2026-01-01T05:45:00+05:45",
    "2025-12-31T14:00:00-09:30",
    "2026-06-15T12:00:00Z",
    "2026-06-15T12:00:00+14:00",
    "2026-06-14T22:00:00.000001-00:00",
)
CHANNELS = ("email", "in_person", "call", "message", "video")
VERSION = next(m.version for m in migrations.all_migrations() if m.name == "channel_seconds")


def seconds(text: str) -> int:
    """What SQLite's unixepoch gives for a text: the instant to the millisecond, rounded, then
    its fraction dropped (23:59:59.9999 is the next day's first second: not Python's floor)."""
    with sqlite3.connect(":memory:") as db:
        found = db.execute("SELECT unixepoch(?)", (text,)).fetchone()[0]
    db.close()
    return int(found)


def seeded(store: Store) -> list[int]:
    """Six people, their channels' last uses at TIMES, written by a log's upsert (most of them
    more than once) and by a recompute from the log."""
    people = [add_person(store, PersonDraft(f"Person {k}"), NOW).id for k in range(6)]
    with store.transaction():
        for k, at in enumerate(TIMES * 2):
            who = people[k % 6], people[(k + 2) % 6]
            entry = NewInteraction(at, CHANNELS[k % 5], "out", "checkin", "hi", who)
            store.interactions.insert(entry, "2026-11-22T10:00:00Z")
        store.interactions.recompute(people[3:5])
    return people


def uses(db: sqlite3.Connection, sql: str, parameters: tuple[object, ...]) -> list[tuple[int, int]]:
    """A read's people and times, as pairs in order (the scans' orders differ)."""
    ids, times = db.execute(sql, parameters).fetchone()
    if ids is None:
        return []
    return sorted(zip(map(int, ids.split(",")), map(int, times.split(",")), strict=True))


def bounds() -> list[float]:
    """Window starts at, just before and just after every stored second, and between."""
    found = sorted({seconds(at) for at in TIMES})
    return [b + d for b in found for d in (-1.0, -0.5, 0.0, 0.5, 1.0)] + [0.0, 2e9]


def test_every_writer_keeps_last_s_the_seconds_of_last_at(store: Store) -> None:
    seeded(store)
    rows = store.connection.execute("SELECT last_at, last_s FROM person_channel").fetchall()
    assert len(rows) == 30  # six people, five channels each
    assert [last_s for _, last_s in rows] == [seconds(last_at) for last_at, _ in rows]
    assert seconds("2025-12-31T23:59:59.9999Z") == 1767225600  # 2026-01-01T00:00:00Z


def test_the_indexed_read_gives_the_old_reads_people_and_times_for_every_window(
    store: Store,
) -> None:
    people = seeded(store)
    db = store.connection
    some = json.dumps(people[1:4])
    many = 0
    for bound in bounds():
        old = uses(db, OLD_SQL, (bound,))
        assert uses(db, channel_uses_sql(3), (bound,)) == old
        among = uses(db, OLD_AMONG_SQL, (bound, some))
        assert uses(db, channel_uses_sql(3, among=True), (bound, some)) == among
        one = db.execute(channel_uses_sql(1), (bound,)).fetchone()[0]
        assert sorted(map(int, (one or "").split(",") if one else [])) == [p for p, _ in old]
        many = max(many, len(old))
    assert many == 30


def test_the_channels_used_in_several_windows_count_as_the_old_read_counts(store: Store) -> None:
    import numpy as np

    people = seeded(store)
    ids = np.array(sorted(people), np.int64)
    windows = [seconds("2026-01-01T00:00:00Z") + 0.5, seconds(TIMES[1]), seconds(TIMES[4]) + 0.5]
    for only in (False, True):
        chosen = ids[1:4] if only else ids
        sums = store.layers.sums(chosen, windows, only=only)
        for bound in windows:
            counted = (sums.channel_last >= bound).sum(axis=0).tolist()
            old = uses(store.connection, OLD_SQL, (bound,))
            direct = [sum(1 for p, _ in old if p == person) for person in chosen.tolist()]
            assert counted == direct
    assert (sums.channel_last >= windows[0]).sum() == 11  # people[1:4]: not a vacuous test


def test_migration_0050_fills_last_s_for_stored_rows_and_touches_no_prepared_step(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    older = [
        f for f in sorted(schema_versions.FIXTURES.glob("v*.db.gz")) if int(f.name[1:5]) < VERSION
    ]
    schema_versions.load(older[-1], path)  # the newest schema before migration 0050
    with sqlite3.connect(path) as db:
        for k, at in enumerate(TIMES):  # the fixture's people, at odd times
            db.execute(
                "INSERT OR REPLACE INTO person_channel (person_id, channel, last_at, count) "
                "SELECT id, ?, ?, 1 FROM person WHERE id % 3 = ?",
                (CHANNELS[k % 5], at, k % 3),
            )
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '{}')", (PREPARED_KEY,))
        db.execute("DELETE FROM layer_prepared_touched")
        before = {bound: uses(db, OLD_SQL, (bound,)) for bound in bounds()}
    db.close()
    open_store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM layer_prepared_touched").fetchone() == (0,)
        after = {bound: uses(db, channel_uses_sql(2), (bound,)) for bound in bounds()}
        plan = db.execute("EXPLAIN QUERY PLAN " + channel_uses_sql(2), (0.0,)).fetchall()
        db.execute("UPDATE person_channel SET count = count + 1 WHERE person_id = 1")
        touched = db.execute("SELECT person_id FROM layer_prepared_touched").fetchall()
        kept = db.execute("SELECT key, value FROM meta WHERE key LIKE 'layers.prepared%'")
        prepared = kept.fetchall()
    db.close()
    assert after == before
    assert prepared == [(PREPARED_KEY, "{}")]  # set aside for the fill, and back
    assert touched == [(1,)]  # so a change marks the person's prepared step again
    assert max(len(found) for found in before.values()) > 12
    assert [row[3] for row in plan] == [
        "SEARCH person_channel USING COVERING INDEX person_channel_since (last_s>?)"
    ]


@pytest.mark.parametrize("at", ["2026-03-29T01:59:59.999+01:00", "2026-10-25T01:30:00.25Z"])
def test_a_later_use_of_a_channel_moves_last_s_and_an_earlier_one_does_not(
    store: Store, at: str
) -> None:
    person = add_person(store, PersonDraft("Ada Lovelace"), NOW).id
    earlier, later = "2026-01-01T00:00:00Z", "2026-11-01T00:00:00.75+00:00"
    with store.transaction():
        for when in (at, earlier, later, earlier):
            entry = NewInteraction(when, "call", "out", "checkin", "hi", (person,))
            store.interactions.insert(entry, "2026-11-22T10:00:00Z")
    row = store.connection.execute("SELECT last_at, last_s FROM person_channel").fetchone()
    assert row == (later, 1793491200)
