"""The reduced form of the fuzzed importers (reliability/fuzz_importers.py): a few hundred
Hypothesis inputs per importer, each ending in a clean import or an error that names the file,
none past 10 s or 300 MB. `make reliability` runs 10,000 each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reliability.fuzz_importers import COUNTS, WHOLE_EVERY, Tally, fuzz, row, targets

IMPORTERS = sorted(targets())


def test_every_importer_kith_reads_is_fuzzed() -> None:
    assert IMPORTERS == [
        "CSV by content",
        "Google CSV",
        "Kith JSON",
        "LinkedIn zip",
        "Messenger",
        "Outlook CSV",
        "SMS Backup",
        "Signal",
        "Telegram",
        "WhatsApp",
        "WhatsApp zip",
        "eml",
        "iCalendar",
        "mbox",
        "vCard",
        "zip of files",
    ]


@pytest.mark.parametrize("name", IMPORTERS)
def test_fuzzed_files_end_in_an_import_or_an_error_naming_the_file(
    name: str, tmp_path: Path
) -> None:
    count = COUNTS["reduced"]
    reduced = WHOLE_EVERY["reduced"]
    tally = fuzz(name, count, seed=17, whole_every=reduced, workers=0, found=tmp_path)
    assert sum(tally.outcomes.values()) == count
    assert [(outcome, detail) for outcome, detail, _ in tally.losses] == []


def test_a_fuzzed_kind_already_named_files_is_not_called_files_files() -> None:
    tried = [row(name, 1, Tally(Counter(), []))["tried"] for name in ("zip of files", "vCard")]
    assert [str(t).split(" (")[0] for t in tried] == [
        "fuzzed zip of files",
        "fuzzed vCard files",
    ]
