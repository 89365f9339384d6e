"""`kith import --keep-text`: a chat's message text is stored only when asked, each
conversation's in its interaction's notes, and no draft ever quotes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.cli.week.drafts import DRAFT_CHANNELS
from kith.drafts.render import KINDS
from tests.conftest import Kith

CHAT = """\
12/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
12/03/2024, 21:07 - Sam Rivera: Yes! Bring the
analytical engine notes
12/03/2024, 21:09 - Ada Lovelace: Great
14/03/2024, 09:00 - Ada Lovelace: Running late
"""
SMS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="3">
  <sms address="+447700900123" date="1709000000000" type="1" body="Dinner at eight?" contact_name="Ada" />
  <sms address="+447700900123" date="1709000060000" type="2" body="See you there" contact_name="Ada" />
  <mms date="1709000120000" msg_box="2" address="+447700900123">
    <parts><part ct="application/smil" text="&lt;smil/&gt;" /><part ct="text/plain" text="Bringing wine" /></parts>
  </mms>
</smses>
"""  # noqa: E501
TELEGRAM = {
    "name": "Ada Lovelace",
    "type": "personal_chat",
    "id": 4242,
    "messages": [
        {"id": 1, "type": "message", "date": "2024-02-27T10:00:00", "from": "Ada Lovelace",
         "from_id": "user4242", "text": ["Read ", {"type": "bold", "text": "this"}, " paper"]},
        {"id": 2, "type": "message", "date": "2024-02-27T10:01:00", "from": "Sam Rivera",
         "from_id": "user1", "text": "Thanks Ada"},
    ],
}  # fmt: skip
MESSENGER = {
    "participants": [{"name": "Zo\u00c3\u00ab Lovelace"}, {"name": "Sam Rivera"}],
    "title": "Zo\u00c3\u00ab Lovelace",
    "messages": [
        {"sender_name": "Sam Rivera", "timestamp_ms": 1709000060000, "content": "Caf\u00c3\u00a9?"},
        {"sender_name": "Zo\u00c3\u00ab Lovelace", "timestamp_ms": 1709000000000,
         "content": "Hello"},
    ],
}  # fmt: skip
SECRETS = ("free on Friday", "analytical engine", "Running late", "Bring the")


def imported(kith: Kith, path: Path, *flags: str) -> dict[str, object]:
    result = kith("import", str(path), "--json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["imports"][0]  # type: ignore[no-any-return]


def notes_of(kith: Kith, name: str) -> list[str | None]:
    shown = json.loads(kith("show", name, "--json").output)
    return [i["notes"] for i in reversed(shown["interactions"])]


def test_without_the_flag_no_message_text_is_stored(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    imported(kith, path, "--me", "Sam Rivera")
    assert notes_of(kith, "Ada Lovelace") == [None, None]
    for secret in SECRETS:
        assert secret.encode() not in db_path.read_bytes()


def test_a_whatsapp_conversations_text_becomes_its_interactions_notes(
    kith: Kith, tmp_path: Path
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    imported(kith, path, "--me", "Sam Rivera", "--keep-text")
    assert notes_of(kith, "Ada Lovelace") == [
        "2024-03-12 21:05 Ada Lovelace: Are you free on Friday?\n"
        "2024-03-12 21:07 Sam Rivera: Yes! Bring the\n"
        "  analytical engine notes\n"
        "2024-03-12 21:09 Ada Lovelace: Great",
        "2024-03-14 09:00 Ada Lovelace: Running late",
    ]


def test_sms_telegram_and_messenger_text_is_kept_when_asked(kith: Kith, tmp_path: Path) -> None:
    sms = tmp_path / "sms-1.xml"
    sms.write_text(SMS, encoding="utf-8")
    imported(kith, sms, "--keep-text")
    assert notes_of(kith, "Ada") == [
        "2024-02-27 02:13 Ada: Dinner at eight?\n"
        "2024-02-27 02:14 you: See you there\n"
        "2024-02-27 02:15 you: Bringing wine"
    ]
    telegram = tmp_path / "result.json"
    telegram.write_text(json.dumps(TELEGRAM), encoding="utf-8")
    imported(kith, telegram, "--me", "Sam Rivera", "--keep-text")
    assert notes_of(kith, "Ada Lovelace") == [
        "2024-02-27 10:00 Ada Lovelace: Read this paper\n2024-02-27 10:01 Sam Rivera: Thanks Ada"
    ]
    messenger = tmp_path / "message_1.json"
    messenger.write_text(json.dumps(MESSENGER), encoding="utf-8")
    imported(kith, messenger, "--keep-text")
    assert notes_of(kith, "Zoë Lovelace") == [
        "2024-02-27 02:13 Zoë Lovelace: Hello\n2024-02-27 02:14 Sam Rivera: Café?"
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_no_draft_for_someone_whose_chat_text_was_kept_quotes_any_of_it(
    kith: Kith, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    imported(kith, path, "--me", "Sam Rivera", "--keep-text")
    kith("config", "set", "me.name", "Sam Rivera")
    for channel in DRAFT_CHANNELS:
        result = kith("draft", "Ada Lovelace", "--kind", kind, "--channel", channel, "--json")
        drafted = result.output
        assert result.exit_code in (0, 1), drafted
        for secret in SECRETS:
            assert secret not in drafted
    plan = kith("plan", "--drafts").output
    for secret in SECRETS:
        assert secret not in plan


def test_a_media_placeholder_counts_as_a_message_but_is_not_kept_as_text(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        CHAT.replace("Great", "<Media omitted>").replace("Running late", "\u200eimage omitted"),
        encoding="utf-8",
    )
    report = imported(kith, chat, "--me", "Sam Rivera", "--keep-text")
    assert report["read"] == {"message": 4}
    assert notes_of(kith, "Ada Lovelace") == [
        "2024-03-12 21:05 Ada Lovelace: Are you free on Friday?\n"
        "2024-03-12 21:07 Sam Rivera: Yes! Bring the\n"
        "  analytical engine notes",
        None,
    ]


def test_an_sms_of_several_lines_is_indented_as_a_transcript_is(kith: Kith, tmp_path: Path) -> None:
    backup = tmp_path / "sms.xml"
    backup.write_text(SMS.replace("See you there", "See you there&#10;with the wine"), "utf-8")
    imported(kith, backup, "--keep-text")
    assert notes_of(kith, "Ada") == [
        "2024-02-27 02:13 Ada: Dinner at eight?\n"
        "2024-02-27 02:14 you: See you there\n"
        "  with the wine\n"
        "2024-02-27 02:15 you: Bringing wine"
    ]
