"""vCards as phones and address books really write them: each quirk has a fixture of its own."""

from __future__ import annotations

import json
from pathlib import Path

from kith.records import OrganisationRecord, PersonRecord
from kith.sources import vcard
from kith.sources.registry import claim
from tests.conftest import Kith

QUIRKS = Path(__file__).parent / "fixtures" / "vcard" / "quirks"


def people(name: str) -> list[PersonRecord]:
    found = list(vcard.read(QUIRKS / name))
    assert all(isinstance(r, PersonRecord) for r in found), found
    return [r for r in found if isinstance(r, PersonRecord)]


def test_a_stray_encoding_line_before_begin_vcard_does_not_hide_the_file() -> None:
    assert claim(QUIRKS / "stray-encoding-line.vcf") == "vcard"
    assert [p.name for p in people("stray-encoding-line.vcf")] == ["Ana Stray"]


def test_a_utf16_file_without_a_byte_order_mark_is_read() -> None:
    assert claim(QUIRKS / "utf16-no-bom.vcf") == "vcard"
    (person,) = people("utf16-no-bom.vcf")
    assert (person.name, person.given_name, person.family_name) == ("Zoë Lefèvre", "Zoë", "Lefèvre")


def test_raw_line_breaks_inside_a_quoted_printable_label_and_a_note_keep_the_card() -> None:
    (person,) = people("raw-line-breaks.vcf")
    assert (person.name, [n.text for n in person.notes], person.vcard_extra) == (
        "Jane Doe",
        ["Met at the fair\nSecond line: no leading space"],
        ("LABEL;TYPE=HOME:12 Main Street\\nSpringfield\\nUSA",),
    )
    assert [i.raw for i in person.identities] == ["+44 20 7946 0018"]


def test_a_broken_fold_that_starts_a_property_does_not_glue_it_into_the_name() -> None:
    (person,) = people("broken-fold.vcf")
    assert (person.name, [i.value for i in person.identities]) == (
        "John Doe",
        ["john@example.org"],
    )


def test_apple_company_cards_and_cards_with_only_an_org_become_organisations() -> None:
    found = list(vcard.read(QUIRKS / "apple-company.vcf"))
    assert [(type(r).__name__, r.name) for r in found] == [
        ("OrganisationRecord", "Acme Inc."),
        ("OrganisationRecord", "Globex Corporation"),
        ("PersonRecord", "Grace Ng"),
    ]
    assert [r.domain for r in found if isinstance(r, OrganisationRecord)] == [
        "acme.example",
        "globex.example",
    ]


def test_importing_company_cards_makes_no_person_named_after_a_company(kith: Kith) -> None:
    path = QUIRKS / "apple-company.vcf"
    report = json.loads(kith("import", str(path), "--json").stdout)["imports"][0]
    assert (report["found"], report["created"]) == (3, {"organisation": 2, "person": 1})
    names = [p["name"] for p in json.loads(kith("list", "--json").stdout)["people"]]
    assert names == ["Grace Ng"]
    again = json.loads(kith("import", str(path), "--json").stdout)["imports"][0]
    assert (again["created"], again["accounted"]["known"]) == ({}, 3)


def test_eight_bit_text_with_no_charset_is_read_in_the_codec_that_fits_and_flagged() -> None:
    assert [(p.name, p.tags) for p in people("eight-bit-no-charset.vcf")] == [
        ("Hans Müller", ("check-encoding",)),  # 0x81 is ü in the DOS code page, nothing in cp1252
        ("José García", ("check-encoding",)),
    ]


def test_a_property_whose_name_is_not_ascii_is_a_line_of_its_own_not_the_end_of_the_last() -> None:
    jane, ann = people("non-ascii-property.vcf")
    assert (jane.given_name, jane.family_name, [n.text for n in jane.notes]) == (
        "Jane",
        "Doe",
        ["Met at the fair"],
    )
    assert jane.vcard_extra == ("X-ÉTAT:actif", "X-ДАННЫЕ;TYPE=work:значение")
    assert [i.value for i in jane.identities] == ["jane@example.org"]
    # the same name in 8-bit text (cp1252), as an old phone writes it
    assert (ann.name, ann.vcard_extra) == ("Ann Roe", ("X-ÉTAT:actif",))
