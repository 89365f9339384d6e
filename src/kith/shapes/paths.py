"""The JSON shape of warm paths, as every face returns it."""

from __future__ import annotations

from datetime import date
from typing import Any

from kith.services.mesh import paths as service
from kith.services.week.drafts import Drafted
from kith.shapes.drafts import draft_json
from kith.shapes.people import evidence_phrase, head_json


def paths_json(found: service.Paths, asked: Drafted | None) -> dict[str, Any]:
    """`kith path --json`: the targets, the best paths, and the ask to the first person."""
    return {
        "targets": [head_json(t) for t in found.targets],
        "organisation": found.organisation,
        "paths": [path_json(p) for p in found.paths],
        "total": len(found.paths),
        "ask": None if asked is None else draft_json(asked, None),
    }


def path_json(warm: service.WarmPath) -> dict[str, Any]:
    return {
        "people": [head_json(link.target) for link in warm.links],
        "hops": len(warm.links),
        "value": round(warm.value, 4),
        "bottleneck": round(warm.bottleneck, 4),
        "weakest": warm.weakest,
        "weak": warm.weak,
        "links": [_link_json(link) for link in warm.links],
    }


def _link_json(link: service.Link) -> dict[str, Any]:
    return {
        "from": None if link.source is None else head_json(link.source),
        "to": head_json(link.target),
        "chance": round(link.chance, 4),
        "evidence": [e.kind for e in link.evidence],
        "last": _day(link.last),
        "text": link_text(link),
    }


def link_text(link: service.Link) -> str:
    source = "you" if link.source is None else link.source.name
    why = "your tie" if link.source is None else "; ".join(map(evidence_phrase, link.evidence))
    return f"{source} → {link.target.name} ({why}; {_last(link)})"


def _last(link: service.Link) -> str:
    if link.last is None:
        return "no date recorded" if link.source is not None else "never in touch"
    return f"{'last in touch' if link.source is None else 'latest'} {link.last.isoformat()}"


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None
