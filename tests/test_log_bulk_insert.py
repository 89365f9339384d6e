"""The log's bulk insert: the interaction table's CHECKs are made in Python for a batch and
lifted for that one statement, never beyond it; a bulk import's page cache is given back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kith.records import InteractionRecord, PersonRecord
from kith.services.imports import import_records
from kith.services.interactions import LogEntry, log_interaction
from kith.store import Store, open_store
from kith.store.imports.runs import BULK_CACHE_KIB, LIFT_CHECKS_FROM

CHECK = "CHECK constraint failed"


def row(number: int, *, channel: str = "message", direction: str = "both") -> tuple[object, ...]:
    return (
        number,
        "2024-01-03T08:00:00Z",
        channel,
        direction,
        "checkin",
        "SMS chat: 1 message",
        None,
        None,
        "sms",
        f"sms:{number:032x}",
        None,
        "2026-12-06T10:00:00Z",
        None,
        None,
    )


def stored(store: Store) -> int:
    return int(store.connection.execute("SELECT count(*) FROM interaction").fetchone()[0])


def checks_in_force(store: Store) -> bool:
    return bool(store.connection.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0)


def test_a_large_batch_of_valid_rows_goes_in_and_the_checks_are_back_after(store: Store) -> None:
    with store.transaction():
        store.imports.insert_interactions([row(n) for n in range(1, 501)], [])
    assert stored(store) == 500
    assert checks_in_force(store)


@pytest.mark.parametrize(
    "bad",
    [
        {"channel": "pigeon"},
        {"direction": "sideways"},
    ],
)
def test_a_large_batch_with_one_value_outside_the_vocabulary_is_refused_by_sqlite(
    store: Store, bad: dict[str, str]
) -> None:
    rows = [row(n) for n in range(1, LIFT_CHECKS_FROM + 50)]
    rows[70] = row(71, **bad)
    with pytest.raises(sqlite3.IntegrityError, match=CHECK), store.transaction():
        store.imports.insert_interactions(rows, [])
    assert stored(store) == 0
    assert checks_in_force(store)


def test_a_negative_duration_in_a_large_batch_is_refused_by_sqlite(store: Store) -> None:
    rows = [row(n) for n in range(1, LIFT_CHECKS_FROM + 1)]
    rows[5] = (*rows[5][:13], -3)
    with pytest.raises(sqlite3.IntegrityError, match=CHECK), store.transaction():
        store.imports.insert_interactions(rows, [])
    assert checks_in_force(store)


def test_a_failed_batch_leaves_the_checks_in_force_for_the_next_statement(store: Store) -> None:
    rows = [row(n) for n in range(1, LIFT_CHECKS_FROM + 1)]
    rows.append(rows[0])  # the same id twice: refused by the key, not a CHECK
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), store.transaction():
        store.imports.insert_interactions(rows, [])
    with pytest.raises(sqlite3.IntegrityError, match=CHECK), store.transaction():
        store.imports.insert_interactions([row(1, direction="up")], [])


def test_a_bulk_import_gets_a_roomy_page_cache_and_gives_it_back(store: Store) -> None:
    before = store.connection.execute("PRAGMA cache_size").fetchone()[0]
    with store.imports.roomy_cache():
        during = store.connection.execute("PRAGMA cache_size").fetchone()[0]
    after = store.connection.execute("PRAGMA cache_size").fetchone()[0]
    assert (before, during, after) == (-2000, -BULK_CACHE_KIB, -2000)


def test_a_connection_with_a_larger_cache_keeps_it_through_a_bulk_import(store: Store) -> None:
    store.connection.execute("PRAGMA cache_size = -65536")
    with store.imports.roomy_cache():
        during = store.connection.execute("PRAGMA cache_size").fetchone()[0]
    assert during == -65536


def ledger_trigger(store: Store) -> int:
    return int(
        store.connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name = 'ledger_participant_added'"
        ).fetchone()[0]
    )


def log_of_gives(store: Store, now: datetime) -> None:
    """Three people, and a give, an ask, a check-in and a thanks between them."""
    people = [PersonRecord(f"p{n}", f"Person {n}") for n in range(3)]
    entries = [("out", "give", "p0"), ("in", "ask", "p1"), ("both", "checkin", "p1")]
    entries.append(("both", "thanks", "p2"))
    log = [
        InteractionRecord(
            f"i{n}", now - timedelta(days=n + 1), "email", way, "a book", ("p0", p), kind
        )
        for n, (way, kind, p) in enumerate(entries)
    ]
    with store.transaction():
        import_records(store, [*people, *log], kind="kith-json", path=None, now=now)


def totals_by_name(store: Store) -> list[tuple[object, ...]]:
    return store.connection.execute(
        "SELECT p.display_name, t.give_out, t.give_in, t.ask_out, t.ask_in, t.thanks_out, "
        "t.thanks_in "
        "FROM ledger_total t JOIN person p ON p.id = t.person_id ORDER BY p.display_name"
    ).fetchall()


def test_a_bulk_import_into_an_empty_file_counts_its_gives_at_the_end_as_the_trigger_would(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    bulk = open_store(tmp_path / "bulk.db")
    log_of_gives(bulk, now)
    by_rows = open_store(tmp_path / "rows.db")  # a log already there: the trigger counts
    with by_rows.transaction():
        import_records(by_rows, [PersonRecord("z", "Zoe")], kind="kith-json", path=None, now=now)
        log_interaction(by_rows, [1], LogEntry("asked", "email", "out", "ask"), now)
    log_of_gives(by_rows, now)
    assert totals_by_name(bulk) == [
        ("Person 0", 1, 0, 0, 1, 1, 1),
        ("Person 1", 0, 0, 0, 1, 0, 0),
        ("Person 2", 0, 0, 0, 0, 1, 1),
    ]
    assert totals_by_name(by_rows) == [*totals_by_name(bulk), ("Zoe", 0, 0, 1, 0, 0, 0)]
    assert ledger_trigger(bulk) == ledger_trigger(by_rows) == 1
