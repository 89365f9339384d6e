"""A staged mail import killed after its write, before its short finish, holds people and
interactions already: `kith imports` lists it with what it created, and the import that
finishes it reports that too, not "created: nothing" (found trying Kith as a new user: Ctrl-C
then `kith imports` showed no run, and after importing the file again the run's line was empty
while `kith import --undo` would take back 300 people)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import Kith
from tests.test_interrupted_import import MBOX, written_not_finished

CREATED = {"interaction": 3, "person": 2}


def written_run(db_path: Path, tmp_path: Path) -> tuple[Path, int]:
    """A copy of the mailbox, and the run a kill stopped after its write."""
    mailbox = tmp_path / "archive.mbox"
    shutil.copy(MBOX, mailbox)
    return mailbox, written_not_finished(db_path, mailbox)


def test_a_run_killed_after_its_write_is_listed_with_what_it_created(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    _, run = written_run(db_path, tmp_path)
    runs = json.loads(kith("imports", "--json").output)["runs"]
    assert [(r["id"], r["summary"]["created"]) for r in runs] == [(run, CREATED)]


def test_the_import_that_finishes_a_written_run_reports_what_the_run_created(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mailbox, run = written_run(db_path, tmp_path)
    finished = json.loads(kith("import", str(mailbox), "--me", "me@example.org", "--json").output)
    runs = json.loads(kith("imports", "--json").output)["runs"]
    assert finished["imports"][0]["created"] == CREATED
    assert [(r["id"], r["summary"]["created"]) for r in runs] == [(run, CREATED)]
