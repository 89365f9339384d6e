"""Where HTTP meets the services: an `Operation` (a route with its models), the endpoint that
reads and checks its input, and the one place Kith's errors become HTTP statuses.

    contract exit            HTTP  error
    1 user error             422   user_error      (the message says what to do)
    2 usage                  400   usage           (and a body that is not JSON)
    -  input off the schema  422   invalid         (names the field)
    3 not found              404   not_found       (with close names as suggestions)
    4 ambiguous              409   ambiguous       (with the candidates)
    5 database refused       503   database_refused
    6 records skipped        200   the import's report lists them under `skipped`
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from kith.errors import Ambiguous, Candidate, DatabaseRefused, KithError, NotFound, UsageError
from kith.services.resolve import resolve
from kith.store import SQLiteError, explain
from kith.web.config import Context
from kith.web.import_jobs import Importer
from kith.web.render import to_json
from kith.web.uploads import Uploads

M = TypeVar("M", bound=BaseModel)
JSON = "application/json"
BINARY = "application/octet-stream"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LARGEST_ID = 2**63 - 1  # SQLite's integers; a larger id names nobody


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it: checked and typed."""

    context: Context
    uploads: Uploads
    importer: Importer  # the import page's background job, which a write must wait for
    path: dict[str, Any]
    query: BaseModel | None
    body: BaseModel | bytes | None

    def query_as(self, model: type[M]) -> M:
        assert isinstance(self.query, model)
        return self.query

    def body_as(self, model: type[M]) -> M:
        assert isinstance(self.body, model)
        return self.body

    def person_id(self) -> int:
        """The path's person, through the CLI's own resolution: NotFound (404) for nobody."""
        return resolve(self.context.store, f"#{self.path['person_id']}")

    def upload(self) -> bytes:
        assert isinstance(self.body, bytes)
        return self.body


Handler = Callable[[Call], dict[str, Any]]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as Starlette reads it, under /api: /people/{person_id:int}
    handler: Handler
    answer: type[BaseModel]
    summary: str
    tag: str
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    upload: bool = False  # the body is the file itself (application/octet-stream)
    status: int = 200

    @property
    def media_type(self) -> str | None:
        return BINARY if self.upload else JSON if self.body else None

    @property
    def description(self) -> str:
        return (self.handler.__doc__ or "").strip()


def endpoint(operation: Operation) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        try:
            refused = forgery_refusal(request, operation)
            if refused is not None:
                return refused
            data = operation.handler(await _call(request, operation))
        except ValidationError as invalid:
            return problem("invalid", _said(invalid), 422)
        except KithError as raised:
            return kith_problem(raised)
        except SQLiteError as raised:  # busy, or a file that is no database: as the CLI says it
            return kith_problem(explain(raised, request.app.state.context.store_path))
        return Response(to_json(data), operation.status, media_type=JSON)

    answer.__name__ = operation.handler.__name__
    return answer


def forgery_refusal(request: Request, operation: Operation) -> Response | None:
    """A write must carry a body type no HTML form can send (application/json, or the file as
    application/octet-stream), unless the bearer token authenticated it: a page on another site
    can send neither without a CORS preflight, which Kith refuses (docs/api.md)."""
    if request.method not in WRITES or getattr(request.state, "bearer", False):
        return None
    wanted = operation.media_type or JSON
    given = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if given == wanted:
        return None
    return problem(
        "unsupported_media_type", f"Send the body with Content-Type: {wanted} (got {given!r}).", 415
    )


async def _call(request: Request, operation: Operation) -> Call:
    path = dict(request.path_params)
    for value in path.values():
        if isinstance(value, int) and not 0 < value <= LARGEST_ID:
            raise NotFound(f"Nothing has the id {value}.")
    query = (
        operation.query.model_validate(_query(operation.query, request))
        if operation.query
        else None
    )
    body: BaseModel | bytes | None = None
    if operation.upload:
        body = await request.body()
    elif operation.body is not None:
        body = operation.body.model_validate(_json(await request.body()))
    state = request.app.state
    return Call(state.context, state.uploads, state.importer, path, query, body)


def _query(model: type[BaseModel], request: Request) -> dict[str, object]:
    """The query string as the model takes it: a list field gets every value its name was
    given (`?me=a&me=b`), any other field its last one."""
    given = request.query_params
    lists = {
        name for name, field in model.model_fields.items() if get_origin(field.annotation) is list
    }
    return {key: given.getlist(key) if key in lists else given[key] for key in given}


def _json(raw: bytes) -> object:
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"The body is not JSON: {exc}.") from exc


def _said(invalid: ValidationError) -> str:
    """Pydantic's errors as one sentence: `people: Field required; limit: ...`."""
    parts = []
    for error in invalid.errors(include_url=False)[:5]:
        where = ".".join(str(part) for part in error["loc"]) or "body"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts) + "."


STATUSES: tuple[tuple[type[KithError], int, str], ...] = (
    (UsageError, 400, "usage"),
    (NotFound, 404, "not_found"),
    (Ambiguous, 409, "ambiguous"),
    (DatabaseRefused, 503, "database_refused"),
    (KithError, 422, "user_error"),
)


def kith_problem(error: KithError) -> Response:
    status, code = next((s, c) for kind, s, c in STATUSES if isinstance(error, kind))
    names: dict[str, list[Candidate]] = {}
    if isinstance(error, Ambiguous):
        names["candidates"] = error.candidates
    if isinstance(error, NotFound) and error.suggestions:
        names["suggestions"] = error.suggestions
    return problem(code, str(error), status, names)


def problem(
    code: str, message: str, status: int, names: dict[str, list[Candidate]] | None = None
) -> Response:
    data: dict[str, Any] = {"error": code, "message": message}
    for key, found in (names or {}).items():
        data[key] = [{"id": c.id, "name": c.name} for c in found]
    return Response(to_json(data), status, media_type=JSON)
