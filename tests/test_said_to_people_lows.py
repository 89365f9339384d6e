"""What Kith says to people, the last small misjudgements of session 16's trial (its LOWs): a
name typed in lower case or opening with an initial is greeted as a person would write it, a
first meeting's draft reads as one, a noun phrase ending in "plans" is a topic, and the ask of a
warm path goes the way a draft to them goes."""

from __future__ import annotations

import json

from tests.conftest import Kith


def test_a_path_ask_to_someone_with_only_a_phone_number_is_a_text_message(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--phone", "+44 7700 900123")
    kith("want", "Linus Torvalds")
    kith("knows", "Grace", "Linus")
    output = kith("path", "Linus").output
    assert "Ask Grace Hopper first (message):\nHi Grace,\n" in output
    assert "Subject:" not in output
    asked = json.loads(kith("path", "Linus", "--json").output)["ask"]
    assert (asked["channel"], asked["subject"]) == ("message", None)
    assert kith("draft", "Grace", "--json").output.count('"channel": "message"') == 1


def test_a_path_ask_to_someone_with_an_address_stays_an_e_mail_unless_asked(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org", "--phone", "+44 7700 900123")
    kith("want", "Linus Torvalds")
    kith("knows", "Grace", "Linus")
    assert "Ask Grace Hopper first (email):\n" in kith("path", "Linus").output
    texted = kith("path", "Linus", "--channel", "message").output
    assert "Ask Grace Hopper first (message):\n" in texted
