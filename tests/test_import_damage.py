"""Damaged and hostile files end in one clear line naming the file, and change nothing
(issue 17, "Tracebacks from importers" and "Resource limits")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kith.sources.vcard_text import decode_text
from tests.conftest import Kith

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    + "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,AE,Eng,01 Jan 2020\n" * 40
)

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"


def linkedin_zip(path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_a_linkedin_zip_with_a_torn_deflate_stream_is_refused_in_one_line(
    kith: Kith, tmp_path: Path
) -> None:
    good = bytearray(linkedin_zip(tmp_path / "good.zip"))
    start = 30 + len("Connections.csv")  # the member's compressed data
    for offset in range(start + 5, start + 25):
        good[offset] ^= 0x55
    torn = tmp_path / "torn.zip"
    torn.write_bytes(bytes(good))
    result = kith("import", str(torn))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {torn}: the zip is damaged (")
    assert result.output.endswith("); download it again.\n")
    assert kith("list", "--json").output.count('"id"') == 0


def test_a_zip_that_would_unpack_a_thousandfold_is_refused_before_unpacking(
    kith: Kith, tmp_path: Path
) -> None:
    bomb = tmp_path / "contacts.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cards.vcf", " " * 30_000_000)
        archive.writestr("more.vcf", CARD)
    result = kith("import", str(bomb))
    assert result.exit_code == 1
    assert f"the zip would unpack to {30_000_000 + len(CARD):,} bytes from" in result.output
    assert "Unpack it yourself and import the folder if it is genuine." in result.output


def test_a_repeating_event_without_a_start_is_skipped_with_its_line(
    kith: Kith, tmp_path: Path
) -> None:
    calendar = tmp_path / "standup.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:x1\r\n"
        "SUMMARY:Standup\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
        "ATTENDEE;CN=Bob:mailto:bob@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = kith("import", str(calendar), "--me", "me@example.org")
    assert result.exit_code == 6
    assert (
        "standup.ics: event x1 (line 4): its dates could not be read: it repeats but has no start"
        in (result.output)
    )
    assert "1 record was skipped; see the list." in result.output


def test_a_charset_with_a_nul_in_it_is_read_as_undeclared() -> None:
    assert decode_text("Zoë".encode(), "UTF\x00-8") == ("Zoë", False)
