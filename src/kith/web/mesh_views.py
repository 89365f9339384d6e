"""The mesh's handlers: the report, the introductions board and its moves (CSRF-checked by
views.writes); each calls one page function of mesh_pages and responds."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kith.errors import UsageError
from kith.services.mesh.introduce import ACTIONS
from kith.web import mesh_pages
from kith.web.render import respond
from kith.web.views import context_of, writes


async def report(request: Request) -> Response:
    return respond(request, "report.html", mesh_pages.report_page(context_of(request)))


async def introductions(request: Request) -> Response:
    data = mesh_pages.introductions_page(context_of(request))
    return respond(request, "introductions.html", data)


@writes
async def move(request: Request, form: FormData) -> Response:
    action = request.path_params["action"]
    if action not in ACTIONS:
        return PlainTextResponse("Unknown action.", 404)
    intro_id = int(request.path_params["intro_id"])
    outcome = _text(form, "outcome").strip() or None
    data = mesh_pages.move_introduction(context_of(request), intro_id, action, outcome)
    return respond(request, "introductions.html", data)


@writes
async def start(request: Request, form: FormData) -> Response:
    try:
        a_id, b_id = int(_text(form, "a")), int(_text(form, "b"))
    except ValueError:
        raise UsageError("Name the two people to introduce by their ids (a, b).") from None
    data = mesh_pages.start_introduction(context_of(request), a_id, b_id)
    return respond(request, "introductions.html", data)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
