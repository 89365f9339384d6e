"""The People page as a dict: `kith list --json` for a query, sorted as `kith list --sort`
sorts, with each shown person's stored strength and due day beside them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kith.clock import from_utc_text
from kith.errors import KithError
from kith.services import browse
from kith.shapes.people import head_json
from kith.web.config import Context

PEOPLE_SHOWN = 100  # a page, not the whole address book: `total` says how many matched
SORT_LABELS = {  # browse.SORTS, as the page's select says them
    "name": "Name",
    "strength": "Strength",
    "last": "Last contact",
    "due": "Due",
}


def people_page(
    context: Context, query: str, sort: str = "name", limit: int = PEOPLE_SHOWN, start: int = 0
) -> dict[str, Any]:
    """A page of `limit` people from `start`; a query term it cannot read, or an unknown sort,
    is said on the page (no people)."""
    chosen = sort if sort in SORT_LABELS else "name"
    page: dict[str, Any] = {
        "query": query,
        "sort": chosen,
        "sorts": [{"value": key, "label": label} for key, label in SORT_LABELS.items()],
        "people": [],
        "standings": {},
        "total": 0,
        "start": start,
        "limit": limit,
        "problem": None if chosen == sort else f"Sort by one of {', '.join(SORT_LABELS)}.",
    }
    try:
        listing = browse.list_people(
            context.store, query, context.now(), limit, chosen, standing=True, offset=start
        )
    except KithError as problem:
        return page | {"problem": str(problem)}
    standings = {
        str(person_id): {"strength": found.strength, "due_at": _moment(found.due_at)}
        for person_id, found in listing.standings.items()
    }
    people = [head_json(person) for person in listing.people]
    return page | {"people": people, "standings": standings, "total": listing.total}


def _moment(text: str | None) -> datetime | None:
    return from_utc_text(text) if text else None
