"""Issue 14's contract for chats: each flag it names (`--me` with a name or a phone number,
`--date-order`, `--keep-text`) is in `kith import --help` and in docs/cli.md's chat section,
each with an example command a user can copy."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Kith

CLI_MD = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
# what each example must hold, per flag the issue names
FLAGS = {
    "--me NAME": '--me "Sam Rivera"',
    "--me PHONE": "--me +447700900123",
    "--date-order": "--date-order dmy",
    "--keep-text": "--keep-text",
}


BY_NAME = 'kith import "WhatsApp Chat with Ada.zip" --me "Sam Rivera" --date-order dmy'
BY_PHONE = 'kith import "WhatsApp Chat with Ada.txt" --me +447700900123 --keep-text'


def examples(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("kith import ")]


def test_the_import_help_gives_an_example_of_each_chat_flag(kith: Kith) -> None:
    lines = examples(kith("import", "--help").output)
    assert {flag: [line for line in lines if shown in line] for flag, shown in FLAGS.items()} == {
        "--me NAME": [BY_NAME],
        "--me PHONE": [BY_PHONE],
        "--date-order": [BY_NAME],
        "--keep-text": [BY_PHONE],
    }


def test_the_chat_section_of_docs_cli_md_gives_an_example_of_each_chat_flag() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    start = text.index("### Chats: WhatsApp, Telegram")
    section = text[start : text.index("\n## ", start)]
    lines = examples(section)
    assert [flag for flag, shown in FLAGS.items() if not any(shown in line for line in lines)] == []
    assert lines == [
        BY_NAME,
        BY_PHONE,
        "kith import sms-20240301120000.xml calls-20240301120000.xml",
        "kith import ~/Downloads/Telegram/DataExport_2024-03-01/result.json",
        "kith import ~/Downloads/facebook-you/messages/inbox/ada_123/message_1.json",
    ]
