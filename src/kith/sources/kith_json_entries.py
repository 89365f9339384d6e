"""One entry of a Kith JSON export turned into a record: every field checked, so that a bad entry
is skipped with a reason rather than failing the import half-way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from kith.clock import to_utc_text
from kith.model import Address, Identity, Job, WorkingOn
from kith.records import (
    EventRecord,
    InteractionRecord,
    IntroductionRecord,
    LinkRecord,
    NoteRecord,
    PersonRecord,
    Record,
    ReferralRecord,
    RelationshipRecord,
    SettingRecord,
    Skipped,
)
from kith.sources import json_fields as fields
from kith.sources import kith_json_plan as plan
from kith.sources.json_fields import Entry
from kith.vocab import (
    CHANNELS,
    DEPTHS,
    DIRECTIONS,
    IDENTITY_KINDS,
    INTERACTION_KINDS,
    NOTE_KINDS,
    PERSON_KINDS,
    RELATIONSHIP_TYPES,
)

# as the schema's CHECK constraints have them (store/sql/0001_initial.sql)
LINK_KINDS = (
    "explicit",
    "co_recipient",
    "co_attendee",
    "same_organisation",
    "referral",
    "introduction",
)
INTRODUCTION_STATES = (
    "suggested",
    "asked_a",
    "agreed_a",
    "asked_b",
    "agreed_b",
    "introduced",
    "followed_up",
    "outcome",
    "declined",
    "let_go",  # since 0045: the user stopped waiting (before it, declined with no decliner)
    "accepted",  # before 0012: both said yes, read as agreed_b
)


def event_key(event_id: int) -> str:
    """How an export names an event (in people's `met_event` and interactions' `event`)."""
    return f"event-{event_id}"


def interaction_key(
    at: str,
    channel: str,
    direction: str,
    kind: str,
    summary: str,
    notes: str | None,
    participants: Iterable[str],
) -> str:
    """`kith:<hash>`: the source id of an interaction that has none (one logged in Kith itself),
    the same in every export of the same interaction, whichever database holds it."""
    content = [at, channel, direction, kind, summary, notes, sorted(participants)]
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8"))
    return f"kith:{digest.hexdigest()[:24]}"


class EntryReader:
    """Turns entries into records, remembering the people and events the file has named so far:
    an interaction or a link may only name people (and events) that came before it."""

    def __init__(self) -> None:
        self.people: set[str] = set()
        self.events: set[str] = set()

    def record(self, section: str, where: str, raw: Any) -> Record:
        try:
            return READERS[section](self, raw)
        except fields.Bad as bad:
            return Skipped(where, str(bad))

    def setting(self, raw: tuple[str, Any]) -> SettingRecord:
        key, value = raw
        if not isinstance(value, str):
            raise fields.Bad(f"a setting's value is text, not {fields.kind_of(value)}")
        return SettingRecord(key, value)

    def person(self, raw: Any) -> PersonRecord:
        entry = fields.as_object(raw)
        uid = fields.required(entry, "uid")
        record = PersonRecord(
            source_id=uid,
            name=fields.required(entry, "name"),
            uid=uid,
            id=fields.number(entry, "id"),
            given_name=fields.optional(entry, "given_name"),
            family_name=fields.optional(entry, "family_name"),
            additional_names=fields.optional(entry, "additional_names"),
            prefix=fields.optional(entry, "prefix"),
            suffix=fields.optional(entry, "suffix"),
            nickname=fields.optional(entry, "nickname"),
            birthday=fields.birthday(entry),
            how_met=fields.optional(entry, "how_met"),
            met_where=fields.optional(entry, "met_where"),
            met_through=fields.optional(entry, "met_through"),
            met_event=fields.optional(entry, "met_event"),
            known_since=fields.day(entry, "known_since"),
            depth=fields.maybe_one_of(entry, "depth", DEPTHS),
            kind=fields.one_of(entry, "kind", PERSON_KINDS, "contact"),
            archived=fields.flag(entry, "archived", default=False),
            created_at=fields.instant(entry, "created_at"),
            updated_at=fields.instant(entry, "updated_at"),
        )
        record = replace(_with_card(record, entry), **plan.person_plan(entry))
        self.people.add(uid)
        return record

    def event(self, raw: Any) -> EventRecord:
        entry = fields.as_object(raw)
        event_id = fields.number(entry, "id")
        key = fields.optional(entry, "key") or (event_key(event_id) if event_id else None)
        record = EventRecord(
            source_id=fields.must(key, "key"),
            name=fields.required(entry, "name"),
            day=fields.must(fields.day(entry, "date"), "date"),
            place=fields.optional(entry, "place"),
            kind=fields.optional(entry, "kind"),
            attendees=self._people(entry, "attendees"),
            id=event_id,
            created_at=fields.instant(entry, "created_at"),
            remarks=self._remarks(entry),
        )
        self.events.add(record.source_id)
        return record

    def interaction(self, raw: Any) -> InteractionRecord:
        entry = fields.as_object(raw)
        at = fields.must(fields.instant(entry, "at"), "at")
        channel = fields.one_of(entry, "channel", CHANNELS)
        direction = fields.one_of(entry, "direction", DIRECTIONS)
        kind = fields.one_of(entry, "kind", INTERACTION_KINDS, "checkin")
        summary, notes = fields.required(entry, "summary"), fields.optional(entry, "notes")
        participants = self._people(entry, "participants")
        if not participants:
            raise fields.Bad("participants is empty: an interaction is with someone")
        event = fields.optional(entry, "event")
        if event is not None and event not in self.events:
            raise fields.Bad(f"event {event!r} is not among the events of this export")
        source_id = fields.optional(entry, "source_id") or interaction_key(
            to_utc_text(at), channel, direction, kind, summary, notes, participants
        )
        return InteractionRecord(
            source_id=source_id,
            at=at,
            channel=channel,
            direction=direction,
            summary=summary,
            participants=participants,
            kind=kind,
            notes=notes,
            topic=fields.optional(entry, "topic"),
            duration=fields.number(entry, "duration"),
            event=event,
            origin=fields.optional(entry, "source"),
            id=fields.number(entry, "id"),
            created_at=fields.instant(entry, "created_at"),
        )

    def link(self, raw: Any) -> LinkRecord:
        entry = fields.as_object(raw)
        a, b = self._ends(entry, "a", "b")
        return LinkRecord(
            a=a,
            b=b,
            kind=fields.one_of(entry, "kind", LINK_KINDS),
            count=fields.number(entry, "count") or 1,
            evidence=fields.optional(entry, "evidence"),
            last_at=fields.instant(entry, "last_at"),
        )

    def relationship(self, raw: Any) -> RelationshipRecord:
        entry = fields.as_object(raw)
        a, b = self._ends(entry, "a", "b")
        return RelationshipRecord(
            a,
            b,
            fields.one_of(entry, "type", RELATIONSHIP_TYPES),
            fields.instant(entry, "created_at"),
        )

    def referral(self, raw: Any) -> ReferralRecord:
        entry = fields.as_object(raw)
        referrer, referred = self._ends(entry, "referrer", "referred")
        return ReferralRecord(
            referrer=referrer,
            referred=referred,
            note=fields.optional(entry, "note"),
            created_at=fields.instant(entry, "created_at"),
            followed_up_at=fields.instant(entry, "followed_up_at"),
            thanked_at=fields.instant(entry, "thanked_at"),
        )

    def introduction(self, raw: Any) -> IntroductionRecord:
        entry = fields.as_object(raw)
        a, b = self._ends(entry, "a", "b")
        return IntroductionRecord(
            a=a,
            b=b,
            why=fields.optional(entry, "why"),
            state=_state(fields.one_of(entry, "state", INTRODUCTION_STATES, "suggested")),
            outcome=fields.optional(entry, "outcome"),
            created_at=fields.instant(entry, "created_at"),
            updated_at=fields.instant(entry, "updated_at"),
            declined_by=fields.maybe_one_of(entry, "declined_by", ("a", "b")),
        )

    def _ends(self, entry: Entry, first: str, second: str) -> tuple[str, str]:
        a, b = self._person(entry, first), self._person(entry, second)
        if a == b:
            raise fields.Bad(f"{first} and {second} are the same person ({a})")
        return a, b

    def follow_up(self, raw: Any) -> Record:
        return plan.follow_up(raw, self._person)

    def article(self, raw: Any) -> Record:
        return plan.article(raw, self._person)

    def want(self, raw: Any) -> Record:
        return plan.want(raw, self._person)

    def plan_skip(self, raw: Any) -> Record:
        return plan.plan_skip(raw, self._person)

    def _person(self, entry: Entry, key: str) -> str:
        uid = fields.required(entry, key)
        if uid not in self.people:
            raise fields.Bad(f"{key} {uid!r} is not among the people of this export")
        return uid

    def _remarks(self, entry: Entry) -> tuple[tuple[str, str], ...]:
        """`remarks`: {attendee uid: what stood out when you met there}."""
        raw = entry.get("remarks") or {}
        if not isinstance(raw, dict):
            raise fields.Bad(f"remarks should be an object, not {fields.kind_of(raw)}")
        attendees = set(fields.texts(entry, "attendees"))
        for uid, about in raw.items():
            if uid not in attendees:
                raise fields.Bad(f"remarks names {uid!r}, who is not among the attendees")
            if not isinstance(about, str):
                raise fields.Bad(f"remarks of {uid!r} should be text, not {fields.kind_of(about)}")
        return tuple(sorted(raw.items()))

    def _people(self, entry: Entry, key: str) -> tuple[str, ...]:
        uids = fields.texts(entry, key)
        for uid in uids:
            if uid not in self.people:
                raise fields.Bad(f"{key} names {uid!r}, who is not among the people of this export")
        return uids


READERS: dict[str, Callable[[EntryReader, Any], Record]] = {
    "settings": EntryReader.setting,
    "people": EntryReader.person,
    "events": EntryReader.event,
    "interactions": EntryReader.interaction,
    "links": EntryReader.link,
    "relationships": EntryReader.relationship,
    "referrals": EntryReader.referral,
    "introductions": EntryReader.introduction,
    "follow_ups": EntryReader.follow_up,
    "articles": EntryReader.article,
    "wants": EntryReader.want,
    "plan_skips": EntryReader.plan_skip,
}


def _with_card(record: PersonRecord, entry: Entry) -> PersonRecord:
    return replace(
        record,
        identities=fields.each(entry, "identities", _identity),
        tags=fields.texts(entry, "tags"),
        interests=fields.texts(entry, "interests"),
        needs=fields.texts(entry, "needs"),
        offers=fields.texts(entry, "offers"),
        addresses=fields.each(entry, "addresses", _address),
        jobs=fields.each(entry, "jobs", _job),
        working_on=fields.each(entry, "working_on", _working_on),
        notes=fields.each(entry, "notes", _note),
        uid_aliases=fields.texts(entry, "uid_aliases"),
        vcard_extra=fields.texts(entry, "vcard_extra"),
        closeness=fields.rating(entry, "closeness"),
    )


def _identity(entry: Entry) -> Identity:
    value = fields.optional(entry, "value") or ""  # "": the importer normalises `raw`
    raw = fields.optional(entry, "raw") or value
    return Identity(
        kind=fields.one_of(entry, "kind", IDENTITY_KINDS),
        value=value,
        raw=fields.must(raw or None, "raw"),
        label=fields.optional(entry, "label"),
        shared=fields.flag(entry, "shared", default=False),
        verified=fields.flag(entry, "verified", default=True),
    )


def _address(entry: Entry) -> Address:
    parts = ("label", "street", "city", "region", "postcode", "country")
    return Address(*(fields.optional(entry, name) for name in parts))


def _job(entry: Entry) -> Job:
    return Job(
        organisation=fields.required(entry, "organisation"),
        title=fields.optional(entry, "title"),
        start=fields.optional(entry, "start"),
        end=fields.optional(entry, "end"),
        domain=fields.optional(entry, "domain"),
    )


def _working_on(entry: Entry) -> WorkingOn:
    return WorkingOn(
        fields.required(entry, "text"), fields.must(fields.day(entry, "as_of"), "as_of")
    )


def _note(entry: Entry) -> NoteRecord:
    return NoteRecord(
        kind=fields.one_of(entry, "kind", NOTE_KINDS, "note"),
        text=fields.required(entry, "text"),
        created_at=fields.must(fields.instant(entry, "created_at"), "created_at"),
    )


def _state(state: str) -> str:
    """An introduction's state, an export's `accepted` from before 0012 read as `agreed_b`."""
    return "agreed_b" if state == "accepted" else state
