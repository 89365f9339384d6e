"""A mailbox's account counts a message as imported when a later reply in the same file made
its correspondent a person and the message an interaction (found trying Kith as a new user:
"found: 2 records: 1 imported, 1 one-way so far (kith seen)" beside "created: 2 interactions",
while a chat export of the same exchange said "2 imported")."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

EXCHANGE = """\
From sam@example.org Mon Jan  1 10:00:00 2024
From: Sam <sam@example.org>
To: Ada <ada@example.org>
Subject: hi
Date: Mon, 1 Jan 2024 10:00:00 +0000
Message-ID: <p1@example.org>

hello

From ada@example.org Mon Jan  1 11:00:00 2024
From: Ada <ada@example.org>
To: <sam@example.org>
Subject: re
Date: Mon, 1 Jan 2024 11:00:00 +0000
Message-ID: <p2@example.org>

hi

"""


def test_a_message_a_later_reply_made_two_way_is_accounted_as_imported(
    kith: Kith, tmp_path: Path
) -> None:
    mailbox = tmp_path / "archive.mbox"
    mailbox.write_text(EXCHANGE, encoding="utf-8")
    found = json.loads(kith("import", str(mailbox), "--me", "sam@example.org", "--json").stdout)
    report = found["imports"][0]
    assert report["created"] == {"interaction": 2, "person": 1}
    assert (report["found"], report["accounted"]) == (
        2,
        {"imported": 2, "known": 0, "one_way": 0, "ignored": 0, "skipped": 0},
    )
