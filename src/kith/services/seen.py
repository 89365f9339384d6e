"""Correspondents seen in one direction only: listing them, and making one a person by hand."""

from __future__ import annotations

from datetime import datetime

from kith.clock import to_utc_text
from kith.errors import NotFound
from kith.identities import normalise
from kith.services.importing.exchange import ExchangeApplier
from kith.store import Store
from kith.store.seen import Seen


def list_seen(store: Store) -> list[Seen]:
    return store.seen.all()


def promote_seen(store: Store, address: str, now: datetime) -> int:
    """Make the seen correspondent at `address` a person, with every message kept for them."""
    kind = "linkedin" if "linkedin.com/" in address.lower() else "email"
    value = normalise(kind, address).value
    seen = store.seen.find(kind, value)
    if seen is None:
        raise NotFound(f"{value} is not among the seen correspondents; `kith seen` lists them.")
    with store.transaction():
        person_id = ExchangeApplier(store, None, to_utc_text(now), frozenset(), {}).promote(seen)
        store.people.refresh_search([person_id])
    return person_id
