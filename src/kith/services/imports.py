"""Bringing records into the store: plan them against what is there, show or apply the plan.

`import_file(store, path, ...)` picks a reader through the registry and calls `import_records`.
Everything from one file is applied in one transaction: a crash or an error leaves nothing of it.
With `dry_run` the same work is done and then rolled back, so the plan shown is exactly what an
import would do. Re-importing the same file plans nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.records import (
    EventRecord,
    InteractionRecord,
    IntroductionRecord,
    LinkRecord,
    PersonRecord,
    Record,
    ReferralRecord,
    RelationshipRecord,
    SettingRecord,
    Skipped,
)
from kith.services import settings
from kith.services.import_log import LogApplier, ends_of
from kith.services.import_people import PersonApplier
from kith.sources import registry
from kith.store import Store

PLAN_LINES = 200


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    kind: str
    path: str | None
    dry_run: bool
    run_id: int | None = None
    created: Counter[str] = field(default_factory=Counter)  # {"person": 3, "interaction": 9}
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # the plan, in words (capped)

    def note(self, outcome: str, what: str, label: str) -> None:
        getattr(self, outcome)[what] += 1
        if outcome != "unchanged" and len(self.actions) < PLAN_LINES:
            self.actions.append(
                f"{outcome[:-1] if outcome.endswith('d') else outcome} {what} {label}"
            )

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def summary(self) -> dict[str, object]:
        return {
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "skipped": len(self.skipped),
        }


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so that nothing stays."""


def import_file(
    store: Store,
    path: Path,
    *,
    kind: str | None,
    now: datetime,
    dry_run: bool = False,
    strict: bool = False,
) -> ImportReport:
    if not path.is_file():
        raise UserError(f"{path}: no such file.")
    chosen = kind or registry.detect(path)
    records = registry.reader(chosen)(path)
    return import_records(
        store, records, kind=chosen, path=str(path), now=now, dry_run=dry_run, strict=strict
    )


def import_records(
    store: Store,
    records: Iterable[Record],
    *,
    kind: str,
    path: str | None,
    now: datetime,
    dry_run: bool = False,
    strict: bool = False,
) -> ImportReport:
    """Apply `records` in one transaction (rolled back when `dry_run`); report what changed."""
    report = ImportReport(kind, path, dry_run)
    try:
        with store.transaction():
            _apply_all(store, records, report, now, strict)
            if dry_run:
                raise _RollBack
    except _RollBack:
        report.run_id = None
    return report


def _apply_all(
    store: Store, records: Iterable[Record], report: ImportReport, now: datetime, strict: bool
) -> None:
    stamp = to_utc_text(now)
    was_empty = store.meta.is_empty()
    run_id = store.imports.start_run(report.kind, report.path, stamp)
    where = report.path or report.kind
    people = PersonApplier(store, report.kind, run_id, stamp, report.skipped, where)
    log = LogApplier(store, report.kind, run_id, now, people.ids, report.skipped, where)
    bulk = store.search.indexing_log_at_the_end() if was_empty else nullcontext()
    with bulk:
        for record in records:
            _dispatch(store, record, report, people, log)
            if strict and report.skipped:
                first = report.skipped[0]
                raise UserError(
                    f"{first.where}: {first.reason}. Nothing was imported (--strict); "
                    "fix the entry or import without --strict to skip it."
                )
        log.flush()
    if log.created:
        report.created["interaction"] += log.created
    if log.unchanged:
        report.unchanged["interaction"] += log.unchanged
    people.resolve_met(log.events)
    _refresh_derived(store, was_empty, set(people.ids.values()), log.touched)
    report.run_id = run_id
    store.imports.finish_run(run_id, stamp, json.dumps(report.summary(), sort_keys=True))


def _dispatch(
    store: Store, record: Record, report: ImportReport, people: PersonApplier, log: LogApplier
) -> None:
    if isinstance(record, Skipped):
        report.skipped.append(record)
    elif isinstance(record, PersonRecord):
        report.note(people.apply(record), "person", record.name)
    elif isinstance(record, InteractionRecord):
        log.add_interaction(record)
    elif isinstance(record, EventRecord):
        report.note(log.apply_event(record), "event", record.name)
    elif isinstance(record, SettingRecord):
        outcome = _apply_setting(store, record, report)
        if outcome != "skipped":
            report.note(outcome, "setting", record.key)
    elif isinstance(record, LinkRecord | RelationshipRecord | ReferralRecord | IntroductionRecord):
        outcome = log.apply_pair(record)
        if outcome != "skipped":
            what = type(record).__name__.removesuffix("Record").lower()
            report.note(outcome, what, " and ".join(ends_of(record)))


def _apply_setting(store: Store, record: SettingRecord, report: ImportReport) -> str:
    current = store.meta.setting(record.key)
    if current is not None:
        return "unchanged"  # the user's own settings win over a file's
    try:
        value = settings.check(record.key, record.value)
    except UserError as error:
        report.skipped.append(
            Skipped(f"{report.path or report.kind}: setting {record.key}", str(error))
        )
        return "skipped"
    store.meta.set_setting(record.key, value)
    return "created"


def _refresh_derived(store: Store, was_empty: bool, people: set[int], touched: set[int]) -> None:
    """Aggregates and search rows, set-based: cheaper than row by row for large imports."""
    if was_empty:
        store.interactions.recompute_all()
        store.people.rebuild_search()
        return
    store.interactions.recompute(touched)
    store.people.refresh_search(people)
