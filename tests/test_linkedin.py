"""Reading LinkedIn data exports: every Connections.csv form, every messages.csv header,
invitations, the owner, folders and zips, and importing the result."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.model import Identity, Job
from kith.records import ExchangeRecord, Ignored, Party, PersonRecord, Record, Skipped
from kith.services.imports import import_records
from kith.sources import linkedin
from kith.sources.linkedin import Owner
from kith.store import Store
from tests.conftest import Kith

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
NOOR = "https://www.linkedin.com/in/noor-haddad"
ANA = "https://www.linkedin.com/in/ana-example"
BEN = "https://www.linkedin.com/in/ben-sample-4a1b2c"
FAY = "https://www.linkedin.com/in/fay-mock"
CARLA = "https://www.linkedin.com/in/carla-demo"
DEV = "https://www.linkedin.com/in/dev-placeholder"
ME = Party("linkedin", NOOR, "Noor Haddad")
HOW_MET = "Connected on LinkedIn"
HIDDEN = "hidden LinkedIn member (no name, no URL)"


def read(path: Path, me_linkedin: str | None = None) -> list[Record]:
    return list(linkedin.read(path, me_linkedin))


def fixture(name: str, me_linkedin: str | None = None) -> list[Record]:
    return read(FIXTURES / name, me_linkedin)


def people(records: list[Record]) -> list[tuple[str, str, date | None]]:
    return [(r.source_id, r.name, r.known_since) for r in records if isinstance(r, PersonRecord)]


def profile(url: str, raw: str | None = None) -> Identity:
    return Identity("linkedin", url, raw or url)


def email(address: str) -> Identity:
    return Identity("email", "", address)  # the importer normalises it


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def message(
    source_id: str,
    at: datetime,
    summary: str,
    sender: Party | None,
    *to: Party,
    automated: bool = False,
) -> ExchangeRecord:
    return ExchangeRecord(
        source_id, at, "message", summary, sender, to, automated=automated, origin="linkedin"
    )


def test_a_2024_connections_file_with_the_notes_preamble_and_urls_reads_as_people() -> None:
    assert fixture("connections-2024-preamble-url.csv") == [
        PersonRecord(
            source_id=ANA,
            name="Ana Example",
            given_name="Ana",
            family_name="Example",
            how_met=HOW_MET,
            known_since=date(2024, 10, 9),
            identities=(profile(ANA), email("ana@example.org")),
            jobs=(Job("Example Co", "Founding Engineer"),),
        ),
        PersonRecord(
            source_id=BEN,
            name="Ben Sample",
            given_name="Ben",
            family_name="Sample",
            how_met=HOW_MET,
            known_since=date(2023, 3, 14),
            identities=(profile(BEN, BEN + "/"),),
            jobs=(Job("Sample ApS, Copenhagen", "Owner"),),
        ),
        Ignored(HIDDEN),
        PersonRecord(
            source_id="https://www.linkedin.com/in/zo%c3%ab-brandt",
            name="Zoë Brandt",
            given_name="Zoë",
            family_name="Brandt",
            how_met=HOW_MET,
            known_since=date(2024, 1, 2),
            identities=(
                profile(
                    "https://www.linkedin.com/in/zo%c3%ab-brandt",
                    "https://www.linkedin.com/in/zo%C3%AB-brandt",
                ),
            ),
        ),
    ]


def test_a_2022_connections_file_without_urls_names_people_by_a_hash_of_name_and_date() -> None:
    assert fixture("connections-2022-preamble-no-url.csv") == [
        PersonRecord(
            source_id="a6282e1a49889ea6a1834ad5",
            name="Carla Demo",
            given_name="Carla",
            family_name="Demo",
            how_met=HOW_MET,
            known_since=date(2022, 2, 21),
            identities=(email("carla@example.net"),),
            jobs=(Job("Demo GmbH", "CTO"),),
        ),
        PersonRecord(
            source_id="1d9b2d691b9468b44d9ff330",
            name="Dev Placeholder",
            given_name="Dev",
            family_name="Placeholder",
            how_met=HOW_MET,
            known_since=date(2021, 11, 3),
            jobs=(Job("Placeholder Labs", "Researcher"),),
        ),
        Ignored(HIDDEN),
    ]


def test_the_2022_file_resaved_by_excel_in_windows_1252_with_crlf_keeps_its_ids() -> None:
    records = fixture("connections-2022-excel-cp1252-crlf.csv")
    assert records[:2] == fixture("connections-2022-preamble-no-url.csv")[:2]
    assert records[2:] == [
        PersonRecord(
            source_id="8c2903e6818386616011bdd1",
            name="José Muñoz",
            given_name="José",
            family_name="Muñoz",
            how_met=HOW_MET,
            known_since=date(2022, 9, 9),
            jobs=(Job("Ejemplo SL", "Diseñador"),),
        )
    ]


def test_a_2018_connections_file_reads_quoted_us_datetimes_as_days() -> None:
    assert fixture("connections-2018-us-datetime.csv") == [
        PersonRecord(
            source_id="83ef4a8f828458ebdece00c3",
            name="Ben Sample",
            given_name="Ben",
            family_name="Sample",
            how_met=HOW_MET,
            known_since=date(2018, 1, 8),
            identities=(email("ben@example.org"),),
            jobs=(Job("Sample ApS", "Owner"),),
        ),
        PersonRecord(
            source_id="0446b03bca4bd43ecd7feed2",
            name="Eve Instance",
            given_name="Eve",
            family_name="Instance",
            how_met=HOW_MET,
            known_since=date(2017, 12, 24),
            jobs=(Job("Instance Inc", "VP Sales"),),
        ),
    ]


def test_a_2026_file_resaved_by_excel_with_a_bom_keeps_its_profile_urls() -> None:
    assert fixture("connections-2026-excel-bom-url.csv") == [
        PersonRecord(
            source_id=ANA,
            name="Ana Example",
            given_name="Ana",
            family_name="Example",
            how_met=HOW_MET,
            known_since=date(2024, 10, 9),
            identities=(profile(ANA), email("ana@example.org")),
            jobs=(Job("Example Co", "Staff Engineer"),),
        ),
        PersonRecord(
            source_id=FAY,
            name="Fay Mock",
            given_name="Fay",
            family_name="Mock",
            how_met=HOW_MET,
            known_since=date(2026, 1, 5),
            identities=(profile(FAY),),
            jobs=(Job("Mock & Co", "Partner"),),
        ),
    ]


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-16", "\t"), ("cp1252", ";")])
def test_other_excel_saves_read_the_same_people(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    original = FIXTURES / "connections-2026-excel-bom-url.csv"
    text = original.read_text("utf-8-sig").replace(",", delimiter).replace("Mock & Co", "Mock")
    resaved = tmp_path / "Connections.csv"
    resaved.write_text(text, encoding, newline="")
    assert people(read(resaved)) == people(read(original))


def test_hidden_members_are_ignored_and_unreadable_dates_skipped_with_their_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        ",,,,,,07 Jun 2022\n"
        f"Ana,Example,{ANA},,,,\n"
        'Ben,Sample,,,,,"Oct 9th, 2024"\n'
        ",,,,,,\n"
        ",,,ghost@example.org,,,01 Jan 2024\n"
        ",,https://www.linkedin.com/in/no-name-given,,,,05 May 2025\n",
        "utf-8",
    )
    assert read(path) == [
        Ignored(HIDDEN),
        PersonRecord(
            source_id=ANA,
            name="Ana Example",
            given_name="Ana",
            family_name="Example",
            how_met=HOW_MET,
            identities=(profile(ANA),),
        ),
        Skipped(
            "Connections.csv:4",
            "Connected On 'Oct 9th, 2024' is not a date Kith reads "
            "(expected 09 Oct 2024, 9-Sep-22 or 1/8/18)",
        ),
        Ignored(HIDDEN),
        PersonRecord(
            source_id="https://www.linkedin.com/in/no-name-given",
            name="https://www.linkedin.com/in/no-name-given",
            how_met=HOW_MET,
            known_since=date(2025, 5, 5),
            identities=(profile("https://www.linkedin.com/in/no-name-given"),),
        ),
    ]


def test_a_row_the_csv_module_refuses_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        "From,To,Date,Subject,Content,Direction,Folder\n"
        f'Ana Example,Noor Haddad,"10/16/18, 9:02 PM",,"{"x" * 200_000}",INCOMING,INBOX\n'
        'Ana Example,Noor Haddad,"10/17/18, 9:02 PM",Hello,,INCOMING,INBOX\n',
        "utf-8",
    )
    assert read(path, me_linkedin=NOOR) == [
        Skipped(
            "messages.csv:2", "the row cannot be read (field larger than field limit (131072))"
        ),
        message("66e17e037fa4abaada891cc1", utc(2018, 10, 17, 21, 2), "Hello", None, ME),
    ]


def test_2018_messages_take_the_owner_from_their_direction() -> None:
    assert fixture("messages-2018.csv", me_linkedin=NOOR) == [
        message(
            "6d7aa8159f6fb013e0ad0c3e",
            utc(2018, 10, 16, 8, 36),
            "Hi Ana, would you like a coffee & a chat?",
            ME,
        ),
        message("a1485ca06b8297cd4792dce8", utc(2018, 10, 16, 21, 2), "RE: Coffee?", None, ME),
    ]


def test_2022_messages_find_recipients_by_the_profile_url_each_sender_wrote_from() -> None:
    assert fixture("messages-2022.csv") == [
        message(
            "a15473e5d4fa5cc23e73f048",
            utc(2022, 3, 1, 9, 15),
            "Thanks for connecting, Carla!",
            ME,
            Party("linkedin", CARLA, "Carla Demo"),
        ),
        message(
            "408b942b4158d8272c1c3c07",
            utc(2022, 3, 2, 17, 40, 12),
            "Likewise. Let's talk about the robotics meetup.",
            Party("linkedin", CARLA, "Carla Demo"),
            ME,
        ),
        message(
            "a45dd26da597573d8f221e11",
            utc(2022, 4, 11, 8, 0),
            "Quick question about your talk",
            Party("linkedin", DEV, "Dev Placeholder"),
            ME,
        ),
    ]


def test_2024_messages_pair_recipient_urls_with_names_and_mark_sponsored_and_spam() -> None:
    ana, ben = Party("linkedin", ANA, "Ana Example"), Party("linkedin", BEN, "Ben Sample")
    spammer = Party("linkedin", "https://www.linkedin.com/in/spam-person", "Spam Person")
    assert fixture("messages-2024.csv") == [
        message(
            "d9f5d7ebcc41313c28365f34",
            utc(2024, 10, 10, 8, 12, 44),
            "Great to meet you at the meetup! Shall we grab lunch next week?",
            ana,
            ME,
        ),
        message("75d778323c80f1449931e462", utc(2024, 10, 10, 9, 1, 2), "Yes — Tuesday?", ME, ana),
        message(
            "ebf4adb9bb67fc81b4042844", utc(2024, 11, 2, 16, 30), "Robotics meetup", ME, ana, ben
        ),
        message(
            "e75a6b58b4f98f164a2c6669",
            utc(2024, 11, 5, 12, 0),
            "%FIRSTNAME%, try Example Cloud",
            None,
            ME,
            automated=True,
        ),
        message(
            "a4e9d04d5c23ef2e853f4950",
            utc(2024, 11, 6, 12, 0),
            "Crypto opportunity!!!",
            spammer,
            ME,
            automated=True,
        ),
    ]


def test_drafts_are_left_out_of_december_2024_messages() -> None:
    assert fixture("messages-2024-12.csv") == [
        message(
            "cfa55f747f1f2ab879cf6a5f",
            utc(2024, 12, 3, 10, 0),
            "Congrats on the new role!",
            Party("linkedin", BEN, "Ben Sample"),
            ME,
        )
    ]


def test_february_2026_messages_quoted_throughout_keep_line_breaks_and_leave_drafts_out() -> None:
    assert fixture("messages-2026-02.csv") == [
        message(
            "7a05f1e27264fe976cc48d44",
            utc(2026, 2, 10, 14, 5, 9),
            "Here are the slides. Let me know what you think.",
            Party("linkedin", FAY, "Fay Mock"),
            ME,
        ),
        message(
            "5530c52bd1ea8a2615543370",
            utc(2026, 2, 11, 7, 0),
            "Your weekly update",
            None,
            ME,
            automated=True,
        ),
    ]


def test_invitations_with_profile_urls_are_social_exchanges_with_their_note() -> None:
    assert fixture("invitations-2024.csv") == [
        ExchangeRecord(
            "e97329b5f78cd7b89a5d0fdb",
            utc(2024, 10, 9, 19, 12),
            "social",
            "LinkedIn invitation: Great chatting at the meetup!",
            ME,
            (Party("linkedin", ANA, "Ana Example"),),
            origin="linkedin",
        ),
        ExchangeRecord(
            "14bd658c2c043245b7b1cc53",
            utc(2026, 1, 5, 8, 1),
            "social",
            "LinkedIn invitation",
            Party("linkedin", FAY, "Fay Mock"),
            (ME,),
            origin="linkedin",
        ),
    ]


def test_older_invitations_learn_urls_from_the_owner_and_from_message_senders(
    tmp_path: Path,
) -> None:
    shutil.copy(FIXTURES / "invitations-2022.csv", tmp_path / "Invitations.csv")
    shutil.copy(FIXTURES / "messages-2022.csv", tmp_path / "messages.csv")
    assert read(tmp_path)[:2] == [
        ExchangeRecord(
            "8482d9c02e9fa8fdd2e36925",
            utc(2022, 2, 20, 16, 15),
            "social",
            "LinkedIn invitation: Enjoyed your talk on swarm robotics, would love to connect.",
            ME,
            (Party("linkedin", CARLA, "Carla Demo"),),
            origin="linkedin",
        ),
        ExchangeRecord(
            "c23fc0be658167c15973d565",
            utc(2021, 11, 2, 9, 30),
            "social",
            "LinkedIn invitation",
            Party("linkedin", DEV, "Dev Placeholder"),
            (ME,),
            origin="linkedin",
        ),
    ]


def test_the_owner_is_known_from_profile_csv_and_the_messages_they_sent() -> None:
    assert linkedin.find_owner(FIXTURES / "profile.csv") == Owner("Noor Haddad", None)
    assert linkedin.find_owner(FIXTURES / "export") == Owner("Noor Haddad", NOOR)


def test_the_owner_is_the_one_party_in_every_conversation() -> None:
    assert linkedin.find_owner(FIXTURES / "messages-2024.csv") == Owner("Noor Haddad", NOOR)
    assert linkedin.find_owner(FIXTURES / "messages-2022.csv") == Owner("Noor Haddad", NOOR)
    assert linkedin.find_owner(FIXTURES / "messages-2018.csv") == Owner(None, None)


def test_one_conversation_is_told_apart_by_the_name_in_profile_csv(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "profile.csv", tmp_path / "Profile.csv")
    shutil.copy(FIXTURES / "messages-2024-12.csv", tmp_path / "messages.csv")
    assert linkedin.find_owner(tmp_path / "messages.csv") == Owner(None, None)
    assert linkedin.find_owner(tmp_path) == Owner("Noor Haddad", NOOR)


def test_the_owner_can_be_given_and_is_never_read_as_a_person() -> None:
    given = "linkedin.com/in/Ana-Example/"
    assert linkedin.find_owner(FIXTURES / "connections-2024-preamble-url.csv", given) == Owner(
        None, ANA
    )
    records = fixture("connections-2024-preamble-url.csv", me_linkedin=given)
    assert [r.name for r in records if isinstance(r, PersonRecord)] == ["Ben Sample", "Zoë Brandt"]


EXPORT = [
    PersonRecord(
        source_id=ANA,
        name="Ana Example",
        given_name="Ana",
        family_name="Example",
        how_met=HOW_MET,
        known_since=date(2024, 10, 9),
        identities=(profile(ANA), email("ana@example.org")),
        jobs=(Job("Example Co", "Founding Engineer"),),
    ),
    PersonRecord(
        source_id=BEN,
        name="Ben Sample",
        given_name="Ben",
        family_name="Sample",
        how_met=HOW_MET,
        known_since=date(2023, 3, 14),
        identities=(profile(BEN),),
        jobs=(Job("Sample ApS", "Owner"),),
    ),
    Ignored(HIDDEN),
    ExchangeRecord(
        "e97329b5f78cd7b89a5d0fdb",
        utc(2024, 10, 9, 19, 12),
        "social",
        "LinkedIn invitation: Great chatting at the meetup!",
        ME,
        (Party("linkedin", ANA, "Ana Example"),),
        origin="linkedin",
    ),
    message(
        "4b8924098b9ca63f442bbdf9",
        utc(2024, 10, 10, 8, 12, 44),
        "Lunch next week?",
        Party("linkedin", ANA, "Ana Example"),
        ME,
    ),
    message(
        "75d778323c80f1449931e462",
        utc(2024, 10, 10, 9, 1, 2),
        "Yes — Tuesday?",
        ME,
        Party("linkedin", ANA, "Ana Example"),
    ),
    message(
        "426aa16a9d59ec00740ecfb1",
        utc(2024, 11, 2, 16, 30),
        "Congrats!",
        Party("linkedin", BEN, "Ben Sample"),
        ME,
    ),
]


def test_a_folder_of_the_export_reads_people_first_then_invitations_and_messages() -> None:
    assert read(FIXTURES / "export") == EXPORT


def test_a_zip_of_the_export_reads_the_same_records(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted((FIXTURES / "export").iterdir()):
            out.write(file, f"Basic_LinkedInDataExport_11-22-2026/{file.name}")
    assert read(archive) == EXPORT


def test_linkedin_files_are_recognised_by_their_content_whatever_their_name(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(FIXTURES / "profile.csv", "Profile.csv")
    renamed = tmp_path / "download.txt"
    shutil.copy(FIXTURES / "messages-2026-02.csv", renamed)
    found = {path.name: linkedin.sniff(path.read_bytes(), path) for path in FIXTURES.glob("*.csv")}
    assert set(found.values()) == {True}
    assert linkedin.sniff(renamed.read_bytes(), renamed)
    assert linkedin.sniff(b"", FIXTURES / "export")
    assert linkedin.sniff(b"", archive)
    assert linkedin.sniff(archive.read_bytes()[:4096], archive)


@pytest.mark.parametrize(
    "head",
    [
        b'{"format": "kith", "version": 1}',
        b"Name,Given Name,Additional Name,Family Name\nAna Example,Ana,,Example\n",
        b"Registered At,Registration Ip,Subscription Types\n",
        b"First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At\n",
        b"",
    ],
)
def test_other_files_are_not_taken_for_linkedin(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(head)
    assert not linkedin.sniff(head, path)
    with pytest.raises(UserError, match="is not a LinkedIn data export"):
        read(path)


def test_an_empty_folder_is_not_an_export(tmp_path: Path) -> None:
    assert not linkedin.sniff(b"", tmp_path)


def test_importing_connections_creates_people_with_identities_jobs_and_known_since(
    store: Store, now: datetime
) -> None:
    path = FIXTURES / "connections-2024-preamble-url.csv"
    report = import_records(store, linkedin.read(path), kind="linkedin", path=str(path), now=now)
    assert report.created == {"person": 3}
    assert (report.skipped, report.ignored) == ([], {HIDDEN: 1})
    found = store.people.load(store.people.all_ids(), detail=True)
    assert [
        (p.name, [(i.kind, i.value) for i in p.identities], p.jobs, p.known_since, p.how_met)
        for p in found
    ] == [
        (
            "Ana Example",
            [("linkedin", ANA), ("email", "ana@example.org")],
            [Job("Example Co", "Founding Engineer")],
            date(2024, 10, 9),
            HOW_MET,
        ),
        (
            "Ben Sample",
            [("linkedin", BEN)],
            [Job("Sample ApS, Copenhagen", "Owner")],
            date(2023, 3, 14),
            HOW_MET,
        ),
        (
            "Zoë Brandt",
            [("linkedin", "https://www.linkedin.com/in/zo%c3%ab-brandt")],
            [],
            date(2024, 1, 2),
            HOW_MET,
        ),
    ]


@pytest.mark.parametrize(
    "name", ["connections-2024-preamble-url.csv", "connections-2022-excel-cp1252-crlf.csv"]
)
def test_reimporting_the_same_file_changes_nothing(store: Store, now: datetime, name: str) -> None:
    path = FIXTURES / name
    first = import_records(store, linkedin.read(path), kind="linkedin", path=str(path), now=now)
    again = import_records(store, linkedin.read(path), kind="linkedin", path=str(path), now=now)
    assert sum(first.created.values()) == 3
    assert (again.created, again.updated) == ({}, {})
    assert again.unchanged == {"person": 3}


def test_a_changed_title_on_reimport_moves_the_old_job_to_history(
    store: Store, now: datetime
) -> None:
    for name in ("connections-2024-preamble-url.csv", "connections-2026-excel-bom-url.csv"):
        path = FIXTURES / name
        import_records(store, linkedin.read(path), kind="linkedin", path=str(path), now=now)
    ana = store.people.get(store.people.ids_for_identity("linkedin", ANA)[0])
    assert ana is not None
    assert ana.jobs == [
        Job("Example Co", "Founding Engineer", end="2026-11-22"),
        Job("Example Co", "Staff Engineer", start="2026-11-22"),
    ]


def test_an_older_export_without_urls_logs_invitations_and_messages_with_connections_by_name(
    kith: Kith,
) -> None:
    path = FIXTURES / "older-export"
    result = kith("import", str(path), "--json")
    report = json.loads(result.stdout)["imports"][0]
    assert (result.exit_code, report["created"], report["accounted"]) == (
        6,
        {"interaction": 4, "person": 4},
        {"imported": 8, "known": 0, "one_way": 0, "ignored": 1, "skipped": 1},
    )
    assert report["skipped"] == [
        {
            "where": "messages.csv:4",
            "reason": "two connections are named 'Sam Same': see `kith merge`",
        }
    ]
    people = json.loads(kith("list", "--json").stdout)["people"]
    assert [(p["name"], p["interaction_count"]) for p in people] == [
        ("Carla Demo", 3),
        ("Dev Placeholder", 1),
        ("Sam Same", 0),
        ("Sam Same", 0),
    ]
    assert report["to_review"] == 1  # the two Sams: one person, or two?
