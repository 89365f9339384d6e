"""The JSON shape of follow-ups, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services import follow_ups as service
from kith.shapes.people import head_json


def todo_json(item: service.Todo) -> dict[str, Any]:
    """The contract's follow-up object: id, person, text, due, and the rest."""
    f = item.follow_up
    return {
        "id": f.id,
        "person": head_json(item.person),
        "text": f.text,
        "due": f.due.isoformat() if f.due else None,
        "owner": f.owner,
        "overdue": item.overdue,
        "created_at": f.created_at,
        "done_at": f.done_at,
        "done_note": f.done_note,
        "interaction_id": f.interaction_id,
    }
