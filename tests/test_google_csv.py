"""Google Contacts CSV, both layouts, read and imported (synthetic fixtures: see their README)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.model import Address, Birthday, Identity, Job
from kith.records import NoteRecord, PersonRecord, Record, Skipped
from kith.services.imports import ImportReport, import_records
from kith.sources import google_csv, outlook_csv
from kith.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "google"
WRITTEN = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # the fixtures' modification time
HEADER = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
HEADER += "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\n"


def fixture(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def written(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def read(path: Path) -> list[Record]:
    return list(google_csv.read(path))


def imported(store: Store, path: Path, now: datetime) -> ImportReport:
    return import_records(store, google_csv.read(path), kind="google-csv", path=str(path), now=now)


def email(raw: str, label: str | None = None) -> Identity:
    return Identity("email", "", raw, label)


def phone(raw: str, label: str | None = None, shared: bool = False) -> Identity:
    return Identity("phone", "", raw, label, shared)


def note(text: str) -> NoteRecord:
    return NoteRecord("note", text, WRITTEN)


def people(store: Store) -> list[tuple[object, ...]]:
    """Each person as (name, given, family, identities, tags, jobs, birthday, addresses, notes)."""
    return [
        (
            p.name,
            p.given_name,
            p.family_name,
            [(i.kind, i.value, i.label, i.shared, i.verified) for i in p.identities],
            p.tags,
            [(j.organisation, j.title) for j in p.jobs],
            p.birthday.text() if p.birthday else None,
            [a.one_line() for a in p.addresses],
            [n.text for n in p.notes],
        )
        for p in store.people.load(store.people.all_ids(), detail=True)
    ]


def test_the_legacy_layout_reads_into_the_expected_records(tmp_path: Path) -> None:
    assert read(fixture(tmp_path, "legacy.csv")) == [
        PersonRecord(
            source_id="554fc0eeaf10a863f129d46a",
            name="Ada Lovelace",
            given_name="Ada",
            family_name="Lovelace",
            birthday=Birthday(12, 10, 1815),
            identities=(
                email("ada@example.org", "home"),
                email("ada.lovelace@example.com", "home"),
                email("ada@engines.example", "work"),
                phone("+44 7700 900123", "mobile"),
                phone("07700 900123", "mobile"),
                Identity("linkedin", "", "https://www.linkedin.com/in/ada-example", "profile"),
                Identity("url", "", "ada.example.org/notes", "blog"),
            ),
            tags=("Friends",),
            interests=("Poetry",),
            addresses=(
                Address("home", "12 Example Square", "London", None, "SW1Y 4JH", "United Kingdom"),
            ),
            jobs=(Job("Analytical Engines", "Analyst"),),
            notes=(
                note("Met at the Analytical Society dinner.\nAsk about the engine notes."),
                note(
                    "Occupation: Mathematician\nOrganization Department: Research\n"
                    "Relation (Spouse): William"
                ),
            ),
        ),
        PersonRecord(
            source_id="174fe966779636abda732c52",
            name="Acme Corp (+44 20 7946 0000)",
            given_name="",
            identities=(phone("+44 20 7946 0000", "work"),),
            jobs=(Job("Acme Corp"),),
        ),
        PersonRecord(
            source_id="0d750313c6aeb424884c404a",
            name="Grace Hopper",
            given_name="Grace",
            family_name="Hopper",
            birthday=Birthday(12, 9),
            identities=(phone("+1 202 555 0143", "home", shared=True),),
            tags=("Coworkers", "Navy"),
        ),
        PersonRecord(
            source_id="8153e0ec767ad5d35acb310b",
            name="Howard Aiken",
            given_name="Howard",
            family_name="Aiken",
            identities=(
                email("howard@example.edu"),
                phone("+1 (202) 555-0143", "home", shared=True),
            ),
        ),
        PersonRecord(
            source_id="83068da1ce0d7f54adaff6ca",
            name="Charles Babbage",
            given_name="Charles",
            family_name="Babbage",
            identities=(phone("ask at reception", "other"),),
            notes=(note("E-mail: charles at example dot org"),),
        ),
        PersonRecord(
            source_id="c3a99144efd897bc072d047d",
            name="someone@example.net",
            given_name="",
            identities=(email("someone@example.net", "other"),),
        ),
        Skipped("legacy.csv:11", "no name, e-mail or phone"),
    ]


def test_the_current_layout_seen_only_in_other_software_reads_into_the_expected_records(
    tmp_path: Path,
) -> None:
    assert read(fixture(tmp_path, "current.csv")) == [
        PersonRecord(
            source_id="9aa7bea4e204fed7d5e8ef94",
            name="Mary Somerville",
            given_name="Mary",
            family_name="Somerville",
            birthday=Birthday(12, 26, 1780),
            identities=(
                email("mary@example.org", "work"),
                phone("+44 7700 900456", "mobile"),
                Identity("url", "", "https://somerville.example.org/", "homepage"),
            ),
            tags=("Scientists",),
            addresses=(Address("home", None, "Edinburgh", None, None, "United Kingdom"),),
            jobs=(Job("Royal Example Institution", "Author"),),
            notes=(note("Wrote the book on physical sciences."), note("Pronouns: she/her")),
        ),
        PersonRecord(
            source_id="579926e23257f3de780c2cd3",
            name="Carl Friedrich Gauss",
            given_name="Carl",
            family_name="Gauss",
            additional_names="Friedrich",
            nickname="Prince",
            identities=(phone("+49 551 0000 000", "work fax"), phone("+49 551 3900 123", "home")),
            tags=("Göttingen",),
        ),
        PersonRecord(
            source_id="e22bfceda9a6f357dc32841e",
            name="Noether",
            given_name="",
            family_name="Noether",
            identities=(email("noether@example.de"),),
        ),
    ]


def test_a_legacy_export_imports_as_the_expected_people(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    report = imported(store, fixture(tmp_path, "legacy.csv"), now)
    assert (dict(report.created), report.skipped) == (
        {"person": 6},
        [Skipped("legacy.csv:11", "no name, e-mail or phone")],
    )
    assert people(store) == [
        (
            "Ada Lovelace",
            "Ada",
            "Lovelace",
            [
                ("email", "ada@example.org", "home", False, True),
                ("email", "ada.lovelace@example.com", "home", False, True),
                ("email", "ada@engines.example", "work", False, True),
                ("phone", "+447700900123", "mobile", False, True),
                ("phone", "07700900123", "mobile", False, False),
                ("linkedin", "https://www.linkedin.com/in/ada-example", "profile", False, True),
                ("url", "https://ada.example.org/notes", "blog", False, True),
            ],
            ["Friends"],
            [("Analytical Engines", "Analyst")],
            "1815-12-10",
            ["12 Example Square, SW1Y 4JH, London, United Kingdom"],
            [
                "Met at the Analytical Society dinner.\nAsk about the engine notes.",
                "Occupation: Mathematician\nOrganization Department: Research\n"
                "Relation (Spouse): William",
            ],
        ),
        (
            "Acme Corp (+44 20 7946 0000)",
            "",
            None,
            [("phone", "+442079460000", "work", False, True)],
            [],
            [("Acme Corp", None)],
            None,
            [],
            [],
        ),
        (
            "Grace Hopper",
            "Grace",
            "Hopper",
            [("phone", "+12025550143", "home", True, True)],
            ["Coworkers", "Navy"],
            [],
            "--12-09",
            [],
            [],
        ),
        (
            "Howard Aiken",
            "Howard",
            "Aiken",
            [
                ("email", "howard@example.edu", None, False, True),
                ("phone", "+12025550143", "home", True, True),
            ],
            [],
            [],
            None,
            [],
            [],
        ),
        (
            "Charles Babbage",
            "Charles",
            "Babbage",
            [("phone", "ask at reception", "other", False, False)],
            [],
            [],
            None,
            [],
            ["E-mail: charles at example dot org"],
        ),
        (
            "someone@example.net",
            "",
            None,
            [("email", "someone@example.net", "other", False, True)],
            [],
            [],
            None,
            [],
            [],
        ),
    ]


def test_a_current_export_imports_as_the_expected_people(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    report = imported(store, fixture(tmp_path, "current.csv"), now)
    assert (dict(report.created), report.skipped) == ({"person": 3}, [])
    assert [(name, ids, tags) for name, _, _, ids, tags, *_ in people(store)] == [
        (
            "Mary Somerville",
            [
                ("email", "mary@example.org", "work", False, True),
                ("phone", "+447700900456", "mobile", False, True),
                ("url", "https://somerville.example.org", "homepage", False, True),
            ],
            ["Scientists"],
        ),
        (
            "Carl Friedrich Gauss",
            [
                ("phone", "+495510000000", "work fax", True, True),
                ("phone", "+495513900123", "home", False, True),
            ],
            ["Göttingen"],
        ),
        ("Noether", [("email", "noether@example.de", None, False, True)], []),
    ]


def test_a_row_with_only_a_phone_and_a_company_is_named_from_them(tmp_path: Path) -> None:
    path = written(tmp_path, HEADER + ",,,,,,Main,+44 20 7946 0000,Acme Corp\n")
    assert read(path) == [
        PersonRecord(
            source_id="174fe966779636abda732c52",  # as in legacy.csv: the same name and phone
            name="Acme Corp (+44 20 7946 0000)",
            given_name="",
            identities=(phone("+44 20 7946 0000", "main"),),
            jobs=(Job("Acme Corp"),),
        )
    ]


def test_two_people_sharing_a_phone_stay_two_people_who_share_it(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    rows = "Ann Lee,Ann,Lee,,,,Home,+44 20 7946 0001,\nBen Lee,Ben,Lee,,,,Home,+44 20 7946 0001,\n"
    path = written(tmp_path, HEADER + rows)
    first, second = read(path)
    assert isinstance(first, PersonRecord)
    assert isinstance(second, PersonRecord)
    assert first.source_id != second.source_id
    assert (first.identities, second.identities) == (
        (phone("+44 20 7946 0001", "home", shared=True),),
        (phone("+44 20 7946 0001", "home", shared=True),),
    )
    report = imported(store, path, now)
    assert (dict(report.created), report.skipped) == ({"person": 2}, [])
    assert [(name, ids) for name, _, _, ids, *_ in people(store)] == [
        ("Ann Lee", [("phone", "+442079460001", "home", True, True)]),
        ("Ben Lee", [("phone", "+442079460001", "home", True, True)]),
    ]


def test_a_phone_that_is_not_a_number_is_kept_raw_and_imported_unverified(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    path = written(tmp_path, HEADER + "Cy Young,Cy,Young,,,,Work,via the front desk,\n")
    assert [r.identities for r in read(path) if isinstance(r, PersonRecord)] == [
        (phone("via the front desk", "work"),)
    ]
    imported(store, path, now)
    assert [ids for _, _, _, ids, *_ in people(store)] == [
        [("phone", "via the front desk", "work", False, False)]
    ]


def test_several_values_in_one_cell_become_several_identities(tmp_path: Path) -> None:
    row = "Di Ho,Di,Ho,,* Home ::: Work,di@example.org ::: di@work.example,Mobile,"
    row += "+261 34 06 035 98 ::: 034 06 035 98,\n"
    (record,) = read(written(tmp_path, HEADER + row))
    assert isinstance(record, PersonRecord)
    assert record.identities == (
        email("di@example.org", "home"),
        email("di@work.example", "work"),
        phone("+261 34 06 035 98", "mobile"),
        phone("034 06 035 98", "mobile"),
    )


def test_system_groups_are_not_tags_and_other_groups_are(tmp_path: Path) -> None:
    groups = "* myContacts ::: * starred ::: * My Contacts ::: Book club ::: * Family"
    (record,) = read(written(tmp_path, HEADER + f"Ed Fox,Ed,Fox,{groups},,,,,\n"))
    assert isinstance(record, PersonRecord)
    assert record.tags == ("Book club", "Family")


def test_reimporting_the_same_file_changes_nothing(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    path = fixture(tmp_path, "legacy.csv")
    imported(store, path, now)
    again = imported(store, path, now)
    assert (dict(again.created), dict(again.updated), dict(again.unchanged)) == (
        {},
        {},
        {"person": 6},
    )


def test_columns_are_found_by_name_so_a_reordered_re_export_keeps_the_same_people(
    tmp_path: Path,
) -> None:
    before = read(written(tmp_path, HEADER + "Fay Ng,Fay,Ng,Work,,fay@example.org,,,\n"))
    header = "E-mail 1 - Value,Notes,Name,Family Name,Given Name\n"
    after = read(written(tmp_path, header + "fay@example.org,New note,Fay Ng,Ng,Fay\n", "b.csv"))
    assert [r.source_id for r in before if isinstance(r, PersonRecord)] == [
        r.source_id for r in after if isinstance(r, PersonRecord)
    ]


def test_columns_kith_has_no_place_for_are_kept_in_a_note(tmp_path: Path) -> None:
    header = "Name,Nickname,Occupation,Birthday,IM 1 - Type,IM 1 - Service,IM 1 - Value\n"
    row = "Gil Ray,Gilly,Cartographer,sometime in May,Work,Skype,gil.ray\n"
    (record,) = read(written(tmp_path, header + row))
    assert isinstance(record, PersonRecord)
    assert (record.nickname, record.birthday, record.notes) == (
        "Gilly",
        None,
        (note("Birthday: sometime in May\nOccupation: Cartographer\nIM (Work / Skype): gil.ray"),),
    )


def test_a_row_with_more_fields_than_the_header_is_skipped_with_its_line(tmp_path: Path) -> None:
    rows = "Hal Oak,Hal,Oak,,,,,,,surplus\nIvy Elm,Ivy,Elm,,,,,,\n"
    assert [
        r.name if isinstance(r, PersonRecord) else r for r in read(written(tmp_path, HEADER + rows))
    ] == [
        Skipped("contacts.csv:2", "10 fields where the header has 9"),
        "Ivy Elm",
    ]


def test_sniff_recognises_both_layouts_by_content_whatever_the_encoding(tmp_path: Path) -> None:
    legacy = (FIXTURES / "legacy.csv").read_bytes()
    current = (FIXTURES / "current.csv").read_bytes()
    text = legacy.decode("utf-8")
    heads = [
        legacy,
        current,
        b"\xef\xbb\xbf" + legacy,
        text.encode("utf-16"),
        text.encode("utf-16-le"),
    ]
    assert [google_csv.sniff(head[:4096], tmp_path / "x.txt") for head in heads] == [True] * 5
    assert [outlook_csv.sniff(head[:4096], tmp_path / "x.csv") for head in heads] == [False] * 5


def test_sniff_refuses_linkedin_connections_and_outlook(tmp_path: Path) -> None:
    heads = [
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        b'"First Name","Last Name","E-mail Address","Business Phone"\r\n',
    ]
    assert [google_csv.sniff(head, tmp_path / "x.csv") for head in heads] == [False, False]


def test_a_header_whose_quote_never_closes_is_refused_naming_the_file_and_line(
    tmp_path: Path,
) -> None:
    # found by the fuzzer (reliability/fuzz_importers.py): the quote runs on to the end of the
    # file, past the csv module's field limit, and the header's read raised csv.Error
    path = written(tmp_path, 'Name,"Notes\n' + "x" * 140_000 + "\n")
    with pytest.raises(UserError) as raised:
        list(google_csv.read(path))
    assert str(raised.value) == (
        "contacts.csv:1: the header line is not readable as CSV (field larger than field "
        "limit (131072)); check that its quotes are closed, or export the contacts again."
    )
