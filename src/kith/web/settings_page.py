"""Settings `/settings`: the settings `kith config` and `kith cadence` change, in sections a
person can read, and the access token for the phone (made, shown once, revoked). Each page is
a dict, as in pages.py; every value goes through kith.services.settings (or outreach's
cadences, or web_access), so the page refuses what the CLI refuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kith.errors import KithError
from kith.services import settings, web_access
from kith.services.settings import SettingsRefused
from kith.services.web_access import shown_host
from kith.services.week import outreach
from kith.shapes.plan import cadence_json
from kith.vocab import CHANNELS
from kith.web.config import Context
from kith.web.guard import TOKEN_COOKIE
from kith.web.render import respond
from kith.web.views import context_of, writes


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    hint: str = ""
    kind: str = "text"  # text, number, email, zone, region


LAYERS = {
    "L1": "Your closest (about 5 people)",
    "L2": "Close friends (about 15)",
    "L3": "Good friends (about 50)",
    "L4": "Friends (about 150)",
    "L5": "Acquaintances (about 500)",
    "L6": "People you know by name",
}
SECTIONS: dict[str, tuple[str, str, tuple[Field, ...]]] = {
    "plan": (
        "The weekly plan",
        "How much the plan asks of you each week.",
        (
            Field("plan.budget", "People per week", "A whole number from 1 to 10.", "number"),
            Field(
                "plan.energy_budget",
                "Energy per week",
                "Empty: no limit. Each touch costs the energy below.",
                "number",
            ),
        ),
    ),
    "energy": (
        "Energy of a touch",
        "What each way of being in touch costs from the week's energy.",
        tuple(
            Field(f"energy.{c}", c.replace("_", " ").capitalize(), "", "number") for c in CHANNELS
        ),
    ),
    "cadence": (
        "How often, by closeness",
        "The gap Kith aims for in each layer: 30d, 6w, 3m or 1y.",
        tuple(Field(f"cadence.{layer}", label) for layer, label in LAYERS.items()),
    ),
    "me": (
        "My identities",
        "How Kith recognises you in imported mail, calendars, chats and LinkedIn messages.",
        (
            Field("me.name", "My name"),
            Field("me.emails", "My e-mail addresses", "Separated by commas.", "email"),
            Field("me.linkedin", "My LinkedIn profile", "https://www.linkedin.com/in/…"),
            Field("me.phones", "My phone numbers", "Separated by commas, e.g. +44 7700 900123."),
        ),
    ),
    "place": (
        "Time zone and region",
        "Days and weeks begin in your time zone; phone numbers without + are read in your region.",
        (
            Field("timezone", "Time zone", "Empty: this computer's.", "zone"),
            Field("phone.default_region", "Region for phone numbers", "", "region"),
        ),
    ),
    "notes": (
        "Notes after an event",
        "",
        (Field("claim.max_chars", "Longest note", "From 50 to 3000 characters.", "number"),),
    ),
}


def settings_page(
    context: Context,
    *,
    saved: str | None = None,
    problems: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    cadence_problem: str | None = None,
    new_link: str | None = None,
) -> dict[str, Any]:
    """The sections with each field's value (stored, else None) and default; a refused value
    is kept as typed beside its reason. `new_link` (the token's) is in the dict only in the
    response that made it."""
    store = context.store
    stored = store.meta.settings()
    defaults = settings.defaults()
    problems, typed = problems or {}, typed or {}
    sections = []
    for name, (title, about, fields) in SECTIONS.items():
        shown = [
            {
                "key": f.key,
                "label": f.label,
                "hint": f.hint,
                "kind": f.kind,
                "value": typed.get(f.key, stored.get(f.key)),
                "default": defaults.get(f.key),
                "problem": problems.get(f.key),
            }
            for f in fields
        ]
        sections.append({"id": name, "title": title, "about": about, "fields": shown})
    overrides = [
        cadence_json(c) | {"person_id": c.person_id} for c in outreach.cadence_overrides(store)
    ]
    return {
        "sections": sections,
        "cadences": overrides,
        "cadence_problem": cadence_problem,
        "zones": settings.time_zones(),
        "regions": settings.regions(),
        "has_token": web_access.has_token(store),
        "needs_token": context.settings.needs_token,
        "new_token": _shown_once(new_link) if new_link else None,
        "saved": saved,
        "refused": bool(problems or cadence_problem),
    }


def change_section(context: Context, section: str, form: dict[str, str]) -> dict[str, Any]:
    """Every field of one section from the form, all or none (empty: back to the default)."""
    if section not in SECTIONS:
        raise KithError(f"No settings section {section!r}.")
    keys = [f.key for f in SECTIONS[section][2]]
    values = {key: form[key].strip() or None for key in keys if key in form}
    try:
        settings.set_values(context.store, values)
    except SettingsRefused as refused:
        return settings_page(context, problems=refused.problems, typed=form)
    return settings_page(context, saved=section)


def change_cadence(
    context: Context, target: str, ideal: str, most: str, clear: bool
) -> dict[str, Any]:
    """`kith cadence NAME|tag:T --ideal --max` or `--clear`, from the page."""
    if not clear and not ideal.strip():
        problem = "Say how often: an ideal gap such as 30d (and a maximum, such as 60d, if any)."
        return settings_page(context, cadence_problem=problem)
    try:
        outreach.cadence(context.store, target, ideal.strip(), most.strip(), clear)
    except KithError as refused:
        return settings_page(context, cadence_problem=str(refused))
    return settings_page(context, saved="cadences")


def new_token(context: Context, host: str) -> tuple[dict[str, Any], str]:
    """A new access token (the old one stops working): the page, with the link shown once,
    and the token (for the cookie of a browser that came with the old one)."""
    token = web_access.issue_token(context.store)
    page = settings_page(context, saved="token", new_link=f"{_base(context, host)}/?token={token}")
    return page, token


def revoke_token(context: Context) -> dict[str, Any]:
    web_access.revoke_token(context.store)
    return settings_page(context, saved="token")


def _base(context: Context, host: str) -> str:
    """Where the phone opens Kith: this server when it is on the network already, else this
    computer's network address (once `kith serve --host 0.0.0.0` serves it there)."""
    if context.settings.needs_token and host:
        return f"http://{host}"
    return f"http://{shown_host('0.0.0.0')}:{context.settings.port}"


def _shown_once(link: str) -> dict[str, str]:
    import segno  # only when a token is made

    return {"link": link, "qr": segno.make(link, error="l").svg_data_uri(scale=4, border=2)}


async def show(request: Request) -> Response:
    return respond(request, "settings.html", settings_page(context_of(request)))


@writes
async def change(request: Request, form: FormData) -> Response:
    typed = texts(form)
    data = change_section(context_of(request), typed.get("section", ""), typed)
    return respond(request, "settings.html", data, 400 if data["refused"] else 200)


@writes
async def cadence(request: Request, form: FormData) -> Response:
    typed = texts(form)
    data = change_cadence(
        context_of(request),
        target=typed.get("target", ""),
        ideal=typed.get("ideal", ""),
        most=typed.get("max", ""),
        clear=bool(typed.get("clear")),
    )
    return respond(request, "settings.html", data, 400 if data["refused"] else 200)


@writes
async def make_token(request: Request, form: FormData) -> Response:
    context = context_of(request)
    data, token = new_token(context, request.headers.get("host", ""))
    response = respond(request, "settings.html", data)
    if context.settings.needs_token:  # this browser came with the old token: give it the new
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


@writes
async def revoke(request: Request, form: FormData) -> Response:
    return respond(request, "settings.html", revoke_token(context_of(request)))


def texts(form: FormData) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str)}


def routes() -> list[Route]:
    return [
        Route("/settings", show, methods=["GET"]),
        Route("/settings", change, methods=["POST"]),
        Route("/settings/cadence", cadence, methods=["POST"]),
        Route("/settings/token", make_token, methods=["POST"]),
        Route("/settings/token/revoke", revoke, methods=["POST"]),
    ]
