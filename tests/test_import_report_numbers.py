"""The import report writes its counts as every other command does, with a thousands separator
(`1,001 records`): it wrote `28000 messages` beside an interrupted run's `1,000 records`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.conftest import Kith


def test_an_import_of_more_than_a_thousand_records_reports_them_with_a_separator(
    kith: Kith, tmp_path: Path
) -> None:
    first = date(2020, 1, 1)
    days = [first + timedelta(days=n) for n in range(1001)]
    writers = ["Ada Lovelace", "Sam Rivera"]
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "".join(f"{d:%d/%m/%Y}, 10:00 - {writers[n % 2]}: hi\n" for n, d in enumerate(days)),
        encoding="utf-8",
    )
    result = kith("import", str(chat), "--me", "Sam Rivera")
    assert result.exit_code == 0
    assert result.output.splitlines()[1:6] == [
        "  found:     1,001 records (conversations, calls and lines not for Kith): 1,001 imported",
        "  created:   1,001 interactions, 1 person",
        "  updated:   nothing",
        "  unchanged: nothing",
        "  read:      1,001 messages (grouped into the conversations found)",
    ]


CALLS = """\
<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="2">
  <call number="+447700900123" duration="754" date="1710100000000" type="2" contact_name="Ada" />
  <call number="+447700900123" duration="0" date="1710200000000" type="3" contact_name="Ada" />
</calls>
"""


def test_calls_are_not_said_to_be_grouped_into_conversations(kith: Kith, tmp_path: Path) -> None:
    calls = tmp_path / "calls-20240601.xml"
    calls.write_text(CALLS, encoding="utf-8")
    result = kith("import", str(calls))
    assert "  read:      2 calls (each a record found)" in result.output.splitlines()


def test_the_closing_line_counts_skipped_records_with_a_separator(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "13/03/2024, 10:00 - Ada Lovelace: hi\n13/03/2024, 10:01 - Sam Rivera: hello\n"
        + "31/02/2024, 10:00 - Ada Lovelace: no such day\n" * 1001,
        encoding="utf-8",
    )
    result = kith("import", str(chat), "--me", "Sam Rivera")
    assert (result.exit_code, result.stderr) == (
        6,
        "Note: 1,001 records were skipped; see the list.\n",
    )
    assert "  skipped:   1,001" in result.output.splitlines()
