"""What every tool call shares: the database (opened on the first call), the clock, the
user's draft templates, whether private text may be shown, and the one lock that keeps calls
(run on worker threads by the SDK) from sharing the connection at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from mcp.server.mcpserver.exceptions import ToolError

from kith import clock
from kith.errors import KithError, explained
from kith.store import SQLiteError, Store, explain, open_store

AHEAD_WAIT_SECONDS = 5.0  # at the end, how long to let the next Monday's preparation finish


@dataclass
class Session:
    db_path: Path
    now_text: str | None = None  # the global --now (or KITH_NOW), fixed for every call
    templates: Path | None = None  # the user's draft templates (None: the defaults)
    include_notes: bool = False
    _store: Store | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _ahead: threading.Thread | None = field(default=None, repr=False)  # preparing next Monday

    @property
    def store(self) -> Store:
        """The connection, with any sliced import that died since taken back first."""
        if self._store is None:
            self._store = open_store(self.db_path)
        else:
            self._store.recover(lock_files=False)
        return self._store

    def zone(self) -> tzinfo:
        return clock.zone(self.store.meta.setting("timezone"))

    def now(self) -> datetime:
        return clock.face_now(self.now_text, self.zone())

    @contextmanager
    def call(self) -> Iterator[None]:
        """One tool call at a time; Kith's errors leave as MCP tool errors with the CLI's
        message (an ambiguous name with its candidates, an unknown one with close names)."""
        with self._lock:
            try:
                yield
            except KithError as error:
                raise ToolError(explained(error)) from None
            except SQLiteError as error:
                raise ToolError(explained(explain(error, self.db_path))) from None
            self._prepare_ahead()

    def _prepare_ahead(self) -> None:
        """After a call that moved the layers to a new Monday or left nothing prepared (an
        edit voided it), the next Monday's step prepared in a thread on its own connection
        (services/week/week_ahead)."""
        from kith.services.week import week_ahead

        if self._store is not None and week_ahead.due(self._store, self.now()):
            self._ahead = week_ahead.aside(self.db_path, self.now(), self._ahead)

    def close(self) -> None:
        if self._ahead is not None:  # a preparation cut short by the exit is rolled back
            self._ahead.join(AHEAD_WAIT_SECONDS)
        if self._store is not None:
            self._store.close()
            self._store = None
