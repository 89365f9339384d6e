"""Kith's repeatable proofs of reliability (issue 17): `make reliability`, docs/reliability.md.

Each proof is a module in this package (any name not starting with `_`) exposing

    TITLE: str                          # the section's heading in docs/reliability.md
    ORDER: int                          # where it stands in the table (optional, default 100)
    def run(scale: float, seed: int) -> Row | list[Row]

`scale` is 1.0 for the full form (`make reliability`, at most 60 minutes on 2 cores in all) and
`REDUCED` for the form `make test` runs (tests/test_reliability_reduced.py, at most 3 minutes
for every section together); a proof turns it into its own counts with `count()`. `seed` makes
every random choice repeatable. A Row says what the proof tried, how many times, what was lost
(empty: nothing) and notes (figures, the form's counts). The runner (__main__.py) finds the
modules itself, so a new section is a new file and nothing else.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

# No next Monday prepared in a detached process after a command (cli/ahead.py) unless a proof
# asks: a process writing after the command ended would change the state the proofs judge.
os.environ.setdefault("KITH_PREPARE_AHEAD", "off")

FULL = 1.0
REDUCED = 0.0  # each proof's smallest meaningful count


@dataclass(frozen=True)
class Row:
    """One line of the table: what was tried, how many times, what was lost, notes."""

    tried: str
    times: int
    lost: tuple[str, ...] = ()  # one line per loss or damage found; empty means nothing
    notes: str = ""
    figures: dict[str, float] = field(default_factory=dict)  # named measurements, e.g. p99


def count(full: int, scale: float, smallest: int) -> int:
    """A proof's count at `scale`: `full` at 1.0, never fewer than `smallest`."""
    return max(smallest, round(full * scale))


def proofs() -> list[ModuleType]:
    """Every proof module in this package, in table order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(module, "run", None)):
            found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def run_proof(module: ModuleType, scale: float, seed: int) -> list[Row]:
    """A proof's rows at `scale`. A proof may also take its scale as a word ("full" or
    "reduced", when its `scale` parameter is annotated `str`) and give its rows as mappings
    with the keys tried, count, lost (a count, or lines) and notes."""
    wanted = str(inspect.signature(module.run).parameters["scale"].annotation)
    given: Any = scale if "float" in wanted else ("full" if scale >= FULL else "reduced")
    result = module.run(given, seed)
    found = list(result) if isinstance(result, list | tuple) else [result]
    return [row if isinstance(row, Row) else _row(row) for row in found]


def _row(given: Mapping[str, Any]) -> Row:
    lost = given.get("lost") or ()
    if isinstance(lost, int):
        lost = (f"{lost:,} lost",)
    elif isinstance(lost, str):
        lost = (lost,)
    notes = given.get("notes", "")
    return Row(
        tried=str(given["tried"]),
        times=int(given.get("count", given.get("times", 0))),
        lost=tuple(str(line) for line in lost),
        notes="; ".join(notes) if isinstance(notes, list | tuple) else str(notes),
    )
