"""A chat imported before Kith knows who the user is: the refusal names the people the chat
shows, so that the user can answer with their own name as the export writes it (found trying
Kith as a new user: the message asked for "the name the export gives you" without a hint of
what that was; only a wrong --me got the list)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Kith

CHAT = """\
22/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
22/03/2024, 21:07 - Sam R.: Yes!
"""


def test_a_chat_imported_without_me_names_who_is_in_it(kith: Kith, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    result = kith("import", str(chat))
    assert result.exit_code == 1
    assert "Its first conversation names Ada Lovelace and Sam R.; give --me with yours" in (
        result.output
    )
