"""A mailbox's account counts a message as imported when a later reply in the same file made
its correspondent a person and the message an interaction (found trying Kith as a new user:
"found: 2 records: 1 imported, 1 one-way so far (kith seen)" beside "created: 2 interactions",
while a chat export of the same exchange said "2 imported")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Kith


def mail_exchange(day: str) -> str:
    """An mbox of two messages on `day` ("1 Jan 2024"): Sam writes to Ada, an hour later she
    answers."""
    messages = [
        ("sam", "Sam", "ada", "10", "hello"),
        ("ada", "Ada", "sam", "11", "hi"),
    ]
    return "".join(
        f"From {a}@example.org Mon Jan  1 {hour}:00:00 2024\nFrom: {name} <{a}@example.org>\n"
        f"To: <{b}@example.org>\nSubject: {text}\nDate: {day} {hour}:00:00 +0000\n"
        f"Message-ID: <{a}-{hour}@example.org>\n\n{text}\n\n"
        for a, name, b, hour, text in messages
    )


def imported_exchange(kith: Kith, tmp_path: Path, day: str) -> dict[str, Any]:
    """The import report of `mail_exchange(day)`, Sam being the user."""
    mailbox = tmp_path / "archive.mbox"
    mailbox.write_text(mail_exchange(day), encoding="utf-8")
    found = json.loads(kith("import", str(mailbox), "--me", "sam@example.org", "--json").stdout)
    report: dict[str, Any] = found["imports"][0]
    return report


def test_a_message_a_later_reply_made_two_way_is_accounted_as_imported(
    kith: Kith, tmp_path: Path
) -> None:
    report = imported_exchange(kith, tmp_path, "1 Jan 2024")
    assert report["created"] == {"interaction": 2, "person": 1}
    assert (report["found"], report["accounted"]) == (
        2,
        {"imported": 2, "known": 0, "one_way": 0, "ignored": 0, "skipped": 0},
    )
