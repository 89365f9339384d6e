"""What every request passes before a page sees it: the Host and Origin checks against DNS
rebinding, the access token off loopback (with failed tries rate-limited; the calendar feed
has its own token in its URL instead, kith.web.feed), the body size
limit, and the headers every response carries (CSP without inline script, no framing)."""

from __future__ import annotations

import logging
import math
import os
import time
from collections import deque
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

from kith.services import web_access
from kith.web import csrf, feed
from kith.web.config import FORM_LIMIT, Context
from kith.web.uploads import UPLOAD_LIMIT

LOG = logging.getLogger("kith.web")
TOKEN_COOKIE = "kith_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UPLOAD_PATHS = frozenset({"/import", "/api/imports"})
CODES = {
    401: "unauthorized",
    411: "length_required",
    413: "too_large",
    421: "misdirected",
    429: "too_many_requests",
}
FAILURES_ALLOWED = 5  # wrong tokens from one address within the window, then 429
FAILURE_WINDOW = 60.0  # seconds
WINDOW_VARIABLE = "KITH_WEB_TOKEN_WINDOW"  # seconds, shorter for tests and reliability/web.py
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


def failure_window() -> float:
    """The wrong-token window: FAILURE_WINDOW, or a positive number of seconds given in the
    environment (as KITH_NOW fixes the clock) so a test can watch the lockout end."""
    try:
        given = float(os.environ.get(WINDOW_VARIABLE, ""))
    except ValueError:
        return FAILURE_WINDOW
    return given if math.isfinite(given) and given > 0 else FAILURE_WINDOW


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, context: Context) -> None:
        super().__init__(app)
        self.context = context
        self.hosts = context.settings.allowed_hosts()  # on loopback; off it, the token
        self.failed = FailedTokens(window=failure_window())

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = self.refusal(request)
        on_feed = feed.is_feed(request.url.path)  # its own token is in the URL, checked there
        if response is None and on_feed:
            response = self.feed_refusal(request)
        elif response is None and (self.context.settings.needs_token or _bearer(request)):
            response = self.token_refusal(request)
        if response is None:
            csrf.attach_session(request)
            response = await call_next(request)
            self.context.prepare_ahead()  # the next Monday's step, when this one stepped
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
            return _refused(request, "Unknown host: this Kith answers only its own.", 421)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            # a CORS preflight: no other site may script Kith, so every one is refused
            return _refused(request, "Refused: Kith answers no cross-origin requests.", 403)
        if request.method in SAFE_METHODS:
            return None
        origin = request.headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return _refused(request, "Refused: the request came from another site.", 403)
        if origin is None and _foreign_referer(request.headers.get("referer"), host):
            return _refused(request, "Refused: the request came from another site.", 403)
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return _refused(request, "Refused: the request came from another site.", 403)
        return _too_large(request)

    def feed_refusal(self, request: Request) -> Response | None:
        """Only a GET, and not from an address that has guessed wrong too often."""
        if request.method not in SAFE_METHODS:
            return PlainTextResponse("The calendar feed is read only.", 405)
        if self.failed.blocked(_client(request)):
            return PlainTextResponse("Too many wrong tokens; wait a minute.", 429)
        return None

    def token_refusal(self, request: Request) -> Response | None:
        """Off loopback, every request; on it, one that sends a bearer token (a wrong one is
        refused, a right one lets an API write skip the content-type rule: kith.web.api.edge)."""
        client = _client(request)
        if self.failed.blocked(client):
            return _refused(request, "Too many wrong tokens; wait a minute.", 429)
        given = _presented(request)
        if given is None:
            said = "This Kith needs its token: open the link `kith serve` showed"
            program = request.url.path.startswith("/api/")  # a program: how it sends one
            said += ", or send Authorization: Bearer TOKEN." if program else "."
            return _refused(request, said, 401)
        if not web_access.token_matches(self.context.store, given):
            self.failed.fail(client)
            return _refused(request, "Wrong token.", 401)
        request.state.bearer = _bearer(request) is not None
        if "token" in request.query_params:  # from the link: keep it in a cookie, drop it
            return _without_token(request, given)
        return None


def _foreign_referer(referer: str | None, host: str) -> bool:
    """A write without an Origin but referred by another site's page (an old browser's form
    post): our own pages send a same-origin Referer or none (Referrer-Policy)."""
    if not referer:
        return False
    try:
        found = urlsplit(referer)
    except ValueError:  # "http://[::1" and the like: no page of ours
        return True
    return (found.scheme, found.netloc) != ("http", host)


def _bearer(request: Request) -> str | None:
    """The token sent as `Authorization: Bearer TOKEN`: no page on another site can send that
    header without a CORS preflight."""
    sent = request.headers.get("authorization", "")
    return sent[7:].strip() if sent.lower().startswith("bearer ") else None


def _refused(request: Request, message: str, status: int) -> Response:
    """Plain text for the pages; for the API, JSON as its own errors (kith.web.api.edge)."""
    if not request.url.path.startswith("/api/"):
        return PlainTextResponse(message, status)
    code = CODES.get(status, "forbidden")
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": code, "message": message}, status, headers)


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _presented(request: Request) -> str | None:
    return (
        _bearer(request) or request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
    )


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
        return _refused(request, "Say how long the body is.", 411) if chunked else None
    limit = UPLOAD_LIMIT if request.url.path in UPLOAD_PATHS else FORM_LIMIT
    if not length.isdigit() or int(length) > limit:
        return _refused(request, f"Too large: at most {limit // 1024} KB.", 413)
    return None
