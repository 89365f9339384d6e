"""Finding people again: the query language, ranked full-text search, and a person's card."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kith import query as query_language
from kith.model import Event, Interaction, Person, PersonHead
from kith.services.csv_export import plan_inputs
from kith.services.mesh.knows import Known, known_by
from kith.store import Store
from kith.store.listing import count, person_ids

SHOW_INTERACTIONS = 20
SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Listing:
    people: list[PersonHead]
    total: int


def list_people(
    store: Store,
    text: str,
    now: datetime,
    limit: int | None = None,
    offset: int = 0,
    order: str = "name",
) -> Listing:
    """The people a query matches, in `order` (a key of kith.store.listing.ORDERS), from
    `offset`, at most `limit`; `total` counts them all."""
    parsed = query_language.parse(text, now)
    due = plan_inputs(store, parsed, now)
    with store.reading():
        shown = person_ids(store.connection, parsed, due, order, limit, offset)
        total = len(shown) if limit is None and not offset else count(store.connection, parsed, due)
        return Listing(store.people.heads(shown), total)


@dataclass(frozen=True)
class SearchResult:
    person: PersonHead
    score: float  # bm25 of the card match; 0 when only their interactions matched
    matched: list[str]  # where the text was found: name/card, and matching interactions


def search(
    store: Store, text: str, limit: int = SEARCH_LIMIT, private: bool = True
) -> list[SearchResult]:
    """Full-text search; without `private`, notes and the interaction log are not searched
    (what an assistant is shown must not reveal what they say)."""
    with store.reading():
        hits = store.search.people(text, limit, private)
        people = {p.id: p for p in store.people.heads([h.person_id for h in hits])}
        results = []
        for hit in hits:
            matched = ["card"] if hit.card_match else []
            if hit.log_matches:
                matched.append(
                    f"{hit.log_matches} interaction{'' if hit.log_matches == 1 else 's'}"
                )
            results.append(SearchResult(people[hit.person_id], round(hit.card_score, 4), matched))
        return results


@dataclass(frozen=True)
class Card:
    person: Person
    interactions: list[Interaction]
    events: list[Event]
    total_interactions: int
    knows: list[Known] = field(default_factory=list)  # among your contacts, with evidence


def show(store: Store, person_id: int, today: date, everything: bool = False) -> Card:
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        limit = None if everything else SHOW_INTERACTIONS
        interactions = store.interactions.for_person(person_id, limit)
        events = store.events.for_person(person_id)
    known = known_by(store, person_id, today) if person.kind == "contact" else []
    return Card(person, interactions, events, person.interaction_count, known)
