"""What Kith says to people, the last small misjudgements of session 16's trial (its LOWs): a
name typed in lower case or opening with an initial is greeted as a person would write it, a
first meeting's draft reads as one, a noun phrase ending in "plans" is a topic, and the ask of a
warm path goes the way a draft to them goes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.drafts.greeting import first_name
from kith.drafts.phrases import topic, topic_withheld
from kith.names import split_name
from tests.conftest import Kith
from tests.web_support import csrf_of, web_client

SENTENCE = (
    'drafts say "our chat about …", which needs a noun phrase such as "the Postgres migration", '
    "not a sentence"
)


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


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("🍀 St Patrick's parade plans 🎉", "🍀 St Patrick's parade plans"),
        ("her summer plans", "your summer plans"),
        ("the peace talks", "the peace talks"),
        ("wedding plans for June", "wedding plans for June"),
        ("Christmas plans", "Christmas plans"),
    ],
)
def test_a_noun_phrase_ending_in_plans_is_a_topic_said_as_given(phrase: str, said: str) -> None:
    assert topic(phrase) == said
    assert topic_withheld(phrase) is None


@pytest.mark.parametrize("phrase", ["she plans a trip", "the team plans a launch", "works at Acme"])
def test_a_verb_spelt_like_a_plural_noun_still_makes_a_sentence(phrase: str) -> None:
    assert topic(phrase) is None
    assert topic_withheld(phrase) == SENTENCE


@pytest.mark.parametrize("phrase", ["Ramadan plans", "Eid plans", "his bar mitzvah", "Diwali"])
def test_a_religious_observance_is_withheld_as_personal_not_as_a_sentence(phrase: str) -> None:
    assert topic(phrase) is None
    assert topic_withheld(phrase) == "it touches on something personal, which is theirs to share"


def test_logging_ramadan_plans_says_the_right_reason_and_a_parade_is_said_back(
    kith: Kith,
) -> None:
    kith("add", "Tom Becker", "--email", "tom@example.org")
    logged = kith("log", "Tom", "call", "-c", "call", "-t", "Ramadan plans")
    assert logged.stderr == (
        "Drafts will not quote the topic 'Ramadan plans': it touches on something personal, "
        "which is theirs to share. It is kept.\n"
    )
    logged = kith("log", "Tom", "call", "-c", "call", "-t", "🍀 St Patrick's parade plans 🎉")
    assert logged.stderr == ""
    drafted = kith("draft", "Tom", "--kind", "checkin", "--channel", "message").output
    assert "I enjoyed our chat about 🍀 St Patrick's parade plans. No need" in drafted


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("dr. amy o'neil-smith", "Amy"),
        ("mary-jane watson", "Mary-Jane"),
        ("🌻 sunny", "Sunny"),
        ('robert "bob" smith', "Bob"),
        ("жанна иванова", "Жанна"),
        ("νίκος παπαδόπουλος", "Νίκος"),
        ("ǆemal bijedić", "ǅemal"),
        ("ilkay gündoğan", "İlkay"),
        ("ılgaz", "Ilgaz"),
    ],
)
def test_a_name_typed_in_lower_case_is_greeted_with_a_capital(name: str, greeted: str) -> None:
    assert first_name(name, split_name(name)[0]) == greeted
    assert first_name(name) == greeted


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("გიორგი ბერიძე", "გიორგი"),  # Georgian writes no capitals in a name
        ("محمد علي", "محمد"),
        ("de la cruz", "de la cruz"),  # a family name's particles are not a given name
        ("van der berg", "van der berg"),
        ("JOHN SMITH", "JOHN"),
        ("Ana McKay", "Ana"),
        ("bell hooks", "Bell"),
    ],
)
def test_only_a_name_all_in_lower_case_of_a_script_with_capitals_is_capitalised(
    name: str, greeted: str
) -> None:
    assert first_name(name, split_name(name)[0]) == greeted


def test_a_nickname_is_said_as_it_was_given() -> None:
    assert first_name("bell hooks", "bell", "bell") == "bell"


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("P. Natarajan", "P. Natarajan"),
        ("Dr. P. Natarajan", "P. Natarajan"),
        ("Natarajan, P.", "P. Natarajan"),
        ("p. natarajan", "P. Natarajan"),
        ("X Æ A-12", "X Æ A-12"),
        ("J. Robert Oppenheimer", "Robert"),
        ("F Scott Fitzgerald", "Scott"),
        ("Mary J. Blige", "Mary"),
        ("j van der berg", "J van der Berg"),
        ("王 伟", "王 伟"),
    ],
)
def test_a_given_name_that_is_an_initial_is_never_greeted_alone(name: str, greeted: str) -> None:
    assert first_name(name, split_name(name)[0]) == greeted
    assert first_name(name) == greeted


def test_a_claim_note_greets_a_name_typed_in_lower_case_with_a_capital(kith: Kith) -> None:
    kith("event", "add", "Local-first night", "--date", "2026-11-20")
    kith("met", "dr. amy o'neil-smith", "--at", "Local-first night")
    kith("met", "P. Natarajan", "--at", "Local-first night")
    claimed = kith("claim").output
    assert "Hi Amy, good to meet you at Local-first night." in claimed
    assert "Hi P. Natarajan, good to meet you at Local-first night." in claimed
    assert "Hi amy" not in claimed
    assert "Hi P," not in claimed


GOOD_TO_MEET = "Hi Amy, good to meet you. I'd like to stay in touch.\n"


def test_after_met_someone_new_on_the_phone_their_draft_reads_as_a_first_meeting(
    kith: Kith, db_path: Path
) -> None:
    kith("config", "set", "me.name", "Sam")
    with web_client(db_path) as client:
        typed = {"who": "Amy Lee", "channel": "in_person", "what": "SECRET chat at the gym"}
        logged = client.post("/log", data={"csrf": csrf_of(client), "new": "yes"} | typed)
        assert logged.status_code == 200
        page = client.get("/people/1").text
    assert "good to meet you." in page
    assert "You came to mind today" not in page
    assert kith("draft", "Amy", "--channel", "message").output == GOOD_TO_MEET
    drafted = kith("draft", "Amy", "--json").output
    assert '"kind": "claim"' in drafted
    assert "SECRET" not in drafted  # the page shows how you met to you, the draft does not


def test_adding_someone_with_where_you_met_and_logging_the_meeting_drafts_a_first_meeting(
    kith: Kith,
) -> None:
    kith("add", "Amy Lee", "--phone", "+44 7700 900111", "--met-where", "the climbing gym")
    kith("log", "Amy", "met at the gym")
    assert kith("draft", "Amy").output == (
        "Hi Amy, good to meet you in the climbing gym. I'd like to stay in touch.\n"
    )


def test_a_first_meeting_draft_ends_with_a_second_interaction_an_old_acquaintance_or_time(
    kith: Kith,
) -> None:
    kith("add", "Amy Lee", "--phone", "+44 7700 900111", "--met", "the gym")
    kith("log", "Amy", "met at the gym", "--when", "2026-11-20")
    assert kith("draft", "Amy").output.startswith("Hi Amy, good to meet you.")
    kith("log", "Amy", "a text", "--channel", "message", "--when", "2026-11-21")
    assert kith("draft", "Amy").output.startswith("Hi Amy,\nYou came to mind today")
    kith("add", "Bo Old", "--phone", "+44 7700 900112", "--met", "school")
    kith("edit", "Bo", "--known-since", "2001-09-01")
    kith("log", "Bo", "coffee", "--when", "2026-11-20")
    assert kith("draft", "Bo").output.startswith("Hi Bo,\nYou came to mind today")
    kith("add", "Cy Long", "--phone", "+44 7700 900113", "--met", "the gym")
    kith("log", "Cy", "met at the gym", "--when", "2026-09-01")
    assert kith("draft", "Cy").output.startswith("Hi Cy,\nYou came to mind today")


def test_someone_in_your_contacts_long_before_a_first_logged_coffee_gets_a_check_in(
    kith: Kith, db_path: Path
) -> None:
    """Session 17 (lows3): a meeting logged with `kith log` makes a first meeting without
    `--met`, but not for a card made long before it (an address book imported in the spring)."""
    kith("--now", "2026-03-01T10:00", "add", "Bo Old", "--phone", "+44 7700 900112")
    kith("log", "Bo", "coffee", "--when", "2026-11-20")
    assert kith("draft", "Bo").output.startswith("Hi Bo,\nYou came to mind today")


def test_someone_met_at_an_event_with_kith_met_gets_the_claim_note_as_their_draft(
    kith: Kith,
) -> None:
    kith("event", "add", "Local-first night", "--date", "2026-11-20")
    kith("met", "Cara Tan", "--at", "Local-first night", "--about", "her talk on sync engines")
    assert kith("draft", "Cara").output == (
        "Subject: Good to meet you at Local-first night\n\n"
        "Hi Cara, good to meet you at Local-first night. I enjoyed your talk on sync engines. "
        "I'd like to stay in touch.\n"
    )
