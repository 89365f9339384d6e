"""A bulk import's shortcuts (branch smskeys): the sums at the end give what the long ways
give, and a chat's import runs without the cyclic garbage collector.

The totals per channel come from the tie rows' pass over the log (`ties.channel_totals`), not
from an aggregate of their own; into an empty database, `known_since` is read from the tie rows
(tests/test_chat_report.py's known-since test goes through it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kith.records import Record
from kith.services.demo import build_demo
from kith.services.imports import import_records
from kith.store import Store
from kith.store.week.ties import channel_totals
from tests.conftest import NOW

# How the totals per channel were aggregated over the log before they came from the tie rows'
# pass (main a3cd6f9's interactions.AGGREGATE_CHANNELS_SQL, by person and channel)
AGGREGATE_CHANNELS = """
SELECT p.person_id, i.channel, max(i.at), count(*)
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 GROUP BY p.person_id, i.channel"""
CHANNELS = "SELECT person_id, channel, last_at, count FROM person_channel"


def test_channel_totals_are_the_last_at_and_count_of_each_channel_by_channel() -> None:
    log = [
        ("2024-01-01T09:00:00Z", "message", "in", 1),
        ("2024-01-02T09:00:00Z", "call", "out", 1),
        ("2024-01-03T09:00:00Z", "message", "both", 3),
        ("2024-01-03T09:00:00Z", "message", "out", 1),
    ]
    assert channel_totals(7, log) == [
        (7, "call", "2024-01-02T09:00:00Z", 1),
        (7, "message", "2024-01-03T09:00:00Z", 3),
    ]


def test_recompute_all_writes_the_totals_the_aggregate_over_the_log_gives(
    store_with_log: Store,
) -> None:
    db = store_with_log.connection
    expected = sorted(db.execute(AGGREGATE_CHANNELS).fetchall())
    assert len({row[1] for row in expected}) >= 2  # more than one channel to total
    store_with_log.interactions.recompute_all()
    assert sorted(db.execute(CHANNELS).fetchall()) == expected


def test_recompute_of_some_people_writes_their_totals_the_aggregate_gives_and_no_one_elses(
    store_with_log: Store,
) -> None:
    db = store_with_log.connection
    expected = sorted(db.execute(AGGREGATE_CHANNELS).fetchall())
    people = sorted({row[0] for row in expected})[::3]
    marks = ",".join("?" * len(people))
    db.execute(f"DELETE FROM person_channel WHERE person_id IN ({marks})", people)
    db.execute(f"UPDATE person SET interaction_count = 0 WHERE id IN ({marks})", people)
    store_with_log.interactions.recompute(people)
    assert sorted(db.execute(CHANNELS).fetchall()) == expected
    logged = dict(db.execute("SELECT person_id, count(*) FROM participant GROUP BY 1"))
    counted = dict(db.execute("SELECT id, interaction_count FROM person"))
    assert {pid: counted[pid] for pid in people} == {pid: logged[pid] for pid in people}
    assert sum(counted[pid] for pid in people) > 100


@pytest.fixture
def store_with_log(store: Store) -> Store:
    """The demo's smallest profile: people met by e-mail, message, call and in person."""
    build_demo(store, profile="S", seed=7, now=NOW)
    return store


def _collector_during(store: Store, kind: str) -> list[bool]:
    """Whether the cyclic collector was on while an import of `kind` read its records."""
    seen: list[bool] = []

    def records() -> Iterator[Record]:
        seen.append(gc.isenabled())
        yield from ()

    import_records(store, records(), kind=kind, path=None, now=NOW)
    return seen


def test_the_collector_is_paused_while_a_chat_is_imported_and_on_again_after(
    store: Store,
) -> None:
    assert _collector_during(store, "sms-backup") == [False]
    assert gc.isenabled()
    assert _collector_during(store, "whatsapp") == [False]
    assert _collector_during(store, "mbox") == [True]  # a mailbox's import: left alone
    assert gc.isenabled()


def test_a_collector_off_before_a_chat_import_stays_off_after(store: Store) -> None:
    gc.disable()
    try:
        assert _collector_during(store, "sms-backup") == [False]
        assert not gc.isenabled()
    finally:
        gc.enable()
