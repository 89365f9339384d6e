"""The JSON shape of the week's plan and its picks, as every face returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kith.services import plan as service
from kith.shapes.people import head_json

if TYPE_CHECKING:
    from kith.services.mesh.intros import Gift
    from kith.services.outreach import CadenceSetting


def gift_json(gift: Gift | None) -> dict[str, Any] | None:
    if gift is None:
        return None
    return {"a": head_json(gift.a), "b": head_json(gift.b), "reason": gift.reason}


def week_json(week: service.Week) -> dict[str, Any]:
    return {
        "week": week.key,
        "monday": week.monday,
        "made_at": week.made_at,
        "budget": week.budget,
        "energy_budget": week.energy_budget,
        "energy_planned": week.energy_planned,
        "picks": [pick_json(pick) for pick in week.picks],
        "total": len(week.picks),
        "load": {
            "people": week.load.people,
            "touches_per_week": week.load.touches,
            "budget": week.load.budget,
            "over_budget": week.load.over_budget,
            "advice": week.load.advice(),
        },
    }


def pick_json(pick: service.Pick) -> dict[str, Any]:
    """The contract's pick: id, name, reason, channel, priority (and the rest)."""
    stored = pick.stored
    return {
        **head_json(pick.person),
        "reason": stored.reason,
        "channel": stored.channel,
        "upgrades": list(stored.upgrades),
        "priority": stored.priority,
        "layer": stored.layer,
        "at_risk": stored.at_risk,
        "energy": stored.energy,
        "state": stored.state,
    }


def cadence_json(setting: CadenceSetting) -> dict[str, Any]:
    """`kith cadence --json`: whose, and the override's gaps in days (None: the layer's)."""
    override = setting.override
    return {
        "target": setting.target,
        "ideal_days": override.ideal_days if override else None,
        "max_days": override.max_days if override else None,
    }
