"""When `kith import` on a terminal asks which side is the user (services.imports.needs_me):
only when a file needs it and nothing tells Kith already."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kith.services.imports import needs_me
from kith.store import Store
from tests.conftest import NOW

CHAT = "20/03/2024, 21:05 - Ada Lovelace: Are you free?\n20/03/2024, 21:06 - Sam Rivera: Yes\n"


def test_a_whatsapp_chat_whose_file_name_says_whom_it_is_with_needs_no_question(
    store: Store, tmp_path: Path
) -> None:
    named = tmp_path / "WhatsApp Chat with Ada Lovelace.txt"
    named.write_text(CHAT, encoding="utf-8")
    assert needs_me(store, [named], None, NOW) is None


def test_a_whatsapp_chat_under_another_name_and_a_mailbox_need_the_users_side(
    store: Store, tmp_path: Path
) -> None:
    other = tmp_path / "chat.txt"
    other.write_text(CHAT, encoding="utf-8")
    mailbox = Path(__file__).parent / "fixtures" / "mail" / "quoting.mbox"
    assert [needs_me(store, [path], None, NOW) for path in (other, mailbox)] == ["whatsapp", "mbox"]
    store.meta.set_setting("me.name", "Sam Rivera")
    assert needs_me(store, [other], None, NOW) is None


def test_a_calendar_of_meetings_all_to_come_needs_no_question_and_one_held_does(
    store: Store,
) -> None:
    """weblows: the web's Import page asked for the user's addresses before a calendar of
    meetings to come, which `kith import` imported without --me. A meeting to come is matched
    only to people Kith knows, so who the user is decides nothing."""
    calendars = Path(__file__).parent / "fixtures" / "ics"
    to_come, held = calendars / "upcoming_with_alarm.ics", calendars / "people.ics"
    assert [needs_me(store, [path], None, NOW) for path in (to_come, held)] == [None, "ics"]
    assert needs_me(store, [to_come], None, datetime(2030, 1, 1, tzinfo=UTC)) == "ics"
