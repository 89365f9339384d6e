"""`kith export vcard`: its whole output, vdir files and modes, export → import losing nothing."""

from __future__ import annotations

import io
import json
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import Job, Person, PersonDraft
from kith.records import Address, Birthday, Identity, NoteRecord, PersonRecord
from kith.services.exports import vcard_export
from kith.services.imports import import_records
from kith.services.people import add_person
from kith.sources import vcard
from kith.store import Store, open_store
from tests.conftest import Kith

ADA = "00000000-0000-4000-8000-00000000000a"
BOB = "00000000-0000-4000-8000-00000000000b"
AT = datetime(2026, 11, 1, 9, tzinfo=UTC)

ADA_CARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Kith//Kith//EN\r\n"
    f"UID:{ADA}\r\n"
    "FN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\n"
    "NICKNAME:Countess\r\n"
    "BDAY:1815-12-10\r\n"
    "EMAIL;TYPE=HOME:ada@example.org\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0018\r\n"
    "URL:https://www.linkedin.com/in/ada-lovelace\r\n"
    "item1.URL:https://ada.example.org\r\n"
    "item1.X-ABLabel:blog\r\n"
    "ADR;TYPE=HOME:;;12 St James's Square;London;;SW1Y 4JH;UK\r\n"
    "ORG:Analytical Engines\\, Ltd.\r\n"
    "TITLE:Analyst\r\n"
    "CATEGORIES:founders,math\\, poetry\r\n"
    'NOTE;X-KITH-CREATED="2026-11-01T09:00:00Z":Met at the Royal Society\\; talke\r\n'
    " d engines.\r\n"
    "REV:2026-11-20T08:00:00Z\r\n"
    "END:VCARD\r\n"
)
BOB_CARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Kith//Kith//EN\r\n"
    f"UID:{BOB}\r\n"
    "FN:Bob Sample\r\n"
    "N:Sample;Bob;;;\r\n"
    "BDAY:--02-29\r\n"
    "item1.TEL:020 7946 0019\r\n"
    "item1.X-ABLabel:Work\r\n"
    "REV:2026-11-02T09:00:00Z\r\n"
    "END:VCARD\r\n"
)


def small_store(store: Store, now: datetime) -> None:
    ada = PersonRecord(
        source_id="ada",
        uid=ADA,
        name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        nickname="Countess",
        birthday=Birthday(12, 10, 1815),
        identities=(
            Identity("email", "", "ada@example.org", "home"),
            Identity("phone", "", "+44 20 7946 0018", "cell"),
            Identity("linkedin", "", "https://www.linkedin.com/in/ada-lovelace"),
            Identity("url", "", "https://ada.example.org", "blog"),
        ),
        addresses=(Address("home", "12 St James's Square", "London", None, "SW1Y 4JH", "UK"),),
        jobs=(Job("Analytical Engines, Ltd.", "Analyst"),),
        tags=("founders", "math, poetry"),
        notes=(NoteRecord("note", "Met at the Royal Society; talked engines.", AT),),
        created_at=AT,
        updated_at=datetime(2026, 11, 20, 8, tzinfo=UTC),
    )
    bob = PersonRecord(
        source_id="bob",
        uid=BOB,
        name="Bob Sample",
        birthday=Birthday(2, 29),
        identities=(Identity("phone", "", "020 7946 0019", "Work"),),
        created_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        updated_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
    )
    import_records(store, [ada, bob], kind="test", path=None, now=now)


def test_export_vcard_writes_every_card_to_standard_output(
    store: Store, now: datetime, kith: Kith
) -> None:
    small_store(store, now)
    result = kith("export", "vcard")
    assert result.exit_code == 0
    assert result.stdout_bytes == (ADA_CARD + BOB_CARD).encode()


def test_export_vcard_writes_a_private_file_and_says_how_many(
    store: Store, now: datetime, kith: Kith, tmp_path: Path
) -> None:
    small_store(store, now)
    target = tmp_path / "contacts.vcf"
    result = kith("export", "vcard", str(target))
    assert result.output == f"Exported 2 people to {target}.\n"
    assert target.read_bytes() == (ADA_CARD + BOB_CARD).encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_vdir_holds_one_private_card_per_uid(
    store: Store, now: datetime, kith: Kith, tmp_path: Path
) -> None:
    small_store(store, now)
    folder = tmp_path / "contacts"
    result = kith("export", "vcard", "--vdir", str(folder), "--json")
    assert json.loads(result.output) == {"vdir": str(folder), "people": 2}
    assert sorted(p.name for p in folder.iterdir()) == [f"{ADA}.vcf", f"{BOB}.vcf"]
    assert (folder / f"{ADA}.vcf").read_bytes() == ADA_CARD.encode()
    assert (folder / f"{BOB}.vcf").read_bytes() == BOB_CARD.encode()
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_exporting_a_vdir_again_rewrites_no_card_that_did_not_change(
    store: Store, now: datetime, kith: Kith, tmp_path: Path
) -> None:
    small_store(store, now)
    folder = tmp_path / "contacts"
    folder.mkdir(mode=0o755)
    (folder / "someone-else.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n")
    kith("export", "vcard", "--vdir", str(folder))
    before = {p.name: p.stat().st_ino for p in folder.iterdir()}
    kith("note", "Bob Sample", "Likes tea")
    kith("export", "vcard", "--vdir", str(folder))
    after = {p.name: p.stat().st_ino for p in folder.iterdir()}
    assert after[f"{ADA}.vcf"] == before[f"{ADA}.vcf"]
    assert after[f"{BOB}.vcf"] != before[f"{BOB}.vcf"]
    assert "Likes tea" in (folder / f"{BOB}.vcf").read_text("utf-8")
    assert sorted(after) == sorted(before)  # the stranger's card is left alone, nothing is added
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # a folder the user chose keeps its mode


def test_a_uid_unsafe_in_a_file_name_gets_its_hash_as_the_name() -> None:
    assert vcard_export.file_name("abc-DEF_1.2+3") == "abc-DEF_1.2+3.vcf"
    assert vcard_export.file_name("urn:uuid:1/2") == "d9f9bc01d2e395f6a4901643e958285bca75cd47.vcf"


def test_export_vcard_takes_a_file_or_a_vdir_not_both(kith: Kith, tmp_path: Path) -> None:
    result = kith("export", "vcard", str(tmp_path / "a.vcf"), "--vdir", str(tmp_path / "d"))
    assert result.exit_code == 2
    assert "Give FILE or --vdir DIR, not both." in result.output


def test_kept_lines_come_back_and_a_kept_org_stands_in_for_the_job() -> None:
    person = Person(1, ADA, "Ada Lovelace", jobs=[Job("IBM", "Clerk")], updated_at=AT)
    person.vcard_extra = [  # type: ignore[attr-defined]
        "item1.X-ABDATE:1970-06-02",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        "ORG:IBM;Accounting",
        "ORG:Old Employer;Sales",
    ]
    person.identities = [Identity("email", "ada@example.org", "ada@example.org", "Private")]
    assert vcard_export.card_lines(person, AT) == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Kith//Kith//EN",
        f"UID:{ADA}",
        "FN:Ada Lovelace",
        "N:Lovelace;Ada;;;",
        "item2.EMAIL:ada@example.org",
        "item2.X-ABLabel:Private",
        "ORG:IBM;Accounting",
        "TITLE:Clerk",
        "item1.X-ABDATE:1970-06-02",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        "REV:2026-11-01T09:00:00Z",
        "END:VCARD",
    ]


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    person = Person(1, ADA, "Zoë " * 30, updated_at=AT)
    text = vcard_export.card_text(person, AT)
    assert max(len(line.encode()) for line in text.split("\r\n")) == 75
    assert "FN:" + "Zoë " * 30 in text.replace("\r\n ", "")


# Export → import into an empty database → the same cards, for every field the vCard maps.

WORD = st.text(
    alphabet=st.sampled_from(list("abcxyzABCÉéèøÆßŁłñüçЖж李'-.,;:\\\"&/()")),
    min_size=1,
    max_size=6,
).filter(lambda w: w.strip(",;:\\\"'-./&()") != "")
TEXT = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
MAYBE = st.none() | TEXT
LABELS = [None, "home", "work", "cell", "work fax", "pager", "Work", "other", "GRAND_CENTRAL"]
LABELS += ["assistant phone", "Privé, bureau; 2"]
TAGS = ["founders", "math, poetry", "Zoë's club", "a;b", "back\\slash", "climbing"]


@st.composite
def people(draw: st.DrawFn, index: int) -> PersonRecord:
    labels = st.sampled_from(LABELS)
    identities = [
        Identity(
            "email",
            "",
            f"{draw(st.sampled_from(['ana', 'Bo.B']))}{index}x{n}@Example.org",
            draw(labels),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    identities += [
        Identity(
            "phone",
            "",
            draw(st.sampled_from(["+1 415 555 ", "020 7946 "])) + f"{index}{n}00",
            draw(labels),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    if draw(st.booleans()):
        identities.append(
            Identity("linkedin", "", f"https://www.linkedin.com/in/person-{index}", draw(labels))
        )
    if draw(st.booleans()):
        identities.append(Identity("url", "", f"https://example.org/{index}/Page", draw(labels)))
    if draw(st.booleans()):
        identities.append(Identity("handle", "", f"@Handle{index}", draw(labels)))
    addresses = draw(
        st.lists(
            st.builds(Address, st.sampled_from(LABELS), TEXT, MAYBE, MAYBE, MAYBE, MAYBE),
            max_size=2,
            unique=True,
        )
    )
    day = draw(
        st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2020, 12, 31).date())
    )
    birthday = draw(
        st.sampled_from(
            [None, Birthday(day.month, day.day, day.year), Birthday(day.month, day.day)]
        )
    )
    notes = draw(
        st.lists(
            st.builds(
                NoteRecord,
                st.sampled_from(["note", "news"]),
                st.lists(TEXT, min_size=1, max_size=3).map("\n".join),
                st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)).map(
                    lambda d: d.replace(microsecond=0, tzinfo=UTC)
                ),
            ),
            max_size=2,
            unique=True,
        )
    )
    return PersonRecord(
        source_id=f"p{index}",
        uid=f"00000000-0000-4000-8000-{index:012d}",
        name=draw(TEXT),
        given_name=draw(MAYBE),
        family_name=draw(MAYBE),
        additional_names=draw(MAYBE),
        prefix=draw(MAYBE),
        suffix=draw(MAYBE),
        nickname=draw(MAYBE),
        birthday=birthday,
        identities=tuple(identities),
        addresses=tuple(addresses),
        jobs=tuple(draw(st.lists(st.builds(Job, TEXT, MAYBE), max_size=1))),
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=3))),
        notes=tuple(notes),
    )


def card(person: Person) -> dict[str, Any]:
    """Every field the vCard carries, as Kith holds it."""
    return {
        "uid": person.uid,
        "name": person.name,
        "names": (person.given_name, person.family_name, person.additional_names),
        "affixes": (person.prefix, person.suffix, person.nickname),
        "birthday": person.birthday,
        "identities": [(i.kind, i.value, i.raw, i.label, i.shared) for i in person.identities],
        "addresses": person.addresses,
        "job": (person.company, person.title),
        "tags": person.tags,
        "notes": [(n.kind, n.text, n.created_at) for n in person.notes],
    }


def cards(store: Store) -> list[dict[str, Any]]:
    return [card(p) for p in store.people.load(store.people.all_ids(), detail=True)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(*(people(i) for i in range(1, n + 1)))))
def test_export_then_import_into_an_empty_database_gives_the_same_cards(
    records: tuple[PersonRecord, ...],
) -> None:
    now = datetime(2026, 11, 22, 10, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        first, second = open_store(Path(folder) / "a.db"), open_store(Path(folder) / "b.db")
        try:
            import_records(first, records, kind="test", path=None, now=now)
            text = io.StringIO()
            vcard_export.write_vcards(first, text, now)
            exported = Path(folder) / "export.vcf"
            exported.write_text(text.getvalue(), "utf-8", newline="")
            report = import_records(second, vcard.read(exported), kind="vcard", path=None, now=now)
            assert report.skipped == []
            assert cards(second) == cards(first)
        finally:
            first.close()
            second.close()


def test_a_name_never_split_is_written_as_its_best_split_and_imported_back_alike(
    store: Store, now: datetime
) -> None:
    names = ["Jane Doe", "山田 太郎", "+41 79 123 45 67", "🌻"]
    with store.transaction():  # as a mail or chat import adds them: a name, no parts
        for name in names:
            add_person(store, PersonDraft(name), now)
        store.connection.execute("UPDATE person SET given_name = NULL, family_name = NULL")
    text = io.StringIO()
    vcard_export.write_vcards(store, text, now)
    written = [line for line in text.getvalue().split("\r\n") if line.startswith("N:")]
    assert written == ["N:Doe;Jane;;;", "N:山田;太郎;;;", "N:;+41 79 123 45 67;;;", "N:;🌻;;;"]
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "export.vcf"
        exported.write_text(text.getvalue(), "utf-8", newline="")
        back = open_store(Path(folder) / "b.db")
        try:
            import_records(back, vcard.read(exported), kind="vcard", path=None, now=now)
            people = back.people.load(back.people.all_ids(), detail=True)
        finally:
            back.close()
    assert [(p.name, p.given_name, p.family_name) for p in people] == [
        ("Jane Doe", "Jane", "Doe"),
        ("山田 太郎", "太郎", "山田"),
        ("+41 79 123 45 67", "+41 79 123 45 67", None),
        ("🌻", "🌻", None),
    ]
