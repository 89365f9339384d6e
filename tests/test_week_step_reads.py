"""The weekly step reads the people without their tie rows (`LayerRepo.people(ties=False)`) and
takes each one's first interaction in from the tie rows it reads anyway (`sums`): the ties it
works from must be those read with the join, entry for entry, whether a person's first
interaction is before their creation, after it, or missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kith.model import PersonDraft
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import add_person
from kith.services.ties.layer_replay import _current_ties
from kith.store import Store

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday


def people_logged(store: Store) -> list[int]:
    """One person in touch before their creation (an old chat imported later), one after it,
    one never."""
    early, late, quiet = (
        add_person(store, PersonDraft(name), START).id
        for name in ("Ada Lovelace", "Grace Hopper", "Quiet One")
    )
    log_interaction(store, [early], LogEntry("old chat", channel="message"), START - timedelta(400))
    log_interaction(store, [late], LogEntry("coffee", channel="in_person"), START + timedelta(9))
    return [early, late, quiet]


def test_the_people_read_without_tie_rows_hold_their_creation_as_entry(store: Store) -> None:
    people_logged(store)
    joined, alone = store.layers.people(UTC), store.layers.people(UTC, ties=False)
    created = START.timestamp()
    assert alone.entry.tolist() == [created, created, created]
    assert joined.entry.tolist() == [(START - timedelta(400)).timestamp(), created, created]
    assert alone.ids.tolist() == joined.ids.tolist()
    assert alone.known_since.tobytes() == joined.known_since.tobytes()


def test_the_steps_ties_enter_as_with_the_tie_join_for_everyone_and_for_some(
    store: Store,
) -> None:
    early, late, quiet = people_logged(store)
    at = START + timedelta(weeks=3)
    with_join = _current_ties(store, store.layers.people(UTC), at, [at])
    without = _current_ties(store, store.layers.people(UTC, ties=False), at, [at])
    assert without.entry.tobytes() == with_join.entry.tobytes()
    created = START.timestamp()
    assert without.entry.tolist() == [(START - timedelta(400)).timestamp(), created, created]
    some = [early, quiet]
    joined_some = _current_ties(store, store.layers.people(UTC, only=some), at, [at], only=True)
    alone_some = store.layers.people(UTC, only=some, ties=False)
    assert _current_ties(store, alone_some, at, [at], only=True).entry.tolist() == (
        joined_some.entry.tolist()
    )
    assert late not in alone_some.ids.tolist()
