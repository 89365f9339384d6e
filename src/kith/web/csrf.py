"""Cross-site request forgery: each browser gets a session cookie, and every state-changing
request must carry the token signed from it (a form field or the X-CSRF-Token header)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "kith_session"
FIELD = "csrf"
HEADER = "x-csrf-token"


def attach_session(request: Request) -> None:
    """The browser's session id, new when it has none (set on the response by keep_session)."""
    given = request.cookies.get(SESSION_COOKIE, "")
    request.state.session = given if len(given) >= 32 else secrets.token_urlsafe(32)
    request.state.new_session = request.state.session != given


def keep_session(request: Request, response: Response) -> None:
    if request.state.new_session:
        response.set_cookie(SESSION_COOKIE, request.state.session, httponly=True, samesite="strict")


def token_for(request: Request) -> str:
    secret: str = request.app.state.context.settings.secret
    session: str = request.state.session
    return hmac.new(secret.encode(), session.encode(), hashlib.sha256).hexdigest()


def valid(request: Request, given: str | None) -> bool:
    if request.state.new_session or not given:
        return False
    return hmac.compare_digest(token_for(request), given)
