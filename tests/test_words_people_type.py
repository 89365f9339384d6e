"""Words a new user typed in the trial of session 13: a snooze's length in two words, unquoted,
and the channel as people name it (phone, text, WhatsApp)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Kith


def test_a_snooze_of_two_weeks_unquoted_is_read_as_the_quoted_words(demo: Kith) -> None:
    demo("plan")
    assert demo("snooze", "Liv Nyberg", "2", "weeks").output == (
        "Snoozed Liv Nyberg until Sun 2026-12-06.\n"
    )
    assert demo("snooze", "Ute Neumann", "next", "friday").output == (
        "Snoozed Ute Neumann until Fri 2026-11-27.\n"
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("phone", "call"),
        ("text", "message"),
        ("SMS", "message"),
        ("whatsapp", "message"),
        ("facetime", "video"),
        ("e-mail", "email"),
        ("coffee", "in_person"),
        ("call", "call"),
    ],
)
def test_a_channel_as_people_name_it_is_logged_as_the_stored_one(
    demo: Kith, typed: str, stored: str
) -> None:
    logged = demo("log", "Ute Neumann", "caught up", "--channel", typed, "--json")
    assert json.loads(logged.output)["interaction"]["channel"] == stored


def test_done_takes_the_words_for_a_channel_too(demo: Kith) -> None:
    demo("plan")
    demo("done", "Ute Neumann", "--channel", "phone")
    shown = json.loads(demo("interactions", "Ute Neumann", "--limit", "1", "--json").output)
    assert shown["interactions"][0]["channel"] == "call"


def refusal(demo: Kith, *args: str) -> str:
    """A usage error's output on one line (click wraps it), once its exit code is 2."""
    refused = demo(*args)
    assert refused.exit_code == 2
    return " ".join(refused.output.split())


def test_an_unknown_channel_lists_the_channels_and_the_words_for_them(demo: Kith) -> None:
    assert (
        "Unknown channel 'pigeon'; use one of email, message, social, call, video, in_person, "
        "event, or coffee, in-person, in person, meeting, phone, text, sms, whatsapp,"
    ) in refusal(demo, "log", "Ute Neumann", "caught up", "--channel", "pigeon")


def test_a_cadence_of_two_weeks_unquoted_is_refused_with_the_one_word_form(demo: Kith) -> None:
    assert (
        "Error: Got 'Ute Neumann weeks' where one NAME goes: quote a name of several words, and "
        "give each length as one word: --ideal 2w --max 4w."
    ) in refusal(demo, "cadence", "Ute Neumann", "--ideal", "2", "weeks")
    assert demo("cadence", "Ute Neumann", "--ideal", "2w").output == "Ute Neumann: every 14 days.\n"
