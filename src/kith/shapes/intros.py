"""The JSON shape of introductions: a step taken, a suggestion, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services.mesh import introduce as service
from kith.services.mesh import intros as suggesting
from kith.shapes.drafts import draft_json
from kith.shapes.people import head_json


def step_json(done: service.Step) -> dict[str, Any]:
    return {
        "id": done.intro.id,
        "a": head_json(done.a),
        "b": head_json(done.b),
        "state": done.intro.state,
        "previous": done.previous,
        "declined_by": done.intro.declined_by,
        "outcome": done.intro.outcome,
        "standing": done.standing,
        "next": done.next,
        "drafts": [draft_json(d, None) for d in done.drafts],
    }


def suggestion_json(s: suggesting.Suggestion) -> dict[str, Any]:
    scored = s.scored
    return {
        "a": head_json(s.a),
        "b": head_json(s.b),
        "kind": s.kind,
        "reason": s.reason,
        "score": round(scored.score, 4),
        "components": {
            "complementarity": round(scored.c, 4),
            "overlap": round(scored.a, 4),
            "novelty": round(scored.n, 4),
            "structure": round(scored.t, 4),
            "warmth": round(scored.wi, 4),
            "shared_contacts": scored.shared,
        },
    }
