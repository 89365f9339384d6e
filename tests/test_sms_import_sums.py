"""The SMS import's shortcuts give what the long ways give (branch smskeys).

A conversation's start as text is made from its milliseconds (`sms_backup.IsoTexts`), not by
an aware time's isoformat; the totals per channel come from the tie rows' pass over the log,
not from an aggregate of their own.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.services.demo import build_demo
from kith.sources.sms_backup import IsoTexts
from kith.store import Store
from kith.store.interactions import AGGREGATE_CHANNELS_SQL
from kith.store.week.ties import channel_totals
from tests.conftest import NOW

LAST_MS = 253_402_300_799_999  # the last millisecond of year 9999


@given(st.lists(st.integers(min_value=0, max_value=LAST_MS), max_size=50))
def test_a_start_is_the_text_isoformat_gives_for_any_millisecond(stamps: list[int]) -> None:
    texts = IsoTexts()
    for ms in stamps:
        assert texts.of(ms) == datetime.fromtimestamp(ms / 1000, UTC).isoformat()


def test_a_start_on_the_edges_of_a_second_a_day_and_the_exact_range_is_isoformats() -> None:
    texts = IsoTexts()
    edges = [0, 1, 999, 1_000, 86_399_999, 86_400_000, 2**32 * 1000 - 1, 2**32 * 1000, LAST_MS]
    assert [texts.of(ms) for ms in edges[:4]] == [
        "1970-01-01T00:00:00+00:00",
        "1970-01-01T00:00:00.001000+00:00",
        "1970-01-01T00:00:00.999000+00:00",
        "1970-01-01T00:00:01+00:00",
    ]
    for ms in edges:
        assert texts.of(ms) == datetime.fromtimestamp(ms / 1000, UTC).isoformat()


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
    expected = sorted(
        db.execute(
            AGGREGATE_CHANNELS_SQL[AGGREGATE_CHANNELS_SQL.index("SELECT") :]
            + " GROUP BY p.person_id, i.channel"
        ).fetchall()
    )
    assert len({row[1] for row in expected}) >= 2  # more than one channel to total
    store_with_log.interactions.recompute_all()
    written = db.execute("SELECT person_id, channel, last_at, count FROM person_channel")
    assert sorted(written.fetchall()) == expected


@pytest.fixture
def store_with_log(store: Store) -> Store:
    """The demo's smallest profile: people met by e-mail, message, call and in person."""
    build_demo(store, profile="S", seed=7, now=NOW)
    return store
