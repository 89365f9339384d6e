"""The OpenAPI 3.1 document, made from the route table and the pydantic models: request and
answer schemas are the very models that check requests and describe kith.shapes' output."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from kith import __version__
from kith.web.api.edge import BINARY, JSON, LARGEST_ID, Operation
from kith.web.api.routes import OPERATIONS
from kith.web.api.schemas import Problem

REF = "#/components/schemas/{model}"
PARAMETER = re.compile(r"\{(\w+)(?::(\w+))?\}")
ERRORS = {
    400: "Usage: the call does not fit (contract exit 2), or the body is not JSON.",
    401: "Off loopback: no token, or a wrong one.",
    403: "Refused: the request came from another site.",
    404: "Not found (exit 3): `suggestions` holds close names.",
    409: "Ambiguous (exit 4): `candidates` holds whom the name could mean.",
    413: "The body is too large: 64 KB for JSON, 20 MB for an upload.",
    415: "A write without Content-Type: application/json (or the file's octet-stream).",
    422: "Invalid: a value off the schema, or one Kith cannot use (exit 1); says what to do.",
    429: "Too many wrong tokens from this address; wait a minute.",
    503: "The database refused (exit 5): newer schema, corrupt, not a Kith database.",
}
ABOUT = (
    "Kith's JSON API: the same objects as the CLI's `--json` (docs/api.md). On loopback no "
    "token is needed; elsewhere send `Authorization: Bearer TOKEN` (`kith serve` shows it)."
)


@cache
def document() -> dict[str, Any]:
    models = _models()
    _, found = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kith", "version": __version__, "description": ABOUT},
        "servers": [{"url": "/api"}],
        "paths": _paths(),
        "components": {
            "schemas": found.get("$defs", {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [Problem]
    for op in OPERATIONS:
        found += [m for m in (op.answer, op.body) if m is not None and m not in found]
    return found


def _paths() -> dict[str, dict[str, Any]]:
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        path = PARAMETER.sub(r"{\1}", op.path)
        paths.setdefault(path, {})[op.method.lower()] = _operation(op)
    return paths


def _operation(op: Operation) -> dict[str, Any]:
    described: dict[str, Any] = {
        "operationId": op.handler.__module__.rsplit(".", 1)[-1] + "_" + op.handler.__name__,
        "summary": op.summary,
        "description": op.description,
        "tags": [op.tag],
        "parameters": _path_parameters(op) + _query_parameters(op),
        "responses": {
            str(op.status): {
                "description": op.summary,
                "content": {JSON: {"schema": {"$ref": REF.format(model=op.answer.__name__)}}},
            },
            **{str(status): _error(said) for status, said in ERRORS.items()},
        },
    }
    if op.upload:
        binary = {"schema": {"type": "string", "format": "binary"}}
        described["requestBody"] = {"required": True, "content": {BINARY: binary}}
    elif op.body is not None:
        schema = {"$ref": REF.format(model=op.body.__name__)}
        described["requestBody"] = {"required": True, "content": {JSON: {"schema": schema}}}
    return described


def _error(said: str) -> dict[str, Any]:
    return {
        "description": said,
        "content": {JSON: {"schema": {"$ref": REF.format(model="Problem")}}},
    }


def _path_parameters(op: Operation) -> list[dict[str, Any]]:
    parameters = []
    for name, kind in PARAMETER.findall(op.path):
        schema: dict[str, Any] = {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"}
        if kind == "int":
            schema = {"type": "integer", "minimum": 0, "maximum": LARGEST_ID}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return parameters


def _query_parameters(op: Operation) -> list[dict[str, Any]]:
    if op.query is None:
        return []
    schema = op.query.model_json_schema(ref_template=REF)
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "in": "query",
            "required": name in required,
            "description": field.pop("description", ""),
            "schema": _present(field),
        }
        for name, field in schema["properties"].items()
    ]


def _present(field: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema without pydantic's `null` branch: absent means the default,
    and a query string has no null to send."""
    kept = [part for part in field.pop("anyOf", ()) if part != {"type": "null"}]
    if kept:
        field |= kept[0]
    if "default" in field and field["default"] is None:
        del field["default"]
    return field
