"""Reading vCard files: the real exports in fixtures/vcard, encodings, broken cards, sniffing."""

from __future__ import annotations

import codecs
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.model import Address, Birthday, Person
from kith.records import PersonRecord, Skipped
from kith.services.imports import ImportReport, import_records
from kith.sources import vcard
from kith.sources.vcard_text import cards
from kith.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "vcard"
CORPUS = sorted(p.name for p in FIXTURES.glob("*.vcf"))
STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)  # the files' modification time in these tests


def fixture(tmp_path: Path, name: str) -> Path:
    """A copy of a corpus file with a known modification time (notes without REV take it)."""
    path = tmp_path / name
    path.write_bytes((FIXTURES / name).read_bytes())
    os.utime(path, (STAMP.timestamp(), STAMP.timestamp()))
    return path


def written(tmp_path: Path, data: bytes, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    os.utime(path, (STAMP.timestamp(), STAMP.timestamp()))
    return path


def import_file(store: Store, path: Path, now: datetime) -> ImportReport:
    return import_records(store, vcard.read(path), kind="vcard", path=str(path), now=now)


def everyone(store: Store) -> list[Person]:
    return store.people.load(store.people.all_ids(), detail=True)


def identities(person: Person) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.raw, i.label) for i in person.identities]


def records(path: Path) -> list[PersonRecord | Skipped]:
    return [r for r in vcard.read(path) if isinstance(r, PersonRecord | Skipped)]


def test_the_android_export_gives_six_people_from_quoted_printable_cards(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    report = import_file(store, fixture(tmp_path, "John_Doe_ANDROID.vcf"), now)
    people = everyone(store)
    assert report.created == {"person": 6}
    assert report.skipped == []
    assert [p.name for p in people] == [
        "john.doe@company.com",
        "jane.doe@company.com",
        "Ñ Ñ Ñ Ñ Ñ",
        "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
        "Ñ Ñ Ñ Ñ",
        "ÑÑÑÑ",
    ]
    assert people[0].emails == ["john.doe@company.com"]
    assert people[0].tags == []  # Android's "My Contacts" group is not a tag
    assert identities(people[3]) == [
        ("phone", "123456", "cell"),
        ("phone", "234567", "home"),
        ("phone", "3456789", "cell"),
        ("phone", "45678901", "home"),
    ]
    assert [n.text for n in people[3].notes] == [
        "Ñ " * 7 + "Ñ" + "Ñ " * 7 + "Ñ" + "Ñ " * 5  # three lines joined at soft breaks
    ]
    assert people[3].notes[0].created_at == STAMP
    assert people[4].emails == ["bob@company.com"]
    assert people[4].company == "ÑÑÑÑÑÑÑÑÑÑÑÑ"
    assert people[5].company == "Ñ" * 44


def test_the_iphone_export_keeps_apple_labels_and_reads_past_its_photo(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "John_Doe_IPHONE.vcf"), now)
    (john,) = everyone(store)
    assert (john.name, john.given_name, john.family_name) == (
        "Mr. John Richter James Doe Sr.",
        "John",
        "Doe",
    )
    assert (john.additional_names, john.prefix, john.suffix, john.nickname) == (
        "Richter James",
        "Mr.",
        "Sr.",
        "Johny",
    )
    assert identities(john) == [
        ("email", "john.doe@ibm.com", None),
        ("phone", "905-555-1234", "cell"),
        ("phone", "905-666-1234", "home"),
        ("phone", "905-777-1234", "work"),
        ("phone", "905-888-1234", "home fax"),
        ("phone", "905-999-1234", "work fax"),
        ("phone", "905-111-1234", "pager"),
        ("phone", "905-222-1234", "assistant phone"),
        ("url", "http://www.ibm.com", "home page"),
    ]
    assert john.addresses == [
        Address(
            "home", "Silicon Alley 5", "New York", "New York", "12345", "United States of America"
        ),
        Address("work", "Street4\nBuilding 6\nFloor 8", "New York", None, "12345", "USA"),
    ]
    assert (john.company, john.title, john.birthday) == (
        "IBM",
        "Money Counter",
        Birthday(6, 6, 2012),
    )


def test_the_evolution_card_keeps_escaped_commas_and_its_uid(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "John_Doe_EVOLUTION.vcf"), now)
    (john,) = everyone(store)
    assert john.uid == "477343c8e6bf375a9bac1f96a5000837"
    assert john.name == "Mr. John Richter, James Doe Sr."
    assert john.additional_names == "Richter, James"
    assert identities(john) == [
        ("url", "http://www.ibm.com", None),
        ("phone", "905-666-1234", "cell"),
        ("phone", "905-555-1234", "work"),
        ("email", "john.doe@ibm.com", "work"),
    ]
    assert john.addresses == [
        Address(
            "home",
            "15 Crescent moon drive, ASB-123",
            "Albaney",
            "New York",
            "12345",
            "United States of America",
        )
    ]
    assert (john.company, john.title, john.tags) == ("IBM", "Money Counter", ["VIP"])
    assert john.birthday == Birthday(3, 22, 1980)
    assert john.notes[0].text.startswith(
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"'
    )
    assert john.notes[0].created_at == datetime(2012, 3, 5, 13, 32, 54, tzinfo=UTC)  # its REV


def test_an_address_whose_street_has_several_lines_is_shown_on_one_line(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    """Trial 7: `kith show` printed the iPhone card's "Building 6" and "Floor 8, …" at the
    start of lines of their own."""
    import_file(store, fixture(tmp_path, "John_Doe_IPHONE.vcf"), now)
    (john,) = everyone(store)
    lines = [address.one_line() for address in john.addresses]
    assert "Street4, Building 6, Floor 8, 12345, New York, USA" in lines
    assert not any("\n" in line for line in lines)


def test_the_gmail_card_takes_custom_labels_from_its_groups(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "gmail-single.vcf"), now)
    (greg,) = everyone(store)
    assert (greg.name, greg.nickname, greg.birthday) == (
        "Greg Dartmouth",
        "Gman",
        Birthday(9, 10, 1960),
    )
    assert identities(greg) == [
        ("email", "gdartmouth@hotmail.com", None),
        ("phone", "555 555 1111", "cell"),
        ("phone", "555 555 2222", "GRAND_CENTRAL"),
        ("url", "http://TheProfile.com", "PROFILE"),
    ]
    assert greg.addresses == [
        Address("home", "123 Home St\nHome City, HM 12345"),
        Address("CustomAdrType", "321 Custom St", "Custom City", "TX", "98765", "USA"),
    ]
    assert (greg.company, greg.title) == ("TheCompany", "TheJobTitle")
    assert greg.notes[0].text.startswith(
        "This is GMail's note field.\nIt should be added as a NOTE type."
    )


def test_the_vcard_4_card_from_fullcontact_reads_every_type(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "fullcontact.vcf"), now)
    (person,) = everyone(store)
    assert person.name == "Prefix FirstName MiddleName LastName Suffix"
    assert (person.given_name, person.additional_names, person.family_name) == (
        "FirstName",
        "MiddleName",
        "LastName",
    )
    assert [(i.raw, i.label) for i in person.identities if i.kind == "email"] == [
        ("home@example.com", "home"),
        ("work@example.com", "work"),
        ("school@example.com", "school"),
        ("other@example.com", "other"),
        ("custom@example.com", "customtype"),
    ]
    assert [i.label for i in person.identities if i.kind == "phone"] == [
        "home",
        "work",
        "cell",
        "cell",
        None,
        "home fax",
        "work fax",
        None,
        None,
    ]
    assert person.addresses[0] == Address(
        "home", "HomeStreet, HomeExtended", "HomeCity", "HomeState", "HomePostal", "HomeCountry"
    )
    assert (person.company, person.title) == ("Organization1", "Title1")
    assert person.birthday == Birthday(8, 1, 2016)
    assert person.tags == ["Tag"]
    assert [n.text for n in person.notes] == ["Notes line 1\nNotes line 2"]


def test_the_outlook_card_decodes_its_quoted_printable_note(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "outlook-2007.vcf"), now)
    (mike,) = everyone(store)
    assert (mike.name, mike.given_name, mike.family_name) == (
        "Mr. Michael Angstadt Jr.",
        "Michael",
        "Angstadt",
    )
    assert identities(mike) == [
        ("phone", "(111) 555-1111", "work"),
        ("phone", "(111) 555-2222", "home"),
        ("phone", "(111) 555-4444", "cell"),
        ("phone", "(111) 555-3333", "work fax"),
        ("url", "http://mikeangstadt.name", "home"),
        ("email", "mike.angstadt@gmail.com", None),
    ]
    assert mike.addresses == [
        Address("work", "222 Broadway, TheOffice", "New York", "NY", "99999", "USA")
    ]
    assert mike.birthday == Birthday(3, 10, 1922)
    assert mike.notes[0].text == (
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    assert mike.notes[0].created_at == datetime(2012, 8, 1, 18, 46, 31, tzinfo=UTC)


def test_the_rfc_6350_example_reads_uri_phones_and_a_birthday_without_a_year(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    import_file(store, fixture(tmp_path, "rfc6350-example.vcf"), now)
    (simon,) = everyone(store)
    assert (simon.name, simon.suffix) == ("Simon Perreault", "ing. jr, M.Sc.")
    assert identities(simon) == [
        ("phone", "+1-418-656-9254;ext=102", "work"),
        ("phone", "+1-418-262-6501", "work cell video text"),
        ("email", "simon.perreault@viagenie.ca", "work"),
        ("url", "http://nomis80.org", "home"),
    ]
    assert simon.phones == ["+14186569254", "+14182626501"]
    assert simon.birthday == Birthday(2, 3)
    assert simon.addresses == [
        Address("work", "2875 Laurier, Suite D2-630", "Quebec", "QC", "G1V 2M2", "Canada")
    ]
    assert simon.company == "Viagenie"


@pytest.mark.parametrize("name", CORPUS)
def test_reimporting_a_corpus_file_changes_nothing(
    store: Store, now: datetime, tmp_path: Path, name: str
) -> None:
    path = fixture(tmp_path, name)
    import_file(store, path, now)
    again = import_file(store, path, now)
    assert (dict(again.created), dict(again.updated), again.skipped) == ({}, {}, [])


def test_a_broken_card_is_skipped_with_its_number_and_the_others_import(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    path = written(
        tmp_path,
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Example\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Card\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n",
    )
    report = import_file(store, path, now)
    assert [p.name for p in everyone(store)] == ["Ana Example", "zoe@example.org"]
    assert report.skipped == [
        Skipped("contacts.vcf: card 2 (line 5)", "it has no END:VCARD before line 8")
    ]


def test_a_card_with_no_name_or_without_its_end_is_skipped(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        b"BEGIN:VCARD\nVERSION:3.0\nTEL:+44 20 7946 0018\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n",
    )
    assert records(path) == [
        Skipped("contacts.vcf: card 1 (line 1)", "it has no name: no FN, N, ORG or e-mail address"),
        Skipped("contacts.vcf: card 2 (line 5)", "the file ends before its END:VCARD"),
    ]


def test_a_file_without_a_card_is_refused(tmp_path: Path) -> None:
    path = written(tmp_path, b"name,email\nAna,ana@example.org\n")
    with pytest.raises(UserError, match="has no vCard in it"):
        records(path)


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ørsted\r\nN:Ørsted;Zoë;;;\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + CARD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CARD.encode("utf-16-be"),
        CARD.encode("utf-16-le"),
        CARD.encode("utf-16-be"),
        codecs.BOM_UTF8 + CARD.encode(),
    ],
    ids=["utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-8-bom"],
)
def test_utf_16_and_byte_order_marks_are_read(tmp_path: Path, data: bytes) -> None:
    path = written(tmp_path, data)
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert (record.name, record.given_name, record.family_name, record.tags) == (
        "Zoë Ørsted",
        "Zoë",
        "Ørsted",
        (),
    )
    assert vcard.sniff(data, path)


def test_a_soft_break_inside_a_multibyte_character_is_joined_before_decoding(
    tmp_path: Path,
) -> None:
    path = written(
        tmp_path,
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=\r\n=BCrgen;;;\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=\r\n=BCller\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\n\r\n"
        b"TEL;CELL:0171 1234567\r\nEND:VCARD\r\n",
    )
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert (record.name, record.given_name, record.family_name) == (
        "Jürgen Müller",
        "Jürgen",
        "Müller",
    )
    assert [n.text for n in record.notes] == ["first line\nsecond "]
    assert [(i.raw, i.label) for i in record.identities] == [("0171 1234567", "cell")]


def test_cp1252_is_the_last_resort_and_flags_the_name_for_review(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:José Müller\nN:Müller;José;;;\nEND:VCARD\n".encode("cp1252"),
    )
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert (record.name, record.tags) == ("José Müller", ("check-encoding",))


def test_a_declared_charset_wins_over_guessing(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-2:Dvořák;Antonín\r\n"
        "FN;CHARSET=ISO-8859-2:Antonín Dvořák\r\nEND:VCARD\r\n".encode("iso-8859-2"),
    )
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert (record.name, record.family_name, record.tags) == ("Antonín Dvořák", "Dvořák", ())


def test_stray_lines_a_group_on_begin_and_apple_labels_are_understood(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        b"Exported by SomePhone\r\n\r\nitem0.BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grouped Begin\r\n"
        b"item1.EMAIL;type=INTERNET:g@example.org\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
        b"item0.END:VCARD\r\n",
    )
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert [(i.value, i.label) for i in record.identities] == [("g@example.org", "other")]
    assert vcard.sniff(path.read_bytes(), path)


def test_vcard_4_caret_escapes_and_alternative_names(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        b"BEGIN:VCARD\nVERSION:4.0\nFN;ALTID=1;LANGUAGE=en:Bob Smith\n"
        b"FN;ALTID=1;LANGUAGE=fr:Robert Smith\nN:Smith;Bob;;;\n"
        b"ADR;LABEL=\"1 Main St^nSpringfield ^'Home^'\";TYPE=home:"
        b";;1 Main St;Springfield;IL;62701;USA\n"
        b"PHOTO:data:image/png\\;base64,iVBORw0KGgo=\nEND:VCARD\n",
    )
    (card,) = cards(path.read_bytes())
    assert card.lines[4].params["LABEL"] == ['1 Main St\nSpringfield "Home"']
    ((record, extra),) = list(vcard.read_cards(path))
    assert record.name == "Bob Smith"
    assert record.addresses == (Address("home", "1 Main St", "Springfield", "IL", "62701", "USA"),)
    assert extra == (
        "FN;ALTID=1;LANGUAGE=fr:Robert Smith",
        "PHOTO:data:image/png\\;base64,iVBORw0KGgo=",
    )


def test_what_kith_has_no_field_for_is_kept_as_lines(tmp_path: Path) -> None:
    ((record, extra),) = list(vcard.read_cards(fixture(tmp_path, "gmail-single.vcf")))
    assert record.name == "Greg Dartmouth"
    assert extra == (
        "X-PHONETIC-FIRST-NAME:Grregg",
        "X-PHONETIC-LAST-NAME:Dart-mowth",
        "X-ICQ:123456789",
        "item4.X-ABDATE:1970-06-02",
        "item4.X-ABLabel:_$!<Anniversary>!$_",
        "item5.X-ABRELATEDNAMES:MySpouse",
        "item5.X-ABLabel:_$!<Spouse>!$_",
        "item6.X-ABRELATEDNAMES:MyCustom",
        "item6.X-ABLabel:CustomRelationship",
    )


def test_an_organisation_with_departments_is_kept_whole_beside_the_job(tmp_path: Path) -> None:
    path = written(
        tmp_path, b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nORG:IBM;Accounting\nTITLE:Clerk\nEND:VCARD\n"
    )
    ((record, extra),) = list(vcard.read_cards(path))
    assert record.jobs[0].organisation == "IBM"
    assert record.jobs[0].title == "Clerk"
    assert extra == ("ORG:IBM;Accounting",)


@pytest.mark.parametrize(
    ("line", "birthday"),
    [
        ("BDAY:1980-03-22", Birthday(3, 22, 1980)),
        ("BDAY:19220310", Birthday(3, 10, 1922)),
        ("BDAY:--0203", Birthday(2, 3)),
        ("BDAY:--02-29", Birthday(2, 29)),
        ("BDAY;VALUE=date:1980-03-22T00:00:00Z", Birthday(3, 22, 1980)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15", Birthday(3, 15)),
        ("BDAY:0000-03-15", Birthday(3, 15)),
        ("BDAY;VALUE=text:circa 1800", None),
        ("BDAY:1980-02-30", None),
    ],
)
def test_birthdays_are_read_in_every_form_writers_use(
    tmp_path: Path, line: str, birthday: Birthday | None
) -> None:
    path = written(tmp_path, f"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n{line}\nEND:VCARD\n".encode())
    (record,) = records(path)
    assert isinstance(record, PersonRecord)
    assert record.birthday == birthday


def test_cards_without_a_uid_get_a_stable_source_id_from_their_content(tmp_path: Path) -> None:
    first = records(fixture(tmp_path, "gmail-single.vcf"))
    second = records(fixture(tmp_path, "gmail-single.vcf"))
    assert isinstance(first[0], PersonRecord)
    assert first[0].source_id.startswith("sha256:")
    assert first == second


@pytest.mark.parametrize(
    "head",
    [b'{"format": "kith"}', b"First Name,Last Name\n", b"From ana@example.org\nBEGIN:VCARD\n", b""],
)
def test_other_files_are_not_taken_for_vcards(head: bytes) -> None:
    assert not vcard.sniff(head, Path("contacts.vcf"))


@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_file_is_recognised_by_its_content(name: str) -> None:
    assert vcard.sniff((FIXTURES / name).read_bytes()[:65536], Path("x.bin"))
