"""Taking back one import run: every row it added, every empty field it filled."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kith.clock import from_utc_text, to_utc_text
from kith.errors import NotFound, UserError
from kith.model import PersonRef
from kith.services.exports import backup
from kith.store import Store


@dataclass(frozen=True)
class UndoReport:
    run_id: int
    removed_people: list[str]
    counts: dict[str, int]  # rows removed per table, fields emptied under "field"
    dry_run: bool
    kept: Path | None = None  # the copy made first, when it removes many people


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so that nothing stays."""


def people_an_undo_removes(store: Store, run_id: int) -> list[str]:
    _check(store, run_id)
    return [ref.name for ref in people_of_run(store, run_id)]


def people_of_run(store: Store, run_id: int) -> list[PersonRef]:
    """The people import run `run_id` created (and an undo of it would remove), by id."""
    return list(store.people.refs(store.imports.people_of_run(run_id)).values())


def undo_import(store: Store, run_id: int, now: datetime, dry_run: bool = False) -> UndoReport:
    """Remove what import run `run_id` added; with `dry_run`, only say what that would be."""
    _check(store, run_id)
    many = len(store.imports.people_of_run(run_id)) >= backup.BULK_PEOPLE
    kept = backup.keep_copy(store, f"undo-{run_id}", now) if many and not dry_run else None
    report = UndoReport(run_id, [], {}, dry_run, kept)
    try:
        with store.transaction():
            affected = store.imports.affected_people(run_id)
            removed = store.imports.people_of_run(run_id)
            report.removed_people.extend(r.name for r in store.people.refs(removed).values())
            for person_id in removed:
                store.people.delete(person_id)
            report.counts.update(store.imports.undo(run_id, to_utc_text(now)))
            if removed:
                report.counts["person"] = len(removed)
            survivors = [p for p in affected if store.people.exists(p)]
            store.interactions.recompute(survivors)
            store.people.refresh_search(survivors)
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return report


def _check(store: Store, run_id: int) -> None:
    finished, undone = store.imports.run_state(run_id)
    if not finished and any(run[0] == run_id for run in store.imports.interrupted()):
        raise UserError(
            f"Import run {run_id} was interrupted before it imported anything: import the same "
            f"file again to resume it, or `kith import --discard {run_id}` to forget it."
        )
    if not finished:
        raise NotFound(f"There is no import run {run_id}; `kith imports` lists them.")
    if undone:
        raise UserError(f"Import run {run_id} was already undone.")


@dataclass(frozen=True)
class ImportRunInfo:
    """One finished import run, as `kith imports` lists it."""

    id: int
    kind: str
    path: str | None
    at: datetime
    summary: dict[str, Any]  # created / updated / unchanged / ignored counts, skipped, to_review
    undone_at: str | None

    @property
    def created(self) -> dict[str, int]:
        return dict(self.summary.get("created", {}))


@dataclass(frozen=True)
class Interrupted:
    """A staged import a kill left unfinished: nothing of it is in the database yet."""

    id: int
    kind: str
    path: str | None
    at: datetime
    staged: int  # records read into the stage before it stopped


def interrupted_runs(store: Store) -> list[Interrupted]:
    """Staged imports left unfinished, newest first: resumed by importing the same unchanged
    file again, or discarded."""
    with store.reading():
        found = store.imports.interrupted()
    return [Interrupted(i, kind, path, from_utc_text(at), n) for i, kind, path, at, n in found]


def discard_run(store: Store, run_id: int) -> int:
    """Forget an interrupted import and what it staged; how many records were staged."""
    with store.transaction():
        if not any(run[0] == run_id for run in store.imports.interrupted()):
            raise NotFound(
                f"Import run {run_id} is not an interrupted one; `kith imports` lists them."
            )
        return store.imports.discard(run_id)


def import_runs(store: Store) -> list[ImportRunInfo]:
    """Finished import runs, newest first, for choosing one to undo (one killed after its
    write, before its finish, with what it created)."""
    with store.reading():
        return [
            ImportRunInfo(
                run_id,
                kind,
                path,
                from_utc_text(at),
                json.loads(summary)
                if summary
                else {"created": store.imports.created_by_run(run_id)},
                undone,
            )
            for run_id, kind, path, at, summary, undone in store.imports.runs()
        ]
