"""After an event (claim notes), a page after the first four; a dict, as in pages.py. (Settings
and import have modules of their own: settings_page.py, import_page.py.)"""

from __future__ import annotations

from typing import Any

from kith.services import claims
from kith.shapes.claims import claim_json
from kith.web.config import Context

CLAIM_DAYS = 7  # `kith claim`'s default


def claim_page(context: Context, days: int = CLAIM_DAYS) -> dict[str, Any]:
    """`kith claim --json`: people met at recent events, not claimed yet, a note each."""
    found = claims.claims(context.store, days, context.now(), context.settings.templates)
    return {"days": days, "claims": [claim_json(c) for c in found], "total": len(found)}


def let_go(context: Context, person_id: int) -> dict[str, Any]:
    result = claims.let_go(context.store, person_id, context.now())
    return {"person": {"id": result.person.id, "name": result.person.name}, "let_go": True}
