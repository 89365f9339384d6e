"""The calendar feed at its secret URL, /calendar/TOKEN.ics: what `kith calendar export` writes
(this week's picks, follow-ups and birthdays, with alarms), made afresh on each fetch, for a
phone's calendar subscribed to it. The feed token (`kith calendar feed`) is the only key: the
guard lets this path through without the page token, and a wrong one is a plain 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kith.services import web_access
from kith.services.exports import calendar_feed
from kith.web.config import Context

PREFIX = "/calendar/"
SUFFIX = ".ics"
NOT_FOUND = "Not found."
HIDDEN = f"{PREFIX}TOKEN{SUFFIX}"  # the path as the log says it


def is_feed(path: str) -> bool:
    return path.startswith(PREFIX) and path.endswith(SUFFIX)


async def calendar(request: Request) -> Response:
    context: Context = request.app.state.context
    token = request.path_params["token"]
    if not web_access.feed_token_matches(context.store, token):
        return PlainTextResponse(NOT_FOUND, 404)
    made = calendar_feed.feed(context.store, context.now())
    return Response(
        made.text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="kith.ics"'},
    )
