"""What every request passes before a page sees it: the Host and Origin checks against DNS
rebinding, the access token off loopback (with failed tries rate-limited; the calendar feed
has its own token in its URL instead, kith.web.feed), the body size
limit, and the headers every response carries (CSP without inline script, no framing)."""

from __future__ import annotations

import logging
import time
from collections import deque
from urllib.parse import urlencode

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

from kith.services import web_access
from kith.web import csrf, feed
from kith.web.config import FORM_LIMIT, Context
from kith.web.uploads import UPLOAD_LIMIT

LOG = logging.getLogger("kith.web")
TOKEN_COOKIE = "kith_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FAILURES_ALLOWED = 5  # wrong tokens from one address within the window, then 429
FAILURE_WINDOW = 60.0  # seconds
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # a token in a URL never leaves for another site; "no-referrer" would make browsers send
    # "Origin: null" on our own forms
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class FailedTokens:
    """Wrong tokens per client address in a sliding window."""

    def __init__(self, allowed: int = FAILURES_ALLOWED, window: float = FAILURE_WINDOW) -> None:
        self.allowed, self.window = allowed, window
        self.failures: dict[str, deque[float]] = {}

    def blocked(self, client: str) -> bool:
        recent = self.failures.get(client)
        if not recent:
            return False
        while recent and time.monotonic() - recent[0] > self.window:
            recent.popleft()
        return len(recent) >= self.allowed

    def fail(self, client: str) -> None:
        self.failures.setdefault(client, deque()).append(time.monotonic())


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, context: Context) -> None:
        super().__init__(app)
        self.context = context
        self.hosts = context.settings.allowed_hosts()  # on loopback; off it, the token
        self.failed = FailedTokens()

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = self.refusal(request)
        on_feed = feed.is_feed(request.url.path)  # its own token is in the URL, checked there
        if response is None and on_feed:
            response = self.feed_refusal(request)
        elif response is None and self.context.settings.needs_token:
            response = self.token_refusal(request)
        if response is None:
            csrf.attach_session(request)
            response = await call_next(request)
            csrf.keep_session(request, response)
            if on_feed and response.status_code == 404:
                self.failed.fail(_client(request))
        response.headers.update(HEADERS)
        path = feed.HIDDEN if on_feed else request.url.path  # no token: no query, no feed's
        LOG.info("%s %s %s", request.method, path, response.status_code)
        return response

    def refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if not self.context.settings.needs_token and host not in self.hosts:
            return PlainTextResponse("Unknown host: this Kith answers only its own.", 421)
        if request.method in SAFE_METHODS:
            return None
        origin = request.headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return PlainTextResponse("Refused: the request came from another site.", 403)
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return PlainTextResponse("Refused: the request came from another site.", 403)
        return _too_large(request)

    def feed_refusal(self, request: Request) -> Response | None:
        """Only a GET, and not from an address that has guessed wrong too often."""
        if request.method not in SAFE_METHODS:
            return PlainTextResponse("The calendar feed is read only.", 405)
        if self.failed.blocked(_client(request)):
            return PlainTextResponse("Too many wrong tokens; wait a minute.", 429)
        return None

    def token_refusal(self, request: Request) -> Response | None:
        client = _client(request)
        if self.failed.blocked(client):
            return PlainTextResponse("Too many wrong tokens; wait a minute.", 429)
        given = _presented(request)
        if given is None:
            return PlainTextResponse(
                "This Kith needs its token: open the link `kith serve` showed.", 401
            )
        if not web_access.token_matches(self.context.store, given):
            self.failed.fail(client)
            return PlainTextResponse("Wrong token.", 401)
        if "token" in request.query_params:  # from the link: keep it in a cookie, drop it
            return _without_token(request, given)
        return None


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _presented(request: Request) -> str | None:
    bearer = request.headers.get("authorization", "")
    if bearer.lower().startswith("bearer "):
        return bearer[7:].strip()
    return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)


def _without_token(request: Request, token: str) -> Response:
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
    response = RedirectResponse(target, 303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _too_large(request: Request) -> Response | None:
    length = request.headers.get("content-length")
    if length is None:
        chunked = "chunked" in request.headers.get("transfer-encoding", "")
        return PlainTextResponse("Say how long the body is.", 411) if chunked else None
    limit = UPLOAD_LIMIT if request.url.path == "/import" else FORM_LIMIT
    if not length.isdigit() or int(length) > limit:
        return PlainTextResponse(f"Too large: at most {limit // 1024} KB.", 413)
    return None
