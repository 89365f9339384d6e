"""A staged mail import killed as it finishes (its merge suggestions, its run marked finished)
leaves nothing of itself or all of it, never the records without the review queue they make
(issue 17: the crash proof found mbox imports killed between their write and their finish)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reliability._kith import copy_db, differing, state
from tests.conftest import NOW_TEXT

ME = "me@example.org"
# two people at one company whose names are alike: the import queues them for `kith merge`
PEOPLE = [("Jon Smith", "jon@acme.test"), ("John Smith", "john.smith@acme.test")]
PEOPLE += [
    (name, f"{name.split()[0].lower()}@example.org")
    for name in ("Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson")
]

# the child: `kith import`, SIGKILLed by itself when the named store method is first called;
# every `breathe` commits a slice (as on a loaded machine), so the kill lands after several
DYING = """
import os, signal, sys
import kith.store.journal
kith.store.journal.SLICE = 0
import {module} as target
def dying(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(target.{owner}, {method!r}, dying)
from kith.cli.main import main
sys.argv = ["kith", *sys.argv[1:]]
main()
"""

MOMENTS = {  # where the kill lands: as the suggestions begin, as the run is marked finished
    "suggestions": ("kith.store.merge_queue", "MergeQueueRepo", "blocks"),
    "finish": ("kith.store.imports.runs", "ImportRepo", "finish_run"),
}


def mailbox(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, (name, address) in enumerate(PEOPLE * 2):
            outgoing = n >= len(PEOPLE)  # each person writes, then is written to
            sender, to = (f"Me <{ME}>", f"{name} <{address}>")
            if not outgoing:
                sender, to = to, sender
            out.write(
                f"From x Sat Nov  1 09:00:00 2025\nFrom: {sender}\nTo: {to}\n"
                f"Date: Sat, {1 + n % 20} Nov 2025 09:{n % 60:02d}:00 +0000\n"
                f"Message-ID: <finish{n}@example.org>\nSubject: s{n}\n\nhello\n\n"
            )
    return path


def kith(db: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    head = ["-c", script] if script else ["-m", "kith"]
    return subprocess.run(
        [sys.executable, *head, "--db", str(db), "--now", NOW_TEXT, *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A database holding someone already (so the import is written in slices)."""
    db = tmp_path / "base.db"
    assert kith(db, "add", "Ada Lovelace").returncode == 0
    return db


def planned(db: Path) -> dict[str, str]:
    """The database's row hashes once the week is planned (an import prepares the week after
    its own transaction; a kill before that leaves it to the next `plan`)."""
    assert kith(db, "plan").returncode == 0
    return state(db)


def killed_and_done(base: Path, tmp_path: Path, moment: str) -> tuple[Path, Path, Path]:
    """(the mailbox, the base after an uninterrupted import, the base after one killed at
    `moment`)."""
    source = mailbox(tmp_path / "mail.mbox")
    done = copy_db(base, tmp_path / "done.db")
    assert kith(done, "import", str(source), "--me", ME).returncode == 0
    assert json.loads(kith(done, "merge", "--list", "--json").stdout)["total"] == 1
    killed = copy_db(base, tmp_path / "killed.db")
    module, owner, method = MOMENTS[moment]
    script = DYING.format(module=module, owner=owner, method=method)
    dead = kith(killed, "import", str(source), "--me", ME, script=script)
    assert dead.returncode == -9  # killed where it was meant to be
    return source, done, killed


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_a_mail_import_killed_as_it_finishes_leaves_nothing_of_it_or_all_of_it(
    base: Path, tmp_path: Path, moment: str
) -> None:
    _, done, killed = killed_and_done(base, tmp_path, moment)
    assert kith(killed, "imports").returncode == 0  # the next command
    after = planned(killed)
    against = {"before": differing(after, planned(base)), "done": differing(after, planned(done))}
    assert [] in against.values(), against


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_a_mail_import_killed_as_it_finishes_and_run_again_ends_as_an_uninterrupted_one(
    base: Path, tmp_path: Path, moment: str
) -> None:
    source, done, killed = killed_and_done(base, tmp_path, moment)
    again = kith(killed, "import", str(source), "--me", ME)
    assert again.returncode == 0, again.stderr
    assert differing(state(killed), state(done)) == [], again.stdout
    assert [r["id"] for r in json.loads(kith(killed, "imports", "--json").stdout)["runs"]] == [1]
