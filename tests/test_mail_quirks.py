"""Mail as other software writes it: mbox variants, and messages without a usable Date."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kith.records import ExchangeRecord, Party
from kith.sources import eml, mbox
from kith.sources.registry import claim
from tests.conftest import Kith

QUIRKS = Path(__file__).parent / "fixtures" / "mail" / "quirks"


def read(name: str) -> list[ExchangeRecord]:
    path = QUIRKS / name
    found = list(mbox.read(path) if path.suffix == ".mbox" else eml.read(path))
    assert all(isinstance(r, ExchangeRecord) for r in found), found
    return [r for r in found if isinstance(r, ExchangeRecord)]


def ids(name: str) -> list[str]:
    return [r.source_id for r in read(name)]


def test_blank_lines_before_the_first_message_do_not_hide_the_mbox() -> None:
    assert claim(QUIRKS / "blank-lines-first.mbox") == "mbox"
    assert ids("blank-lines-first.mbox") == ["first@example.org"]


def test_pipermail_separators_with_an_at_for_the_at_sign_split_the_archive() -> None:
    assert claim(QUIRKS / "pipermail.mbox") == "mbox"
    assert [(r.source_id, r.sender) for r in read("pipermail.mbox")] == [
        ("p1@example.org", Party("email", "ada@example.org", "Ada")),
        ("p2@example.org", Party("email", "me@example.org", "Me")),
    ]


def test_bare_from_lines_with_no_address_after_a_blank_line_start_messages() -> None:
    assert claim(QUIRKS / "bare-from.mbox") == "mbox"
    assert ids("bare-from.mbox") == ["bare1@example.org", "bare2@example.org"]


def test_lf_crlf_and_lone_cr_line_endings_mixed_in_one_mbox_all_split() -> None:
    assert [(r.source_id, r.summary) for r in read("mixed-endings.mbox")] == [
        ("crlf@example.org", "CRLF"),
        ("lf@example.org", "LF"),
        ("cr@example.org", "CR"),
    ]


def test_a_date_without_a_year_falls_back_to_the_postmark_and_says_so() -> None:
    first = read("undated.mbox")[0]
    assert (first.source_id, first.at, first.dated_by) == (
        "no-year@example.org",
        datetime(2006, 1, 2, 10, 0, tzinfo=UTC),
        "postmark",
    )


def test_an_empty_date_falls_back_to_the_newest_received_header_before_the_postmark() -> None:
    second = read("undated.mbox")[1]
    assert (second.source_id, second.at, second.dated_by) == (
        "empty-date@example.org",
        datetime(2006, 1, 3, 10, 5, tzinfo=UTC),
        "received",
    )


def test_a_message_with_no_date_at_all_is_dated_by_its_folded_received_headers() -> None:
    (record,) = read("received-only.eml")
    assert (record.at, record.dated_by) == (datetime(2006, 1, 3, 10, 5, tzinfo=UTC), "received")


def test_a_message_whose_every_header_is_indented_by_a_space_is_read() -> None:
    assert claim(QUIRKS / "indented-headers.eml") == "eml"
    (record,) = read("indented-headers.eml")
    assert (record.source_id, record.at, record.sender, record.summary, record.dated_by) == (
        "indented@example.org",
        datetime(2006, 1, 2, 10, 0, tzinfo=UTC),
        Party("email", "ada@example.org", "Ada"),
        "Every header indented",
        None,
    )


def test_two_sender_addresses_separated_only_by_a_space_keep_the_first_as_sender() -> None:
    (record,) = read("two-addresses-from.eml")
    assert record.sender == Party("email", "a@x.example")


def test_the_import_report_says_how_many_messages_were_dated_by_what(kith: Kith) -> None:
    path = QUIRKS / "undated.mbox"
    for flags in (("--dry-run",), ()):  # the planned path and the staged one
        result = kith("import", str(path), "--me", "me@example.org", *flags)
        assert result.exit_code == 0
        assert "  dated:     1 by the mbox postmark line, 1 by their newest Received: header " in (
            result.output
        )
    report = json.loads(kith("import", str(path), "--me", "me@example.org", "--json").stdout)
    assert report["imports"][0]["dated_by"] == {"postmark": 1, "received": 1}
    assert report["imports"][0]["accounted"]["one_way"] == 2  # they have not been answered
