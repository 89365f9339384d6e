"""A chat file of the kind named in which no record at all could be read is an error that says
what Kith expected there, reader by reader; a valid export that holds nothing says it is empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.sources.registry import HOLDS
from tests.conftest import Kith

NOTHING = {
    "whatsapp": (
        "chat.txt",
        "hello, this is not a chat\n",
        "a WhatsApp 'Export chat' text: a line per message such as '31/12/2023, 21:05 - Ada: "
        "text' (Android) or '[31.12.23, 21:05:10] Ada: text' (iPhone), as a .txt or a .zip with "
        "_chat.txt",
    ),
    "signal": (
        "signal.txt",
        "Ada: hello\n",
        "a Signal transcript: a line per message such as '[2019-12-24, 12:23] Ada: text'",
    ),
    "telegram": (
        "result.json",
        '{"name": "Ada", "type": "personal_chat"}',
        'a Telegram Desktop export in JSON: result.json with a chat\'s "messages", or an '
        'account\'s "chats": {"list": [...]}, each message with a "date" and a "from_id"',
    ),
    "messenger": (
        "message_1.json",
        '{"participants": [{"name": "Ada"}], "title": "Ada"}',
        'a Messenger message_1.json from "Download your information" (JSON): "participants" '
        'and a "messages" list, each with "sender_name" and "timestamp_ms"',
    ),
    "sms-backup": (
        "sms.xml",
        '<?xml version="1.0"?>\n<html><sms date="1709000000000" address="+4477009" /></html>\n',
        "an SMS Backup & Restore XML file: <smses> holding <sms> and <mms> entries, or <calls> "
        "holding <call> entries, each with a date",
    ),
}
EMPTY = {
    "telegram": (
        "result.json",
        '{"name": "Ada", "type": "personal_chat", "id": 1, "messages": []}',
    ),
    "messenger": ("message_1.json", '{"participants": [{"name": "Ada"}], "messages": []}'),
    "sms-backup": ("sms.xml", "<?xml version='1.0' encoding='UTF-8' ?>\n<smses count=\"0\" />\n"),
}


@pytest.mark.parametrize("kind", sorted(NOTHING))
def test_a_file_with_nothing_to_read_as_a_chat_kind_is_an_error_saying_what_was_expected(
    kith: Kith, tmp_path: Path, kind: str
) -> None:
    name, text, expected = NOTHING[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for flags in (("--dry-run",), ()):
        result = kith("import", str(path), "--as", kind, "--me", "Sam Rivera", *flags)
        assert (result.exit_code, result.stderr) == (
            1,
            f"Error: {path}: no record could be read from it as {kind}; Kith expected "
            f"{expected}. Nothing was imported.\n",
        )
    assert json.loads(kith("imports", "--json").stdout)["runs"] == []


@pytest.mark.parametrize("kind", sorted(EMPTY))
def test_a_valid_chat_export_with_no_message_says_it_holds_none_and_nothing_changed(
    kith: Kith, tmp_path: Path, kind: str
) -> None:
    name, text = EMPTY[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = kith("import", str(path), "--as", kind, "--me", "Sam Rivera")
    assert (result.exit_code, result.output.splitlines()[:2]) == (
        0,
        [
            f"Imported {path} as {kind}:",
            f"  found:     nothing: {name} holds no {HOLDS[kind]}, so nothing changed; export it "
            f"again with its {HOLDS[kind]} in it",
        ],
    )
