"""Import `/import`: upload a file, see what importing it would do (a dry run: nothing
changes), confirm, and watch the import run in the background (import_jobs.py) until its
report, with links to the people it made. Each page is a dict, as in pages.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kith.errors import KithError
from kith.services.imports import needs_me
from kith.shapes.imports import report_json
from kith.web.config import Context
from kith.web.import_jobs import (
    CHAT_APPS,
    Busy,
    Importer,
    about_file,
    dry_run,
    named,
    needs_me_said,
)
from kith.web.render import respond, to_json, wants_json
from kith.web.uploads import Uploads
from kith.web.views import context_of, writes

BUSY = "An import is running; upload the next file when it has finished."


def import_form(importer: Importer, problem: str | None = None) -> dict[str, Any]:
    return {
        "staged": None,
        "file": None,
        "imports": [],
        "needs_me": False,
        "running": importer.running(),
        "problem": problem,
    }


async def import_plan(
    context: Context, importer: Importer, path: Path, staged: str, filename: str
) -> dict[str, Any]:
    """What importing the staged file would do (a dry run: nothing changes), worked out on a
    thread with a connection of its own so the other pages answer meanwhile."""
    reports = await run_in_threadpool(dry_run, context.store_path, path, context.now())
    return import_form(importer) | {
        "staged": staged,
        "file": filename,
        "imports": [named(report_json(r), path, filename) for r in reports],
    }


def _uploads(request: Request) -> Uploads:
    found: Uploads = request.app.state.uploads
    return found


def _importer(request: Request) -> Importer:
    found: Importer = request.app.state.importer
    return found


async def show(request: Request) -> Response:
    return respond(request, "import.html", import_form(_importer(request)))


@writes
async def upload(request: Request, form: FormData) -> Response:
    sent = form.get("file")
    importer = _importer(request)
    if isinstance(sent, str) or sent is None or not sent.filename:
        return respond(request, "import.html", import_form(importer, "Choose a file."), 400)
    if importer.running():  # its transaction holds the file: a dry run would wait on it
        return respond(request, "import.html", import_form(importer, BUSY), 409)
    uploads = _uploads(request)
    staged = await run_in_threadpool(uploads.keep, sent.file, sent.filename)  # maybe large
    path, filename = uploads.folder() / staged, uploads.name(staged)
    context = context_of(request)
    try:
        if needing := needs_me(context.store, [path], None, context.now()):
            uploads.drop(staged)
            said = import_form(importer, needs_me_said(filename, needing))
            asked = "chat" if needing in CHAT_APPS else "mail"  # what the advice asks for
            return respond(request, "import.html", said | {"needs_me": asked}, 400)
        data = await import_plan(context, importer, path, staged, filename)
    except KithError as refused:
        uploads.drop(staged)
        said = import_form(importer, about_file(refused, path, filename))
        return respond(request, "import.html", said, 400)
    return respond(request, "import.html", data)


@writes
async def confirm(request: Request, form: FormData) -> Response:
    staged = request.path_params["staged"]
    path = _uploads(request).path(staged)
    importer = _importer(request)
    if path is None:
        gone = "That upload is gone (imported already, or Kith restarted): upload the file again."
        return respond(request, "import.html", import_form(importer, gone), 404)
    try:
        job = importer.start(staged, path, context_of(request).now())
    except Busy as busy:
        return respond(request, "import.html", import_form(importer, str(busy)), 409)
    if wants_json(request):
        return Response(to_json(job.status()), 202, media_type="application/json")
    return RedirectResponse("/import/progress", 303)


async def progress(request: Request) -> Response:
    """The newest import's progress, then its report; refreshed by htmx (or, without
    script, a meta refresh) while it runs."""
    job = _importer(request).job
    if job is None:
        return respond(request, "import_progress.html", {"state": "none"})
    return respond(request, "import_progress.html", job.status())


def routes() -> list[Route]:
    return [
        Route("/import", show, methods=["GET"]),
        Route("/import", upload, methods=["POST"]),
        Route("/import/{staged}/confirm", confirm, methods=["POST"]),
        Route("/import/progress", progress, methods=["GET"]),
    ]
