"""Recomputing every aggregate from the log (`kith rebuild`): what the writes keep in step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kith.services.ties import layers
from kith.store import Store


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild recomputed: people (counters, channels, search rows), the log it read,
    and the tie rows it wrote (one per person with history)."""

    people: int
    interactions: int
    ties: int
    instants: int  # weekly layer instants replayed


def rebuild(store: Store, now: datetime) -> Rebuilt:
    """Recompute person counters, person_channel, tie rows, search rows and the layers (every
    weekly instant replayed up to `now`) in one transaction."""
    with store.transaction():
        store.interactions.recompute_all()
        store.people.rebuild_search()
        store.search.rebuild()
        kept = layers.rebuild(store, now)
        return Rebuilt(
            store.people.count(), store.interactions.count(), store.ties.count(), kept.instants
        )
