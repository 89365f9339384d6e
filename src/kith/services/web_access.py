"""Who may use the web app off this computer: one access token, kept only as its hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kith.store import Store

TOKEN_FACT = "web.token_sha256"  # a meta fact, not a setting: `kith config list` never shows it
TOKEN_BYTES = 32


def issue_token(store: Store) -> str:
    """A new token, replacing (revoking) any other; the caller shows it once and forgets it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.transaction():
        store.meta.set_fact(TOKEN_FACT, _digest(token))
    return token


def revoke_token(store: Store) -> bool:
    """No token works any more (until a new one is made); whether there was one."""
    had = has_token(store)
    with store.transaction():
        store.meta.set_fact(TOKEN_FACT, "")  # empty: no token matches it
    return had


def has_token(store: Store) -> bool:
    return bool(store.meta.fact(TOKEN_FACT))


def token_matches(store: Store, token: str) -> bool:
    """Compared in constant time; a high-entropy token needs no slow hash."""
    stored = store.meta.fact(TOKEN_FACT)
    return bool(stored) and hmac.compare_digest(stored or "", _digest(token))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
