"""What the first command of a new week imports when nothing was prepared (issue 15's cold
week): the `today` printed as text loads neither the JSON shapes (kith.shapes.plan and the
shapes it builds on), shlex (a query's reading, a name quoted in a hint) nor, once the mutual
contacts are kept, base64 (they are written again only when the network changed), and every
dataclass of Kith's it loads has a docstring of its own, so `dataclasses` imports `inspect`
for none of them (kith.cli.method_cache defers it; numpy 2.4 imports it itself, older
releases do not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Kith
from tests.test_read_imports import AS_RUN

NEXT_WEEK = "2026-11-30T10:00:00+00:00"  # the demo's clock is Sun 22 Nov: a week not chosen
WEEK_AFTER = "2026-12-07T10:00:00+00:00"
# the command as the program runs it, then which of the given modules it loaded, and which of
# Kith's dataclasses it loaded carry the docstring `dataclasses` writes for a class without one
# ("Name(field: type, ...)")
LOADED = (
    AS_RUN
    + """
import dataclasses
written = sorted(
    f"{{name}}.{{value.__name__}}"
    for name, module in list(sys.modules.items())
    if name.startswith("kith.")
    for value in list(vars(module).values())
    if isinstance(value, type) and dataclasses.is_dataclass(value)
    and value.__module__ == name and (value.__doc__ or "").startswith(value.__name__ + "(")
)
print(json.dumps([sorted(m for m in {modules!r} if m in sys.modules), written]))
"""
)
OFF_THE_TEXT = (
    "base64",
    "shlex",
    "kith.shapes.plan",
    "kith.shapes.claims",
    "kith.shapes.follow_ups",
    "kith.shapes.people",
)


def as_run(db_path: Path, now: str, *read: str) -> tuple[list[str], list[str]]:
    """The modules of OFF_THE_TEXT `kith --now NOW READ` loaded, and the dataclasses with a
    written docstring, in a fresh process, with nothing prepared ahead."""
    argv = ["--db", str(db_path), "--now", now, *read]
    script = LOADED.format(argv=argv, modules=OFF_THE_TEXT)
    environ = os.environ | {"PYTHONIOENCODING": "utf-8", "KITH_PREPARE_AHEAD": "off"}
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environ
    )
    loaded, written = json.loads(ran.stdout.splitlines()[-1])
    return loaded, written


def test_the_first_today_of_a_week_loads_no_json_shapes_and_no_undocumented_dataclass(
    demo: Kith, db_path: Path
) -> None:
    loaded, written = as_run(db_path, NEXT_WEEK, "today")
    assert loaded == ["base64"]  # the demo's mutual contacts were never kept: counted, kept
    assert written == []
    assert as_run(db_path, WEEK_AFTER, "today") == ([], [])


def test_the_first_today_of_a_week_as_json_does_load_its_shapes(demo: Kith, db_path: Path) -> None:
    loaded, _ = as_run(db_path, NEXT_WEEK, "today", "--json")
    assert loaded == [
        "base64",
        "kith.shapes.claims",
        "kith.shapes.follow_ups",
        "kith.shapes.people",
        "kith.shapes.plan",
    ]
