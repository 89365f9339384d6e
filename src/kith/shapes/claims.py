"""The JSON shape of claim notes, people to decide on, event briefings, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services import claims as service
from kith.shapes.people import head_json


def claim_json(item: service.Claim) -> dict[str, Any]:
    """The contract's claim: the person's head (id, name, ...) with event, draft and chars."""
    return head_json(item.person) | {
        "event": {"id": item.event.id, "name": item.event.name, "date": item.event.day},
        "draft": item.draft.body,
        "chars": item.draft.chars,
        "max_chars": item.limit,
    }


def decide_json(item: service.Undecided) -> dict[str, Any]:
    return head_json(item.person) | {
        "event": {"id": item.event.id, "name": item.event.name, "date": item.event.day},
        "days": item.days,
    }


def briefing_json(briefing: service.Briefing) -> dict[str, Any]:
    last = briefing.last
    person = head_json(briefing.person)
    return {
        "person": person,
        "last": {"id": last.id, "at": last.at, "channel": last.channel, "summary": last.summary}
        if last
        else None,
        "follow_ups": [
            {"id": f.id, "person": person, "text": f.text, "owner": f.owner, "due": f.due}
            for f in briefing.follow_ups
        ],
    }
