"""A whole Telegram account's `contacts` and `frequent_contacts`. The contact list is the user's
address book (a name and a phone number each, and the Telegram id when the contact is on
Telegram): a contact who writes in the export's chats is a person with their number and their
Telegram id, matched by phone to someone known as a vCard's card is; the other contacts are
counted and ignored (the phone's contacts come in as vCards). `frequent_contacts` is Telegram's
rating of whom the user writes to most, not a person: each entry is counted and ignored. Both
schemas: today's (`"user42"` ids, the contact's `user_id`) and 2020's (numeric ids, no
`user_id`: the contact's Telegram id is that of the one chat writer of the same name)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.model import Identity
from kith.records import ExchangeRecord, Ignored, PersonRecord, Tally
from kith.sources import registry, telegram
from tests.conftest import NOW, Kith

FIXTURES = Path(__file__).parent / "fixtures" / "chat"
CURRENT = FIXTURES / "telegram-account.json"
SCHEMA_2020 = FIXTURES / "telegram-account-2020.json"
BOTH = pytest.mark.parametrize("path", [CURRENT, SCHEMA_2020], ids=["current", "2020"])
NOT_A_CONTACT = "Telegram frequent-contacts rating (whom you write to most, not a contact)"
DELETED = "Telegram contact with neither a name nor a phone number"
NO_CHAT = "Telegram contact not in these chats (import your phone's contacts as a vCard)"


@BOTH
def test_a_contact_who_writes_in_the_chats_is_a_person_with_their_phone_and_telegram_id(
    path: Path,
) -> None:
    assert registry.detect(path) == "telegram"
    people = [r for r in telegram.read(path, NOW) if isinstance(r, PersonRecord)]
    assert people == [
        PersonRecord(
            source_id="telegram:contact:42",
            name="Ada Lovelace",
            given_name="Ada",
            family_name="Lovelace",
            identities=(
                Identity("phone", "", "+44 7700 900042"),
                Identity("handle", "telegram:42", "telegram:42"),
            ),
        ),
    ]


@BOTH
def test_other_contacts_and_frequent_contacts_are_counted_and_ignored_with_their_reasons(
    path: Path,
) -> None:
    records = list(telegram.read(path, NOW))
    rest = [r for r in records if not isinstance(r, PersonRecord | ExchangeRecord)]
    assert rest == [
        Ignored(NO_CHAT),
        Ignored(DELETED),
        Ignored(NOT_A_CONTACT),
        Ignored(NOT_A_CONTACT),
        Tally("message", 2),
    ]


def imported(kith: Kith, path: Path) -> dict[str, object]:
    result = kith("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)["imports"][0]
    return report


@BOTH
def test_an_account_import_makes_a_person_of_the_contact_it_logs_the_chat_with(
    kith: Kith, path: Path
) -> None:
    report = imported(kith, path)
    assert (report["created"], report["ignored"]) == (
        {"person": 1, "interaction": 1},
        {NO_CHAT: 1, DELETED: 1, NOT_A_CONTACT: 2},
    )
    assert (report["found"], report["accounted"]) == (
        6,
        {"imported": 2, "known": 0, "one_way": 0, "ignored": 4, "skipped": 0},
    )
    listed = json.loads(kith("list", "--json").output)["people"]
    assert [(p["name"], p["interaction_count"]) for p in listed] == [("Ada Lovelace", 1)]
    shown = json.loads(kith("show", "Ada Lovelace", "--json").output)["person"]
    assert sorted((i["kind"], i["value"]) for i in shown["identities"]) == [
        ("handle", "telegram:42"),
        ("phone", "+447700900042"),
    ]


@BOTH
def test_importing_the_account_again_finds_every_contact_known(kith: Kith, path: Path) -> None:
    imported(kith, path)
    again = imported(kith, path)
    assert (again["created"], again["updated"], again["accounted"]) == (
        {},
        {},
        {"imported": 0, "known": 2, "one_way": 0, "ignored": 4, "skipped": 0},
    )


def test_a_contact_already_known_by_phone_is_that_person_not_a_new_one(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--phone", "+44 7700 900042")
    report = imported(kith, CURRENT)
    assert (report["created"], report["updated"]) == ({"interaction": 1}, {"person": 1})
    listed = json.loads(kith("list", "--json").output)["people"]
    assert [(p["name"], p["interaction_count"]) for p in listed] == [("Ada Lovelace", 1)]


def test_an_account_export_with_contacts_and_no_chat_accounts_for_them_not_refused(
    kith: Kith, tmp_path: Path
) -> None:
    account = json.loads(CURRENT.read_text(encoding="utf-8"))
    account["chats"] = {"list": []}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(account), encoding="utf-8")
    report = imported(kith, path)
    assert (report["found"], report["created"], report["ignored"]) == (
        5,
        {},
        {NO_CHAT: 2, DELETED: 1, NOT_A_CONTACT: 2},
    )


def test_a_contact_a_chat_import_already_made_a_person_is_that_person_not_a_second_one(
    kith: Kith, tmp_path: Path
) -> None:
    account = json.loads(CURRENT.read_text(encoding="utf-8"))
    group = {**account["chats"]["list"][0], "type": "private_group", "name": "Tea", "id": 9}
    single = tmp_path / "group.json"
    single.write_text(json.dumps(group), encoding="utf-8")
    assert kith("import", str(single), "--me", "Sam Rivera").exit_code == 0
    report = imported(kith, CURRENT)
    assert (report["created"], report["updated"], report["to_review"]) == (
        {"interaction": 1},
        {"person": 1},
        0,
    )
    listed = json.loads(kith("list", "--json").output)["people"]
    assert [(p["name"], p["interaction_count"]) for p in listed] == [("Ada Lovelace", 2)]


def test_a_chat_whose_type_is_a_list_is_read_as_a_chat_of_no_kind_not_a_crash(
    tmp_path: Path,
) -> None:
    """Found by the importers' fuzzing in session 19's CI: `"type": [...]` made the contacts'
    reading fail with TypeError (a list looked up in a set of kinds)."""
    account = json.loads(CURRENT.read_text(encoding="utf-8"))
    for chat in account["chats"]["list"]:
        chat["type"] = ["personal_chat"]
    odd = tmp_path / "result.json"
    odd.write_text(json.dumps(account), encoding="utf-8")
    people = [r for r in telegram.read(odd, NOW) if isinstance(r, PersonRecord)]
    assert [person.name for person in people] == ["Ada Lovelace"]
