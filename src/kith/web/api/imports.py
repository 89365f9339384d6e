"""Imports with a dry run: upload a file (the report of what it would do, nothing changed),
then apply it by the id the dry run gave."""

from __future__ import annotations

import io
from typing import Any

from kith.errors import KithError, NotFound
from kith.web.api.bodies import UploadQuery
from kith.web.api.edge import Call
from kith.web.more_pages import import_now, import_plan


def upload(call: Call) -> dict[str, Any]:
    """Stage a file and report what importing it would do (a dry run: nothing changes). The
    body is the file itself; `filename`'s suffix picks the reader."""
    name = call.query_as(UploadQuery).filename
    staged = call.uploads.keep(io.BytesIO(call.upload()), name)
    try:
        return import_plan(call.context, call.uploads.folder() / staged, staged)
    except KithError:
        call.uploads.drop(staged)
        raise


def apply(call: Call) -> dict[str, Any]:
    """Import a staged file for real, in one transaction; the upload is then gone."""
    staged = call.path["staged"]
    path = call.uploads.path(staged)
    if path is None:
        raise NotFound("That upload is gone; upload the file again.")
    try:
        return import_now(call.context, path)
    finally:
        call.uploads.drop(staged)
