"""Finding people again: the query language, ranked full-text search, and a person's card."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from kith import query as query_language
from kith.clock import fixed_offset, local_days
from kith.errors import UsageError
from kith.model import Event, Interaction, Person, PersonHead
from kith.store import Store, listing

if TYPE_CHECKING:
    from kith.services.mesh.knows import Known
from kith.store.listing import (
    Standing,
    day_sql,
    first_ids,
    person_ids,
    person_names,
    standings,
)
from kith.store.people import Columns, Line

# ids, names, companies, tags and the local day of each last contact ("" for never)
DayColumns = tuple[Sequence[int], Sequence[str], Sequence[str], Sequence[str], Sequence[str]]
SHOW_INTERACTIONS = 20
SORTS = listing.SORTS  # name, strength, last, due
SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Listing:
    """One page of a list: the people shown and how many matched."""

    people: list[PersonHead]
    total: int
    # the shown people's stored strength and due day, with `standing=True` (else empty)
    standings: dict[int, Standing] = field(default_factory=dict)


def list_people(
    store: Store,
    text: str,
    now: datetime,
    limit: int | None = None,
    sort: str = "name",
    standing: bool = False,
    offset: int = 0,
) -> Listing:
    """The people a query selects, sorted (SORTS: name, strength, last contact, due) in SQL
    from the stored rows: S as the layers stored it at their latest Monday, the due day from
    the last contact and the person's or their stored layer's cadence; from `offset`, at most
    `limit`; `total` counts them all."""
    with _selected(store, text, now, limit, sort, standing, offset) as (shown, total, days):
        found = standings(store.connection, shown, days) if standing else {}
        return Listing(store.people.heads(shown), total, found)


def list_lines(
    store: Store, text: str, now: datetime, limit: int | None = None, sort: str = "name"
) -> tuple[list[Line], int]:
    """`list_people` as plain lines (id, name, company, tags, last contact as stored), for a
    face that prints thousands: no person object each. Also the total."""
    columns, total = list_columns(store, text, now, limit, sort)
    return list(zip(*columns, strict=True)), total


def list_columns(
    store: Store, text: str, now: datetime, limit: int | None = None, sort: str = "name"
) -> tuple[Columns, int]:
    """`list_lines` as five columns (ids, names, companies, tags, last contacts), which a face
    formats column by column. Also the total."""
    if limit is None:  # everyone: ids, names and last contacts in one query
        parsed, due, days = _prepared(store, text, now, sort, False)
        with store.reading():
            named = person_names(store.connection, parsed, due, sort, days)
            return store.people.named_columns(named), len(named)
    with _selected(store, text, now, limit, sort, False, 0) as (shown, total, _):
        return store.people.columns(shown), total


def list_days(
    store: Store, text: str, now: datetime, limit: int | None = None, sort: str = "name"
) -> tuple[DayColumns, int]:
    """`list_columns` with each last contact as its local day in `now`'s zone ("" for never),
    what a list shows: worked out in the query of everyone when the zone's offset never
    changes (the system's zone when none is set), else by clock.local_days."""
    offset = fixed_offset(now.tzinfo) if now.tzinfo is not None else None
    if limit is None and offset is not None:
        parsed, due, days = _prepared(store, text, now, sort, False)
        with store.reading():
            named = person_names(store.connection, parsed, due, sort, days, day_sql(offset))
            ids, names, companies, tags, _ = store.people.named_columns(named)
            local: list[str] = list(map(itemgetter(2), named))
            return (ids, names, companies, tags, local), len(named)
    (ids, names, companies, tags, lasts), total = list_columns(store, text, now, limit, sort)
    return (ids, names, companies, tags, local_days(lasts, now.tzinfo or UTC)), total


def plan_inputs(store: Store, parsed: query_language.Query, now: datetime) -> dict[str, list[int]]:
    """The plan's inputs to layer:, due: and dormant: (the plan loads only when asked)."""
    if not parsed.needs_layers:
        return {}
    from kith.services.week import plan

    return plan.query_inputs(store, parsed, now)


@contextmanager
def _selected(
    store: Store,
    text: str,
    now: datetime,
    limit: int | None,
    sort: str,
    standing: bool,
    offset: int,
) -> Iterator[tuple[list[int], int, dict[str, float | None]]]:
    """The ids a query selects in `sort` order (from `offset`, at most `limit`), how many in
    all, and the layers' cadences when the sort or `standing` reads them; inside a read."""
    parsed, due, days = _prepared(store, text, now, sort, standing)
    with store.reading():
        if limit is None:
            every = person_ids(store.connection, parsed, due, sort, days)
            shown, total = every[offset:], len(every)
        else:  # a page: the first offset + limit through the indexes, not everyone sorted
            shown, total = first_ids(store.connection, parsed, due, sort, days, offset + limit)
            shown = shown[offset:]
        yield shown, total, days


def _prepared(
    store: Store, text: str, now: datetime, sort: str, standing: bool
) -> tuple[query_language.Query, dict[str, list[int]], dict[str, float | None]]:
    """The parsed query, the ids the plan finds due for its due: terms, and the layers'
    cadences when the sort or `standing` reads them (brought current first when the sort
    reads them)."""
    if sort not in SORTS:
        raise UsageError(f"Sort by one of {', '.join(SORTS)}, not {sort!r}.")
    parsed = query_language.parse(text, now)
    due = plan_inputs(store, parsed, now)
    if sort in ("strength", "due"):  # `standing` alone shows them as stored: no write
        from kith.services.ties import layers  # the layers' science loads only when a sort reads it

        layers.keep_current(store, now)
    return parsed, due, layer_days(store) if sort == "due" or standing else {}


def layer_days(store: Store) -> dict[str, float | None]:
    """Each layer's cadence in days: the user's `cadence.L<n>` setting, else science.md §4's
    default (None for L7: never due)."""
    from kith.relate.cadence import DEFAULT_CADENCE_DAYS
    from kith.services.week.plan import layer_cadences  # the plan loads only when asked

    days = {layer: None if d is None else float(d) for layer, d in DEFAULT_CADENCE_DAYS.items()}
    return days | layer_cadences(store)


def head(store: Store, person_id: int) -> PersonHead:
    """What lists show of one person (the id known to exist)."""
    with store.reading():
        return store.people.heads([person_id])[0]


@dataclass(frozen=True)
class SearchResult:
    """A person found by a search, with its score and where the text matched."""

    person: PersonHead
    score: float  # bm25 of the card match; 0 when only their interactions matched
    matched: list[str]  # where the text was found: name/card, and matching interactions


def search(
    store: Store, text: str, limit: int = SEARCH_LIMIT, private: bool = True
) -> list[SearchResult]:
    """Full-text search; without `private`, notes and the interaction log are not searched,
    nor what they are working on where drafts would not ask after it (what an assistant is
    shown must not reveal what they say: trial 5 found Tom by "divorce")."""
    with store.reading():
        if private:
            hits = store.search.people(text, limit)
        else:
            hits = store.search.shown(text, limit, _said)
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


@lru_cache(maxsize=4096)
def _said(work: str) -> bool:
    """Whether drafts would ask after this "working on" text, so an assistant may see it
    (kith.mcp.privacy); the same words are often on many cards."""
    from kith.drafts.phrases import withheld

    return withheld(work) is None


@dataclass(frozen=True)
class Card:
    """A person's card: the person, their newest interactions and events, whom they know."""

    person: Person
    interactions: list[Interaction]
    events: list[Event]
    total_interactions: int
    knows: list[Known] = field(default_factory=list)  # among your contacts, with evidence


def show(
    store: Store, person_id: int, today: date, everything: bool = False, knows: bool = True
) -> Card:
    """The card; `knows`: with whom they know among your contacts (known_by), which a caller
    that keeps it (the web app, until something is written) reads apart."""
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        limit = None if everything else SHOW_INTERACTIONS
        interactions = store.interactions.for_person(person_id, limit)
        events = store.events.for_person(person_id)
    from kith.services.mesh.knows import known_by  # the mesh loads for a card only

    known = known_by(store, person_id, today) if knows and person.kind == "contact" else []
    return Card(person, interactions, events, person.interaction_count, known)
