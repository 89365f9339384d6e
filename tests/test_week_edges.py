"""Edges of the stored week: the SQL that finds a note awaiting a reply reads the channels the
plan's rule names (one list, vocab.WRITTEN_CHANNELS)."""

from __future__ import annotations

from datetime import UTC, datetime

from kith.model import PersonDraft
from kith.relate.priority import WRITTEN
from kith.services import people
from kith.services.interactions import LogEntry, log_interaction
from kith.store import Store
from kith.vocab import CHANNELS

NOW = datetime(2026, 11, 3, 9, tzinfo=UTC)


def test_the_sql_finds_a_note_on_exactly_the_channels_the_reply_rule_calls_written(
    store: Store,
) -> None:
    """One person a channel, each whose latest interaction is an inbound one on it."""
    ids = {}
    for channel in CHANNELS:
        ids[people.add_person(store, PersonDraft(f"Someone {channel}"), NOW).id] = channel
        entry = LogEntry("they got in touch", channel=channel, direction="in", when="2026-11-01")
        log_interaction(store, [max(ids)], entry, NOW)
    with store.reading():
        found = {ids[person] for person, _, _ in store.plan.wrote_last("2026-10-01T00:00:00Z")}
        among = store.plan.wrote_last("2026-10-01T00:00:00Z", among=list(ids))
    assert found == {"email", "message", "social"}
    assert found == WRITTEN
    assert {ids[person] for person, _, _ in among} == found
