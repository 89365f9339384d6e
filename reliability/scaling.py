"""Importing a file of n and of 4n: the time, the SQL statements, and their ratios.

Linear work grows about 4-fold from n to 4n; quadratic work 16-fold. The bench prints the
ratios (bench/importer_scaling.py), and the tests hold the statement counts and the CPU time
to a linear growth with room to spare (tests/test_importer_scaling.py).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kith.services.importing.paths import import_path
from kith.store import open_store

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Measure:
    seconds: float  # wall time of the import (opening the database not included)
    cpu: float  # this process's CPU time: steadier than wall time on a shared machine
    statements: int  # SQL statements the import ran
    summary: str  # what the import said: its counts, or the error


def measure(make: Callable[[int, Path], Path], n: int, me: Sequence[str] = ()) -> Measure:
    """Import the file `make` writes for n into a new database."""
    from kith.errors import KithError

    with tempfile.TemporaryDirectory(prefix="kith-scaling-") as scratch:
        folder = Path(scratch)
        path = make(n, folder)
        store = open_store(folder / "kith.db")
        statements = 0

        def count(_: str) -> None:
            nonlocal statements
            statements += 1

        store.connection.set_trace_callback(count)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            reports = import_path(store, path, kind=None, now=NOW, me=me)
            summary = "; ".join(_said(r.summary()) for r in reports)
        except KithError as error:
            summary = f"refused: {error}"
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        store.connection.set_trace_callback(None)
        store.close()
    return Measure(wall, cpu, statements, summary)


def _said(summary: dict[str, object]) -> str:
    parts = [f"{k} {v}" for k, v in summary.items() if k in ("created", "ignored") and v]
    skipped = summary.get("skipped")
    return ", ".join([*parts, *([f"skipped {skipped}"] if skipped else [])]) or "nothing new"
