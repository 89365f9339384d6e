"""How the web app was started: where it listens, whether it needs a token, its clock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kith import clock
from kith.store import Store, open_store

if TYPE_CHECKING:
    from kith.shapes.network import Texts

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
FORM_LIMIT = 64 * 1024  # bytes: a quick log or a settings form is far smaller


def is_loopback(host: str) -> bool:
    """Only these need no token; 127.0.0.2 and the like count as "elsewhere" (issue 11)."""
    return host in LOOPBACK


@dataclass(frozen=True)
class WebSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    now: str | None = None  # the global --now, fixed for every request (tests, the demo)
    templates: Path | None = None  # the user's draft templates (None: the defaults)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))  # signs CSRF tokens

    @property
    def needs_token(self) -> bool:
        return not is_loopback(self.host)

    def allowed_hosts(self) -> frozenset[str]:
        """Host headers a browser sends to this server on loopback: any other name is DNS
        rebinding (evil.example resolving to 127.0.0.1), refused."""
        names = ("127.0.0.1", "localhost", "[::1]")
        return frozenset({f"{name}:{self.port}" for name in names})


class Context:
    """The one store connection (opened on the first request, on the event loop's thread),
    the clock, and the network's drawing with its JSON while it is current (read once)."""

    def __init__(self, store_path: Path, settings: WebSettings) -> None:
        self.store_path = store_path
        self.settings = settings
        self._store: Store | None = None
        self.network: Texts | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.store_path)
        return self._store

    def zone(self) -> tzinfo:
        return clock.zone(self.store.meta.setting("timezone"))

    def now(self) -> datetime:
        zone = self.zone()
        given = self.settings.now
        moment = clock.parse_now(given, zone) if given else clock.system_now()
        return moment.astimezone(zone)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
