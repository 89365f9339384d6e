"""Large mailboxes: staged in committed batches (resumable after a kill), then applied at once.

Staging writes the reader's records to the `stage` table in batches of `BATCH`, each its own
short transaction that also moves the run's checkpoint; nothing reads the stage but this import,
so staged rows are invisible to every read. A killed run leaves its stage and checkpoint; the
next import of the same unchanged file (same kind, path, size and modification time) resumes
after the checkpoint. Applying the staged records is one transaction, as for any file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.record_codec import dumps, loads
from kith.records import Record
from kith.services.imports import (
    STAGED_KINDS,
    ImportReport,
    ImportRun,
    Progress,
    counted,
    my_identities,
)
from kith.sources import registry
from kith.store import Store

__all__ = ["STAGED_KINDS", "import_staged"]
BATCH = 5_000


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
) -> ImportReport:
    identities = my_identities(store, me)
    if not identities:
        raise UserError(
            f"{path} holds mail, and Kith needs to know which side is you: give "
            "--me ADDRESS (repeatable), or set `kith config set me.emails "
            "you@example.org`. Nothing was imported."
        )
    run_id = stage_file(store, path, kind, now, progress)
    report = ImportReport(kind, str(path), dry_run=False)
    with store.transaction():
        staged: Iterable[Record] = (loads(text) for text in store.imports.staged(run_id))
        ImportRun(store, report, now, identities, run_id=run_id).apply(staged, strict)
        store.imports.clear_stage(run_id)
    return report


def stage_file(
    store: Store, path: Path, kind: str, now: datetime, progress: Progress | None
) -> int:
    """Stage the file's records after any checkpoint a killed run left; the run's id."""
    mark = fingerprint(kind, path)
    with store.transaction():
        found = store.imports.staging_run(mark)
        run_id, done = found or (
            store.imports.start_staging(kind, str(path), mark, to_utc_text(now)),
            0,
        )
    records: Iterable[Record] = registry.records(kind, path, now)
    if progress is not None:
        records = counted(records, progress)
    for first, batch in batches(records, skip=done):
        with store.transaction():
            store.imports.stage(run_id, first, [dumps(record) for record in batch])
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
