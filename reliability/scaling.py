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

TITLE = "Importers at n and 4n"
ORDER = 35
REDUCED_ELSEWHERE = "tests/test_importer_scaling.py"  # make test holds the ratios there

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


def run(scale: str, seed: int) -> list[dict[str, object]]:
    """One row: every importer's file of n and of 4n (reliability/inputs.py), and the absurd
    records; lost: an importer whose SQL statements grew past 4.6-fold or CPU time past 8-fold
    (16 is quadratic), or an absurd record not refused or ignored."""
    from reliability.inputs import ABSURD, CASES

    factor = 1.0 if scale == "full" else 0.25
    lost, notes = 0, []
    for name, (make, first, me) in CASES.items():
        n = max(1, int(first * factor))
        measure(make, 10, me)
        small, large = measure(make, n, me), measure(make, 4 * n, me)
        sql = large.statements / max(1, small.statements)
        cpu = large.cpu / max(small.cpu, 1e-3)
        lost += sql > 4.6 or cpu > 8
        notes.append(f"{name} {n:,}→{4 * n:,}: CPU ×{cpu:.1f}, SQL ×{sql:.1f}")
    for name, (make, n, me) in ABSURD.items():
        found = measure(make, n, me)
        said = "skipped" in found.summary or "more than 1,000 people" in found.summary
        lost += not said
        notes.append(f"{name}: {found.seconds:.1f} s, {'said' if said else 'NOT said'}")
    return [
        {
            "tried": "each importer at n and 4n (linear ≈ ×4, quadratic ×16), and absurd "
            "records (a card of 100,000 e-mails, a meeting of 50,000 attendees)",
            "count": len(CASES) + len(ABSURD),
            "lost": lost,
            "notes": "; ".join(notes),
        }
    ]
