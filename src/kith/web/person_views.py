"""The People and Person pages' handlers: the list (search and sort), one person (with the
draft of the kind and channel asked for), and the person's two forms, edit and note, each
CSRF-checked by views.writes. A refused edit or note is shown beside its form (400) with what
was typed; a saved one goes back to the page (303), or answers with its JSON twin."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kith.errors import UserError
from kith.web.people_page import people_page
from kith.web.person_page import (
    EDIT_FIELDS,
    Edit,
    chart_page,
    person_page,
    save_edit,
    save_note,
)
from kith.web.render import respond, to_json, wants_json
from kith.web.views import context_of, writes


async def people(request: Request) -> Response:
    params = request.query_params
    start = params.get("from", "0")
    first = min(int(start), 10_000_000) if start.isdigit() else 0
    query, sort = params.get("q", ""), params.get("sort", "name")
    data = people_page(context_of(request), query, sort, start=first)
    return respond(request, "people.html", data)


async def person(request: Request) -> Response:
    params = request.query_params
    data = person_page(
        context_of(request),
        _person_id(request),
        params.get("kind") or None,
        params.get("channel") or None,
    )
    return respond(request, "person.html", data)


async def chart(request: Request) -> Response:
    """The chart's points: JSON for the person page's script, a table of figures as HTML."""
    data = chart_page(context_of(request), _person_id(request))
    return respond(request, "person_chart.html", data)


@writes
async def edit(request: Request, form: FormData) -> Response:
    person_id = _person_id(request)
    typed = Edit({name: _text(form, name) for name in EDIT_FIELDS})
    try:
        data = save_edit(context_of(request), person_id, typed)
    except UserError as problem:
        return _refused(request, person_id, str(problem), edit=typed)
    return _saved(request, person_id, data)


@writes
async def note(request: Request, form: FormData) -> Response:
    person_id = _person_id(request)
    try:
        data = save_note(context_of(request), person_id, _text(form, "text"))
    except UserError as problem:
        return _refused(request, person_id, str(problem), note=True)
    return _saved(request, person_id, data)


def _refused(
    request: Request, person_id: int, problem: str, edit: Edit | None = None, note: bool = False
) -> Response:
    context = context_of(request)
    if wants_json(request):
        return Response(to_json({"error": problem}), 400, media_type="application/json")
    data = person_page(context, person_id, edit=edit, problem=None if note else problem)
    data["note_problem"] = problem if note else None
    return respond(request, "person.html", data, 400)


def _saved(request: Request, person_id: int, data: dict[str, Any]) -> Response:
    if wants_json(request):
        return Response(to_json(data), media_type="application/json")
    return RedirectResponse(f"/people/{person_id}#edit", 303)


def _person_id(request: Request) -> int:
    return int(request.path_params["person_id"])


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
