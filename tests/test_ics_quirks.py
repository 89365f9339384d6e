"""Calendars as other software writes them: each quirk has a fixture of its own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kith.records import ExchangeRecord, Party
from kith.sources import ics
from tests.conftest import Kith

QUIRKS = Path(__file__).parent / "fixtures" / "ics" / "quirks"
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def meeting(name: str) -> ExchangeRecord:
    (record,) = ics.read(QUIRKS / name, NOW)
    assert isinstance(record, ExchangeRecord), record
    return record


def test_a_space_after_the_colon_of_a_date_is_tolerated() -> None:
    assert meeting("date-space.ics").at == datetime(2026, 1, 5, 10, tzinfo=UTC)


def test_one_malformed_attendee_line_does_not_lose_the_event() -> None:
    record = meeting("bad-attendee-line.ics")
    assert (record.sender, record.recipients) == (
        Party("email", "ada@example.org"),
        (Party("email", "me@example.org"),),
    )


def test_attendee_names_written_last_comma_first_become_first_last() -> None:
    record = meeting("last-first-names.ics")
    assert [p.name for p in (record.sender, *record.recipients) if p] == [
        "Ada Lovelace",
        "Charles Babbage",
        "King, Jr.",  # a suffix after the comma is no first name
        None,
    ]


def test_stray_quotes_in_a_cn_are_removed() -> None:
    assert meeting("quoted-cn.ics").sender == Party(
        "email", "grace@example.org", "Grace Amazing Hopper"
    )


def test_the_address_in_an_email_parameter_is_the_attendees_address() -> None:
    assert meeting("email-param.ics").recipients == (Party("email", "me@example.org", "Me"),)


def test_me_given_as_an_email_parameter_makes_the_organiser_a_person(kith: Kith) -> None:
    path = QUIRKS / "email-param.ics"
    result = kith("--now", NOW.isoformat(), "import", str(path), "--me", "me@example.org", "--json")
    report = json.loads(result.stdout)["imports"][0]
    assert (result.exit_code, report["created"]) == (0, {"interaction": 1, "person": 1})
