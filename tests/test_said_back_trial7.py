"""What a draft says to someone, from what a new user typed for themselves (session 18's
trial): a note after a comma in a contact's name is neither their name nor said to anyone."""

from __future__ import annotations

import json

from kith.drafts import greeting
from kith.names import split_name
from tests.conftest import Kith


def test_a_note_after_a_comma_in_a_name_is_never_said_in_an_introduction(kith: Kith) -> None:
    """Trial 7: "Hi gym, … Would you like me to introduce you to met at AA Anna?" to Mike: a
    phone's "Mike, gym" and "Anna, met at AA" were read as "Last, First"."""
    kith("add", "Mike, gym", "--phone", "+447700900111")
    kith("add", "Anna, met at AA", "--email", "anna@example.org")
    (to_mike,) = json.loads(kith("intro", "Mike", "Anna", "--json").output)["drafts"]
    assert to_mike["draft"] == (
        "Hi Mike,\nI hope you are well. Would you like me to introduce you to Anna? I think you "
        "two would enjoy meeting: [why, in one sentence you could say to both]. If you say yes, "
        "I will ask Anna too, and put you in touch only if they agree. No is a fine answer."
    )
    card = json.loads(kith("show", "Anna", "--json").output)["person"]
    assert (card["given_name"], card["family_name"]) == ("Anna", None)


def test_a_warm_path_ask_never_names_the_prospect_with_the_note_after_a_comma(
    kith: Kith,
) -> None:
    kith("add", "Grace Hopper", "--phone", "+447700900003")
    kith("want", "Linus Torvalds, kernel guy who owes Tom money")
    kith("knows", "Grace", "Linus")
    asked = kith("path", "Linus", "--channel", "email")
    assert asked.exit_code == 0
    said = asked.output.partition("Ask Grace Hopper first")[2]
    assert "Subject: An introduction to Linus Torvalds?" in said
    assert "I am hoping to meet Linus Torvalds, and I believe you know them" in said
    assert "money" not in said


def test_a_given_name_split_from_a_note_after_a_comma_before_is_not_the_greeting() -> None:
    assert greeting.first_name("Mike, gym", given="gym") == "Mike"
    assert greeting.first_name("Anna, met at AA", given="met at AA Anna") == "Anna"


def test_a_name_written_last_first_or_with_a_suffix_is_still_read_so() -> None:
    assert split_name("Castro, Ana") == ("Ana", "Castro")
    assert split_name("van der Berg, Anna Maria") == ("Anna Maria", "van der Berg")
    assert split_name("Doe, J. R.") == ("J. R.", "Doe")
    assert split_name("castro, ana") == ("ana", "castro")
    assert split_name("John Smith, Jr.") == ("John", "Smith")
    assert greeting.full_name("O'Brien, Patrick") == "Patrick O'Brien"
    assert greeting.full_name("John Smith, Jr.") == "John Smith, Jr."
    assert greeting.first_name("Smith, Sarah, PhD") == "Sarah"
