"""A new interaction folds into its people's tie rows without reading their logs (issue 15):
after any mix of appended, backdated, edited and deleted interactions the tie rows are those
`kith rebuild` writes from the whole log, to the bit (the decayed sums too: a rebuild carries
them from interaction to interaction as an append does)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from kith.clock import to_utc_text
from kith.model import PersonDraft
from kith.services.people import add_person
from kith.store import Store
from kith.store.interactions import NewInteraction
from kith.store.week.ties import TieRow
from kith.vocab import CHANNELS, DIRECTIONS

START = datetime(2024, 1, 1, 9, tzinfo=UTC)
STAMP = "2026-11-22T10:00:00Z"


def rebuilt_rows(store: Store) -> list[TieRow]:
    with store.transaction():
        store.ties.recompute_all()
    return store.ties.rows()


@pytest.mark.parametrize("seed", range(12))
def test_tie_rows_kept_on_each_write_equal_a_rebuild(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    with store.transaction():
        people = [add_person(store, PersonDraft(f"Person {n}"), START).id for n in range(5)]
    latest = START
    logged: list[int] = []
    for _ in range(rng.randint(30, 80)):
        roll = rng.random()
        with store.transaction():
            if roll < 0.7 or not logged:  # mostly appended: later than everything so far
                if rng.random() < 0.75:
                    latest += timedelta(
                        minutes=rng.choice([0, 1, 30, 60 * 5, 60 * 30, 60 * 24 * 9])
                    )
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
            elif roll < 0.85:
                chosen = rng.choice(logged)
                moved = START + (latest - START) * rng.random()
                store.interactions.update(
                    chosen, at=to_utc_text(moved), channel=rng.choice(CHANNELS)
                )
            else:
                chosen = logged.pop(rng.randrange(len(logged)))
                store.interactions.delete(chosen)
    stored = store.ties.rows()
    assert stored  # the seeds log something for someone
    assert stored == rebuilt_rows(store)


def test_an_appended_interaction_on_a_day_and_channel_already_had_adds_no_point(
    store: Store,
) -> None:
    with store.transaction():
        ada = add_person(store, PersonDraft("Ada Lovelace"), START).id
        for minutes, channel in [(0, "message"), (30, "message"), (45, "call"), (60, "message")]:
            at = to_utc_text(START + timedelta(minutes=minutes))
            new = NewInteraction(at, channel, "out", "checkin", "hi", (ada,))
            store.interactions.insert(new, STAMP)
    stored = store.ties.rows()
    assert stored == rebuilt_rows(store)
    assert stored[0][-1] == "2024-01-01"
