"""The API as the web app mounts it: /openapi.json, /api/docs and the routes under /api."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route

from kith.web.api.docs import api_docs, openapi_json
from kith.web.api.routes import api_routes


def mounted() -> list[BaseRoute]:
    docs = Route("/docs", api_docs, methods=["GET"])
    return [
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Mount("/api", routes=[docs, *api_routes()]),
    ]
