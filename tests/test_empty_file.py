"""An empty file (0 bytes: an export cut off before it began, a download that failed) is said to
be empty, not "not recognised" with a list of kinds and --as to try (found trying Kith as a new
user with an empty "WhatsApp Chat with Ada.txt")."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Kith


def test_an_empty_file_is_said_to_be_empty(kith: Kith, tmp_path: Path) -> None:
    empty = tmp_path / "WhatsApp Chat with Ada.txt"
    empty.touch()
    result = kith("import", str(empty))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {empty} is empty (0 bytes): there is nothing in it to import; export it again.\n",
    )
