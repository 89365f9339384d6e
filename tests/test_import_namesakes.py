"""People an import creates under the full name of someone already known are queued for
`kith merge` to decide, whichever importer made them (issue 17: same-name people are queued);
a chat's name that is exactly one known person's joins them instead (issue 14). Found by trying
Kith as a new user: "Jonas Weber" from a WhatsApp export and "Jonas Weber" from the phone's SMS
backup were two people, and `kith merge --list` said there was nothing to review."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

CHAT = """\
12/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
12/03/2024, 21:07 - Sam Rivera: Yes!
20/03/2024, 18:00 - Sam Rivera: Thanks for Friday
"""
SMS = """\
<?xml version='1.0' encoding='UTF-8'?>
<smses count="2">
<sms address="+447700900123" date="1709000000000" type="1" contact_name="Ada Lovelace" />
<sms address="+447700900123" date="1709000060000" type="2" contact_name="Ada Lovelace" />
</smses>
"""


def review(kith: Kith) -> list[tuple[str, str, str]]:
    listed = json.loads(kith("merge", "--list", "--json").output)
    return [(c["a"]["name"], c["b"]["name"], c["reason"]) for c in listed["candidates"]]


def test_a_chat_and_an_sms_backup_naming_one_person_queue_the_two_for_review(
    kith: Kith, tmp_path: Path
) -> None:
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "sms-1.xml").write_text(SMS, encoding="utf-8")
    kith("import", str(tmp_path / "chat.txt"), "--me", "Sam Rivera")
    imported = json.loads(kith("import", str(tmp_path / "sms-1.xml"), "--json").output)
    assert imported["imports"][0]["to_review"] == 1
    assert review(kith) == [("Ada Lovelace", "Ada Lovelace", "the same name")]


def test_a_person_added_by_hand_is_joined_by_a_chat_of_that_name_however_often_imported(
    kith: Kith, tmp_path: Path
) -> None:
    """A chat name that is one known person's full name joins them (test_chat_names_known)."""
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    kith("import", str(tmp_path / "chat.txt"), "--me", "Sam Rivera")
    again = json.loads(
        kith("import", str(tmp_path / "chat.txt"), "--me", "Sam Rivera", "--json").output
    )
    assert again["imports"][0]["to_review"] == 0
    assert review(kith) == []
    listed = json.loads(kith("list", "--json").output)
    assert [(p["name"], p["interaction_count"]) for p in listed["people"]] == [("Ada Lovelace", 2)]
