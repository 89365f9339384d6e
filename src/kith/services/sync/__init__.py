"""Sync with servers the user already uses: each configured source, run and recorded.

A source kind (CardDAV, IMAP, a calendar subscription) lives in its own module here and is
named in RUNNERS as "module:function". The function takes the store, the source and a
RunContext, does its own short transactions (never one held across network calls), and returns
a summary of counts. `run` records each run in `sync_run` for `kith sync status`; `run_all`
runs every configured source, one failing not stopping the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from typing import Any, Protocol

from kith.clock import to_utc_text
from kith.errors import KithError, NotFound
from kith.store import Store
from kith.store.sync.sources import SyncRun, SyncSource

# kind → "module:function" of its runner; each source module adds its own line here
RUNNERS: dict[str, str] = {
    "carddav": "kith.services.sync.carddav:run",
    "imap": "kith.services.sync.imap:run",
    "calendar": "kith.services.sync.calendar:run",
}


@dataclass(frozen=True)
class RunContext:
    now: datetime
    dry_run: bool = False
    progress: Callable[[str], None] | None = None
    options: dict[str, Any] = field(default_factory=dict)  # a command's one-off choices


class Runner(Protocol):
    def __call__(self, store: Store, source: SyncSource, context: RunContext) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Outcome:
    source: str
    kind: str
    outcome: str  # ok | failed | dry-run
    summary: dict[str, Any]
    error: str | None


@dataclass(frozen=True)
class Status:
    source: SyncSource
    last: SyncRun | None  # the newest real run: a dry run never takes its place
    dry_run: SyncRun | None = None  # the newest dry run, when it came after the last real one


def configure(
    store: Store, name: str, kind: str, config: dict[str, Any], now: datetime
) -> SyncSource:
    """Save a source's configuration (no secrets) and return it."""
    with store.transaction():
        store.sync.save_source(name, kind, config, to_utc_text(now))
    found = store.sync.source(name)
    assert found is not None
    return found


def source(store: Store, name: str) -> SyncSource:
    found = store.sync.source(name)
    if found is None:
        raise NotFound(f"No sync source called {name}: `kith sync status` lists them.")
    return found


def runner(kind: str) -> Runner:
    target = RUNNERS.get(kind)
    if target is None:
        raise KithError(f"Kith cannot sync a source of kind {kind!r}.")
    module, function = target.split(":")
    found: Runner = getattr(import_module(module), function)
    return found


def run(store: Store, chosen: SyncSource, context: RunContext) -> Outcome:
    """Run one source and record the run; a KithError becomes a failed run, re-raised after."""
    with store.transaction():
        run_id = store.sync.start_run(chosen.name, to_utc_text(context.now))
    failed = "dry-run" if context.dry_run else "failed"  # a dry run's failure: still a dry run
    try:
        summary = runner(chosen.kind)(store, chosen, context)
    except KithError as exc:
        _finish(store, run_id, context.now, failed, {}, str(exc))
        raise
    except BaseException:
        _finish(store, run_id, context.now, failed, {}, "interrupted")
        raise
    outcome = "dry-run" if context.dry_run else "ok"
    _finish(store, run_id, context.now, outcome, summary, None)
    return Outcome(chosen.name, chosen.kind, outcome, summary, None)


def run_all(store: Store, context: RunContext) -> list[Outcome]:
    """Every configured source in name order; one that fails is reported, the rest still run."""
    outcomes = []
    for chosen in store.sync.sources():
        try:
            outcomes.append(run(store, chosen, context))
        except KithError as exc:
            outcomes.append(Outcome(chosen.name, chosen.kind, "failed", {}, str(exc)))
    return outcomes


def remove(store: Store, name: str) -> None:
    """Forget a source: its configuration, its runs and what its kind kept for it."""
    source(store, name)  # NotFound names `kith sync status`
    with store.transaction():
        store.sync.remove_source(name)


def status(store: Store) -> list[Status]:
    """Each source's last real run, and its newest dry run if that came after."""
    last, dry = store.sync.last_runs(), store.sync.last_runs(dry_run=True)
    found = []
    for chosen in store.sync.sources():
        real, tried = last.get(chosen.name), dry.get(chosen.name)
        newer = tried if tried is not None and (real is None or tried.id > real.id) else None
        found.append(Status(chosen, real, newer))
    return found


def _finish(
    store: Store,
    run_id: int,
    now: datetime,
    outcome: str,
    summary: dict[str, Any],
    error: str | None,
) -> None:
    with store.transaction():
        store.sync.finish_run(run_id, to_utc_text(now), outcome, summary, error)
