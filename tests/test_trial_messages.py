"""What a new user reads when an import goes wrong (the trial of issue 14's chats on a fresh
clone): each message names the file, the line, and what happened, in words a stranger reads."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Kith


def test_a_whatsapp_line_whose_date_does_not_exist_is_skipped_saying_which_date(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "31/02/2024, 10:00 - Ada Lovelace: hi\n13/02/2024, 10:05 - Sam Rivera: hello\n",
        encoding="utf-8",
    )
    result = kith("import", str(chat), "--me", "Sam Rivera")
    assert result.exit_code == 6
    skipped = [line.strip() for line in result.output.splitlines() if line.startswith("    ")]
    assert skipped == [
        "chat.txt:1: there is no day 31 in month 2 of 2024 (the dates are read day first: dmy)"
    ]
