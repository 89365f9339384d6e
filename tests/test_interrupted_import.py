"""A mail import killed while it read the file into its stage (issue 17): `kith imports`
shows it, `--undo` says what to do instead, importing the same file resumes it, a changed file
clears the stale stage, and `--discard` forgets it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kith.services.importing.staging import apply_staged, stage_file
from kith.services.imports import my_identities
from kith.store import open_store
from tests.conftest import NOW, Kith

MBOX = Path(__file__).parent / "fixtures" / "mail" / "quoting.mbox"


def interrupted(db_path: Path, mailbox: Path) -> int:
    """What a kill after the reading phase leaves: a staged run, nothing imported."""
    store = open_store(db_path)
    try:
        return stage_file(store, mailbox, "mbox", NOW, None)
    finally:
        store.close()


def staged_rows(db_path: Path) -> int:
    store = open_store(db_path)
    try:
        return int(store.connection.execute("SELECT count(*) FROM stage").fetchone()[0])
    finally:
        store.close()


def test_an_interrupted_import_is_listed_and_undo_says_what_to_do(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mailbox = tmp_path / "archive.mbox"
    shutil.copy(MBOX, mailbox)
    run = interrupted(db_path, mailbox)
    listed = json.loads(kith("imports", "--json").output)
    undone = kith("import", "--undo", str(run))
    assert [(r["id"], r["kind"], r["staged"]) for r in listed["interrupted"]] == [(run, "mbox", 3)]
    assert f"Run {run} (mbox, {mailbox}) was interrupted" in kith("imports").output
    assert undone.exit_code == 1
    assert f"`kith import --discard {run}` to forget it." in undone.output


def test_a_discarded_run_and_its_stage_are_forgotten(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mailbox = tmp_path / "archive.mbox"
    shutil.copy(MBOX, mailbox)
    run = interrupted(db_path, mailbox)
    result = kith("import", "--discard", str(run))
    assert result.output == f"Forgot interrupted import run {run} and the 3 records it had read.\n"
    assert (json.loads(kith("imports", "--json").output)["interrupted"], staged_rows(db_path)) == (
        [],
        0,
    )
    assert kith("import", "--discard", str(run)).exit_code == 3


def test_a_changed_file_clears_the_stale_stage_and_imports_afresh(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mailbox = tmp_path / "archive.mbox"
    shutil.copy(MBOX, mailbox)
    interrupted(db_path, mailbox)
    mailbox.write_bytes(MBOX.read_bytes() + b"\n")  # another size: the stage cannot resume
    result = kith("import", str(mailbox), "--me", "me@example.org", "--json")
    assert json.loads(kith("imports", "--json").output)["interrupted"] == []
    assert staged_rows(db_path) == 0
    assert json.loads(result.output)["imports"][0]["found"] == 3


def written_not_finished(db_path: Path, mailbox: Path) -> int:
    """What a kill after the import's write, before its own short finish, leaves: the records
    in, the stage cleared, the run not marked finished (the crash proof found it)."""
    store = open_store(db_path)
    try:
        run = stage_file(store, mailbox, "mbox", NOW, None)
        me = my_identities(store, ["me@example.org"])
        apply_staged(store, run, me, "mbox", NOW, where=str(mailbox))
        return run
    finally:
        store.close()


def test_an_import_killed_after_its_write_is_finished_by_importing_the_file_again(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mailbox = tmp_path / "archive.mbox"
    shutil.copy(MBOX, mailbox)
    run = written_not_finished(db_path, mailbox)
    people = kith("list", "--json").output
    result = kith("import", str(mailbox), "--me", "me@example.org")
    runs = json.loads(kith("imports", "--json").output)
    assert (result.exit_code, runs["interrupted"]) == (0, []), result.output
    assert f"  found:     written by run {run}, which a kill interrupted after it\n" in (
        result.output
    )
    assert [r["id"] for r in runs["runs"]] == [run]
    assert kith("list", "--json").output == people  # nothing imported twice
