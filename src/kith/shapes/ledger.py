"""The JSON shape of the give-and-take ledger, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services import ledger as service
from kith.shapes.people import head_json
from kith.store.mesh.ledger import GIVES, Entry


def ledger_json(found: service.Ledger) -> dict[str, Any]:
    return {
        "person": head_json(found.person),
        "ledger": {
            kind: {side: _side_json(s) for side, s in sides.items()}
            for kind, sides in found.sides.items()
        },
        "you_gave": found.count(GIVES, "out"),
        "you_asked": found.count(("ask",), "out"),
        "they_gave": found.count(GIVES, "in"),
        "they_asked": found.count(("ask",), "in"),
        "balance": found.balance,
        "gift_ideas": [idea_json(idea) for idea in found.ideas],
    }


def overview_json(found: service.Overview) -> dict[str, Any]:
    return {
        "ledger": [
            {
                "person": head_json(row.person),
                "counts": row.counts,
                "you_gave": row.gives("out"),
                "they_gave": row.gives("in"),
                "share": None if row.share is None else round(row.share, 4),
            }
            for row in found.rows
        ],
        "total": found.total,
        "with_gives": found.with_gives,
        "giving": found.giving,
        "taking": found.taking,
    }


def idea_json(idea: service.GiftIdea) -> dict[str, Any]:
    article, offer = idea.article, idea.offer
    return {
        "kind": idea.kind,
        "because": idea.because,
        "sentence": idea.sentence,
        "article": None
        if article is None
        else {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "topics": article.topics,
        },
        "person": None
        if offer is None
        else {"id": offer.person_id, "uid": offer.uid, "name": offer.name},
    }


def _side_json(side: service.Side) -> dict[str, Any]:
    return {"count": side.count, "latest": _entry_json(side.latest) if side.latest else None}


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "summary": entry.summary,
        "direction": entry.direction,
        "interaction_id": entry.interaction_id,
        "introduction_id": entry.introduction_id,
    }
