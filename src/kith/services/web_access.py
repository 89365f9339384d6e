"""Who may use the web app off this computer: one access token for the pages, and one for the
calendar feed (a calendar app sends no header: its secret is in the URL, so it is a token of
its own that opens the feed and nothing else). Each is kept only as its hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket

from kith.store import Store

TOKEN_FACT = "web.token_sha256"  # a meta fact, not a setting: `kith config list` never shows it
FEED_FACT = "web.feed_token_sha256"
TOKEN_BYTES = 32


def issue_token(store: Store) -> str:
    """A new token, replacing (revoking) any other; the caller shows it once and forgets it."""
    return _issue(store, TOKEN_FACT)


def revoke_token(store: Store) -> bool:
    """No token works any more (until a new one is made); whether there was one."""
    had = has_token(store)
    with store.transaction():
        store.meta.set_fact(TOKEN_FACT, "")  # empty: no token matches it
    return had


def has_token(store: Store) -> bool:
    return bool(store.meta.fact(TOKEN_FACT))


def token_matches(store: Store, token: str) -> bool:
    return _matches(store, TOKEN_FACT, token)


def issue_feed_token(store: Store) -> str:
    """A new calendar feed token, replacing (revoking) any other: shown once, like the other."""
    return _issue(store, FEED_FACT)


def has_feed_token(store: Store) -> bool:
    return bool(store.meta.fact(FEED_FACT))


def revoke_feed_token(store: Store) -> bool:
    """No feed token any more (the feed URL stops working); False if there was none."""
    had = has_feed_token(store)
    with store.transaction():
        store.meta.set_fact(FEED_FACT, "")
    return had


def feed_token_matches(store: Store, token: str) -> bool:
    return _matches(store, FEED_FACT, token)


def _issue(store: Store, fact: str) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.transaction():
        store.meta.set_fact(fact, _digest(token))
    return token


def _matches(store: Store, fact: str, token: str) -> bool:
    """Compared in constant time; a high-entropy token needs no slow hash."""
    stored = store.meta.fact(fact)
    return bool(stored) and hmac.compare_digest(stored or "", _digest(token))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def shown_host(host: str) -> str:
    """The address a phone should use: this computer's on the network when bound to all."""
    if host not in ("0.0.0.0", "::"):
        return f"[{host}]" if ":" in host else host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
