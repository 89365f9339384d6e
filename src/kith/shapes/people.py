"""The JSON shape of people, their interactions and events, as every face returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kith.vocab import is_kin, relationship_label

if TYPE_CHECKING:
    from kith.model import Event, Interaction, Person, PersonHead, PersonRef
    from kith.relate.mesh import Evidence
    from kith.services.browse import Card
    from kith.services.mesh.knows import Known


def known_json(known: Known) -> dict[str, object]:
    return {
        "person": head_json(known.person),
        "chance": round(known.chance, 3),
        "inferred": known.inferred,
        "shared_contacts": known.shared,
        "evidence": [
            {"kind": e.kind, "count": e.count, "detail": e.detail, "says": evidence_phrase(e)}
            for e in known.evidence
        ],
    }


def ref_json(ref: PersonRef) -> dict[str, Any]:
    return {"id": ref.id, "uid": ref.uid, "name": ref.name}


def head_json(person: Person | PersonHead) -> dict[str, Any]:
    """The contract's person object: what lists, search and every command's --json share."""
    return {
        "id": person.id,
        "uid": person.uid,
        "name": person.name,
        "emails": person.emails,
        "phones": person.phones,
        "company": person.company,
        "title": person.title,
        "tags": person.tags,
        "kind": person.kind,
        "archived": person.archived,
        "last_contact_at": person.last_contact_at,
        "interaction_count": person.interaction_count,
    }


def person_json(person: Person, detail: bool = False) -> dict[str, Any]:
    head = head_json(person)
    if not detail:
        return head
    return head | {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "additional_names": person.additional_names,
        "prefix": person.prefix,
        "suffix": person.suffix,
        "nickname": person.nickname,
        "birthday": person.birthday.text() if person.birthday else None,
        "how_met": person.how_met,
        "met_where": person.met_where,
        "met_through": ref_json(person.met_through) if person.met_through else None,
        "met_event": person.met_event,
        "known_since": person.known_since,
        "depth": person.depth,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
        "identities": [vars(i) for i in person.identities],
        "interests": person.interests,
        "needs": person.needs,
        "offers": person.offers,
        "addresses": [vars(a) for a in person.addresses],
        "jobs": [vars(j) for j in person.jobs],
        "working_on": [{"text": w.text, "as_of": w.as_of} for w in person.working_on],
        "notes": [
            {"id": n.id, "kind": n.kind, "text": n.text, "created_at": n.created_at}
            for n in person.notes
        ],
        "relationships": [
            {
                "type": relationship_label(t),
                "kin": is_kin(relationship_label(t)),
                "person": ref_json(r),
            }
            for t, r in person.relationships
        ],
        "uid_aliases": person.uid_aliases,
        "vcard_extra": person.vcard_extra,
    }


def card_json(card: Card) -> dict[str, Any]:
    """`kith show --json`: the whole card, the newest interactions, whom they know."""
    return {
        "person": person_json(card.person, detail=True),
        "interactions": [interaction_json(i) for i in card.interactions],
        "total_interactions": card.total_interactions,
        "knows": [known_json(k) for k in card.knows],
    }


def interaction_json(found: Interaction) -> dict[str, Any]:
    return {
        "id": found.id,
        "at": found.at,
        "channel": found.channel,
        "direction": found.direction,
        "kind": found.kind,
        "summary": found.summary,
        "notes": found.notes,
        "topic": found.topic,
        "duration": found.duration,
        "event": found.event,
        "participants": [ref_json(p) for p in found.participants],
        "source": found.source,
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "date": event.day,
        "place": event.place,
        "kind": event.kind,
        "attendees": [ref_json(p) for p in event.attendees],
    }


def _met(count: int, said: str, detail: str | None) -> str:
    """A meeting with both: "you met both: lunch", "you met both 3 times, last: lunch"."""
    if count == 1:
        return f"{said}: {detail}"
    return f"{said} {count} times, last: {detail}"


def evidence_phrase(evidence: Evidence) -> str:
    """One piece of evidence as a person reads it."""
    count = evidence.count
    return {
        "knows_well": "knows well: you said so",
        "explicit": "you said so" if evidence.detail == "you said so" else "they know each other",
        "relationship": f"{(evidence.detail or 'related').replace('_', ' ')}",
        "introduction": "you introduced them",
        "referral": "one suggested you meet the other",
        "co_attendee": f"{count} shared meeting{'s' if count != 1 else ''}",
        "met_with_you": _met(count, "you met both", evidence.detail),
        "same_event": _met(count, "both came to", evidence.detail),
        "co_recipient": f"{count} shared mail thread{'s' if count != 1 else ''}",
        "same_organisation": f"both at {evidence.detail}",
    }.get(evidence.kind, evidence.kind)
