"""Limits on what an import may take (issue 17): a zip bomb is refused before anything is
unpacked, a full disk is said as such and leaves the data as it was, and a read-only database
can still be read. The same checks make rows of docs/reliability.md
(reliability/resource_limits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability.resource_limits import (
    FULL_DISK_IMPORTS,
    bomb_note,
    bombs,
    full_disk_import,
    full_tmpfs_import,
    open_on_full_disk,
    read_only_round,
    try_bomb,
)

REFUSALS = {
    "contacts.zip": "the zip would unpack to 30,000,013 bytes from",
    "Basic_LinkedInDataExport.zip": "the zip would unpack to 30,002,008 bytes from",
    "WhatsApp Chat with Ada.zip": "the zip would unpack to 30,000,028 bytes from",
    "lying.zip": "the zip is damaged (Bad CRC-32 for file 'cards.vcf'); download it again.",
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_zip_bomb_is_refused_naming_the_zip(name: str, tmp_path: Path) -> None:
    refused, said = try_bomb(name, bombs()[name], tmp_path)
    assert refused
    assert said.startswith(f"{tmp_path / name}: {REFUSALS[name]}")


def test_a_bomb_inside_a_zip_is_passed_over_unread(tmp_path: Path) -> None:
    assert try_bomb("nested.zip", bombs()["nested.zip"], tmp_path) == (
        True,
        f"the zip inside passed over unread: {tmp_path / 'nested.zip' / 'inner.zip'}",
    )


@pytest.mark.parametrize("kind", sorted(FULL_DISK_IMPORTS))
def test_an_import_on_a_full_disk_says_so_and_leaves_every_row_as_it_was(
    kind: str, tmp_path: Path
) -> None:
    make, me = FULL_DISK_IMPORTS[kind]
    assert full_disk_import(tmp_path, make, me, spare=0) == (True, [])


def test_an_import_that_fills_the_disk_part_way_is_taken_back_whole(tmp_path: Path) -> None:
    make, me = FULL_DISK_IMPORTS["iCalendar"]
    assert full_disk_import(tmp_path, make, me, spare=16) == (True, [])  # 300 meetings need more


@pytest.mark.parametrize("filled", [0, 2000], ids=["empty disk", "2 MB of 3 taken"])
def test_kith_import_on_a_small_full_filesystem_says_the_disk_is_full_and_takes_its_slices_back(
    filled: int,
) -> None:
    wrong = full_tmpfs_import(filled)
    if wrong is None:
        pytest.skip("this process may not mount a tmpfs (max_page_count stands in above)")
    assert wrong == []


def test_commands_on_a_disk_already_full_say_the_disk_is_full_and_change_nothing() -> None:
    wrong = open_on_full_disk()  # list, show, add and check, then list once space is freed
    if wrong is None:
        pytest.skip("this process may not mount a tmpfs (SQLite's max_page_count cannot stand in)")
    assert wrong == []


@pytest.mark.parametrize("folder_only", [False, True], ids=["file and folder", "folder only"])
def test_a_read_only_database_is_read_and_every_write_says_read_only(folder_only: bool) -> None:
    count, wrong = read_only_round(folder_only)
    if count == 0:
        pytest.skip("root here may not bind-mount a folder read-only")
    assert (count, wrong) == (8, [])


def test_the_bomb_rows_note_keeps_what_kith_said_whole_without_the_scratch_folder(
    tmp_path: Path,
) -> None:
    notes = [bomb_note(try_bomb(n, data, tmp_path)[1], tmp_path / n) for n, data in bombs().items()]
    assert notes[0] == "the zip would unpack to 30,000,013 bytes from 29,193"
    assert notes[3].startswith("the zip is damaged (")
    assert notes[4] == "the zip inside passed over unread: nested.zip/inner.zip"
