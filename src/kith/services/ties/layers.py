"""The stored Dunbar layers, kept current: advanced lazily to the latest Monday by any command
that needs them, and replayed from the log when stale or on `kith rebuild` (science.md §4).

Advancing reads the tie rows, which hold the whole log; that is exact only while no interaction
is later than the first instant to evaluate, so writers advance before they log (`advance` in
their transaction) and anything else falls back to a replay. A change to the past marks the
layers stale (the triggers of migration 0008). The arithmetic lives in layer_replay, imported
only when there is work to do, so a command with nothing to advance never loads numpy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from kith.clock import from_utc_text, to_utc_text
from kith.relate.layers import mondays_between
from kith.store import Store


@dataclass(frozen=True)
class Kept:
    """What keeping the layers current did: nothing, a step of N instants, or a full replay."""

    how: str  # "current", "ahead" (of an earlier now), "advanced", "replayed", "importing"
    # (stale, left while an import is under way), "stale" (left by a write for a reader) or
    # "busy" (left stale by an import's preparation: the past kept changing while it replayed)
    instants: int
    instant: str | None


ASIDE_TRIES = 3  # replays outside the write lock, each undone by a change to the past meanwhile


def keep_current(store: Store, now: datetime, *, locking: bool = True) -> Kept:
    """Bring the stored layers to the latest Monday at or before `now`, in its own transaction;
    when they are current already, a read says so and nothing is locked for writing (a page
    asking for them must not wait on an import's transaction). A replay is worked out outside
    the write lock, again when another writer changed the past meanwhile; after ASIDE_TRIES
    such changes it is done inside the lock, or (not `locking`: an import's preparation, which
    must not hold others up for a replay) left stale for the next command, as `Kept("busy")`."""
    with store.reading():
        kept = _unchanged(store, now)
    if kept is not None:
        return kept
    for _ in range(ASIDE_TRIES):
        aside = _replayed_aside(store, now)
        if isinstance(aside, Kept):
            return aside
        if not aside:  # it cannot be done aside at all
            break
    else:
        if not locking:
            return Kept("busy", 0, None)
    with store.deriving():
        return advance(store, now)


def _replayed_aside(store: Store, now: datetime) -> Kept | bool:
    """Stale layers replayed outside the write lock (a replay reads the whole log: a second of
    arithmetic that would keep every other writer waiting): the replay reads a snapshot, with
    the count of changes that made the layers stale (migration 0028), and a short transaction
    saves it if that count is unchanged. False when it must be done inside a transaction (nothing
    stored yet, tie rows to sum again); True when the past changed while it read (try again)."""
    with store.reading():
        instant, count = store.layers.instant(), store.layers.stale_count()
        if instant is None or count is None or store.ties.stale():
            return False
        from kith.services.ties import layer_replay  # numpy: only when there is a replay to do

        made = layer_replay.replayed(store, now, now.tzinfo or UTC)
    with store.deriving():
        if store.layers.stale_count() != count or store.layers.instant() != instant:
            return True
        return layer_replay.save(store, made)


def _unchanged(store: Store, now: datetime) -> Kept | None:
    """How the stored layers stand when nothing is to be done; None when something is."""
    stored = store.layers.instant()
    if stored is None:
        return None
    if store.layers.stale():
        # an import written in slices marks them stale at every slice: replaying them for each
        # write meanwhile would make every write wait seconds; they stay as they were until
        # the import is done, and the first command after it replays them once
        return Kept("importing", 0, stored) if store.imports.under_way() else None
    start = from_utc_text(stored)
    if start > now:  # an earlier --now: the state ahead of it stays, and is shown as of then
        return Kept("ahead", 0, stored)
    if not mondays_between(start, now, now.tzinfo or UTC):
        return Kept("current", 0, stored)
    return None


def before_write(store: Store, now: datetime) -> Kept:
    """What a write of the log does first, inside its transaction: the weekly step when one is
    due, so that the tie rows never run ahead of the layers. Stale layers are left stale: a
    full replay reads the whole log, in which the new row takes its place like any other, and
    the next command that reads the layers does it, so a write never waits seconds for one
    (after every import, which marks them stale)."""
    stored = store.layers.instant()
    if stored is not None and store.layers.stale():
        return Kept("stale", 0, stored)
    return advance(store, now)


def advance(store: Store, now: datetime) -> Kept:
    """keep_current inside the caller's transaction."""
    zone = now.tzinfo or UTC
    kept = _unchanged(store, now)
    if kept is not None:
        return kept
    stored = store.layers.instant()
    if stored is not None and not store.layers.stale():
        start = from_utc_text(stored)
        due = mondays_between(start, now, zone)
        latest = store.layers.latest_at()
        if latest is None or from_utc_text(latest) <= due[0]:
            if _promoted(store, stored, due, zone):
                return Kept("advanced", 1, to_utc_text(due[0]))
            from kith.services.ties.layer_replay import step_from_ties

            return step_from_ties(store, start, due, zone)
    return rebuild(store, now)


def _promoted(store: Store, stored: str, due: list[datetime], zone: tzinfo) -> bool:
    """The step to the one due Monday taken by promoting the state prepared for it (`prepare`),
    when it was prepared from the state as of `stored` in this zone and nothing the step reads
    changed since (the stamp; numpy is not loaded for it). Not on a read-only file, whose
    derived tables are copies in the temporary schema."""
    if len(due) != 1 or store.read_only:
        return False
    target = to_utc_text(due[0])
    stamp = store.layers.stamp(stored, target, str(zone))
    months = store.layers.prepared_months(stamp)
    if months is None or not _patched(store, stamp, due[0], zone, keep=False):
        return False
    store.layers.promote(target, months)
    return True


def _patched(
    store: Store, stamp: str, target: datetime, zone: tzinfo, *, keep: bool = True
) -> bool:
    """The prepared step patched for the people whose tie rows changed since it was prepared
    (a `kith log`: layer_patch; numpy only then); False when the patch cannot be exact.
    `keep`: its ranking too, for another patch (not when it is promoted at once)."""
    if not store.layers.touched():
        return True
    from kith.services.ties.layer_patch import patch

    return patch(store, stamp, target, zone, keep)


def prepare(store: Store, now: datetime) -> bool:
    """Work out the step to the Monday after the layers' instant now (inside the caller's
    transaction), to be promoted by the first command of that week if nothing it reads changes
    meanwhile (a rating, a pin, a merge, a delete, a link said: the triggers of migrations 0033
    and 0039) but tie rows and channels (a log, an import's writes), people added and links
    counted again (their people are named, and the step patched for them: migrations 0036 and
    0039). Only from current, not stale,
    layers, with no interaction later than that Monday (the condition under which the step
    itself is exact); whether it prepared."""
    zone = now.tzinfo or UTC
    found = ahead(store, zone)
    if found is None:
        return False
    target, stamp = found
    if store.layers.prepared_months(stamp) is not None and _patched(store, stamp, target, zone):
        return True  # kept already, and nothing moved since but tie rows, patched in
    from kith.services.ties.layer_replay import prepare_step

    prepare_step(store, target, zone, stamp)
    return True


def ahead(store: Store, zone: tzinfo) -> tuple[datetime, str] | None:
    """The Monday after the layers' instant and the stamp a step to it is kept with, when one
    can be prepared (`prepare`'s conditions: a writable file, current layers, no interaction
    later than that Monday); None otherwise (inside the caller's read)."""
    stored = store.layers.instant()
    if store.read_only or stored is None or store.layers.stale():
        return None
    start = from_utc_text(stored)
    target = mondays_between(start, start + timedelta(days=8), zone)[0]
    latest = store.layers.latest_at()
    if latest is not None and from_utc_text(latest) > target:
        return None
    return target, store.layers.stamp(stored, to_utc_text(target), str(zone))


def rebuild(store: Store, now: datetime) -> Kept:
    """Replay every instant from the log (inside the caller's transaction), first recomputing
    the tie rows if a migration asked for it."""
    from kith.services.ties.layer_replay import replay

    store.ties.refresh_if_stale()

    return replay(store, now, now.tzinfo or UTC)
