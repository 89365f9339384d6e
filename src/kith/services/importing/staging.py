"""Large mailboxes: staged in committed batches (resumable after a kill), then applied at once.

Staging writes the reader's records to the `stage` table in batches of `BATCH`, each its own
short transaction that also moves the run's checkpoint; nothing reads the stage but this import,
so staged rows are invisible to every read. A killed run leaves its stage and checkpoint; the
next import of the same unchanged file (same kind, path, size and modification time) resumes
after the checkpoint. Applying the staged records is all-or-nothing, as for any file: in slices
with the run journal (Store.sliced) into a database that holds something, else one transaction.
The run's finish (its merge suggestions, its record as finished) is part of the write's last
slice, so a kill leaves the import whole with its review queue, or nothing of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from datetime import datetime
from pathlib import Path

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.record_codec import dumps, loads
from kith.records import Record
from kith.services.importing.exchange import NEITHER, check_chat_owner
from kith.services.importing.mail_plan import MailPlan, MailPlanner, apply_mail
from kith.services.imports import (
    ImportReport,
    Progress,
    counted,
    my_identities,
    nothing_read,
    refreshed,
)
from kith.services.merging import suggest
from kith.sources import registry
from kith.store import SQLiteError, Store, disk_full

# the kinds large enough to stage. Chats could be (the planner reads their records: it counts
# their ignored entries and tallies, and checks the user's side), but measured on 100,000 SMS the
# staged import was slower and held 45 MB more than the record-by-record one (docs/benchmarks.md)
STAGED_KINDS = frozenset({"mbox", "maildir"})
BATCH = 1_000  # records staged in one transaction (a short one: other writers get in between)
WRITTEN = "written_before"  # a report's note: the records were in, only the finish was missing


def fingerprint(kind: str, path: Path) -> str:
    """What makes a resumed run the same file: kind, path, size and modification time."""
    facts = path.stat()
    return f"{kind}:{path.resolve()}:{facts.st_size}:{facts.st_mtime_ns}"


def import_staged(
    store: Store,
    path: Path,
    *,
    kind: str,
    now: datetime,
    strict: bool = False,
    me: Sequence[str] = (),
    progress: Progress | None = None,
    date_order: str | None = None,
) -> ImportReport:
    identities = my_identities(store, me)
    if not identities and kind not in registry.CHAT_KINDS:  # a chat may name its owner
        raise UserError(
            f"{path} holds mail, and Kith needs to know which side is you: give "
            "--me ADDRESS (repeatable), or set `kith config set me.emails "
            "you@example.org`. Nothing was imported."
        )
    options = {"date_order": date_order, "region": store.meta.setting("phone.default_region")}
    run_id = stage_file(store, path, kind, now, progress, options)
    report = ImportReport(kind, str(path), dry_run=False)
    if store.imports.written(run_id):  # written by an older Kith, killed before its finish
        report.run_id = run_id
        report.remember[WRITTEN] = f"written by run {run_id}, which a kill interrupted after it"
        report.created.update(store.imports.created_by_run(run_id))
        with store.transaction():
            finish(store, report, run_id, now)
    else:
        _apply(store, report, run_id, identities, now, strict=strict, where=path)
    return report


def finish(store: Store, report: ImportReport, run_id: int, now: datetime) -> None:
    """The run's merge suggestions and its record as finished, inside the transaction (or
    last slice) of its write: a kill leaves the import with them or nothing of it."""
    report.to_review = suggest(store, store.imports.people_of_run(run_id), to_utc_text(now))
    store.imports.finish_run(run_id, to_utc_text(now), json.dumps(report.summary(), sort_keys=True))


def _apply(
    store: Store,
    report: ImportReport,
    run_id: int,
    me: frozenset[tuple[str, str]],
    now: datetime,
    *,
    strict: bool,
    where: Path,
) -> None:
    """Plan and write the staged records, and finish the run in the same transaction; what
    the plan did goes into `report`."""

    def finished(plan: MailPlan) -> None:
        if strict and plan.skipped:
            first = plan.skipped[0]
            raise UserError(
                f"{first.where}: {first.reason}. Nothing was imported (--strict); "
                "fix the message or import without --strict to skip it."
            )
        report_plan(report, plan, run_id)
        if not plan.found:
            nothing_read(report.kind, where)
        finish(store, report, run_id, now)

    with _discarded_when_the_disk_fills(store, run_id):
        apply_staged(store, run_id, me, report.kind, now, where=str(where), then=finished)


@contextmanager
def _discarded_when_the_disk_fills(store: Store, run_id: int) -> Iterator[None]:
    """On a full disk, forget the staged run (kept, it would hold the space the user needs to
    free, for a resume the disk cannot take); the error that said so goes on."""
    try:
        yield
    except SQLiteError as error:
        if disk_full(error):
            with suppress(SQLiteError), store.transaction():
                store.imports.discard(run_id)
        raise


PLAN_TRIES = 3  # plan again when another writer committed meanwhile, at most this often


def apply_staged(
    store: Store,
    run_id: int,
    me: frozenset[tuple[str, str]],
    kind: str,
    now: datetime,
    strict: bool = False,
    where: str | None = None,
    then: Callable[[MailPlan], None] | None = None,
) -> MailPlan:
    """Plan with reads only, then write in slices (or one transaction into an empty database)
    if nobody wrote meanwhile; `then` is told the plan inside the write's last slice."""
    for attempt in range(1, PLAN_TRIES + 1):
        version = store.data_version()
        planner = MailPlanner(store, me, kind, where, to_utc_text(now))
        plan = planner.run(loads(t) for t in store.imports.staged(run_id))
        check_chat_owner(
            kind,
            where,
            plan.ignored[NEITHER],
            plan.exchanges,
            plan.writers,
            store.meta.setting("me.name"),
        )
        if strict and plan.skipped:
            first = plan.skipped[0]
            raise UserError(
                f"{first.where}: {first.reason}. Nothing was imported (--strict); "
                "fix the message or import without --strict to skip it."
            )
        # in slices into a database that holds something (Store.sliced), letting others in
        sliced = not store.in_transaction and not store.meta.is_empty()
        with store.sliced() if sliced else store.transaction():
            if store.data_version() != version and attempt < PLAN_TRIES:
                continue  # the plan is stale: plan again
            write_plan(store, plan, run_id, to_utc_text(now))
            if then is not None:
                then(plan)
            # last, with no slice after: the stage is not journaled (a slice committed after
            # it, then a kill, would take back the write and leave the stage gone)
            store.imports.clear_stage(run_id)
            return plan
    raise AssertionError("unreachable: the last try always writes")


def write_plan(store: Store, plan: MailPlan, run_id: int, stamp: str) -> dict[int, int]:
    """Apply a mail plan inside the caller's transaction, with the aggregates and search rows
    of the people it touched; the ids its new people got (by their plan refs)."""
    was_empty = store.meta.is_empty()
    bulk = store.search.indexing_log_at_the_end() if was_empty else nullcontext()
    with store.imports.tracking(run_id), bulk:
        ids = apply_mail(store, plan, run_id, stamp)
    # the plan's own people (not the run's whole log: a sync writes one run in many batches)
    touched = {ids.get(r, r) for planned in plan.interactions.values() for r in planned.people}
    touched |= {ids.get(r, r) for refs in plan.joins.values() for r in refs} | set(ids.values())
    refreshed(store, touched, ids.values())
    return ids


def report_plan(report: ImportReport, plan: MailPlan, run_id: int) -> None:
    """Add what the plan did to `report`."""
    report.run_id = run_id
    report.skipped.extend(plan.skipped)
    report.ignored.update(plan.ignored)
    report.read.update(plan.read)
    report.found += plan.found
    report.accounted.update(plan.accounted)
    report.dated_by.update(plan.dated_by)
    for what, count, outcome in (
        ("person", len(plan.people), "created"),
        ("interaction", len(plan.interactions), "created"),
        ("interaction", len(plan.joins), "updated"),
        ("interaction", plan.unchanged, "unchanged"),
    ):
        if count:
            getattr(report, outcome)[what] += count


def stage_file(
    store: Store,
    path: Path,
    kind: str,
    now: datetime,
    progress: Progress | None,
    options: dict[str, str | None] | None = None,
) -> int:
    """Stage the file's records after any checkpoint a killed run left; the run's id."""
    mark = fingerprint(kind, path)
    with store.transaction():
        for stale in store.imports.superseded(mark):  # the file changed: never resumable
            store.imports.discard(stale)
        found = store.imports.staging_run(mark)
        run_id, done = found or (
            store.imports.start_staging(kind, str(path), mark, to_utc_text(now)),
            0,
        )
    records: Iterable[Record] = registry.records(kind, path, now, **(options or {}))
    if progress is not None:
        records = counted(records, progress)
    with _discarded_when_the_disk_fills(store, run_id):
        for first, batch in batches(records, skip=done):
            texts = [dumps(record) for record in batch]  # before the lock is taken
            with store.transaction():
                store.imports.stage(run_id, first, texts)
    return run_id


def batches(records: Iterable[Record], skip: int) -> Iterator[tuple[int, list[Record]]]:
    """(sequence number of the first, batch) after the first `skip` records, numbered from 1."""
    batch: list[Record] = []
    first = skip + 1
    for seq, record in enumerate(records, start=1):
        if seq <= skip:
            continue
        batch.append(record)
        if len(batch) == BATCH:
            yield first, batch
            first, batch = seq + 1, []
    if batch:
        yield first, batch
