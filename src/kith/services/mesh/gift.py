"""The week's gift in the plan: the best introduction that meets a need, chosen once a week and
kept as a fact. Reading the kept one loads nothing heavy; choosing it (services/mesh/gift_choice.py,
numpy, from the inputs an import prepared: gift_inputs.py) happens once a week."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from kith.model import PersonHead
from kith.services.mesh import gift_ahead
from kith.store import Store

GIFT_FACT = "plan.gift"  # the week's gift: {"week", "a", "b", "reason"}, or no pair


@dataclass(frozen=True)
class Gift:
    """The week's gift in the plan: an introduction to make ("introduce Ada to Grace")."""

    a: PersonHead
    b: PersonHead
    reason: str


def weekly_gift(store: Store, now: datetime, zone: tzinfo, week: str, again: bool) -> Gift | None:
    """The best introduction that meets a need, chosen once a week (kept as a fact, so a
    stored plan stays fast) and chosen `again` with the plan; None when there is none."""
    with store.reading():
        kept = json.loads(store.meta.fact(GIFT_FACT) or "{}")
    if kept.get("week") != week or again:
        with store.reading():  # chosen ahead by the last import, when it still holds
            ahead = gift_ahead.kept(store, now, zone, week)
        kept = ahead or _chosen(store, now, zone, week)
        with store.deriving():
            store.meta.set_fact(GIFT_FACT, json.dumps(kept))
    if "a" not in kept:
        return None
    with store.reading():
        heads = store.people.heads([kept["a"], kept["b"]])
    if len(heads) < 2:  # one of them was forgotten since
        return None
    return Gift(heads[0], heads[1], str(kept["reason"]))


def _chosen(store: Store, now: datetime, zone: tzinfo, week: str) -> dict[str, Any]:
    """`week`'s gift chosen now, as GIFT_FACT keeps it."""
    from kith.services.mesh import gift_inputs  # numpy: once a week
    from kith.services.mesh.gift_choice import choose

    gift_inputs.keep(store)  # made again when a change since the last import moved them on
    found = choose(store, now, zone)
    kept: dict[str, Any] = {"week": week}
    if found:
        kept |= {"a": found.a.id, "b": found.b.id, "reason": found.reason}
    return kept
