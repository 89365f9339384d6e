"""A draft's channel follows how the person is reachable and how you talk; a reply fits what
they last did (a call is not a message)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Kith

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
    assert drafted.startswith("Subject: Re: your call\n")
    assert "Thank you for your call." in drafted
    assert "your message" not in drafted


@pytest.mark.parametrize(
    ("channel", "thanks", "subject"),
    [
        ("email", "Thank you for your e-mail.", "Re: your e-mail"),
        ("message", "Thank you for your message.", "Re: your message"),
        ("social", "Thank you for your message.", "Re: your message"),
        ("call", "Thank you for your call.", "Re: your call"),
        ("video", "Thank you for the video call.", "Re: the video call"),
        ("in_person", "Thank you for meeting up.", "Re: meeting up"),
        ("coffee", "Thank you for meeting up.", "Re: meeting up"),
        ("event", "Thank you for the chat at the event.", "Re: the chat at the event"),
    ],
)
def test_a_reply_names_what_they_last_did(
    kith: Kith, channel: str, thanks: str, subject: str
) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org")
    marker = "zqxprivate"
    logged = kith(
        "log", "Grace", f"{marker} summary", "-c", channel, "-d", "in", "--notes", f"{marker} notes"
    )
    assert logged.exit_code == 0, logged.output
    shown = json.loads(
        kith("draft", "Grace", "--kind", "reply", "--channel", "email", "--json").output
    )
    assert shown["subject"] == subject
    assert shown["draft"] == f"Hi Grace,\n\n{thanks} [your reply]"
    assert marker not in json.dumps(shown)


def test_a_reply_after_meeting_up_about_a_topic_reads_as_one_sentence(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--phone", "+447700900123")
    kith("log", "Grace", "lunch", "-c", "coffee", "-d", "in", "-t", "compilers for COBOL")
    drafted = kith("draft", "Grace", "--kind", "reply", "--channel", "message").output
    assert (
        drafted == "Hi Grace,\nThank you for meeting up about compilers for COBOL. [your reply]\n"
    )
