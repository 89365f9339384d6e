"""What the reads a person waits for import (issue 15): on a week already chosen, `plan`,
`today`, `show`, `why`, `search`, `list` and `ledger` load neither numpy (the layers' and the
introductions' arithmetic, once a week), the importers and their records, nor the drafting
machinery."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NOW_TEXT, Kith, loaded_at_start

HEAVY = (
    "numpy",
    "kith.records",
    "kith.services.importing.exchange",
    "kith.relate.network",
    "kith.services.week.drafts",
    "kith.drafts.render",
)
READS = (
    ("plan",),
    ("today",),
    ("show", "Alicja Lewandowski"),
    ("why", "Alicja Lewandowski"),
    ("search", "Alicja"),
    ("list", "--limit", "50"),
    ("ledger",),
)


@pytest.mark.parametrize("read", READS, ids=[" ".join(r) for r in READS])
def test_a_read_of_a_chosen_week_loads_neither_numpy_nor_the_importers(
    demo: Kith, db_path: Path, read: tuple[str, ...]
) -> None:
    assert demo("plan").exit_code == 0  # the week chosen and the gift kept: the weekly work
    argv = ["--db", str(db_path), "--now", NOW_TEXT, *read]
    assert loaded_at_start(argv, HEAVY) == []


def test_the_first_plan_of_a_week_does_load_numpy_to_choose_it(demo: Kith, db_path: Path) -> None:
    argv = ["--db", str(db_path), "--now", "2026-11-30T10:00:00+00:00", "plan"]
    assert "numpy" in loaded_at_start(argv, HEAVY)


PLANS_ACTIONS = (
    "kith.services.week.outreach",
    "kith.services.referrals",
    "kith.services.week.digest",
    "kith.services.people",
    "difflib",
)


@pytest.mark.parametrize(
    ("read", "loaded"),
    [
        ("plan", []),
        (
            "today",
            ["kith.services.referrals", "kith.services.week.digest", "kith.services.week.outreach"],
        ),
    ],
)
def test_the_plan_loads_none_of_its_actions_and_today_not_the_adding_of_people_nor_difflib(
    demo: Kith, db_path: Path, read: str, loaded: list[str]
) -> None:
    assert demo("plan").exit_code == 0
    argv = ["--db", str(db_path), "--now", NOW_TEXT, read]
    assert loaded_at_start(argv, PLANS_ACTIONS) == loaded


def test_a_name_not_found_still_suggests_close_names_by_difflib_imported_then(demo: Kith) -> None:
    result = demo("why", "Alicja Lewandowsky")
    assert result.exit_code == 3
    assert result.output == (
        "Error: Nobody called 'Alicja Lewandowsky'. Did you mean: Alicja Lewandowski, "
        "Małgorzata Kozłowski, Sebastián Mendoza, Alessandro Santoro, Sabine Lehmann?\n"
    )


# `kith ARGV` as the program runs it (kith.cli.entry: no click for a read), in a script that
# then reports what it loaded
AS_RUN = """
import json, sys
from kith.cli import entry
entry._leave = lambda code: None  # to report after the command (it would exit at once)
sys.argv = ["kith", *{argv!r}]
try:
    entry.main()
except SystemExit:
    pass
"""
WITHOUT_CLICK = (
    AS_RUN
    + """
from kith.cli import method_cache
forward = [method_cache.FORWARD] if method_cache.FORWARD in method_cache.cache.tables else []
print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules) + forward))
"""
)
START_WORK = ("click", "inspect", "snowballstemmer", "snowballstemmer.swedish_stemmer")


WITHOUT_CLICK_READS = (  # `list --limit 50` is click's (an option), which imports inspect
    *(read for read in READS if "--limit" not in read),
    ("list",),
    ("ledger", "Zhi Gao"),
    ("log", "Zhi Gao", "coffee"),
)


@pytest.mark.parametrize("read", WITHOUT_CLICK_READS, ids=" ".join)
def test_a_read_without_click_loads_no_inspect_other_stemmers_or_forward_references(
    demo: Kith, db_path: Path, read: tuple[str, ...]
) -> None:
    import json
    import os
    import subprocess
    import sys

    assert demo("plan").exit_code == 0
    argv = ["--db", str(db_path), "--now", NOW_TEXT, *read]
    script = WITHOUT_CLICK.format(argv=argv, modules=START_WORK)
    environ = os.environ | {"PYTHONIOENCODING": "utf-8", "KITH_PREPARE_AHEAD": "off"}
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environ
    )
    assert json.loads(ran.stdout.splitlines()[-1]) == []
    if read == ("ledger", "Zhi Gao"):  # a need met by others' offers: the phrases were matched
        assert "who offers what they need: beta testers" in ran.stdout
