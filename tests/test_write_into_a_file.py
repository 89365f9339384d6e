"""An export, a calendar feed or a backup written into a path whose folder is a file says so,
and what to do (the trial of session 13 was told "The folder out does not exist")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Kith


@pytest.mark.parametrize(
    "command",
    [
        ("export", "json"),
        ("export", "vcard"),
        ("export", "csv"),
        ("calendar", "export"),
        ("backup",),
    ],
)
def test_writing_under_a_file_says_it_is_a_file_not_a_folder(
    kith: Kith, tmp_path: Path, command: tuple[str, ...]
) -> None:
    kith("add", "Ada Lovelace")
    out = tmp_path / "out"
    out.write_text("already here")
    refused = kith(*command, str(out / "written"))
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: {out} is a file, not a folder; write into a folder, or move {out} away.\n",
    )
    assert out.read_text() == "already here"


def test_a_vdir_under_a_file_says_it_is_a_file_not_a_folder(kith: Kith, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("already here")
    refused = kith("export", "vcard", "--vdir", str(out / "cards"))
    assert refused.output == (
        f"Error: {out} is a file, not a folder; write into a folder, or move {out} away.\n"
    )


def test_a_missing_folder_is_still_said_to_be_missing(kith: Kith, tmp_path: Path) -> None:
    refused = kith("backup", str(tmp_path / "nowhere" / "kith.db"))
    assert refused.output == (
        f"Error: The folder {tmp_path / 'nowhere'} does not exist; create it or choose another.\n"
    )
