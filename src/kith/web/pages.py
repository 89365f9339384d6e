"""Each page's data as a dict: what the HTML renders and the JSON twin returns. The same
objects as the CLI's --json (the contract's person, pick and interaction)."""

from __future__ import annotations

from typing import Any

from kith.errors import Ambiguous, NotFound, SameName
from kith.model import PersonDraft
from kith.relate.layers import LAYERS
from kith.services import browse
from kith.services.interactions import LogEntry, log_interaction
from kith.services.mesh import drawing
from kith.services.people import add_person
from kith.services.resolve import resolve
from kith.services.week import drafts, empty_week, outreach
from kith.services.week import plan as plan_service
from kith.shapes import network as shapes_network
from kith.shapes.people import head_json, interaction_json
from kith.shapes.plan import week_json
from kith.vocab import CHANNELS
from kith.web.config import Context

SUGGESTIONS = 8


def week_page(context: Context) -> dict[str, Any]:
    """The stored plan (made once a week, as `kith plan` does), each open pick with its draft;
    remembered until something is written, so a reload costs a page render."""
    page: dict[str, Any] = context.remembered("week", lambda: _week(context))
    return page


def _week(context: Context) -> dict[str, Any]:
    now = context.now()
    week = plan_service.this_week(context.store, now)
    picks = [pick.stored for pick in week.open_picks()]
    written = drafts.for_picks(context.store, picks, context.settings.templates, now)
    rests = outreach.skip_rests(context.store, [pick.stored for pick in week.picks], now.tzinfo)
    shown = week_json(week)
    for pick in shown["picks"]:
        drafted = written.get(pick["id"])
        pick["draft"] = drafted.draft.body if drafted else None
        if pick["id"] in rests:
            pick["rest"] = rests[pick["id"]]
    return shown | {
        "unreachable": [head_json(p) for p in plan_service.unreachable(context.store, week)],
        "first_steps": empty_week.of_week(context.store, week),
        "without_history": empty_week.without_history_of_week(context.store, week),
    }


def act_on_pick(context: Context, person_id: int, action: str, until: str) -> dict[str, Any]:
    """Done, skip or snooze one pick; the pick as it now stands."""
    store, now = context.store, context.now()
    _known(context, person_id)
    if action == "done":
        outreach.done(store, person_id, now)
    elif action == "skip":
        outreach.skip(store, person_id, now)
    else:
        outreach.snooze(store, person_id, now, until)
    picks = week_page(context)["picks"]  # a skipped pick with its rest, as `kith skip` says it
    return {"pick": next((p for p in picks if p["id"] == person_id), None)}


def names_page(context: Context, text: str) -> dict[str, Any]:
    """Who the quick log's "who" might mean: the best name matches, for autocomplete."""
    if not text.strip():
        return {"query": text, "people": []}
    listing = browse.list_people(context.store, _name_query(text), context.now(), SUGGESTIONS)
    return {"query": text, "people": [head_json(p) for p in listing.people]}


def log_page() -> dict[str, Any]:
    return {
        "channels": list(CHANNELS),
        "logged": None,
        "problem": None,
        "candidates": [],
        "same_name": False,
        "form": {},
    }


def quick_log(
    context: Context,
    who: str,
    channel: str,
    what: str,
    new: bool,
    how_met: str,
    another: bool = False,
) -> dict[str, Any]:
    """Log an interaction with someone known, or add someone new and log meeting them. A
    refusal keeps what was typed, so the form is not filled in twice."""
    store, now = context.store, context.now()
    typed = {"who": who, "channel": channel, "what": what, "new": new, "how_met": how_met}
    page = log_page() | {"form": typed}
    try:
        if new:
            met = how_met.strip() or what.strip() or None
            draft = PersonDraft(name=who, how_met=met)
            person_id = add_person(store, draft, now, same_name=another).id
        else:
            person_id = resolve(store, who)
    except SameName as known:
        candidates = [{"id": c.id, "name": c.name} for c in known.known]
        said = "Someone of that name is known already: log with them (untick “met someone new”)"
        said += ", or tick “another person of that name”."
        return page | {"problem": said, "candidates": candidates, "same_name": True}
    except Ambiguous as ambiguous:
        candidates = [{"id": c.id, "name": c.name} for c in ambiguous.candidates]
        return page | {"problem": str(ambiguous), "candidates": candidates}
    except NotFound as missing:
        found = [{"id": c.id, "name": c.name} for c in missing.suggestions]
        said = f"{missing} Tick “met someone new” to add them."
        return page | {"problem": said, "candidates": found}
    logged = log_interaction(store, [person_id], LogEntry(summary=what, channel=channel), now)
    return page | {"logged": interaction_json(logged), "form": {}}


def network_page(context: Context, circle: str, layer: str, tag: str) -> dict[str, Any]:
    """The mesh as drawn on the server (stored, made again when it changes): the strongest
    people the filters let through, the circles for colours, the bridges among them; the
    nodes and links themselves only in the JSON twin (`network_text`), which the page fetches."""
    return _network(context, circle, layer, tag)[0]


def network_text(context: Context, circle: str, layer: str, tag: str) -> str:
    """`network_page` as JSON, with the nodes and links."""
    page, shown = _network(context, circle, layer, tag)
    assert context.network is not None  # _network keeps it
    return shapes_network.network_text(page, context.network, shown)


def _network(
    context: Context, circle: str, layer: str, tag: str
) -> tuple[dict[str, Any], drawing.View]:
    store, now = context.store, context.now()
    held = context.network
    zone = now.tzinfo or context.zone()
    found, fresh = drawing.kept(store, held.drawing if held else None)
    if found is None:  # never drawn: made now, once (on 30,000 people, seconds)
        found, fresh = drawing.current(store, now, zone), True
    elif not fresh:  # the kept one is shown while a new one is made in the background
        context.drawer.kick(now, zone)
    if held is None or held.drawing is not found:
        context.network = shapes_network.texts(found)
    filters = drawing.Filters(
        int(circle) if circle.isdigit() else None,
        layer.upper() if layer.upper() in LAYERS else None,
        tag.strip() or None,
    )
    shown = drawing.view(store, found, filters)
    with store.reading():
        names = {cid: c.shown_name for cid, c in store.circles.circles().items()}
        tags = store.network.tags()
    page = shapes_network.network_json(shown, filters, names)
    extra = {"layers": list(LAYERS), "tags": tags, "limit": drawing.NODES_SHOWN}
    return page | extra | {"refreshing": not fresh}, shown


def _known(context: Context, person_id: int) -> None:
    """NotFound (a 404) for an id nobody has, through the CLI's own name resolution."""
    resolve(context.store, f"#{person_id}")


def _name_query(text: str) -> str:
    """Each typed word as a name term, quoted, so the query language reads no field in it."""
    words = text.replace('"', " ").split()
    return " ".join(f'"{word}"' for word in words if not word.startswith("-"))
