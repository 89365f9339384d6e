"""`create_app(store_path, settings)`: the web app, built on demand, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kith.errors import KithError
from kith.store import SQLiteError
from kith.web import feed, import_page, mesh_views, person_views, settings_page, views
from kith.web.api.mount import mounted
from kith.web.config import Context, WebSettings
from kith.web.guard import Guard
from kith.web.import_jobs import Importer
from kith.web.uploads import Uploads

STATIC = Path(__file__).parent / "static"


def routes() -> list[BaseRoute]:
    return [
        Route("/", views.week, methods=["GET"]),
        Route("/picks/{person_id:int}/{action}", views.pick_action, methods=["POST"]),
        Route("/people", person_views.people, methods=["GET"]),
        Route("/people/{person_id:int}", person_views.person, methods=["GET"]),
        Route("/people/{person_id:int}/chart", person_views.chart, methods=["GET"]),
        Route("/people/{person_id:int}/edit", person_views.edit, methods=["POST"]),
        Route("/people/{person_id:int}/notes", person_views.note, methods=["POST"]),
        Route("/network", views.network, methods=["GET"]),
        Route("/names", views.names, methods=["GET"]),
        Route("/log", views.log_form, methods=["GET"]),
        Route("/log", views.log, methods=["POST"]),
        Route("/claim", views.claim, methods=["GET"]),
        Route("/claim/{person_id:int}/let-go", views.let_go, methods=["POST"]),
        Route(feed.PREFIX + "{token}" + feed.SUFFIX, feed.calendar, methods=["GET"]),
        *settings_page.routes(),
        *import_page.routes(),
        Route("/report", mesh_views.report, methods=["GET"]),
        Route("/introductions", mesh_views.introductions, methods=["GET"]),
        Route("/introductions/start", mesh_views.start, methods=["POST"]),
        Route("/introductions/{intro_id:int}/{action}", mesh_views.move, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        *mounted(),  # the JSON API (kith.web.api)
    ]


def create_app(store_path: Path, settings: WebSettings | None = None) -> Starlette:
    context = Context(store_path, settings or WebSettings())
    uploads = Uploads()
    importer = Importer(store_path, uploads)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        importer.close()
        context.close()
        uploads.close()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(Guard, context=context)],
        exception_handlers={
            404: views.not_found,
            KithError: views.user_error,
            SQLiteError: views.database_error,
        },
        lifespan=lifespan,
    )
    app.state.context = context
    app.state.uploads = uploads
    app.state.importer = importer
    return app
