"""Every import accounts for every record it found: found = imported + known + one-way + ignored
+ skipped, for every reader on every real and fixture file, in a real and a dry-run import, and
for the staged path that large mailboxes take."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kith.sources.registry import HOLDS
from tests.conftest import Kith

FIXTURES = Path(__file__).parent / "fixtures"
READ = ("vcard", "ics", "mail", "google", "outlook", "linkedin")
FILES = sorted(
    path
    for folder in READ
    for path in (FIXTURES / folder).rglob("*")
    if path.is_file() and path.suffix != ".md" and not {"export", "older-export"} & set(path.parts)
)


EMPTY = {"ics/real/bom_calendar.ics", "linkedin/profile.csv"}  # valid, and holding no record


def imports(kith: Kith, path: Path, *flags: str) -> list[dict[str, Any]]:
    result = kith("import", str(path), "--me", "me@example.org", "--json", *flags)
    assert result.exit_code in (0, 6), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["imports"]
    return found


def assert_accounted(report: dict[str, Any]) -> None:
    accounted, ignored, skipped = report["accounted"], report["ignored"], report["skipped"]
    assert list(accounted) == ["imported", "known", "one_way", "ignored", "skipped"]
    assert report["found"] == sum(accounted.values())
    assert accounted["ignored"] == sum(ignored.values())
    assert accounted["skipped"] == len(skipped)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_record_a_file_holds_is_accounted_for_once_imported_and_once_again(
    kith: Kith, path: Path
) -> None:
    for flags in (("--dry-run",), (), ()):  # planned, imported, then imported again: all known
        (report,) = imports(kith, path, *flags)
        assert_accounted(report)
        empty = str(path.relative_to(FIXTURES)) in EMPTY
        assert (report["found"] == 0) == empty
    assert report["accounted"]["imported"] == 0


def test_a_linkedin_export_folder_accounts_for_every_row(kith: Kith) -> None:
    (report,) = imports(kith, FIXTURES / "linkedin" / "export")
    assert_accounted(report)


def test_a_valid_calendar_without_events_says_so_by_name_and_what_to_do(kith: Kith) -> None:
    path = FIXTURES / "ics" / "real" / "bom_calendar.ics"
    result = kith("import", str(path), "--me", "me@example.org")
    assert (result.exit_code, result.output.splitlines()[:2]) == (
        0,
        [
            f"Imported {path} as ics:",
            "  found:     nothing: bom_calendar.ics holds no events, so nothing changed; export "
            "it again with its events in it (a calendar app may export only the dates you choose)",
        ],
    )


def test_a_file_read_as_mbox_that_holds_no_postmark_is_an_error_saying_what_was_expected(
    kith: Kith, tmp_path: Path
) -> None:
    path = tmp_path / "archive.txt"
    path.write_text("From: ada@example.org\nSubject: hi\n\nNo postmark line anywhere.\n")
    for flags in (("--dry-run",), ()):  # the planned import and the staged one
        result = kith("import", str(path), "--as", "mbox", "--me", "me@example.org", *flags)
        assert (result.exit_code, result.stderr) == (
            1,
            f"Error: {path}: no record could be read from it as mbox; Kith expected messages, "
            "each after a postmark line such as 'From sender@example.org Mon Jan  2 10:00:00 "
            "2006'. Nothing was imported.\n",
        )
    assert json.loads(kith("imports", "--json").stdout)["runs"] == []  # no run was recorded


def printed_found(output: str) -> str:
    """The `found:` line of the first report printed."""
    return next(line for line in output.splitlines() if line.startswith("  found:"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_printed_report_says_what_the_json_counts_as_found(kith: Kith, path: Path) -> None:
    printed = kith("import", str(path), "--me", "me@example.org", "--dry-run").output
    (report,) = imports(kith, path, "--dry-run")
    found, accounted = report["found"], report["accounted"]
    words = {"known": "already known", "one_way": "one-way so far (kith seen)"}
    parts = [f"{n:,} {words.get(what, what)}" for what, n in accounted.items() if n]
    record = "record" if found == 1 else "records"
    held = f"nothing: {path.name} holds no {HOLDS[report['kind']]}, so nothing changed"
    expected = f"{found:,} {record}: {', '.join(parts)}" if found else held
    said = printed_found(printed)
    assert (
        said.startswith(f"  found:     {expected}; export it again")
        if not found
        else (said == f"  found:     {expected}")
    )
