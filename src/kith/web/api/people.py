"""People: list with the query language, show, resolve a name, add, edit, search, draft."""

from __future__ import annotations

from typing import Any

from kith.clock import parse_day
from kith.drafts.mailto import mailto
from kith.drafts.render import KINDS
from kith.errors import UsageError, UserError
from kith.model import Address, PersonDraft
from kith.services import browse
from kith.services import people as service
from kith.services.events import resolve_event
from kith.services.resolve import resolve
from kith.services.week import drafts
from kith.shapes.drafts import draft_json
from kith.shapes.people import card_json, event_json, head_json, person_json
from kith.web.api.bodies import (
    DRAFT_CHANNELS,
    AddressIn,
    CardFields,
    DraftQuery,
    NameQuery,
    NewPerson,
    PeopleQuery,
    PersonChange,
    SearchQuery,
    ShowQuery,
)
from kith.web.api.edge import Call

IDENTITY_FIELDS = (
    ("email", "emails"),
    ("phone", "phones"),
    ("linkedin", "linkedins"),
    ("url", "urls"),
    ("handle", "handles"),
)


def list_people(call: Call) -> dict[str, Any]:
    """The people a query matches (`kith list QUERY`), every contact without one; `total`
    counts them all, `limit` and `offset` page through them."""
    asked = call.query_as(PeopleQuery)
    context = call.context
    listing = browse.list_people(
        context.store, asked.query, context.now(), asked.limit, asked.sort, offset=asked.offset
    )
    people = [head_json(person) for person in listing.people]
    shown = {"people": people, "total": listing.total, "limit": asked.limit}
    return {"query": asked.query} | shown | {"offset": asked.offset}


def show_person(call: Call) -> dict[str, Any]:
    """`kith show --json`: the card, the newest interactions, whom they know among your
    contacts, with the events they attended."""
    store, now = call.context.store, call.context.now()
    everything = call.query is not None and call.query_as(ShowQuery).all_interactions
    card = browse.show(store, call.person_id(), now.date(), everything)
    return card_json(card) | {"events": [event_json(event) for event in card.events]}


def resolve_name(call: Call) -> dict[str, Any]:
    """Whom a name means, as the CLI resolves a NAME: 404 with close names, 409 with the
    candidates when several people match."""
    store = call.context.store
    person = store.people.heads([resolve(store, call.query_as(NameQuery).name)])[0]
    return {"person": head_json(person)}


def add_person(call: Call) -> dict[str, Any]:
    """`kith add`: a new person with what is known of them."""
    given = call.body_as(NewPerson)
    store = call.context.store
    draft = PersonDraft(
        name=given.name,
        identities=_identities(given),
        company=given.company,
        title=given.title,
        how_met=given.how_met,
        met_where=given.met_where,
        met_through_id=resolve(store, given.met_through) if given.met_through else None,
        tags=tuple(given.tags),
        interests=tuple(given.interests),
        working_on=given.working_on,
        birthday=service.parse_birthday(given.birthday),
        kind="prospect" if given.prospect else "contact",
        addresses=_address(given.address),
    )
    added = service.add_person(store, draft, call.context.now(), same_name=given.another_person)
    return {"person": person_json(added, True)}


def edit_person(call: Call) -> dict[str, Any]:
    """`kith edit`: change only what is given; "" clears a field."""
    given = call.body_as(PersonChange)
    store, now = call.context.store, call.context.now()
    person_id = call.person_id()
    change = service.PersonEdit(
        name=given.name,
        fields=_fields(call, given),
        add_identities=_identities(given),
        remove_identities=tuple(("email", e) for e in given.remove_emails)
        + tuple(("phone", p) for p in given.remove_phones),
        company=given.company,
        title=given.title,
        working_on=given.working_on,
        add_addresses=_address(given.address),
        clear_addresses=given.clear_addresses,
        another=given.another,
    )
    return {"person": person_json(service.edit_person(store, person_id, change, now), True)}


def search(call: Call) -> dict[str, Any]:
    """`kith search`: ranked full-text search of names, cards, notes and interactions."""
    asked = call.query_as(SearchQuery)
    results = browse.search(call.context.store, asked.text, asked.limit)
    found = [
        {"person": head_json(r.person), "score": r.score, "matched": r.matched} for r in results
    ]
    return {"results": found, "total": len(found)}


def draft(call: Call) -> dict[str, Any]:
    """`kith draft`: a short personal message to them, from the templates (the defaults)."""
    asked = call.query_as(DraftQuery)
    if asked.kind is not None and asked.kind not in KINDS:
        raise UsageError(f"Unknown kind {asked.kind!r}; use one of {', '.join(KINDS)}.")
    if asked.channel is not None and asked.channel not in DRAFT_CHANNELS:
        raise UsageError(f"Unknown channel {asked.channel!r}; use {', '.join(DRAFT_CHANNELS)}.")
    context = call.context
    person_id = call.person_id()
    store, folder, now = context.store, context.settings.templates, context.now()
    drafted = drafts.asked_for(store, person_id, asked.kind, folder, now, asked.channel)
    link = None
    if asked.mailto:
        if drafted.email is None:
            raise UserError(f"{drafted.person.name} has no e-mail address; add one first.")
        link = mailto(drafted.email, drafted.draft.subject, drafted.draft.body)
    return draft_json(drafted, link)


def _identities(given: CardFields) -> tuple[tuple[str, str], ...]:
    return tuple((kind, raw) for kind, name in IDENTITY_FIELDS for raw in getattr(given, name))


def _address(given: AddressIn | None) -> tuple[Address, ...]:
    if given is None or not any(given.model_dump().values()):
        return ()
    return (Address(**given.model_dump()),)


def _fields(call: Call, given: PersonChange) -> dict[str, object]:
    """The card's columns to change, "" to clear, as `kith edit` sets them."""
    store, now = call.context.store, call.context.now()
    fields: dict[str, object] = {
        column: value
        for column, value in (
            ("how_met", given.how_met),
            ("met_where", given.met_where),
            ("depth", given.depth),
            ("nickname", given.nickname),
            ("kind", given.kind),
        )
        if value is not None
    }
    if given.known_since is not None:
        text = given.known_since
        fields["known_since"] = parse_day(text, now).isoformat() if text else ""
    if given.met_through is not None:
        fields["met_through_id"] = resolve(store, given.met_through) if given.met_through else ""
    if given.met_event is not None:
        fields["met_event_id"] = resolve_event(store, given.met_event) if given.met_event else ""
    if given.birthday is not None:
        fields |= service.birthday_fields(given.birthday)
    return fields
