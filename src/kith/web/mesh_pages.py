"""The mesh's pages as dicts: the report with its charts, the introductions board, and the
mesh section of a person's page. The report and the suggestions are the stored ones
(services.mesh.stored): an out-of-date one is shown while the refresher makes it again."""

from __future__ import annotations

from typing import Any

from kith.services import referrals
from kith.services.mesh import circles, introduce, knows, paths, stored
from kith.services.mesh.knows import Known
from kith.services.mesh.report import Report
from kith.shapes.intros import step_json, suggestion_json
from kith.shapes.paths import path_json
from kith.shapes.people import known_json
from kith.shapes.report import report_json
from kith.store.mesh.introductions import CLOSED
from kith.web.config import Context

# The board's columns: each state an introduction can be in, under one of six headings.
COLUMNS = (
    ("suggested", "Suggested", ("suggested",)),
    ("asked", "Asked", ("asked_a", "asked_b")),
    ("agreed", "Agreed", ("agreed_a", "agreed_b")),
    ("introduced", "Introduced", ("introduced",)),
    ("followed_up", "Followed up", ("followed_up", "outcome")),
    ("declined", "Declined or let go", CLOSED),
)
# What the button that moves a card on says, by the action it takes.
MOVE_LABELS = {
    "agreed": "They agreed",
    "introduced": "Introduced",
    "followed_up": "Followed up",
    "outcome": "Record the outcome",
}
KNOWS_SHOWN = 10


def report_page(context: Context) -> dict[str, Any]:
    """The stored report, its charts, and whether it is current (else being refreshed)."""
    store, now, zone = context.store, context.now(), context.zone()
    kept = stored.stored_report(store, now, zone)
    if kept is None or not kept.current:
        context.refresher.kick(now, zone)
    page: dict[str, Any] = {"current": kept is not None and kept.current, **_failure(context)}
    if kept is None:
        return page | {"report": None, "figures": [], "charts": {}}
    figures = [
        {"key": f.key, "title": f.title, "summary": f.summary, "advice": f.advice}
        for f in kept.report.figures
    ]
    shown = report_json(kept.report)
    return page | {"report": shown, "figures": figures, "charts": charts(kept.report)}


def charts(made: Report) -> dict[str, dict[str, Any]]:
    """What report.js draws with uPlot: labels along x, and named series of values."""
    values = {f.key: f.values for f in made.figures}
    found: dict[str, dict[str, Any]] = {}
    if "layers" in values:
        rows = values["layers"]["layers"]
        found["layers"] = _chart(
            "bars",
            [r["layer"] for r in rows],
            {"You (cumulative)": [r["cumulative"] for r in rows]}
            | {"Dunbar's size": [r["dunbar"] for r in rows]},
            log=True,
        )
    if values.get("diversity", {}).get("shares"):
        shares = values["diversity"]["shares"]
        found["diversity"] = _chart(
            "bars",
            [s["name"] for s in shares],
            {"Share of closeness": [s["share"] for s in shares]},
        )
    if "constraint" in values.get("brokerage", {}):
        b = values["brokerage"]
        found["brokerage"] = _chart(
            "bars",
            ["Constraint", "Efficiency", "Ego betweenness"],
            {"Measure": [b["constraint"], b["efficiency"], b["ego_betweenness"]]},
        )
    if values.get("give_take", {}).get("with_gives"):
        g = values["give_take"]
        balanced = 1 - (g["giving_share"] or 0) - (g["taking_share"] or 0)
        found["give_take"] = _chart(
            "bars",
            ["You give more", "Balanced", "You take more"],
            {"Share of people": [g["giving_share"], round(balanced, 4), g["taking_share"]]},
        )
    if "activity" in values:
        months = values["activity"]["months"]
        found["activity"] = _chart(
            "lines",
            [m["month"] for m in months],
            {"Interactions": [m["interactions"] for m in months]},
        )
    return found


def _chart(
    kind: str, labels: list[str], series: dict[str, list[Any]], log: bool = False
) -> dict[str, Any]:
    """A chart of one kind ("bars": the first series as bars, any other as a line; "lines")."""
    named = [
        {"label": label, "values": shown, "kind": "bars" if kind == "bars" and k == 0 else "line"}
        for k, (label, shown) in enumerate(series.items())
    ]
    return {"kind": kind, "labels": labels, "series": named, "log": log}


def introductions_page(
    context: Context, steps: list[introduce.Step] | None = None
) -> dict[str, Any]:
    """Every introduction by state, the stored suggestions to begin, and the drafts of the
    step just taken (`steps`)."""
    store, now, zone = context.store, context.now(), context.zone()
    kept = stored.suggestions(store, now, zone)
    if not kept.current:
        context.refresher.kick(now, zone)
    cards = [_card(s) for s in introduce.board(store)]
    columns = [
        {"key": key, "title": title, "cards": [c for c in cards if c["state"] in states]}
        for key, title, states in COLUMNS
    ]
    return {
        "columns": columns,
        "suggestions": [suggestion_json(s) for s in kept.found],
        "suggestions_current": kept.current,
        "moved": [step_json(s) for s in steps or []],
        **_failure(context),
    }


def move_introduction(
    context: Context, intro_id: int, action: str, outcome: str | None
) -> dict[str, Any]:
    """One step on a card (`kith intro A B --ACTION`): the board after it, with its drafts."""
    folder = context.settings.templates
    done = introduce.step_by_id(context.store, intro_id, action, context.now(), folder, outcome)
    return introductions_page(context, [done])


def start_introduction(context: Context, a_id: int, b_id: int) -> dict[str, Any]:
    """Begin a suggested introduction (`kith intro A B`): A is asked first."""
    folder = context.settings.templates
    done = introduce.step(context.store, a_id, b_id, "ask", context.now(), folder)
    return introductions_page(context, [done])


def person_mesh(
    context: Context, person_id: int, known: list[Known] | None = None
) -> dict[str, Any]:
    """The person's circle, whom they know among your contacts (with the evidence; `known`
    when the caller has read it already, as `kith show` does), the introductions suggested or
    under way with them, and, when you want to meet them, the best warm paths."""
    store, now, zone = context.store, context.now(), context.zone()
    circle = circles.circle_of(store, person_id)
    suggested = [
        suggestion_json(s)
        for s in stored.suggestions(store, now, zone).found
        if person_id in (s.a.id, s.b.id)
    ]
    wish = referrals.wish_of(store, person_id, now)
    found = paths.to_person(store, person_id, now, zone) if wish and not wish.met_at else None
    if known is None:
        known = knows.known_by(store, person_id, now.astimezone(zone).date())
    return {
        "circle": None
        if circle is None
        else {"id": circle.id, "name": circle.name, "size": circle.size},
        "knows": [known_json(k) for k in known[:KNOWS_SHOWN]],
        "knows_total": len(known),
        "suggested": suggested,
        "introductions": [_card(s) for s in introduce.board(store, person_id)],
        "wanted": wish is not None,
        "paths": [] if found is None else [path_json(p) for p in found.paths],
    }


def _card(done: introduce.Step) -> dict[str, Any]:
    state = done.intro.state
    action = introduce.forward(state)
    card = step_json(done)
    label = MOVE_LABELS.get(action or "")
    if action == "ask":  # suggested: ask A; A agreed: ask B
        label = f"Ask {(done.a if state == 'suggested' else done.b).name}"
    card["move"] = None if action is None else {"action": action, "label": label}
    card["can_decline"] = (state, "declined") in introduce.MOVES
    return card


def _failure(context: Context) -> dict[str, Any]:
    failed = context.refresher.failure
    return {
        "refreshing": context.refresher.running,
        "problem": None if failed is None else str(failed),
    }
