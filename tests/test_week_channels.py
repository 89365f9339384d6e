"""The weekly step reads of the channels only how many each person used within S's window at
each instant it evaluates (one row per person from SQL, not one per channel); a step over
several Mondays at once must still agree with a replay from the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from kith.model import PersonDraft
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import add_person
from kith.services.ties import layers
from kith.store import Store

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
CHANNELS = ("email", "in_person", "call", "message", "video")


def logged(store: Store) -> list[int]:
    """Five people, each using a different set of channels at dates spread over half a year."""
    people = [
        add_person(store, PersonDraft(name), START).id
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Quiet One")
    ]
    for k, person in enumerate(people[:4]):
        for c, channel in enumerate(CHANNELS[: k + 2]):
            moment = START + timedelta(days=11 * c + 17 * k, hours=c)
            log_interaction(store, [person], LogEntry("hello", channel=channel), moment)
    return people


def used_since(store: Store, bound: float) -> dict[int, int]:
    """Channels each person used at or after `bound`, counted row by row in Python."""
    counts: dict[int, int] = {}
    rows = store.connection.execute("SELECT person_id, last_at FROM person_channel").fetchall()
    for person, last_at in rows:
        if datetime.fromisoformat(last_at.replace("Z", "+00:00")).timestamp() >= bound:
            counts[person] = counts.get(person, 0) + 1
    return counts


@pytest.mark.parametrize("offsets", [(0,), (10, 30), (5, 40, 70, 100), (200,)])
def test_the_channels_read_count_as_the_used_channels_in_every_window(
    store: Store, offsets: tuple[int, ...]
) -> None:
    people = logged(store)
    ids = np.array(sorted(people), np.int64)
    windows = [(START + timedelta(days=days)).timestamp() for days in offsets]
    sums = store.layers.sums(ids, windows)
    for bound in windows:
        counted = (sums.channel_last >= bound).sum(axis=0).tolist()
        direct = used_since(store, bound)
        assert counted == [direct.get(person, 0) for person in ids.tolist()]
    assert max(used_since(store, windows[0]).values(), default=0) <= 5


def test_the_channels_read_for_some_people_alone_count_as_for_everyone(store: Store) -> None:
    people = logged(store)
    ids = np.array(sorted(people), np.int64)
    windows = [(START + timedelta(days=days)).timestamp() for days in (20, 50)]
    everyone = store.layers.sums(ids, windows)
    some = store.layers.sums(ids[1:3], windows, only=True)
    assert some.channel_last.tolist() == everyone.channel_last[:, 1:3].tolist()


def test_a_step_over_several_mondays_at_once_equals_a_replay_from_the_log(store: Store) -> None:
    logged(store)
    moment = START + timedelta(days=375)  # S's window of a year about to pass the log
    assert layers.keep_current(store, moment).how == "replayed"
    later = moment + timedelta(weeks=7)  # seven Mondays, channels leaving the window
    kept = layers.keep_current(store, later)
    assert (kept.how, kept.instants) == ("advanced", 7)
    stepped = store.layers.state()
    with store.transaction():
        layers.rebuild(store, later)
    replayed = store.layers.state()
    assert [row[:5] for row in replayed] == [row[:5] for row in stepped]
    assert [row[7] for row in replayed] == pytest.approx([row[7] for row in stepped], abs=1e-12)
    assert [row[5] for row in replayed] == pytest.approx([row[5] for row in stepped], abs=1e-12)


def test_the_tie_rows_read_count_the_kept_days_and_date_the_latest(store: Store) -> None:
    people = logged(store)
    ids = np.array(sorted(people), np.int64)
    sums = store.layers.sums(ids, [START.timestamp()])
    rows = dict(store.connection.execute("SELECT person_id, days FROM tie").fetchall())
    expected_days = [len(rows[p].split()) if p in rows else 0 for p in ids.tolist()]
    assert sums.days.tolist() == expected_days
    assert expected_days == [2, 3, 4, 5, 0]
    latest = [rows[p].split()[-1] if p in rows else None for p in ids.tolist()]
    assert [
        datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() // 86400 if day else -1
        for day in latest
    ] == sums.last_day.tolist()


def test_a_channel_used_at_a_window_start_counts_in_that_window_and_not_the_next(
    store: Store,
) -> None:
    people = logged(store)
    ids = np.array(sorted(people), np.int64)
    used = START + timedelta(days=17, hours=0)  # Grace Hopper's first channel, email
    assert used_since(store, used.timestamp()) != used_since(store, used.timestamp() + 1)
    windows = [used.timestamp() - 86400, used.timestamp(), used.timestamp() + 1]
    sums = store.layers.sums(ids, windows)
    for bound in windows:
        counted = (sums.channel_last >= bound).sum(axis=0).tolist()
        direct = used_since(store, bound)
        assert counted == [direct.get(person, 0) for person in ids.tolist()]
    assert (sums.channel_last >= windows[1]).sum() == (sums.channel_last >= windows[2]).sum() + 1


def test_the_channels_read_for_people_without_any_count_none(store: Store) -> None:
    people = logged(store)
    quiet = np.array([people[4]], np.int64)
    some = store.layers.sums(quiet, [START.timestamp(), START.timestamp() + 86400], only=True)
    assert some.channel_last.shape[1] == 1
    assert np.isneginf(some.channel_last).all()
