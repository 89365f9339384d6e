"""How the web app was started: where it listens, whether it needs a token, its clock."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith import clock
from kith.services.mesh import drawing
from kith.store import Store, open_store
from kith.web.refresher import WAIT_SECONDS, Refresher

if TYPE_CHECKING:
    from kith.shapes.network import Texts

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
REMEMBERED_MOST = 256  # results kept (the week, each person's contacts): the latest used
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
        self._remembered: OrderedDict[str, tuple[Hashable, Any]] = OrderedDict()
        self.refresher = Refresher(store_path)  # the stored report and suggestions
        self.drawer = Refresher(store_path, drawing.current, "network")  # the network's layout
        self.network: Texts | None = None
        self._ahead: threading.Thread | None = None  # the next Monday's step being prepared

    @property
    def store(self) -> Store:
        """The connection, with any sliced import that died since taken back first (one index
        seek when none is under way): a page never shows a cut-off import's slices."""
        if self._store is None:
            self._store = open_store(self.store_path)
            self._store.checkpoint_aside()  # a write's answer never waits for a checkpoint
        else:
            self._store.recover(lock_files=False)
        return self._store

    def zone(self) -> tzinfo:
        return clock.zone(self.store.meta.setting("timezone"))

    def now(self) -> datetime:
        return clock.face_now(self.settings.now, self.zone())

    def remembered(self, name: str, make: Callable[[], Any]) -> Any:
        """`make()`'s result, made again only when the data, the day or the user's draft
        templates have changed since: the week page is read far more often than it changes."""
        kept = self._remembered.get(name)
        if kept is not None and kept[0] == self._state():
            self._remembered.move_to_end(name)
            return kept[1]
        made = make()
        self._remembered[name] = (self._state(), made)  # after: making it may write (a new week)
        self._remembered.move_to_end(name)
        while len(self._remembered) > REMEMBERED_MOST:  # one per person seen: the oldest go
            self._remembered.popitem(last=False)
        return made

    def _state(self) -> Hashable:
        return self.store.version(), self.now().date(), self._templates_stamp()

    def _templates_stamp(self) -> float | None:
        folder = self.settings.templates
        try:
            stamps = (path.stat().st_mtime for path in folder.iterdir()) if folder else None
            return max(stamps, default=0.0) if stamps is not None else None
        except OSError:  # no folder yet: the default templates
            return None

    def prepare_ahead(self) -> None:
        """After a response that moved the layers to a new Monday or left nothing prepared
        (an edit voided it), the next Monday's step prepared in a thread on its own connection
        (services/week/week_ahead)."""
        from kith.services.week import week_ahead

        if self._store is not None and week_ahead.due(self._store, self.now()):
            self._ahead = week_ahead.aside(self.store_path, self.now(), self._ahead)

    def close(self) -> None:
        if self._ahead is not None:
            self._ahead.join(WAIT_SECONDS)
        self.refresher.wait(WAIT_SECONDS)
        self.drawer.wait(WAIT_SECONDS)
        if self._store is not None:
            self._store.close()
            self._store = None
