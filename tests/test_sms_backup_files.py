"""The SMS backup reader closes every file it opens when it is done with it, not when the
garbage collector comes by (iterparse left unfinished keeps its file open until then, and its
ResourceWarning surfaced in an unrelated test)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from kith.sources import sms_backup


def open_handles(path: Path) -> int:
    folder = Path("/proc/self/fd")
    return sum(1 for fd in os.listdir(folder) if _target(folder / fd) == str(path))


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return ""


def test_telling_a_backups_kind_and_reading_it_leave_no_file_open(tmp_path: Path) -> None:
    calls = tmp_path / "calls.xml"
    calls.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<calls count="1">'
        '<call number="+15550001111" duration="62" date="1700000000000" type="1" '
        'contact_name="Bea" /></calls>\n',
        encoding="utf-8",
    )
    gc.disable()
    try:
        problem = sms_backup.expected(calls)
        after_kind = open_handles(calls)
        records = list(sms_backup.read(calls))
        after_read = open_handles(calls)
    finally:
        gc.enable()
    assert (problem, after_kind, after_read, len(records)) == (None, 0, 0, 2)
