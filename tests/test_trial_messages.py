"""What a new user reads when an import goes wrong (the trial of issue 14's chats on a fresh
clone): each message names the file, the line, and what happened, in words a stranger reads."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

from tests.conftest import Kith

HI = "12/03/2026, 10:00 - Sam Rivera: hi\n12/03/2026, 10:05 - Zed: yo\n"
CUT = "99/99/2026, 10:05 - Zed: a line cut short\n"


def imported(kith: Kith, tmp_path: Path, text: str, *flags: str) -> Result:
    chat = tmp_path / "chat.txt"
    chat.write_text(text, encoding="utf-8")
    return kith("import", str(chat), "--me", "Sam Rivera", *flags)


def skipped(result: Result) -> list[str]:
    return [line.strip() for line in result.output.splitlines() if line.startswith("    ")]


def test_a_whatsapp_line_whose_date_does_not_exist_is_skipped_saying_which_date(
    kith: Kith, tmp_path: Path
) -> None:
    text = "31/02/2024, 10:00 - Ada Lovelace: hi\n13/02/2024, 10:05 - Sam Rivera: hello\n"
    result = imported(kith, tmp_path, text)
    assert result.exit_code == 6
    assert skipped(result) == [
        "chat.txt:1: there is no day 31 in month 2 of 2024 (the dates are read day first: dmy)"
    ]


def test_one_whatsapp_line_with_an_impossible_date_loses_only_that_line(
    kith: Kith, tmp_path: Path
) -> None:
    result = imported(kith, tmp_path, HI + "25/03/2026, 10:05 - Zed: later\n" + CUT)
    assert result.exit_code == 6
    assert skipped(result) == [
        "chat.txt:4: there is no day 99 in month 99 of 2026 (the dates are read day first: dmy)"
    ]
    assert "  created:   2 interactions, 1 person\n" in result.output


def test_an_impossible_date_alone_does_not_decide_the_order_so_kith_asks(
    kith: Kith, tmp_path: Path
) -> None:
    result = imported(kith, tmp_path, HI + CUT)
    assert result.exit_code == 1
    assert "no date in the file tells whether the day or the month comes first" in result.output
    assert skipped(imported(kith, tmp_path, HI + CUT, "--date-order", "dmy")) == [
        "chat.txt:3: there is no day 99 in month 99 of 2026 (the dates are read day first: dmy)"
    ]
