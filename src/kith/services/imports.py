"""Bringing records into the store: plan them against what is there, show or apply the plan.

`import_file(store, path, ...)` picks a reader through the registry and calls `import_records`.
Everything from one file is applied in one transaction: a crash or an error leaves nothing of it.
Re-importing the same file plans nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kith.records import Record, Skipped
from kith.store import Store


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    kind: str
    path: str | None
    dry_run: bool
    run_id: int | None = None
    created: Counter[str] = field(default_factory=Counter)    # {"person": 3, "interaction": 9}
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)          # the plan, in words (capped)


def import_records(store: Store, records: Iterable[Record], *, kind: str, path: str | None,
                   now: datetime, dry_run: bool = False, strict: bool = False) -> ImportReport:
    raise NotImplementedError  # being written


def import_file(store: Store, path: Path, *, kind: str | None, now: datetime,
                dry_run: bool = False, strict: bool = False) -> ImportReport:
    raise NotImplementedError  # being written
