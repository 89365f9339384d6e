"""The week: the plan (`kith plan`), today, and a pick's done, skip and snooze."""

from __future__ import annotations

from typing import Any

from kith.errors import UsageError
from kith.services import claims
from kith.services.interactions import LogEntry, log_interaction, log_warnings
from kith.services.resolve import resolve_many
from kith.services.week import drafts, empty_week, outreach
from kith.services.week import plan as service
from kith.shapes.people import head_json, interaction_json
from kith.shapes.plan import plan_json, skip_json, today_json
from kith.web.api.bodies import NewInteraction, PickDone, PlanQuery, Snooze
from kith.web.api.edge import Call


def plan(call: Call) -> dict[str, Any]:
    """`kith plan --json`: this week's people to reach out to, why now and how; made on the
    first look of the week and kept all week."""
    return _plan(call, refresh=False)


def refresh_plan(call: Call) -> dict[str, Any]:
    """`kith plan --refresh`: choose this week's people again, from now."""
    return _plan(call, refresh=True)


def today(call: Call) -> dict[str, Any]:
    """`kith today --json`: follow-ups due, the week's open picks, thanks owed, introductions
    waiting on you, what is coming up, people met at events to decide on."""
    return today_json(outreach.today(call.context.store, call.context.now()))


def done(call: Call) -> dict[str, Any]:
    """`kith done`: log that you reached out and tick them off the week's plan."""
    given = call.body_as(PickDone)
    store, now = call.context.store, call.context.now()
    channel = outreach.channel_of(given.channel)
    result = outreach.done(store, call.person_id(), now, given.message, channel, given.topic)
    shown = {
        "person": head_json(result.person),
        "interaction": interaction_json(result.interaction),
    }
    return shown | {"in_plan": result.in_plan}


def skip(call: Call) -> dict[str, Any]:
    """`kith skip`: not this week; they rest a week for each skip in 8 weeks."""
    return skip_json(outreach.skip(call.context.store, call.person_id(), call.context.now()))


def snooze(call: Call) -> dict[str, Any]:
    """`kith snooze`: hide them from the plan until a day (2w, 10d, 3m, 2027-01-10), or wake
    them with off."""
    given = call.body_as(Snooze)
    if given.off == (given.until is not None):
        raise UsageError("Give how long (until: 2w, a day) or off: true.")
    result = outreach.snooze(call.context.store, call.person_id(), call.context.now(), given.until)
    shown = {"person": head_json(result.person), "snoozed_until": result.until}
    return shown | {"in_plan": result.in_plan}


def log(call: Call) -> dict[str, Any]:
    """`kith log`: an interaction with one or more people (names resolved as on the command
    line)."""
    given = call.body_as(NewInteraction)
    store = call.context.store
    entry = LogEntry(
        summary=given.summary,
        channel=given.channel,
        direction=given.direction,
        kind=given.kind,
        when=given.when,
        notes=given.notes,
        topic=given.topic,
    )
    people = resolve_many(store, given.names)
    now = call.context.now()
    logged = log_interaction(store, people, entry, now)
    warnings = log_warnings(store, people, logged, given.topic, now)
    return {"interaction": interaction_json(logged), "action": "logged", "warnings": warnings}


def _plan(call: Call, refresh: bool) -> dict[str, Any]:
    store, now = call.context.store, call.context.now()
    week = service.this_week(store, now, refresh=refresh)
    from kith.services.mesh.gift import weekly_gift

    gift = weekly_gift(store, now, call.context.zone(), week.key, again=week.made_now)
    written: dict[int, str] = {}
    if call.query is not None and call.query_as(PlanQuery).with_drafts:
        picks = [pick.stored for pick in week.open_picks()]
        found = drafts.for_picks(store, picks, call.context.settings.templates, now)
        written = {person: drafted.draft.body for person, drafted in found.items()}
    first = empty_week.of_week(store, week)
    return plan_json(week, claims.undecided(store, now), gift, written, first)
