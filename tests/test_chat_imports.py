"""Chat exports imported through the command line: the corpus files, the user's side, the
two-way rule for conversations, calls, re-import and dry runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.services.importing.staging import apply_staged, stage_file
from kith.services.imports import my_identities
from kith.store import Store
from tests.conftest import NOW, Kith

FIXTURES = Path(__file__).parent / "fixtures" / "chat"
ONLY_YOU_WROTE = "a group chat's conversation only you wrote in"
# corpus file → (exit code, created, ignored, read) with `--me "John Doe"`
CORPUS = {
    "devadvance__sms-backup-reader-2__sms_and_mms.xml": (
        6,
        {"interaction": 5, "person": 4},
        {},
        {"message": 49},  # 41 SMS and 8 whole MMS: the ninth is cut short (skipped)
    ),
    "devadvance__sms-backup-reader-2__sms_small.xml": (
        0,
        {"interaction": 2, "person": 2},
        {},
        {"message": 12},
    ),
    "joweich__chat-miner__test_bracket_mmddyy_24hrs.txt": (
        0,
        {},
        {
            "WhatsApp system line (group change)": 1,
            "WhatsApp system line (notice)": 1,
            ONLY_YOU_WROTE: 3,
        },
        {"message": 7},
    ),
    "joweich__chat-miner__test_dateformat2.txt": (0, {}, {ONLY_YOU_WROTE: 2}, {"message": 4}),
    "joweich__chat-miner__test_export.txt": (
        0,
        {"interaction": 2, "person": 1},
        {},
        {"message": 2},
    ),
    "joweich__chat-miner__test_mmddyyyy_12hrs.txt": (
        0,
        {},
        {
            "WhatsApp system line (group change)": 1,
            "WhatsApp system line (notice)": 1,
            ONLY_YOU_WROTE: 3,
        },
        {"message": 7},
    ),
    "joweich__chat-miner__testlog.json": (0, {"interaction": 1, "person": 1}, {}, {"message": 2}),
    "la-ninpre__tg2md__result.json": (0, {}, {"Telegram channel post": 19}, {"message": 0}),
    "la-ninpre__tg2md__result_2020-11.json": (
        0,
        {},
        {"Telegram channel post": 13},
        {"message": 0},
    ),
    "shruggietech__sms-backup-restore-parser__edge_cases.xml": (0, {}, {}, {"message": 4}),
    "shruggietech__sms-backup-restore-parser__minimal_calls.xml": (
        0,
        {"interaction": 1, "person": 1},
        {},
        {"call": 1},
    ),
}


def imported(kith: Kith, path: Path, *options: str) -> tuple[int, dict[str, object]]:
    result = kith("import", str(path), *options, "--json")
    found = json.loads(result.stdout)
    return result.exit_code, found["imports"][0] if found["imports"] else found


def people(kith: Kith) -> list[tuple[str, int]]:
    found = json.loads(kith("list", "--json").output)["people"]
    return [(p["name"], p["interaction_count"]) for p in found]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "expected"), sorted(CORPUS.items()))
def test_each_corpus_chat_file_imports_with_its_account(
    kith: Kith, name: str, expected: tuple[int, dict[str, int], dict[str, int], dict[str, int]]
) -> None:
    code, report = imported(kith, FIXTURES / name, "--me", "John Doe")
    assert (code, report["created"], report["ignored"], report["read"]) == expected


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_importing_a_corpus_chat_file_again_changes_nothing(kith: Kith, name: str) -> None:
    imported(kith, FIXTURES / name, "--me", "John Doe")
    before = people(kith)
    _, report = imported(kith, FIXTURES / name, "--me", "John Doe")
    assert (report["created"], report["updated"], people(kith)) == ({}, {}, before)


# corpus file → (--me, found, its account: imported, known, one_way, ignored, skipped), into an
# empty database; every record found is accounted for once, then once again as already known
ACCOUNTS = {
    "Pustur__whatsapp-chat-parser__short-chat.txt": ("Sample User", 5, (0, 0, 2, 3, 0)),
    "devadvance__sms-backup-reader-2__sms_and_mms.xml": ("John Doe", 12, (5, 0, 6, 0, 1)),
    "devadvance__sms-backup-reader-2__sms_small.xml": ("John Doe", 3, (2, 0, 1, 0, 0)),
    "joweich__chat-miner__test_bracket_mmddyy_24hrs.txt": ("John Doe", 9, (0, 0, 4, 5, 0)),
    "joweich__chat-miner__test_dateformat2.txt": ("John Doe", 4, (0, 0, 2, 2, 0)),
    "joweich__chat-miner__test_export.txt": ("John Doe", 2, (2, 0, 0, 0, 0)),
    "joweich__chat-miner__test_mmddyyyy_12hrs.txt": ("John Doe", 9, (0, 0, 4, 5, 0)),
    "joweich__chat-miner__testlog.json": ("John Doe", 1, (1, 0, 0, 0, 0)),
    "la-ninpre__tg2md__result.json": ("John Doe", 19, (0, 0, 0, 19, 0)),
    "la-ninpre__tg2md__result_2020-11.json": ("John Doe", 13, (0, 0, 0, 13, 0)),
    "shruggietech__sms-backup-restore-parser__edge_cases.xml": ("John Doe", 4, (0, 0, 4, 0, 0)),
    "shruggietech__sms-backup-restore-parser__minimal_calls.xml": ("John Doe", 1, (1, 0, 0, 0, 0)),
}


def test_the_accounts_cover_every_chat_file_of_the_corpus() -> None:
    assert sorted(ACCOUNTS) == sorted(p.name for p in FIXTURES.glob("*__*") if p.is_file())


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_each_corpus_chat_file_accounts_for_every_record_it_found(kith: Kith, name: str) -> None:
    me, found, account = ACCOUNTS[name]
    imported_, known, one_way, ignored, skipped = account
    for expected in (account, (0, known + imported_, one_way, ignored, skipped)):
        _, report = imported(kith, FIXTURES / name, "--me", me)
        accounted = report["accounted"]
        assert (report["found"], tuple(accounted.values())) == (found, expected)  # type: ignore[union-attr]
        assert report["found"] == sum(accounted.values())  # type: ignore[union-attr]
        assert accounted["ignored"] == sum(report["ignored"].values())  # type: ignore[index, union-attr]
        assert accounted["skipped"] == len(report["skipped"])  # type: ignore[index, arg-type]


def test_the_cut_short_sms_backup_says_where_it_stops(kith: Kith) -> None:
    _, report = imported(kith, FIXTURES / "devadvance__sms-backup-reader-2__sms_and_mms.xml")
    assert [s["where"] for s in report["skipped"]] == [  # type: ignore[union-attr]
        "devadvance__sms-backup-reader-2__sms_and_mms.xml:136"
    ]


def test_a_whatsapp_chat_the_user_is_not_found_in_imports_nothing(kith: Kith) -> None:
    result = kith("import", str(FIXTURES / "Pustur__whatsapp-chat-parser__short-chat.txt"))
    assert result.exit_code == 1
    assert "needs to know which side is you" in result.output
    wrong = kith(
        "import", str(FIXTURES / "Pustur__whatsapp-chat-parser__short-chat.txt"), "--me", "Nobody"
    )
    assert wrong.exit_code == 1
    assert "none of the people in this chat is you" in wrong.output
    assert "+41123456789, Sample User, TestBot" in wrong.output
    assert people(kith) == []


CHAT = """\
12/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
12/03/2024, 21:07 - Sam Rivera: Yes!
12/03/2024, 21:09 - Ada Lovelace: Great
12/03/2024, 21:10 - Ada Lovelace: <Media omitted>
14/03/2024, 09:00 - Ada Lovelace: Running late
20/03/2024, 18:00 - Sam Rivera: Thanks for Friday
"""


def test_a_two_way_chat_makes_a_person_with_one_interaction_per_conversation(
    kith: Kith, tmp_path: Path
) -> None:
    kith("config", "set", "me.name", "Sam Rivera")
    code, report = imported(kith, write(tmp_path, "chat.txt", CHAT))
    assert (code, report["created"], report["read"]) == (
        0,
        {"interaction": 3, "person": 1},
        {"message": 6},
    )
    shown = json.loads(kith("show", "Ada Lovelace", "--json").output)
    assert [(i["direction"], i["channel"], i["summary"]) for i in shown["interactions"]] == [
        ("out", "message", "WhatsApp chat: 1 message"),
        ("in", "message", "WhatsApp chat: 1 message"),
        ("both", "message", "WhatsApp chat: 4 messages"),
    ]


def test_message_text_is_not_kept_anywhere(kith: Kith, tmp_path: Path, db_path: Path) -> None:
    imported(kith, write(tmp_path, "chat.txt", CHAT), "--me", "Sam Rivera")
    assert b"Running late" not in db_path.read_bytes()
    assert b"free on Friday" not in db_path.read_bytes()


def test_a_dry_run_shows_the_plan_and_changes_nothing(kith: Kith, tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", CHAT)
    code, dry = imported(kith, path, "--me", "Sam Rivera", "--dry-run")
    assert (code, dry["dry_run"], dry["created"], people(kith)) == (
        0,
        True,
        {"interaction": 3, "person": 1},
        [],
    )
    _, real = imported(kith, path, "--me", "Sam Rivera")
    assert real["created"] == dry["created"]


def test_the_date_order_flag_decides_what_the_file_cannot(kith: Kith, tmp_path: Path) -> None:
    text = "01/02/2024, 10:00 - Ada Lovelace: hi\n01/02/2024, 10:01 - Sam Rivera: hey\n"
    path = write(tmp_path, "chat.txt", text)
    refused = kith("import", str(path), "--me", "Sam Rivera")
    assert refused.exit_code == 1
    assert "--date-order dmy" in refused.output
    kith("import", str(path), "--me", "Sam Rivera", "--date-order", "dmy")
    shown = json.loads(kith("show", "Ada Lovelace", "--json").output)
    assert [i["at"][:10] for i in shown["interactions"]] == ["2024-02-01"]


def test_group_members_who_spoke_with_the_user_become_linked_people(
    kith: Kith, tmp_path: Path, store: Store
) -> None:
    text = (
        '01/02/2024, 10:00 - Sam Rivera created group "Engines"\n'
        "13/02/2024, 10:00 - Ada Lovelace: hello\n"
        "13/02/2024, 10:01 - Grace Hopper: hi all\n"
        "13/02/2024, 10:02 - Sam Rivera: welcome both\n"
        "13/02/2024, 10:03 - Alan Turing: <Media omitted>\n"
        "20/02/2024, 10:00 - Linus Pauling: anyone there?\n"
    )
    imported(kith, write(tmp_path, "WhatsApp Chat with Engines.txt", text), "--me", "Sam Rivera")
    assert people(kith) == [("Ada Lovelace", 1), ("Alan Turing", 1), ("Grace Hopper", 1)]
    seen = json.loads(kith("seen", "--json").output)["seen"]
    assert [(s["name"], s["n_out"], s["n_in"]) for s in seen] == [("Linus Pauling", 0, 1)]
    ids = {name: pid for pid, name in store.people.all_names()}
    assert store.imports.link_count(ids["Ada Lovelace"], ids["Grace Hopper"], "co_recipient") == 1
    assert store.imports.link_count(ids["Ada Lovelace"], ids["Alan Turing"], "co_recipient") == 1


def test_a_call_is_a_conversation_both_ways(kith: Kith) -> None:
    imported(kith, FIXTURES / "shruggietech__sms-backup-restore-parser__minimal_calls.xml")
    shown = json.loads(kith("show", "Alice Smith", "--json").output)
    assert [(i["channel"], i["direction"], i["summary"]) for i in shown["interactions"]] == [
        ("call", "in", "Phone call, 2 min")
    ]


def test_an_sms_backup_needs_no_address_of_yours(kith: Kith) -> None:
    code, _ = imported(kith, FIXTURES / "devadvance__sms-backup-reader-2__sms_small.xml")
    assert code == 0
    assert people(kith) == [("Contact A", 1), ("Contact C", 1)]


def test_phone_numbers_take_the_users_region(kith: Kith, tmp_path: Path) -> None:
    kith("config", "set", "phone.default_region", "GB")
    text = (
        "<?xml version='1.0' encoding='UTF-8'?>\n<smses count=\"2\">\n"
        '<sms address="07700 900123" date="1709000000000" type="1" contact_name="Ada" />\n'
        '<sms address="07700900123" date="1709000060000" type="2" contact_name="Ada" />\n'
        "</smses>\n"
    )
    imported(kith, write(tmp_path, "sms-1.xml", text))
    shown = json.loads(kith("show", "Ada", "--json").output)
    assert shown["person"]["phones"] == ["+447700900123"]


def test_your_own_phone_number_tells_your_side_of_a_chat(kith: Kith) -> None:
    kith("config", "set", "me.phones", "+41 012 345 67 89")
    code, report = imported(kith, FIXTURES / "Pustur__whatsapp-chat-parser__short-chat.txt")
    assert (code, report["created"], report["ignored"]) == (
        0,
        {},
        {
            "WhatsApp system line (encryption notice)": 1,
            "WhatsApp system line (group change)": 1,
            ONLY_YOU_WROTE: 1,
        },
    )
    seen = json.loads(kith("seen", "--json").output)["seen"]
    assert sorted((s["value"], s["n_in"]) for s in seen) == [
        ("whatsapp:sample user", 1),
        ("whatsapp:testbot", 1),
    ]


def test_undoing_a_chat_import_takes_back_its_people_and_conversations(
    kith: Kith, tmp_path: Path
) -> None:
    _, report = imported(kith, write(tmp_path, "chat.txt", CHAT), "--me", "Sam Rivera")
    undone = kith("import", "--undo", str(report["run_id"]), "--yes")
    assert undone.exit_code == 0
    assert people(kith) == []
    assert json.loads(kith("seen", "--json").output)["seen"] == []
    _, again = imported(kith, write(tmp_path, "chat.txt", CHAT), "--me", "Sam Rivera")
    assert again["created"] == {"interaction": 3, "person": 1}


def test_the_staged_planner_reads_a_chat_as_the_importer_does(
    store: Store, tmp_path: Path, kith: Kith
) -> None:
    path = write(tmp_path, "chat.txt", CHAT)
    run_id = stage_file(store, path, "whatsapp", NOW, None)
    plan = apply_staged(store, run_id, my_identities(store, ("Sam Rivera",)), "whatsapp", NOW)
    assert (len(plan.people), len(plan.interactions), dict(plan.read)) == (1, 3, {"message": 6})
    assert people(kith) == [("Ada Lovelace", 3)]


def test_an_rcs_group_thread_is_its_members_never_a_person_named_for_the_group(kith: Kith) -> None:
    imported(kith, FIXTURES / "devadvance__sms-backup-reader-2__sms_and_mms.xml")
    names = [name for name, _ in people(kith)]
    assert [n for n in names if "rcs" in n] == []
    assert "+15550000007" not in names  # the phone's own number, the sender of what it sent
    assert "+15550000009" in names  # wrote in the group, and the user answered there
