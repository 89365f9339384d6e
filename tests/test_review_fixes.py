"""Fixes from a review: links and devices kept, files reported one by one, clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import Kith

VCARDS = Path(__file__).parent / "fixtures" / "vcard"


def test_an_export_through_a_symlink_writes_its_target_and_keeps_the_link(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace")
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert kith("export", "json", str(link)).exit_code == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["people"][0]["name"] == "Ada Lovelace"


def test_an_export_to_a_pipe_writes_into_it(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert kith("export", "csv", str(fifo)).exit_code == 0
        assert b"Ada Lovelace" in os.read(reader, 65536)
    finally:
        os.close(reader)
    assert fifo.exists()
    assert not fifo.is_file()


@pytest.mark.parametrize(
    "command",
    [
        ["log", "Ada", "x", "--when", "2026-02-30"],
        ["list", "since:2026-02-30"],
        ["timeline", "--since", "2026-02-30"],
        ["event", "add", "X", "--date", "2026-02-30"],
        ["edit", "Ada", "--known-since", "2026-02-30"],
    ],
)
def test_an_impossible_date_is_a_clear_error(kith: Kith, command: list[str]) -> None:
    kith("add", "Ada Lovelace")
    result = kith(*command)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: 2026-02-30 is not a date (the month has no such day).\n",
    )


def test_a_failing_file_does_not_stop_the_others_and_each_is_reported(
    kith: Kith, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not contacts\n")
    result = kith(
        "import", str(VCARDS / "gmail-single.vcf"), str(notes), str(VCARDS / "outlook-2007.vcf")
    )
    assert result.exit_code == 1
    assert result.stdout.count("Imported ") == 2
    assert result.stderr == (
        f"Error: {notes}: Kith does not recognise this file's content; known kinds: kith-json, "
        "vcard, ics, linkedin, google-csv, outlook-csv, telegram, messenger, sms-backup, maildir, "
        "mbox, eml, whatsapp, signal. Use --as KIND to say what it is.\n"
        "Error: 1 of the files could not be imported (see above); the others were.\n"
    )
    assert json.loads(kith("list", "--json").output)["total"] == 2


def test_as_kind_reads_every_file_of_a_folder_as_that_kind(kith: Kith, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("gmail-single.vcf", "outlook-2007.vcf"):
        (folder / name.replace(".vcf", ".txt")).write_bytes((VCARDS / name).read_bytes())
    assert kith("import", str(folder), "--as", "vcard").exit_code == 0
    assert json.loads(kith("list", "--json").output)["total"] == 2


def test_an_empty_folder_says_there_is_nothing_to_import(kith: Kith, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = kith("import", str(tmp_path / "empty"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'empty'}: nothing to import (no files in it).\n",
    )
