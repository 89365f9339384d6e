"""A page's dict as HTML (Jinja2, autoescaped) or as its JSON twin."""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kith.clock import call_length, to_utc_text
from kith.services.week.empty_week import people_said
from kith.vocab import PICK_CHANNEL_WORDS, counted
from kith.web import csrf

TEMPLATES = Path(__file__).parent / "templates"


def wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def respond(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    if wants_json(request):
        return Response(to_json(data), status, media_type="application/json")
    fragment = request.headers.get("hx-request") == "true"
    context = {"page": data, "csrf": csrf.token_for(request), "fragment": fragment}
    context["path"] = request.url.path
    context["zone"] = request.app.state.context.zone()  # days as the user's zone has them
    return HTMLResponse(environment().get_template(template).render(context), status)


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return to_utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["day"] = _day
    env.filters["counts"] = counted  # "2 interactions, 1 person", as `kith import` says them
    env.filters["people_said"] = people_said  # "any of the 1,204 people", as `kith plan` says
    env.filters["iso"] = lambda value: _plain(value) if isinstance(value, date) else value
    env.filters["birthday"] = birthday_words
    env.filters["call_length"] = call_length  # "1 h 2 min", as `kith show` says it
    env.filters["channel"] = channel_words
    env.filters["pick_channel"] = pick_channel_words
    return env


def channel_words(value: object) -> str:
    """A channel as a person reads it: "in person", not the stored "in_person"."""
    return str(value or "").replace("_", " ")


def pick_channel_words(value: object) -> str:
    """A plan pick's channel as `kith plan` says it: "coffee", "video call"."""
    return PICK_CHANNEL_WORDS.get(str(value or ""), channel_words(value))


def birthday_words(value: object) -> str:
    """A card's birthday as people write it: "3 February 1990", or "3 February" without the
    year; anything else as it is."""
    from kith.model import Birthday

    try:
        born = Birthday.parse(str(value or ""))
    except ValueError:
        return str(value or "")
    month = date(2000, born.month, 1).strftime("%B")
    return f"{born.day} {month}" + (f" {born.year}" if born.year else "")


def safe_url(value: object) -> str | None:
    """A link only to http(s) or mailto: a `javascript:` or `data:` URL stays plain text."""
    text = str(value or "").strip()
    scheme = urlsplit(text).scheme.lower()
    return text if scheme in ("http", "https", "mailto") else None


def _day(value: object, zone: tzinfo | None = None) -> str:
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%a %d %b %Y")
    if isinstance(value, date):
        return value.strftime("%a %d %b %Y")
    return str(value or "")
