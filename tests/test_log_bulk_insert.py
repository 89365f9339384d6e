"""The log's bulk insert: the interaction table's CHECKs are made in Python for a batch and
lifted for that one statement, never beyond it; a bulk import's page cache is given back."""

from __future__ import annotations

import sqlite3

import pytest

from kith.store import Store
from kith.store.imports import BULK_CACHE_KIB, LIFT_CHECKS_FROM

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
