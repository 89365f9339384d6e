"""The routes' handlers: read the request, call one page function, respond (HTML or JSON).
Every state-changing handler is wrapped by `writes`, which checks the CSRF token first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from kith.errors import NotFound
from kith.services.mesh import stored
from kith.store import SQLiteError, explain
from kith.web import csrf, more_pages, pages
from kith.web.config import Context
from kith.web.render import respond, to_json, wants_json

Handler = Callable[[Request], Awaitable[Response]]
FormHandler = Callable[[Request, FormData], Awaitable[Response]]
PICK_ACTIONS = frozenset({"done", "skip", "snooze"})


def context_of(request: Request) -> Context:
    found: Context = request.app.state.context
    return found


def refresh_after_write(context: Context) -> None:
    """Start refreshing the stored report and suggestions when a write made them stale."""
    now, zone = context.now(), context.zone()
    if stored.needs_refresh(context.store, now, zone):
        context.refresher.kick(now, zone)


def writes(handler: FormHandler) -> Handler:
    """Refuses (403) a state-changing request without its CSRF token."""

    @wraps(handler)
    async def checked(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=50) as form:  # closes an upload
            given = request.headers.get(csrf.HEADER) or _text(form, csrf.FIELD)
            if not csrf.valid(request, given):
                return PlainTextResponse("Refused: the form's CSRF token is missing or wrong.", 403)
            try:
                return await handler(request, form)
            finally:
                refresh_after_write(context_of(request))

    return checked


async def week(request: Request) -> Response:
    return respond(request, "week.html", pages.week_page(context_of(request)))


@writes
async def pick_action(request: Request, form: FormData) -> Response:
    action = request.path_params["action"]
    if action not in PICK_ACTIONS:
        return PlainTextResponse("Unknown action.", 404)
    person_id = int(request.path_params["person_id"])
    data = pages.act_on_pick(context_of(request), person_id, action, _text(form, "for") or "2w")
    if wants_json(request):
        return Response(to_json(data), media_type="application/json")
    if request.headers.get("hx-request") == "true" and data["pick"] is not None:
        return respond(request, "pick_fragment.html", data)
    return RedirectResponse("/", 303)


async def network(request: Request) -> Response:
    asked = request.query_params
    filters = (asked.get("circle", ""), asked.get("layer", ""), asked.get("tag", ""))
    if wants_json(request):  # written from each node's and link's JSON, made once
        text = pages.network_text(context_of(request), *filters)
        return Response(text, media_type="application/json")
    return respond(request, "network.html", pages.network_page(context_of(request), *filters))


async def names(request: Request) -> Response:
    data = pages.names_page(context_of(request), _typed(request))
    return respond(request, "names.html", data)


async def log_form(request: Request) -> Response:
    return respond(request, "log.html", pages.log_page())


@writes
async def log(request: Request, form: FormData) -> Response:
    picked = _text(form, "pick")  # one of the people a refusal offered: log with them
    data = pages.quick_log(
        context_of(request),
        who=picked or _text(form, "who"),
        channel=_text(form, "channel") or "in_person",
        what=_text(form, "what"),
        new=bool(_text(form, "new")) and not picked,
        how_met=_text(form, "how_met"),
        another=bool(_text(form, "another")),
    )
    return respond(request, "log.html", data, 200 if data["logged"] else 422)


async def claim(request: Request) -> Response:
    return respond(request, "claim.html", more_pages.claim_page(context_of(request)))


@writes
async def let_go(request: Request, form: FormData) -> Response:
    data = more_pages.let_go(context_of(request), int(request.path_params["person_id"]))
    if wants_json(request):
        return Response(to_json(data), media_type="application/json")
    return RedirectResponse("/claim", 303)


async def not_found(request: Request, exc: Exception) -> Response:
    return _problem(request, str(exc) if isinstance(exc, NotFound) else "Not found.", 404)


async def user_error(request: Request, exc: Exception) -> Response:
    status = 404 if isinstance(exc, NotFound) else 400
    return _problem(request, str(exc), status)


async def database_error(request: Request, exc: Exception) -> Response:
    """SQLite's error under a page (the file still busy after the wait for another process's
    write, a full disk, a damaged file): said as the CLI and the API say it (store.explain),
    with 503, never as a server error."""
    assert isinstance(exc, SQLiteError)
    return _problem(request, str(explain(exc, context_of(request).store_path)), 503)


def _problem(request: Request, message: str, status: int) -> Response:
    data: dict[str, Any] = {"error": message}
    return respond(request, "problem.html", data, status)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _typed(request: Request) -> str:
    """What was typed: `q`, or the quick log's own `who` field (htmx sends it by name)."""
    return request.query_params.get("q") or request.query_params.get("who", "")
