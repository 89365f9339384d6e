"""A server card applied to Kith: new cards through the importer (its identity resolution and
review queue), a changed card onto its person (the card's fields replace the person's; what
stays local is never touched), and a card deleted on the server."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.model import Identity, Person
from kith.names import fold
from kith.records import PersonRecord
from kith.services.cards import attach_identity, change_company, identity_from
from kith.services.imports import import_records
from kith.services.merging import queue_conflict
from kith.sources.vcard_values import content_line, escape
from kith.store import Store

_PROPERTY = {"email": "EMAIL", "phone": "TEL", "handle": "X-KITH-HANDLE"}
SOURCE = "carddav"  # the importer's source name: person_source rows say which card made whom


def create_here(store: Store, records: Sequence[PersonRecord], book: str, now: datetime) -> int:
    """New server cards imported by the importer's rules (inside the caller's transaction);
    returns how many people it created (others matched someone Kith already knew)."""
    if not records:
        return 0
    report = import_records(store, records, kind=SOURCE, path=book, now=now)
    return report.created["person"]


def keep_unheld(store: Store, person_id: int, record: PersonRecord) -> None:
    """An address on the card that Kith did not give the person (another's, so queued for
    review) stays on the card as a kept line, so writing the card back does not drop it."""
    person = store.people.get(person_id)
    assert person is not None
    held = {(i.kind, i.value) for i in person.identities}
    lines = []
    for identity in record.identities:
        ready = _ready(store, identity)
        if ready is not None and (ready.kind, ready.value) not in held:
            line = content_line(_PROPERTY.get(ready.kind, "URL"), escape(identity.raw))
            lines += [] if line in person.vcard_extra else [line]
    if lines:
        store.carddav.set_vcard_lines(person_id, [*person.vcard_extra, *lines])


def person_for(store: Store, record: PersonRecord) -> int | None:
    """The person the importer matched or made for `record`."""
    found = store.imports.person_for_source(SOURCE, record.source_id)
    if found is None and record.uid:
        found = store.people.id_for_uid(record.uid)
    return found


def apply_here(store: Store, person: Person, record: PersonRecord, now: datetime) -> None:
    """The card's fields replace the person's (inside the caller's transaction)."""
    stamp = to_utc_text(now)
    birthday = record.birthday
    store.people.update(
        person.id,
        stamp,
        display_name=record.name,
        name_key=fold(record.name),
        given_name=record.given_name,
        family_name=record.family_name,
        additional_names=record.additional_names,
        prefix=record.prefix,
        suffix=record.suffix,
        nickname=record.nickname,
        birthday_month=birthday.month if birthday else None,
        birthday_day=birthday.day if birthday else None,
        birthday_year=birthday.year if birthday else None,
    )
    _identities(store, person, record.identities, stamp)
    _tags(store, person, record.tags)
    if list(record.addresses) != person.addresses:
        store.people.cards.clear_addresses(person.id)
        for address in record.addresses:
            store.people.cards.add_address(person.id, address)
    job = record.jobs[0] if record.jobs else None
    company = job.organisation if job else ("" if person.current_job else None)
    change_company(store, person.id, person.jobs, company, job.title if job else None, now)
    known = {(n.kind, n.text) for n in person.notes}
    for note in record.notes:
        if (note.kind, note.text) not in known:
            store.people.cards.add_note(
                person.id, note.kind, note.text, to_utc_text(note.created_at)
            )
    store.carddav.set_vcard_lines(person.id, list(record.vcard_extra))
    keep_unheld(store, person.id, record)
    store.people.refresh_search([person.id])


def _identities(store: Store, person: Person, wanted: Sequence[Identity], stamp: str) -> None:
    ready = [_ready(store, identity) for identity in wanted]
    keys = {(i.kind, i.value) for i in ready if i is not None}
    for have in person.identities:
        if (have.kind, have.value) not in keys:
            store.people.cards.remove_identity(person.id, have.kind, have.value)
    held = {(i.kind, i.value) for i in person.identities}
    for identity in ready:
        if identity is None or (identity.kind, identity.value) in held:
            continue
        owners = store.people.cards.owners_of(identity.kind, identity.value)
        if owners and person.id not in owners and not identity.shared:
            # another person's address: for a person to judge, as an import would queue it
            queue_conflict(store, owners[0], person.id, f"{identity.kind} {identity.value}", stamp)
            continue
        attach_identity(store, person.id, identity)


def _ready(store: Store, identity: Identity) -> Identity | None:
    if identity.value:
        return identity
    try:
        return identity_from(store, identity.kind, identity.raw, identity.label, strict=False)
    except UserError:
        return None


def _tags(store: Store, person: Person, tags: Sequence[str]) -> None:
    wanted = {t.casefold() for t in tags}
    store.people.cards.remove_tags(
        person.id, [t for t in person.tags if t.casefold() not in wanted]
    )
    have = {t.casefold() for t in person.tags}
    store.people.cards.add_tags(person.id, [t for t in tags if t.casefold() not in have])
