"""The JSON shape of the week's plan and its picks, as every face returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kith.services.week import plan as service
from kith.shapes.claims import decide_json
from kith.shapes.follow_ups import todo_json
from kith.shapes.people import head_json

if TYPE_CHECKING:
    from kith.services.claims import Undecided
    from kith.services.mesh.gift import Gift
    from kith.services.week.digest import Introduction
    from kith.services.week.outreach import CadenceSetting, Skipped, Today


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


def plan_json(
    week: service.Week,
    decide: list[Undecided],
    gift: Gift | None,
    drafts: dict[int, str],
    first_steps: str | None,
) -> dict[str, Any]:
    """`kith plan --json`: the week, people met at events to decide on, the gift of the week,
    each open pick's draft where `drafts` has one (by person id), and what to do first when
    the week is empty for want of people or history (services.week.empty_week.of_week)."""
    shown = week_json(week) | {
        "decide": [decide_json(item) for item in decide],
        "gift": gift_json(gift),
        "first_steps": first_steps,
    }
    for pick in shown["picks"]:
        if pick["id"] in drafts:
            pick["draft"] = drafts[pick["id"]]
    return shown


def today_json(now: Today) -> dict[str, Any]:
    """`kith today --json`."""
    return {
        "week": now.week.key,
        "todos": [todo_json(t) for t in now.due],
        "picks": [pick_json(p) for p in now.picks],
        "thanks": [reminder.text for reminder in now.thanks],
        "introductions": [intro_line(i) for i in now.introductions],
        "coming_up": [todo_json(t) for t in now.coming_up],
        "decide": [decide_json(item) for item in now.decide],
        "total": len(now.due)
        + len(now.picks)
        + len(now.thanks)
        + len(now.decide)
        + len(now.introductions),
    }


def intro_line(intro: Introduction) -> str:
    """ "Ada Lovelace and Grace Hopper: you asked Grace Hopper on 2026-11-12", or after four
    weeks without an answer "…: no answer yet from Ada Lovelace, asked on 2026-10-25; ask once
    more (`kith intro` again), or let it go (--let-go)"."""
    state = intro.waiting(intro.a.name, intro.b.name)
    hint = f"; {intro.hint}" if intro.hint else ""
    return f"{intro.a.name} and {intro.b.name}: {state} on {intro.since.date().isoformat()}{hint}"


def cadence_json(setting: CadenceSetting) -> dict[str, Any]:
    """`kith cadence --json`: whose, and the override's gaps in days (None: the layer's)."""
    override = setting.override
    return {
        "target": setting.target,
        "ideal_days": override.ideal_days if override else None,
        "max_days": override.max_days if override else None,
    }


def skip_json(result: Skipped) -> dict[str, Any]:
    """`kith skip --json`: whom, whether picked, the skips in 8 weeks (this one included), the
    weeks they rest and the Monday they may come back (sooner for a birthday, a follow-up or a
    note from them)."""
    return {
        "person": head_json(result.person),
        "in_plan": result.in_plan,
        "skips": result.skips,
        "rest_weeks": result.rest_weeks,
        "back": result.back.isoformat(),
    }
