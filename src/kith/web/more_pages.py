"""The pages after the first four: after an event (claim notes), settings, and import (upload,
the dry-run plan, confirm). Each a dict, as in pages.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kith.services import claims, settings, web_access
from kith.services.importing.paths import import_path
from kith.shapes.claims import claim_json
from kith.shapes.imports import report_json
from kith.web.config import Context

CLAIM_DAYS = 7  # `kith claim`'s default


def claim_page(context: Context, days: int = CLAIM_DAYS) -> dict[str, Any]:
    """`kith claim --json`: people met at recent events, not claimed yet, a note each."""
    found = claims.claims(context.store, days, context.now(), context.settings.templates)
    return {"days": days, "claims": [claim_json(c) for c in found], "total": len(found)}


def let_go(context: Context, person_id: int) -> dict[str, Any]:
    result = claims.let_go(context.store, person_id, context.now())
    return {"person": {"id": result.person.id, "name": result.person.name}, "let_go": True}


def settings_page(context: Context, problem: str | None = None) -> dict[str, Any]:
    """`kith config list --all`, and whether an access token exists (never the token)."""
    values = settings.all_settings(context.store, include_unset=True)
    token = web_access.has_token(context.store)
    return {"settings": values, "has_token": token, "problem": problem}


def change_setting(context: Context, key: str, value: str) -> dict[str, Any]:
    settings.set_value(context.store, key, value.strip() or None)
    return settings_page(context)


def import_plan(context: Context, path: Path, staged: str | None) -> dict[str, Any]:
    """What importing the staged file would do (a dry run: nothing changes)."""
    reports = import_path(context.store, path, kind=None, now=context.now(), dry_run=True)
    return {"staged": staged, "imports": [report_json(r) for r in reports], "done": False}


def import_now(context: Context, path: Path) -> dict[str, Any]:
    reports = import_path(context.store, path, kind=None, now=context.now())
    return {"staged": None, "imports": [report_json(r) for r in reports], "done": True}
