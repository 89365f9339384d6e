"""Applying person records: match each to someone already known, or create them; then fill in
what the record adds. What the user already has always wins over what a file says."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.model import PERSON_SCALARS, Identity, Job, Person
from kith.names import fold, split_name
from kith.records import PersonRecord, Skipped
from kith.services.cards import attach_identity, identity_from
from kith.services.merging import queue_conflict
from kith.store import Store
from kith.store.cards import organisation_key

SCALARS = PERSON_SCALARS
MATCHING_KINDS = ("email", "phone", "linkedin", "handle")  # a handle: a chat id (telegram:42)


@dataclass
class PersonApplier:
    store: Store
    source: str
    run_id: int
    stamp: str
    skipped: list[Skipped]
    where: str
    ids: dict[str, int] = field(default_factory=dict)  # source_id → person id
    pending_met: list[tuple[int, PersonRecord]] = field(default_factory=list)

    def apply(self, record: PersonRecord) -> str:
        """Returns "created", "updated" or "unchanged"."""
        existing = self._match(record)
        if existing is None:
            person_id = self._create(record)
            self._fill(person_id, record, None)
            outcome = "created"
        else:
            person_id = existing
            person = self.store.people.get(person_id)
            assert person is not None
            outcome = "updated" if self._fill(person_id, record, person) else "unchanged"
            if outcome == "updated":
                self.store.people.touch(person_id, self.stamp)
        self.ids[record.source_id] = person_id
        self.store.imports.remember_source(self.source, record.source_id, person_id, self.run_id)
        if record.met_through or record.met_event:
            self.pending_met.append((person_id, record))
        return outcome

    def _match(self, record: PersonRecord) -> int | None:
        found = self.store.imports.person_for_source(self.source, record.source_id)
        if found is None and record.uid:
            found = self.store.people.id_for_uid(record.uid)
        if found is None:
            found = self._match_identity(record)
        return found

    def _match_identity(self, record: PersonRecord) -> int | None:
        """An exact e-mail, phone, LinkedIn URL or handle, when the names are compatible."""
        for identity in record.identities:
            if identity.kind not in MATCHING_KINDS or identity.shared:
                continue
            owners = self.store.people.cards.owners_of(identity.kind, self._value(identity))
            if owners and self._compatible(owners[0], record.name):
                return owners[0]
        return None

    def _compatible(self, person_id: int, name: str) -> bool:
        refs = self.store.people.refs([person_id])
        return not name.strip() or fold(refs[person_id].name) == fold(name)

    def _value(self, identity: Identity) -> str:
        if identity.value:
            return identity.value
        try:
            return identity_from(self.store, identity.kind, identity.raw, strict=False).value
        except UserError:
            return ""

    def _create(self, record: PersonRecord) -> int:
        name = " ".join(record.name.split())
        given, family = split_name(name)
        has_parts = record.given_name is not None or record.family_name is not None
        uid = record.uid if record.uid and self.store.imports.uid_free(record.uid) else None
        wanted = record.id if record.id and self.store.imports.person_id_free(record.id) else None
        birthday = record.birthday
        person_id = self.store.people.insert(
            uid=uid or str(uuid.uuid4()),
            name=name,
            name_key=fold(name),
            now=_text(record.created_at) or self.stamp,
            person_id=wanted,
            given_name=record.given_name if has_parts else given,
            family_name=record.family_name if has_parts else family,
            known_since=record.known_since.isoformat() if record.known_since else None,
            kind=record.kind,
            archived=int(record.archived),
            closeness=record.closeness,
            birthday_month=birthday.month if birthday else None,
            birthday_day=birthday.day if birthday else None,
            birthday_year=birthday.year if birthday else None,
            **{
                name_: getattr(record, name_)
                for name_ in SCALARS
                if name_ not in ("given_name", "family_name")
            },
        )
        self.store.imports.set_person_run(person_id, self.run_id)
        if record.updated_at is not None:
            self.store.people.update(person_id, _text(record.updated_at) or self.stamp)
        return person_id

    def _fill(self, person_id: int, record: PersonRecord, person: Person | None) -> bool:
        """Add what the record knows and the person lacks; True if anything was added."""
        changed = self._fill_scalars(person_id, record, person) if person else False
        for identity in record.identities:
            changed |= self._add_identity(person_id, record, identity)
        cards, have = self.store.people.cards, person or Person(0, "", "")
        for tag in record.tags:
            if tag.casefold() not in {t.casefold() for t in have.tags}:
                cards.add_tags(person_id, [tag])
                changed = True
        for kind, values, known in (
            ("interest", record.interests, have.interests),
            ("need", record.needs, have.needs),
            ("offer", record.offers, have.offers),
        ):
            for value in values:
                if value.casefold() not in {k.casefold() for k in known}:
                    cards.add_facet(person_id, kind, value, self.stamp)
                    changed = True
        return self._fill_lists(person_id, record, have) or changed

    def _fill_lists(self, person_id: int, record: PersonRecord, have: Person) -> bool:
        cards, changed = self.store.people.cards, False
        for address in record.addresses:
            if address not in have.addresses:
                cards.add_address(person_id, address)
                changed = True
        for job in record.jobs:
            changed |= self._add_job(person_id, job, have)
        for item in record.working_on:
            if item not in have.working_on:
                cards.add_working_on(person_id, item.text, item.as_of.isoformat())
                changed = True
        known_notes = {(n.kind, n.text) for n in have.notes}  # files without dates re-date them
        for note in record.notes:
            if (note.kind, note.text) not in known_notes:
                cards.add_note(person_id, note.kind, note.text, _text(note.created_at) or "")
                changed = True
        new_lines = [line for line in record.vcard_extra if line not in have.vcard_extra]
        if new_lines:
            self.store.people.add_vcard_lines(person_id, new_lines)
            changed = True
        for alias in record.uid_aliases:
            if alias not in have.uid_aliases and self.store.imports.uid_free(alias):
                cards.add_uid_alias(person_id, alias)
                changed = True
        return changed

    def _add_job(self, person_id: int, job: Job, have: Person) -> bool:
        """A job the person lacks; a different current one ends theirs, kept as history."""
        if job in have.jobs or any(_same_role(job, known) for known in have.jobs):
            return False
        current = have.current_job
        if job.end is None and current is not None:
            today = self.stamp[:10]
            self.store.people.cards.end_current_jobs(person_id, today)
            job = replace(job, start=job.start or today)
        self.store.people.cards.add_job(person_id, job)
        return True

    def _fill_scalars(self, person_id: int, record: PersonRecord, person: Person) -> bool:
        fields = {
            name: getattr(record, name)
            for name in SCALARS
            if getattr(person, name) is None and getattr(record, name) is not None
        }
        if person.known_since is None and record.known_since is not None:
            fields["known_since"] = record.known_since.isoformat()
        if person.closeness is None and record.closeness is not None:
            fields["closeness"] = record.closeness
        filled = list(fields)
        if person.birthday is None and record.birthday is not None:
            fields.update(
                birthday_month=record.birthday.month,
                birthday_day=record.birthday.day,
                birthday_year=record.birthday.year,
            )
            filled.append("birthday")
        if fields:
            self.store.people.update(person_id, self.stamp, **fields)
        for field_name in filled:
            self.store.imports.note_fill(self.run_id, person_id, field_name)
        return bool(fields)

    def _add_identity(self, person_id: int, record: PersonRecord, identity: Identity) -> bool:
        """Add it, unless it is malformed (skipped, said why) or another person's (both go to
        the review queue: the same address under different names is for a person to judge)."""
        try:
            ready = (
                identity
                if identity.value
                else identity_from(
                    self.store,
                    identity.kind,
                    identity.raw,
                    identity.label,
                    identity.shared or None,
                    strict=False,
                )
            )
        except UserError as error:
            self.skipped.append(
                Skipped(
                    f"{self.where}: person {record.source_id}",
                    f"{identity.kind} {identity.raw!r} not added: {error}",
                )
            )
            return False
        owners = self.store.people.cards.owners_of(ready.kind, ready.value)
        if owners and person_id not in owners and not ready.shared:
            queue_conflict(
                self.store, owners[0], person_id, f"{ready.kind} {ready.value}", self.stamp
            )
            return False
        return attach_identity(self.store, person_id, ready)

    def resolve_met(self, events: dict[str, int]) -> None:
        """Point people at whoever introduced them and the event where met, once all are known."""
        for person_id, record in self.pending_met:
            fields: dict[str, object] = {}
            if record.met_through and record.met_through in self.ids:
                fields["met_through_id"] = self.ids[record.met_through]
            if record.met_event and record.met_event in events:
                fields["met_event_id"] = events[record.met_event]
            current = self.store.people.met_ids(person_id)
            if (
                fields
                and (
                    fields.get("met_through_id", current[0]),
                    fields.get("met_event_id", current[1]),
                )
                != current
            ):
                self.store.people.set_met(person_id, **fields)


def _same_role(new: Job, known: Job) -> bool:
    """The same organisation and title, however spelled, current or past: a job someone has
    held is known, so a file that lists a person twice does not flip their job back and forth."""
    return (organisation_key(known.organisation), known.title or "") == (
        organisation_key(new.organisation),
        new.title or "",
    )


def _text(moment: object) -> str | None:
    return to_utc_text(moment) if isinstance(moment, datetime) else None
