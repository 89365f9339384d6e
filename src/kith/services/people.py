"""Adding, editing, archiving and forgetting people, and the small facts on their cards."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime

from kith.clock import to_utc_text
from kith.controls import refuse
from kith.drafts import phrases
from kith.errors import Candidate, SameName, UserError
from kith.model import Address, Birthday, Person, PersonDraft
from kith.names import fold, name_columns, split_name
from kith.services.cards import attach_identity, change_company, identity_from
from kith.store import Store
from kith.vocab import NOTE_KINDS, one_of, relationship_from


def parse_birthday(text: str | None) -> Birthday | None:
    """A birthday as a person types it: 1815-12-10, or --12-10 without the year."""
    if not text:
        return None
    try:
        return Birthday.parse(text)
    except ValueError as exc:
        raise UserError(
            f"Could not read the birthday {text!r}; write 1815-12-10, or --12-10 without the year."
        ) from exc


def add_person(
    store: Store, draft: PersonDraft, now: datetime, *, same_name: bool = False
) -> Person:
    """Create a person from a draft. Adding someone never logs an interaction.

    When someone of the same name is known, refuses (`SameName`) unless `same_name` says the
    user means another person; then the two are queued for review (`kith merge --list`)."""
    refuse(_draft_fields(draft))
    return add_person_unchecked(store, draft, now, same_name=same_name)


def add_person_unchecked(
    store: Store, draft: PersonDraft, now: datetime, *, same_name: bool = False
) -> Person:
    """`add_person` without refusing control characters, for a database seeded as an older
    Kith kept it (tests/test_export_hashes.py's awkward values hold a BEL)."""
    name = " ".join(draft.name.split())
    if not name:
        raise UserError('A person needs a name: kith add "Ada Lovelace".')
    _check_birth_year(draft.birthday.year if draft.birthday else None, now)
    given, family = split_name(name)
    stamp = to_utc_text(now)
    with store.transaction():
        namesakes = store.people.ids_for_name_key(fold(name))
        if namesakes and not same_name:
            raise _same_name(store, namesakes)
        person_id = store.people.insert(
            uid=str(uuid.uuid4()),
            name=name,
            name_key=fold(name),
            now=stamp,
            given_name=draft.given_name or given,
            family_name=draft.family_name if draft.given_name else family,
            how_met=draft.how_met,
            met_where=draft.met_where,
            met_through_id=draft.met_through_id,
            known_since=draft.known_since.isoformat() if draft.known_since else None,
            depth=draft.depth,
            kind=draft.kind,
            birthday_month=draft.birthday.month if draft.birthday else None,
            birthday_day=draft.birthday.day if draft.birthday else None,
            birthday_year=draft.birthday.year if draft.birthday else None,
        )
        for kind, raw in draft.identities:
            attach_identity(store, person_id, identity_from(store, kind, raw))
        change_company(store, person_id, [], draft.company, draft.title, now)
        _add_facts(store, person_id, draft, stamp, now)
        absorb_seen(store, person_id, stamp)
        store.people.refresh_search([person_id])
        for namesake in namesakes:  # another of that name, the user says: theirs to review
            store.merge_queue.add(namesake, person_id, "the same name", 100.0, stamp)
    return _loaded(store, person_id)


def _draft_fields(draft: PersonDraft) -> list[tuple[str, object]]:
    """A new person's texts, each with the name of its field in words ("given name")."""
    texts = [(_field_words(f.name), getattr(draft, f.name)) for f in fields(draft)]
    return [(n, v) for n, v in texts if n != "identities"] + list(draft.identities)


def _field_words(name: str) -> str:
    """A field's name as an error says it: "given_name" → given name, "tags" → tag."""
    return {"tags": "tag", "interests": "interest", "addresses": "address"}.get(
        name, name.replace("_", " ")
    )


def _edit_fields(edit: PersonEdit) -> list[tuple[str, object]]:
    """An edit's texts, each with the name of its field in words."""
    named = [(_field_words(key), value) for key, value in edit.fields.items()]
    return [
        ("name", edit.name),
        *named,
        ("company", edit.company),
        ("title", edit.title),
        ("working on", edit.working_on),
        ("address", edit.add_addresses),
        *edit.add_identities,
    ]


def _split_from(name: str, given: str | None, family: str | None) -> bool:
    """Whether a person's given and family name are only Kith's split of their name (or none),
    which a new name splits again ("+15550000009" renamed Jane Doe is greeted "Hi Jane,"); a
    split an import or the user gave stays. Also the split before names.split_name read
    scripts and commas: the last word the family name."""
    words = name.split()
    last_word = (" ".join(words[:-1]) or " ".join(words), words[-1] if len(words) > 1 else None)
    return not (given or family) or (given, family) in (split_name(name), last_word)


def _same_name(store: Store, namesakes: list[int]) -> SameName:
    known = [Candidate(p.id, p.name) for p in store.people.heads(namesakes)]
    listed = ", ".join(f"{p.name} (#{p.id})" for p in known)
    verb = "is" if len(known) == 1 else "are"
    return SameName(
        f"{listed} {verb} known already. To log with them use #{known[0].id}; to add another "
        "person of that name, say it is another (kith add --new).",
        known,
    )


def _renamed_as(store: Store, person_id: int, namesakes: list[int]) -> SameName:
    known = [Candidate(p.id, p.name) for p in store.people.heads(namesakes)]
    listed = ", ".join(f"{p.name} (#{p.id})" for p in known)
    verb = "is" if len(known) == 1 else "are"
    return SameName(
        f"{listed} {verb} known already. If they are the same person, merge them "
        f"(kith merge #{known[0].id} #{person_id}); if another person of that name, "
        "say so (kith edit --another).",
        known,
    )


def _add_facts(store: Store, person_id: int, draft: PersonDraft, stamp: str, now: datetime) -> None:
    cards = store.people.cards
    cards.add_tags(person_id, draft.tags)
    for interest in draft.interests:
        cards.add_facet(person_id, "interest", interest, stamp)
    for address in draft.addresses:
        cards.add_address(person_id, address)
    if draft.working_on:
        cards.add_working_on(person_id, draft.working_on, now.date().isoformat())


def birthday_fields(text: str) -> dict[str, object]:
    """A PersonEdit's birthday columns; "" clears them."""
    birthday = parse_birthday(text)
    return {
        "birthday_month": birthday.month if birthday else "",
        "birthday_day": birthday.day if birthday else "",
        "birthday_year": birthday.year if birthday and birthday.year else "",
    }


@dataclass(frozen=True)
class PersonEdit:
    """What `kith edit` changes; None leaves a field as it is, "" clears it."""

    name: str | None = None
    fields: dict[str, object] = field(default_factory=dict)
    add_identities: tuple[tuple[str, str], ...] = ()
    remove_identities: tuple[tuple[str, str], ...] = ()
    company: str | None = None
    title: str | None = None
    working_on: str | None = None
    add_addresses: tuple[Address, ...] = ()
    clear_addresses: bool = False
    another: bool = False  # a new name someone else has: the user says they are another person


def edit_person(store: Store, person_id: int, edit: PersonEdit, now: datetime) -> Person:
    refuse(_edit_fields(edit))
    stamp = to_utc_text(now)
    born = edit.fields.get("birthday_year")
    _check_birth_year(int(born) if isinstance(born, int | str) and str(born) else None, now)
    with store.transaction():
        person = _loaded(store, person_id)
        columns = {k: (v if v != "" else None) for k, v in edit.fields.items()}
        if edit.name is not None:
            name = " ".join(edit.name.split())
            if not name:
                raise UserError("A name cannot be empty.")
            columns.update(display_name=name, name_key=fold(name))
            if _split_from(person.name, person.given_name, person.family_name):
                columns.update(name_columns(name))
            namesakes = [i for i in store.people.ids_for_name_key(fold(name)) if i != person_id]
            if namesakes and not edit.another:
                raise _renamed_as(store, person_id, namesakes)
            for namesake in namesakes:  # another of that name, the user says: to review
                store.merge_queue.add(namesake, person_id, "the same name", 100.0, stamp)
        store.people.update(person_id, stamp, **columns)
        for kind, raw in edit.remove_identities:
            value = identity_from(store, kind, raw, strict=False).value  # removing: as stored
            if not store.people.cards.remove_identity(person_id, kind, value):
                raise UserError(f"{person.name} has no {kind} {raw}.")
        for kind, raw in edit.add_identities:
            attach_identity(store, person_id, identity_from(store, kind, raw))
        change_company(store, person_id, person.jobs, edit.company, edit.title, now)
        absorb_seen(store, person_id, stamp)
        if edit.clear_addresses:
            store.people.cards.clear_addresses(person_id)
        for address in edit.add_addresses:
            store.people.cards.add_address(person_id, address)
        if edit.working_on:
            store.people.cards.add_working_on(person_id, edit.working_on, now.date().isoformat())
        store.people.refresh_search([person_id])
    return _loaded(store, person_id)


def set_archived(store: Store, person_id: int, archived: bool, now: datetime) -> Person:
    with store.transaction():
        store.people.update(person_id, to_utc_text(now), archived=int(archived))
    return _loaded(store, person_id)


def forget(store: Store, person_id: int) -> Person:
    """Delete a person and everything only they were part of; shared interactions stay."""
    person = _loaded(store, person_id)
    with store.transaction():
        orphaned = store.interactions.ids_only_with(person_id)
        for interaction_id in orphaned:
            store.interactions.delete(interaction_id)
        store.people.delete(person_id)
    return person


def tag(store: Store, person_id: int, add: list[str], remove: list[str], now: datetime) -> Person:
    refuse(("tag", t) for t in add)
    with store.transaction():
        store.people.cards.add_tags(person_id, [t.strip() for t in add if t.strip()])
        store.people.cards.remove_tags(person_id, remove)
        store.people.touch(person_id, to_utc_text(now))
    return _loaded(store, person_id)


def add_note(store: Store, person_id: int, text: str, kind: str, now: datetime) -> int:
    kind = one_of(kind, NOTE_KINDS, "note kind")
    if not text.strip():
        raise UserError("A note cannot be empty.")
    refuse([("note", text)])
    with store.transaction():
        note_id = store.people.cards.add_note(person_id, kind, text.strip(), to_utc_text(now))
        store.people.touch(person_id, to_utc_text(now))
        store.people.refresh_search([person_id])
    return note_id


def add_facet(
    store: Store, person_id: int, kind: str, text: str, now: datetime, remove: bool = False
) -> Person:
    """An interest, a need or an offer: a short phrase used by search and introductions."""
    if not text.strip():
        raise UserError(f"An empty {kind} cannot be stored.")
    refuse([(kind, text)])
    with store.transaction():
        if remove:
            store.people.cards.remove_facet(person_id, kind, text.strip())
        else:
            store.people.cards.add_facet(person_id, kind, text.strip(), to_utc_text(now))
        store.people.touch(person_id, to_utc_text(now))
        store.people.refresh_search([person_id])
    return _loaded(store, person_id)


def relate(
    store: Store, a_id: int, b_id: int, as_: str, now: datetime, remove: bool = False
) -> bool:
    """Record (or remove) that a is b's `as_` (spouse, parent, manager, report, friend, ...)."""
    if a_id == b_id:
        raise UserError("A person cannot be related to themselves.")
    type_, flipped = relationship_from(as_)
    if flipped:
        a_id, b_id = b_id, a_id
    with store.transaction():
        if remove:
            return store.relations.unrelate(a_id, b_id, type_) > 0
        return store.relations.relate(a_id, b_id, type_, to_utc_text(now))


def absorb_seen(store: Store, person_id: int, stamp: str) -> None:
    """Messages kept for an address this person now has join their log."""
    from kith.services.importing.exchange import ExchangeApplier  # the importers' records

    ExchangeApplier(store, None, stamp, frozenset(), {}).absorb_seen(person_id)


def _check_birth_year(year: int | None, now: datetime) -> None:
    if year is not None and year > now.year:
        raise UserError(
            f"A birthday in {year} has not come yet; check the year, or give --MM-DD without it."
        )


def _loaded(store: Store, person_id: int) -> Person:
    person = store.people.get(person_id)
    if person is None:
        raise UserError(f"No person has the id #{person_id}.")
    return person


def working_on_warning(text: str | None) -> str | None:
    """Why drafts will not ask after what they are working on, if they will not (said when
    it is given, as `kith log` says of a topic)."""
    why = phrases.withheld(text or "")
    return f"Drafts will not ask about {text!r}: {why}. It is kept." if why else None
