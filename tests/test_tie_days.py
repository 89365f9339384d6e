"""The log grouped by UTC day as the store keeps it beside each tie row (table `tie_day`,
migration 0040), held to the grouping `kith why` ran over every interaction before (kept here):
on every person of the demo, after a migration of a database that had history, and after every
write that changes a log (log, backdated log, edit, delete, import, undo of an import, merge,
forget, a participant added, rebuild)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kith.clock import to_utc_text
from kith.model import PersonDraft
from kith.services.demo import build_demo
from kith.services.people import add_person
from kith.store import Store
from kith.store.interactions import NewInteraction
from kith.store.week import tie_days
from kith.vocab import CHANNELS, DIRECTIONS
from tests.conftest import NOW, Kith
from tests.test_tie_aggregates import MBOX

# What `kith why` grouped before migration 0040, per person, ordered by the day's first text.
GROUPED_BEFORE = """
SELECT min(i.at), max(i.at), count(*), sum(i.direction <> 'in'), sum(i.direction <> 'out')
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 WHERE p.person_id = ?
 GROUP BY substr(i.at, 1, 10)
 ORDER BY 1"""
START = datetime(2024, 1, 1, 9, tzinfo=UTC)
STAMP = "2026-11-22T10:00:00Z"


def kept_and_grouped(db: sqlite3.Connection) -> tuple[dict[int, list[tuple[object, ...]]], ...]:
    """Every person's stored days and their log grouped as before, each person with any."""
    people = [row[0] for row in db.execute("SELECT id FROM person ORDER BY id")]
    kept = {pid: [tuple(day) for day in tie_days.read(db, pid)] for pid in people}
    grouped = {pid: [tuple(day) for day in db.execute(GROUPED_BEFORE, (pid,))] for pid in people}
    return (
        {pid: days for pid, days in kept.items() if days},
        {pid: days for pid, days in grouped.items() if days},
    )


def assert_days_kept(db: sqlite3.Connection) -> int:
    """The stored days equal the grouping, and no row is left of a person without a log; how
    many days there are."""
    kept, grouped = kept_and_grouped(db)
    assert kept == grouped
    orphans = "SELECT count(*) FROM tie_day WHERE person_id NOT IN (SELECT id FROM person)"
    assert db.execute(orphans).fetchone()[0] == 0
    return sum(len(days) for days in kept.values())


def test_every_demo_persons_stored_days_are_their_log_grouped_by_utc_day(
    demo: Kith, db_path: Path
) -> None:
    db = sqlite3.connect(db_path)
    try:
        assert assert_days_kept(db) > 500
    finally:
        db.close()


def test_the_migration_groups_the_days_of_a_database_that_had_history(
    demo: Kith, db_path: Path
) -> None:
    db = sqlite3.connect(db_path)
    try:
        kept = db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall()
        db.execute("DELETE FROM tie_day")
        (migration,) = (Path(tie_days.__file__).parents[1] / "sql").glob("*_tie_days.sql")
        sql = migration.read_text("utf-8")
        db.executescript(sql)
        assert db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall() == kept
        assert assert_days_kept(db) == len(kept)
    finally:
        db.close()


def test_every_write_path_keeps_the_days_a_grouping_of_the_log_gives(
    kith: Kith, store: Store, tmp_path: Path
) -> None:
    db = store.connection
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    kith("add", "A. Lovelace")
    kith("add", "Alan Turing")
    steps = [
        ("log", "Ada Lovelace", "tea", "--when", "2026-06-01"),
        ("log", "Ada Lovelace", "Grace", "dinner", "-c", "in_person", "--when", "2026-09-12"),
        ("log", "Ada Lovelace", "a call", "-c", "call", "-d", "in", "--when", "2026-09-12T20:00"),
        ("log", "Grace", "a call", "-c", "call", "-d", "in", "--when", "2026-10-03"),
        ("log", "A. Lovelace", "a letter", "-c", "email", "-d", "out", "--when", "2025-12-24"),
        ("log", "Ada Lovelace", "backdated", "-d", "both", "--when", "2025-12-24T08:00"),
        ("log", "Alan Turing", "Ada", "chess", "--when", "2026-10-03T07:00"),
        ("log", "--edit", "1", "coffee, not tea", "--when", "2026-09-12T06:00"),
        ("log", "--delete", "3"),
        ("merge", "Ada Lovelace", "A. Lovelace"),
        ("forget", "Alan Turing", "--yes"),
    ]
    for step in steps:
        assert kith(*step).exit_code == 0, step
        assert assert_days_kept(db) > 0, step
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(MBOX, "utf-8")
    before = db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall()
    assert kith("import", str(mbox), "--me", "me@example.org").exit_code == 0
    assert assert_days_kept(db) == len(before) + 2  # 2 Nov, a new day for Ada and for Grace
    assert kith("import", "--undo", "1").exit_code == 0
    assert_days_kept(db)
    assert db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall() == before
    assert kith("rebuild").exit_code == 0
    assert db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall() == before


@pytest.mark.parametrize("seed", range(8))
def test_days_kept_through_appended_backdated_moved_and_deleted_interactions_equal_the_grouping(
    store: Store, seed: int
) -> None:
    rng = random.Random(seed)
    with store.transaction():
        people = [add_person(store, PersonDraft(f"Person {n}"), START).id for n in range(5)]
    latest = START
    logged: list[int] = []
    for _ in range(rng.randint(30, 80)):
        roll = rng.random()
        with store.transaction():
            if roll < 0.65 or not logged:  # mostly appended, often on a day already had
                if rng.random() < 0.75:
                    latest += timedelta(minutes=rng.choice([0, 1, 30, 60 * 5, 60 * 30]))
                    at = latest
                else:  # backdated
                    at = START + (latest - START) * rng.random()
                new = NewInteraction(
                    at=to_utc_text(at),
                    channel=rng.choice(CHANNELS),
                    direction=rng.choice(DIRECTIONS),
                    kind="checkin",
                    summary="bench",
                    participants=tuple(rng.sample(people, rng.choice([1, 1, 1, 2, 3]))),
                )
                logged.append(store.interactions.insert(new, STAMP))
            elif roll < 0.75:
                store.interactions.add_participant(rng.choice(logged), rng.choice(people))
            elif roll < 0.9:
                moved = START + (latest - START) * rng.random()
                store.interactions.update(
                    rng.choice(logged), at=to_utc_text(moved), direction=rng.choice(DIRECTIONS)
                )
            else:
                store.interactions.delete(logged.pop(rng.randrange(len(logged))))
    assert assert_days_kept(store.connection) > 0


# How the end of a bulk import and `kith rebuild` wrote everyone's days before they came from
# the tie rows' pass over the log (tie_days.rewrite_all, main a3cd6f9): kept to hold that pass to.
REWRITE_ALL_BEFORE = """
SELECT p.person_id, substr(i.at, 1, 10), substr(min(i.at), 11), substr(max(i.at), 11), count(*),
       sum(i.direction <> 'in'), sum(i.direction <> 'out')
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 GROUP BY p.person_id, substr(i.at, 1, 10)
 ORDER BY 1, 2"""


def test_a_day_grouped_in_python_keeps_its_first_and_latest_rest_its_count_and_its_sides() -> None:
    log = [
        ("2024-01-01T09:00:00Z", "message", "in", 1),
        ("2024-01-01T09:30:00Z", "call", "out", 1),
        ("2024-01-01T23:59:59Z", "message", "both", 3),
        ("2024-01-03T07:00:00Z", "message", "in", 1),
        ("2024-01-03T07:00:00Z", "email", "in", 2),
    ]
    assert tie_days.grouped(7, log) == [
        (7, "2024-01-01", "T09:00:00Z", "T23:59:59Z", 3, 2, 2),
        (7, "2024-01-03", "T07:00:00Z", "T07:00:00Z", 2, 0, 2),
    ]


@pytest.mark.parametrize("profile", ["S", "M"])
def test_the_tie_pass_writes_the_days_the_grouping_over_the_whole_log_wrote(
    store: Store, profile: str
) -> None:
    build_demo(store, profile=profile, seed=11, now=NOW)
    db = store.connection
    grouped = db.execute(REWRITE_ALL_BEFORE).fetchall()
    db.execute("DELETE FROM tie_day")
    with store.transaction():
        store.interactions.recompute_all()
    assert len(grouped) > 500
    assert db.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall() == grouped


@pytest.mark.parametrize("count", [0, 7, tie_days.ROWS_AT_ONCE, 2 * tie_days.ROWS_AT_ONCE + 50])
def test_days_written_a_hundred_to_a_statement_and_the_rest_one_by_one_are_all_there_in_order(
    store: Store, count: int
) -> None:
    with store.transaction():
        people = [
            store.people.insert(uid=f"u{n}", name=f"P {n}", name_key=f"p {n}", now=STAMP)
            for n in range(3)
        ]
    days = [START.date() + timedelta(days=n) for n in range(count)]
    rows = [
        (people[n * 3 // max(count, 1)], day.isoformat(), "T09:00:00Z", "T17:30:00Z", n + 1, n, 1)
        for n, day in enumerate(days)
    ]
    with store.transaction():
        tie_days.insert(store.connection, rows)
    written = store.connection.execute("SELECT * FROM tie_day ORDER BY person_id, day").fetchall()
    assert written == rows
    assert len(written) == count
