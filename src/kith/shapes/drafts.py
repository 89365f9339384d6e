"""The JSON shape of a draft, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services.week import drafts as service
from kith.shapes.people import head_json


def draft_json(drafted: service.Drafted, link: str | None) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "person": head_json(drafted.person),
        "kind": drafted.kind,
        "channel": drafted.channel,
        "subject": drafted.draft.subject,
        "draft": drafted.draft.body,
        "chars": drafted.draft.chars,
        "max_chars": drafted.limit,
    }
    if link is not None:
        shown["mailto"] = link
    return shown
