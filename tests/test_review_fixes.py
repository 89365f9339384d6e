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
