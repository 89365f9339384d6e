"""When `kith import` on a terminal asks which side is the user (services.imports.needs_me):
only when a file needs it and nothing tells Kith already."""

from __future__ import annotations

from pathlib import Path

from kith.services.imports import needs_me
from kith.store import Store

CHAT = "20/03/2024, 21:05 - Ada Lovelace: Are you free?\n20/03/2024, 21:06 - Sam Rivera: Yes\n"


def test_a_whatsapp_chat_whose_file_name_says_whom_it_is_with_needs_no_question(
    store: Store, tmp_path: Path
) -> None:
    named = tmp_path / "WhatsApp Chat with Ada Lovelace.txt"
    named.write_text(CHAT, encoding="utf-8")
    assert needs_me(store, [named], None) is None


def test_a_whatsapp_chat_under_another_name_and_a_mailbox_need_the_users_side(
    store: Store, tmp_path: Path
) -> None:
    other = tmp_path / "chat.txt"
    other.write_text(CHAT, encoding="utf-8")
    mailbox = Path(__file__).parent / "fixtures" / "mail" / "quoting.mbox"
    assert [needs_me(store, [path], None) for path in (other, mailbox)] == ["whatsapp", "mbox"]
    store.meta.set_setting("me.name", "Sam Rivera")
    assert needs_me(store, [other], None) is None
