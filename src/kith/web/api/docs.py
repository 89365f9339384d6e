"""/api/docs: the OpenAPI document as a page, rendered on the server (no script, no CDN)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from kith.web.api.openapi import document
from kith.web.render import respond, to_json


async def openapi_json(request: Request) -> Response:
    return Response(to_json(document()), media_type="application/json")


async def api_docs(request: Request) -> Response:
    return respond(request, "api_docs.html", reference(document()))


def reference(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the page lists it: operations by tag, then each schema's fields."""
    tags: dict[str, list[dict[str, Any]]] = {}
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            tags.setdefault(op["tags"][0], []).append(_operation(method, path, op))
    schemas = [
        {"name": name, "description": schema.get("description", ""), "fields": _fields(schema)}
        for name, schema in sorted(doc["components"]["schemas"].items())
    ]
    return {"info": doc["info"], "tags": tags, "schemas": schemas}


def _operation(method: str, path: str, op: dict[str, Any]) -> dict[str, Any]:
    body = op.get("requestBody", {}).get("content", {})
    ok = next(iter(op["responses"].items()))
    return {
        "method": method.upper(),
        "path": "/api" + path,
        "id": op["operationId"],
        "summary": op["summary"],
        "description": op["description"],
        "parameters": [
            {
                "name": p["name"],
                "in": p["in"],
                "type": type_of(p["schema"]),
                "required": p["required"],
                "description": p.get("description", ""),
            }
            for p in op["parameters"]
        ],
        "body": [(media, type_of(content["schema"])) for media, content in body.items()],
        "answer": (ok[0], type_of(ok[1]["content"]["application/json"]["schema"])),
        "errors": sorted(code for code in op["responses"] if code != ok[0]),
    }


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_of(field),
            "required": name in required,
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def type_of(schema: dict[str, Any]) -> str:
    """A schema in a few words: `array of PersonHead`, `string | null`, `"a" | "b"`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_of(part) for part in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(f'"{value}"' for value in schema["enum"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema:
        return f"object of {type_of(schema['additionalProperties'])}"
    return str(schema.get("format", kind)) if kind == "string" else str(kind)
