"""Imports with a dry run: upload a file (the report of what it would do, nothing changed),
then apply it by the id the dry run gave. Refused while the import page's job runs."""

from __future__ import annotations

import io
from typing import Any

from kith.errors import KithError, NotFound
from kith.services.importing.paths import import_path
from kith.shapes.imports import report_json
from kith.web.api.bodies import UploadQuery
from kith.web.api.edge import Call
from kith.web.import_jobs import Busy, Importer, about_file, dry_run, named

BUSY = "An import is running; send the next file when it has finished."


def upload(call: Call) -> dict[str, Any]:
    """Stage a file and report what importing it would do (a dry run: nothing changes). The
    body is the file itself; `filename`'s suffix picks the reader; `me` (repeatable) says
    which side is the user, as `kith import --me`, and holds for the apply too."""
    _not_busy(call)
    asked = call.query_as(UploadQuery)
    name = asked.filename
    staged = call.uploads.keep(io.BytesIO(call.upload()), name, asked.me)
    path = call.uploads.folder() / staged
    try:
        reports = dry_run(call.context.store_path, path, call.context.now(), asked.me)
    except KithError as refused:  # named as the user's file, not Kith's staged copy
        refused.args = (about_file(refused, path, call.uploads.name(staged)),)
        call.uploads.drop(staged)
        raise
    shown = [named(report_json(r), path, name or staged) for r in reports]
    return {"staged": staged, "imports": shown, "done": False}


def apply(call: Call) -> dict[str, Any]:
    """Import a staged file for real, in one transaction; the upload is then gone."""
    _not_busy(call)
    staged = call.path["staged"]
    path = call.uploads.path(staged)
    if path is None:
        raise NotFound("That upload is gone; upload the file again.")
    me = call.uploads.me(staged)
    try:
        reports = import_path(call.context.store, path, kind=None, now=call.context.now(), me=me)
    finally:
        call.uploads.drop(staged)
    shown = [named(report_json(r), path, call.uploads.name(staged)) for r in reports]
    return {"staged": None, "imports": shown, "done": True}


def _not_busy(call: Call) -> None:
    importer: Importer = call.importer
    if importer.running():  # its transaction holds the file
        raise Busy(BUSY)
