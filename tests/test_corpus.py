"""Every real file in the corpus, imported through the command line, with what it should give.

The files are byte-for-byte copies of ../shared/corpus (see the SOURCES.md beside each copy).
Each readers' own tests assert the records in detail; this checks the whole import.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Kith

FIXTURES = Path(__file__).parent / "fixtures"
VCARDS = {
    "John_Doe_ANDROID.vcf": 6,
    "John_Doe_EVOLUTION.vcf": 1,
    "John_Doe_IPHONE.vcf": 1,
    "fullcontact.vcf": 1,
    "gmail-single.vcf": 1,
    "outlook-2007.vcf": 1,
    "rfc6350-example.vcf": 1,
}
UNDATED = ["encoded-header.eml", "japanese_iso_2022.eml", "utf8_headers.eml"]  # nor Received:
NOT_YOURS = ["bilingual-simple.eml", "broken-headers.eml", "outlook-express.eml"]


def imported(kith: Kith, path: Path, me: str = "me@example.org") -> tuple[int, dict[str, object]]:
    result = kith("import", str(path), "--me", me, "--json")
    return result.exit_code, json.loads(result.stdout)["imports"][0]


def listed(kith: Kith, *command: str) -> list[tuple[object, ...]]:
    found = json.loads(kith(*command, "--json").output)
    key = "seen" if command[0] == "seen" else "people"
    if key == "seen":
        return [(s["value"], s["name"], s["n_out"], s["n_in"]) for s in found[key]]
    return [(p["name"], p["emails"], p["interaction_count"]) for p in found[key]]


@pytest.mark.parametrize(("name", "people"), sorted(VCARDS.items()))
def test_each_corpus_vcard_file_gives_its_people(kith: Kith, name: str, people: int) -> None:
    code, report = imported(kith, FIXTURES / "vcard" / name)
    assert (code, report["created"].get("person"), report["skipped"]) == (0, people, [])
    assert (report["found"], report["accounted"]["imported"]) == (people, people)


@pytest.mark.parametrize("name", UNDATED)
def test_mail_without_a_usable_date_is_reported_not_guessed(kith: Kith, name: str) -> None:
    code, report = imported(kith, FIXTURES / "mail" / "real" / name)
    assert code == 6
    assert [s["reason"] for s in report["skipped"]] == [
        "no usable Date: header nor a dated Received: header; not guessed"
    ]


def test_corpus_mail_with_an_empty_date_and_a_dated_received_header_is_not_skipped(
    kith: Kith,
) -> None:
    code, report = imported(kith, FIXTURES / "mail" / "real" / "bad_date_header.eml")
    assert (code, report["skipped"], report["ignored"], report["dated_by"]) == (
        0,
        [],
        {"automated (list, bulk or no-reply)": 1},
        {"received": 1},
    )


@pytest.mark.parametrize("name", NOT_YOURS)
def test_mail_between_others_is_ignored(kith: Kith, name: str) -> None:
    code, report = imported(kith, FIXTURES / "mail" / "real" / name)
    assert (code, report["created"], report["ignored"]) == (0, {}, {"neither side is you": 1})


def test_one_way_mail_to_you_is_seen_until_you_reply(kith: Kith) -> None:
    imported(kith, FIXTURES / "mail" / "real" / "iphone.eml", me="example@example.com")
    imported(kith, FIXTURES / "mail" / "real" / "raw_email_reply.eml", me="mikel@xxxx.net")
    assert listed(kith, "seen") == [
        ("someone@somewhere.com", "Danielle", 0, 1),
        ("xxxxxxxx@xxx.org", "Testing", 0, 1),
    ]
    assert listed(kith, "list") == []


def test_a_mailing_list_archive_makes_nobody(kith: Kith) -> None:
    code, report = imported(kith, FIXTURES / "mail" / "real" / "httpd-users-200606-part.mbox")
    assert (code, report["created"], report["ignored"]) == (
        0,
        {},
        {"automated (list, bulk or no-reply)": 12},
    )
    assert report["found"] == 12


def test_a_past_meeting_you_organised_makes_its_attendees_people(kith: Kith) -> None:
    code, report = imported(
        kith, FIXTURES / "ics" / "real" / "property_params.ics", me="rembrand@daxlab.com"
    )
    assert (code, report["created"]) == (0, {"interaction": 1, "person": 2})
    assert listed(kith, "list") == [
        ("RembrandSB", ["rembspam@xs4all.nl"], 1),
        ("RembrandXS", ["rembrand@xs4all.nl"], 1),
    ]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("alarm_google_future.ics", 1),
        ("bom_calendar.ics", 0),  # a valid calendar with no event: empty, not an error
        ("issue_165_missing_event.ics", 1),
        ("issue_350.ics", 1),
    ],
)
def test_calendars_naming_nobody_give_nothing_and_count_each_event_as_personal(
    kith: Kith, name: str, found: int
) -> None:
    code, report = imported(kith, FIXTURES / "ics" / "real" / name)
    assert (code, report["created"], report["skipped"], report["found"]) == (0, {}, [], found)
    assert report["ignored"] == (
        {"only you (a personal appointment or a note to self)": 1} if found else {}
    )


def test_a_bare_event_organised_by_someone_else_with_an_umlaut_in_a_quoted_cn_is_not_yours(
    kith: Kith,
) -> None:
    path = FIXTURES / "ics" / "real" / "issue_101_icalendar_chokes_on_umlauts_in_organizer.ics"
    code, report = imported(kith, path)
    assert (code, report["found"], report["created"], report["ignored"], report["skipped"]) == (
        0,
        1,
        {},
        {"neither side is you": 1},
        [],
    )
