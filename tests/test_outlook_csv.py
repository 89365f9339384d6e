"""Outlook CSV in every layout and encoding, read and imported (fixtures: see their README)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.model import Address, Birthday, Identity, Job
from kith.records import NoteRecord, PersonRecord, Record, Skipped
from kith.services.imports import ImportReport, import_records
from kith.sources import contacts_csv, google_csv, outlook_csv, registry
from kith.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "outlook"
WRITTEN = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # the fixtures' modification time
HEADER = '"First Name","Last Name","E-mail Address","Business Phone","Birthday","Categories"'


def fixture(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def written(tmp_path: Path, data: bytes, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def read(path: Path) -> list[Record]:
    return list(outlook_csv.read(path))


def imported(store: Store, path: Path, now: datetime) -> ImportReport:
    return import_records(
        store, outlook_csv.read(path), kind="outlook-csv", path=str(path), now=now
    )


def email(raw: str) -> Identity:
    return Identity("email", "", raw)


def phone(raw: str, label: str, shared: bool = False) -> Identity:
    return Identity("phone", "", raw, label, shared)


def note(text: str) -> NoteRecord:
    return NoteRecord("note", text, WRITTEN)


JOSE = PersonRecord(
    source_id="8886de35c8f54f46ec2a355d",
    name="José Núñez",
    given_name="José",
    family_name="Núñez",
    prefix="Sr.",
    birthday=Birthday(5, 17, 1980),
    identities=(
        email("jose@example.es"),
        phone("+34 600 000 001", "mobile"),
        phone("+34 910 000 001", "work"),
        phone("+34 910 000 000", "switchboard", shared=True),
        phone("+34 910 000 009", "work fax", shared=True),
        Identity("url", "", "www.nandu.example"),
    ),
    tags=("Clients", "Spain"),
    interests=("Sailing",),
    addresses=(Address("work", "Calle Mayor 1, Planta 3", "Madrid", None, "28013", "Spain"),),
    jobs=(Job("Ñandú Ltd", "CTO"),),
    notes=(
        note("Prefers calls before 10:00 – never after."),
        note("Department: Engineering\nSpouse: Marta"),
    ),
)
DESKTOP_ENGLISH = [
    JOSE,
    PersonRecord(
        source_id="71617bc988a7e98e9e08ebb5",
        name="Chloé Durand",
        given_name="Chloé",
        family_name="Durand",
        birthday=Birthday(12, 25, 1990),
        identities=(email("chloe@example.fr"),),
        addresses=(Address("home", None, "Lyon", None, None, "France"),),
        notes=(
            note(
                "E-mail 2 Address: /o=ExchangeLabs/ou=Exchange Administrative Group/"
                "cn=Recipients/cn=chloe\nManager's Name: Hélène Lefèvre"
            ),
        ),
    ),
    Skipped("desktop-english.csv:4", "no name, e-mail or phone"),
]


def test_a_desktop_english_export_in_windows_1252_reads_into_the_expected_records(
    tmp_path: Path,
) -> None:
    path = fixture(tmp_path, "desktop-english.csv")
    assert path.read_bytes()[:8] == b'"Title",'
    assert b"\r\n" in path.read_bytes()
    assert read(path) == DESKTOP_ENGLISH


def test_an_outlook_2003_export_with_business_country_reads_into_the_expected_records(
    tmp_path: Path,
) -> None:
    assert read(fixture(tmp_path, "outlook-2003.csv")) == [
        PersonRecord(
            source_id="f616b486e71f40df8d60c7ed",
            name="Ludwig Boltzmann",
            given_name="Ludwig",
            family_name="Boltzmann",
            identities=(email("ludwig@example.at"), phone("+43 1 4277 00000", "home")),
            addresses=(
                Address("work", None, "Wien", None, None, "Austria"),
                Address("home", None, None, None, None, "Österreich"),
            ),
            jobs=(Job("Universität Wien"),),
        )
    ]


def test_an_outlook_com_export_in_utf_8_reads_into_the_expected_records(tmp_path: Path) -> None:
    assert read(fixture(tmp_path, "outlook-com.csv")) == [
        PersonRecord(
            source_id="7bbe11a3e9c4293474811fb0",
            name="Zoë Ärmel",
            given_name="Zoë",
            family_name="Ärmel",
            birthday=Birthday(5, 17, 1990),
            identities=(
                email("zoe@example.de"),
                phone("+49 151 23456789", "mobile"),
                phone("+49 30 1234567", "home"),
                Identity("url", "", "https://zoe.example.de"),
            ),
            addresses=(Address("home", None, "Berlin", None, None, "Germany"),),
            jobs=(Job("Beispiel AG", "Designerin"),),
            notes=(note("Coffee, not tea."), note("Schools: UdK Berlin")),
        ),
        PersonRecord(
            source_id="a3bb4f68e9f236eccda9d0f9",
            name="Bob Sample",
            given_name="Bob",
            family_name="Sample",
            prefix="Dr.",
            identities=(email("bob@example.com"),),
            notes=(note("Job Title: Researcher"),),
        ),
    ]


def test_a_german_export_is_read_through_its_column_table(tmp_path: Path) -> None:
    assert read(fixture(tmp_path, "german.csv")) == [
        PersonRecord(
            source_id="9951e9d76189ec9e95e5c36e",
            name="Jürgen Groß",
            given_name="Jürgen",
            family_name="Groß",
            birthday=Birthday(5, 17, 1975),
            identities=(
                email("juergen@example.de"),
                phone("+49 171 2345678", "mobile"),
                phone("+49 89 1234567", "work"),
                phone("+49 89 1234560", "switchboard", shared=True),
            ),
            tags=("Kunden", "München"),
            interests=("Bergsteigen",),
            addresses=(Address("work", "Hauptstraße 5", "München", None, "80331", "Deutschland"),),
            jobs=(Job("Müller & Söhne GmbH", "Geschäftsführer"),),
            notes=(
                note("Trifft sich gern zum Frühstück."),
                note("Geschlecht: Männlich\nPartner: Anna"),
            ),
        ),
        PersonRecord(
            source_id="1c8c5a304169db9a7d9b5b92",
            name="Erika Mustermann",
            given_name="Erika",
            family_name="Mustermann",
            identities=(
                email("erika@example.de"),
                phone("+49 30 9876543", "work fax", shared=True),
            ),
        ),
    ]


def test_every_column_of_the_real_german_header_has_an_english_name() -> None:
    header = (FIXTURES / "german.csv").read_bytes().split(b"\r\n", 1)[0].decode("cp1252")
    names = [name.strip('"') for name in header.split('","')]
    assert len(names) == 92
    assert [name for name in names if outlook_csv.english(name) == name.casefold()] == [
        "Suffix",
        "ISDN",
        "Pager",
        "Telex",
        "Hobby",
    ]


def test_a_utf_16_export_with_a_byte_order_mark_reads_into_the_expected_records(
    tmp_path: Path,
) -> None:
    path = fixture(tmp_path, "desktop-utf16.csv")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert read(path) == [
        PersonRecord(
            source_id="ec769b5a5b83359f2b577e61",
            name="Aiko Ōtsuka",
            given_name="Aiko",
            family_name="Ōtsuka",
            birthday=Birthday(3, 3, 1985),
            identities=(email("aiko@example.jp"), phone("+81 90 0000 0000", "mobile")),
            jobs=(Job("大塚製作所"),),
            notes=(note("名刺を交換した。"),),
        )
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"])
def test_the_same_export_in_another_encoding_reads_the_same(tmp_path: Path, codec: str) -> None:
    text = (FIXTURES / "desktop-english.csv").read_bytes().decode("cp1252")
    path = written(tmp_path, text.encode(codec), "desktop-english.csv")
    head = path.read_bytes()[:4096]
    assert (outlook_csv.sniff(head, path), google_csv.sniff(head, path)) == (True, False)
    assert read(path) == DESKTOP_ENGLISH


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (b"\xef\xbb\xbfName", "utf-8-sig"),
        (b"\xff\xfeN\x00a\x00", "utf-16"),
        (b"\xfe\xff\x00N\x00a", "utf-16"),
        (b"N\x00a\x00m\x00e\x00", "utf-16-le"),
        (b"\x00N\x00a\x00m\x00e", "utf-16-be"),
        ("Zoë".encode(), "utf-8"),
        ("Zoë".encode("cp1252"), "cp1252"),
    ],
)
def test_the_encoding_is_judged_in_the_documented_order(data: bytes, codec: str) -> None:
    assert contacts_csv.encoding_of(data) == codec


def test_a_head_cut_inside_a_utf_8_character_is_still_utf_8() -> None:
    assert contacts_csv.encoding_of("Zoë".encode()[:-1], complete=False) == "utf-8"


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("desktop-english.csv", ["Chloé Durand", "José Núñez"]),
        ("outlook-2003.csv", ["Ludwig Boltzmann"]),
        ("outlook-com.csv", ["Bob Sample", "Zoë Ärmel"]),
        ("german.csv", ["Erika Mustermann", "Jürgen Groß"]),
        ("desktop-utf16.csv", ["Aiko Ōtsuka"]),
    ],
)
def test_each_layout_imports_end_to_end_and_a_second_import_changes_nothing(
    store: Store, now: datetime, tmp_path: Path, name: str, people: list[str]
) -> None:
    path = fixture(tmp_path, name)
    first = imported(store, path, now)
    assert dict(first.created) == {"person": len(people)}
    assert sorted(ref.name for ref in store.people.refs(store.people.all_ids()).values()) == people
    again = imported(store, path, now)
    assert (dict(again.created), dict(again.updated), dict(again.unchanged)) == (
        {},
        {},
        {"person": len(people)},
    )


def test_an_imported_outlook_person_has_the_expected_card(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    imported(store, fixture(tmp_path, "desktop-english.csv"), now)
    person = store.people.get(store.people.ids_for_identity("email", "jose@example.es")[0])
    assert person is not None
    assert [(i.kind, i.value, i.label, i.shared) for i in person.identities] == [
        ("email", "jose@example.es", None, False),
        ("phone", "+34600000001", "mobile", False),
        ("phone", "+34910000001", "work", False),
        ("phone", "+34910000000", "switchboard", True),
        ("phone", "+34910000009", "work fax", True),
        ("url", "https://www.nandu.example", None, False),
    ]
    assert (person.company, person.title, person.tags, person.interests) == (
        "Ñandú Ltd",
        "CTO",
        ["Clients", "Spain"],
        ["Sailing"],
    )
    assert (person.prefix, person.birthday, [n.text for n in person.notes]) == (
        "Sr.",
        Birthday(5, 17, 1980),
        ["Prefers calls before 10:00 – never after.", "Department: Engineering\nSpouse: Marta"],
    )


def test_two_colleagues_sharing_a_switchboard_both_keep_it(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    header = '"First Name","Last Name","Company","Company Main Phone"\r\n'
    rows = '"Kai","Lund","Lund AB","+46 8 000 000"\r\n"Liv","Berg","Lund AB","+46 8 000 000"\r\n'
    report = imported(store, written(tmp_path, (header + rows).encode("cp1252")), now)
    assert (dict(report.created), report.skipped) == ({"person": 2}, [])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("0.0.00", None),
        ("1/1/1601", None),
        ("", None),
        ("5/17/1980", Birthday(5, 17, 1980)),
        ("17/5/1980", Birthday(5, 17, 1980)),
        ("17.5.1980", Birthday(5, 17, 1980)),
        ("1980-05-17", Birthday(5, 17, 1980)),
    ],
)
def test_outlook_birthdays_and_its_no_date_markers(
    tmp_path: Path, cell: str, expected: Birthday | None
) -> None:
    row = f'"Mo","Raza","mo@example.org","","{cell}",""\r\n'
    (record,) = read(written(tmp_path, f"{HEADER}\r\n{row}".encode("cp1252")))
    assert isinstance(record, PersonRecord)
    assert (record.birthday, record.notes) == (expected, ())


def test_categories_become_tags_without_googles_own(tmp_path: Path) -> None:
    row = '"Nia","Cole","nia@example.org","","","Restored from Samsung;myContacts;starred;VIP"\r\n'
    (record,) = read(written(tmp_path, f"{HEADER}\r\n{row}".encode("cp1252")))
    assert isinstance(record, PersonRecord)
    assert record.tags == ("Restored from Samsung", "VIP")


def test_sniff_knows_outlook_headers_in_english_and_german_and_nothing_else(
    tmp_path: Path,
) -> None:
    heads = [path.read_bytes()[:4096] for path in sorted(FIXTURES.glob("*.csv"))]
    others = [
        (FIXTURES.parent / "google" / "legacy.csv").read_bytes(),
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        b"First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email\n",
    ]
    assert [outlook_csv.sniff(head, tmp_path / "x") for head in heads] == [True] * 6
    assert [outlook_csv.sniff(head, tmp_path / "x") for head in others] == [False] * 3


def test_an_export_with_only_the_email_columns_is_recognised_as_outlook() -> None:
    path = FIXTURES / "email-only.csv"
    assert registry.claim(path) == "outlook-csv"
    assert [(r.name, [i.raw for i in r.identities]) for r in outlook_csv.read(path)] == [
        ("Ada Lovelace", ["ada@example.org"]),
        ("ben@example.org", ["ben@example.org", "ben@work.example"]),
    ]
