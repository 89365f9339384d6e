"""The next Monday's step (and next week's gift) prepared after the command that stepped the
layers to a new Monday (issue 15), so that the first command of the following week promotes
it instead of stepping cold. The faces run it once the person has their answer: the CLI in a
detached process (cli/ahead.py), the web app and the MCP server in a thread of their own.

The step is worked out outside any write transaction, from one read snapshot, and kept under
a short one only if nothing was committed meanwhile by another connection (SQLite's
data_version); otherwise it gives up, and next week's first command steps as it would have.
A crash or a kill leaves the file as it was: every write is a transaction.

Not only after a step: after any call that leaves the week with nothing prepared for the next
Monday (`wanted`, one read of meta) — an edit that voided the prepared step or made the layers
stale (a rating, a pin, a merge...), a preparation that gave up, the first week after an
upgrade — `again` brings the layers current as the next reader would (a replay outside the
write lock) and prepares; given up, it tries once more at once (the writer that moved the
file has committed), then leaves it to the next call; found impossible (an interaction later
than the next Monday), it marks the layers so, and no call asks again until they move.

And after a call that touched people since the step was prepared (a `kith log`, an edit: their
tie rows changed, migrations 0036 and 0039; `wanted` reads the first touched row), `prepare`
patches the prepared step for them (services/ties/layer_patch) in a short write. The patch works on
numpy arrays, and its arithmetic cannot be done without numpy to the bit: numpy's exp2, exp
and log1p on float64 (SIMD code on CPUs with AVX-512) differ from the C library's (`math`) in
the last bit for some 5% of arguments. Done aside, the week's first command finds nothing to
patch and promotes the step without importing numpy."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kith.store import Store, open_store

if TYPE_CHECKING:  # a thread only for the long-running faces: every command asks `wanted`
    import threading

MODE_ENV = "KITH_PREPARE_AHEAD"  # background | inline | off (docs/cli.md); unset: the face's
MODES = ("background", "inline", "off")

Gate = Callable[[str], None]


def prepare(store: Store, now: datetime, gate: Gate | None = None) -> str:
    """Prepare the step to the Monday after the layers' instant and next week's gift, unless it
    is prepared already (inside no transaction). What it did:
    "prepared", "kept" (prepared already), "patched" (prepared already, and patched now for
    the people a log or an edit touched since), "moved" (another connection committed while
    it worked: given up) or "none" (nothing to prepare: a read-only file, stale layers, an
    interaction later than the next Monday). `gate` is called with "read" before the step is
    worked out and "save" before it is kept (tests hold the process there)."""
    zone = now.tzinfo or UTC
    wait = gate or (lambda _: None)
    if store.read_only:
        return "none"
    with store.deriving():
        store.layers.keep_mutuals()  # a short write, only when links changed since
    version = store.data_version()
    wait("read")
    from kith.services.ties import layers

    with store.reading():
        found = layers.ahead(store, zone)
        if found is None:
            return "none"
        target, stamp = found
        step_kept = store.layers.prepared_months(stamp) is not None
        if step_kept and not store.layers.touched():
            return "kept"
    if step_kept and _patched(store, stamp, target, zone):
        return "patched"
    # (a step declined or voided meanwhile is prepared again)
    with store.reading():
        from kith.services.ties.layer_replay import worked_step  # numpy

        step = worked_step(store, target, zone, keep=False)
    wait("save")
    with store.deriving():
        if store.data_version() != version:
            return "moved"
        from kith.services.ties.layer_replay import keep_step

        keep_step(store, step, stamp)
    from kith.services.week.plan import gift_ahead  # the plan's modules: only when there is work

    gift_ahead(store, now, prepared=True)
    return "prepared"


def _patched(store: Store, stamp: str, target: datetime, zone: tzinfo) -> bool:
    """The prepared step patched for the people touched since (a log, an edit), in a short
    write, its ranking kept patched for another patch: the week's first command then promotes
    it without a patch of its own, whose numpy import was most of its cost. False when it was
    voided meanwhile or cannot be patched exactly (nothing is written: it is prepared again)."""
    from kith.services.ties.layer_patch import patch  # numpy: imported before the write lock

    with store.deriving():
        return store.layers.prepared_months(stamp) is not None and patch(store, stamp, target, zone)


def again(store: Store, now: datetime, gate: Gate | None = None) -> str:
    """`prepare` after the layers are brought current as the next command would (stale ones
    replayed outside the write lock, a due step taken): what a preparation after any call does.
    "moved" is tried once more; "none" from current layers is marked (`wanted` is then False
    for them). What it did, as `prepare` says ("moved" also when the replay kept meeting
    changes to the past)."""
    from kith.services.ties import layers

    if store.read_only or store.ties.stale():
        return "none"  # tie rows to sum again first (a migration): a reader's, under the lock
    if layers.keep_current(store, now, locking=False).how == "busy":
        return "moved"
    outcome = prepare(store, now, gate)
    if outcome == "moved":  # the writer that moved the file has committed: once more
        outcome = prepare(store, now, gate)
    if outcome == "none":
        with store.deriving():
            instant = store.layers.instant()
            if instant is not None and not store.layers.stale():
                store.ahead.tried(instant, zone_name(now))
    return outcome


def wanted(store: Store, now: datetime) -> bool:
    """Whether `again` has work after a call (one read of meta; a writable file only)."""
    return not store.read_only and store.ahead.wanted(zone_name(now))


def zone_name(now: datetime) -> str:
    """The zone a step is prepared in (the stamp's, services/ties/layers.ahead)."""
    return str(now.tzinfo or UTC)


def chosen_mode() -> str | None:
    """KITH_PREPARE_AHEAD when it names a mode; None leaves the face its default."""
    chosen = os.environ.get(MODE_ENV, "").strip().lower()
    return chosen if chosen in MODES else None


def due(store: Store | None, now: datetime) -> bool:
    """After a call a long-running face (the web app, the MCP server) answered: whether it
    moved the layers to a new instant or left nothing prepared (`wanted`) on a file it can
    write, unless KITH_PREPARE_AHEAD is off. The connection's mark is cleared: the next call
    is asked afresh."""
    if store is None or store.read_only or chosen_mode() == "off":
        return False
    moved = store.layers_moved()
    if moved:
        store.layers.moved = False
    return moved or wanted(store, now)


def aside(path: Path, now: datetime, running: threading.Thread | None) -> threading.Thread | None:
    """`prepare` in a thread of its own, on its own connection (a failure is only next week's
    first command stepping cold), unless the one `running` has not ended; the thread."""
    if running is not None and running.is_alive():
        return running

    def work() -> None:
        try:
            store = open_store(path)
            try:
                again(store, now)
            finally:
                store.close()
        except Exception:  # a courtesy, never an error of the call's
            pass

    import threading

    thread = threading.Thread(target=work, name="kith-week-ahead", daemon=True)
    thread.start()
    return thread
