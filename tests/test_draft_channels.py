"""A draft's channel follows how the person is reachable and how you talk; a reply fits what
they last did (a call is not a message)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.services.week import drafts
from kith.store import open_store
from tests.conftest import NOW, Kith

SIGNAL = Path(__file__).parent / "fixtures" / "chat" / "joweich__chat-miner__test_export.txt"


def test_someone_reachable_only_on_signal_gets_a_message_not_an_email(kith: Kith) -> None:
    kith("import", str(SIGNAL), "--me", "John Doe")
    drafted = kith("draft", "Jane Doe").output
    assert "Subject:" not in drafted
    assert drafted.startswith("Hi Jane,\n")


def test_someone_with_an_address_you_last_wrote_by_email_gets_an_email(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    kith("log", "Grace", "sent the paper", "-c", "email", "-d", "out")
    assert kith("draft", "Grace").output.startswith("Subject: Checking in\n")


def test_someone_with_an_address_and_a_phone_you_last_called_gets_a_message(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org", "--phone", "+447700900123")
    kith("log", "Grace", "caught up", "-c", "call", "-d", "out")
    drafted = kith("draft", "Grace")
    assert drafted.exit_code == 0
    assert drafted.output.startswith("Hi Grace,\n")


def test_a_reply_to_an_incoming_call_thanks_them_for_the_call(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    kith("log", "Grace", "she rang", "-c", "call", "-d", "in")
    drafted = kith("draft", "Grace", "--kind", "reply", "--channel", "email").output
    assert drafted.startswith("Subject: Getting back to you\n")
    assert "Thank you for your call." in drafted
    assert "your message" not in drafted


@pytest.mark.parametrize(
    ("channel", "thanks"),
    [
        ("email", "Thank you for your e-mail."),
        ("message", "Thank you for your message."),
        ("social", "Thank you for your message."),
        ("call", "Thank you for your call."),
        ("video", "Thank you for the video call."),
        ("in_person", "Thank you for meeting up."),
        ("coffee", "Thank you for meeting up."),
        ("event", "Thank you for the chat at the event."),
    ],
)
def test_a_reply_names_what_they_last_did(kith: Kith, channel: str, thanks: str) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    marker = "zqxprivate"
    logged = kith(
        "log", "Grace", f"{marker} summary", "-c", channel, "-d", "in", "--notes", f"{marker} notes"
    )
    assert logged.exit_code == 0, logged.output
    shown = json.loads(
        kith("draft", "Grace", "--kind", "reply", "--channel", "email", "--json").output
    )
    assert shown["subject"] == "Getting back to you"  # their words logged by you are yours
    assert shown["draft"] == f"Hi Grace,\n\n{thanks} [your reply]"
    assert marker not in json.dumps(shown)


MAIL = """From grace@example.org Fri Nov 20 09:00:00 2026
From: Grace Hopper <grace@example.org>
To: Me <me@example.org>
Subject: {subject}
Date: Fri, 20 Nov 2026 09:00:00 +0000
Message-ID: <{id}@example.org>

{body}
"""


@pytest.mark.parametrize(
    ("subject", "said"),
    [
        ("Slides for Thursday", "Re: Slides for Thursday"),
        ("Re: RE: Slides for Thursday", "Re: Slides for Thursday"),
        ("", "Getting back to you"),
    ],
)
def test_a_reply_to_an_imported_email_takes_up_its_subject(
    kith: Kith, tmp_path: Path, subject: str, said: str
) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text(MAIL.format(subject=subject, id="s1", body="Could you send the slides?"))
    assert kith("import", str(mbox), "--me", "me@example.org").exit_code == 0
    shown = json.loads(kith("draft", "Grace", "--kind", "reply", "--json").output)
    assert (shown["subject"], shown["draft"]) == (
        said,
        "Hi Grace,\n\nThank you for your e-mail. [your reply]",
    )
    assert "Could you" not in json.dumps(shown)  # the message itself is never quoted


def test_an_assistant_not_shown_the_log_gets_a_reply_without_their_subject(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text(MAIL.format(subject="My visa worries", id="s2", body="Can we talk?"))
    assert kith("import", str(mbox), "--me", "me@example.org").exit_code == 0
    store = open_store(db_path)
    try:
        subjects = [
            drafts.asked_for(store, 1, "reply", None, NOW, private=private).draft.subject
            for private in (True, False)
        ]
    finally:
        store.close()
    assert subjects == ["Re: My visa worries", "Getting back to you"]


def test_a_reply_quotes_no_subject_when_the_user_logged_the_email_by_hand(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    kith("log", "Grace", "Subject: my private worry", "-c", "email", "-d", "in")
    shown = json.loads(kith("draft", "Grace", "--kind", "reply", "--json").output)
    assert shown["subject"] == "Getting back to you"


def test_a_reply_after_meeting_up_about_a_topic_reads_as_one_sentence(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--phone", "+447700900123")
    kith("log", "Grace", "lunch", "-c", "coffee", "-d", "in", "-t", "compilers for COBOL")
    drafted = kith("draft", "Grace", "--kind", "reply", "--channel", "message").output
    assert (
        drafted == "Hi Grace,\nThank you for meeting up about compilers for COBOL. [your reply]\n"
    )
