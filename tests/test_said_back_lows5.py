"""What a draft says back of what the user typed, session 19 (trial 7's leftovers): a topic's
own reaction ("lol", "🙄", "!!!", "*he cried*") is the user's, not the topic's; a label a
phone keeps in a name ("Bob DO NOT ANSWER", "Jane from work") is said to nobody; "Mr Smith"
is greeted "Hi Mr Smith,", and "Leo's mum" not "Hi Leo's,"."""

from __future__ import annotations

import json

import pytest

from kith.drafts import greeting, phrases
from kith.names import without_label
from tests.conftest import Kith
from tests.said_back_support import CHECK_IN, check_in, log_topic, path_ask, tom

__all__ = ["tom"]  # fixtures


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        ("the launch!!! ugh", "the launch"),
        ("the garden lol", "the garden"),
        ("the garden 🙄", "the garden"),
        ("the garden *he cried*", "the garden"),
        ("the garden, lol", "the garden"),
        ("the launch - ugh", "the launch"),
        ("the garden 🙄 lol", "the garden"),
        ("the offsite lmao", "the offsite"),
        ("the garden haha", "the garden"),
        ("the garden :)", "the garden"),
        ("the garden xD", "the garden"),
        ("the garden <3", "the garden"),
        ("the hike ^^", "the hike"),
        ("the launch???", "the launch"),
        ("the launch?!", "the launch"),
        ("the 5k!! 🏃\u200d♀️", "the 5k"),
        ("the flag 🇬🇧", "the flag"),
        ("the match 👍🏽", "the match"),
        ("the AI hype smh", "the AI hype"),
    ],
)
def test_a_reaction_at_a_topics_end_is_left_out_of_the_check_in(
    tom: Kith, said: str, topic: str
) -> None:
    """Trial 7 #4: "I enjoyed our chat about the garden 🙄." """
    assert log_topic(tom, said) == ""
    assert check_in(tom) == CHECK_IN.format(middle=f"I enjoyed our chat about {topic}. ")


@pytest.mark.parametrize(
    ("said", "why"),
    [
        ("*he cried*", "it is only a reaction of yours (a word such as lol, an emoji, an action)"),
        ("ugh", "it is only a reaction of yours (a word such as lol, an emoji, an action)"),
        ("lol", "it is too slight to say back"),
        ("🙄", "it has no words to say back"),
        ("the launch 😡 he screwed it up", "it reads as a note to yourself after an emoji"),
    ],
)
def test_a_topic_that_is_only_a_reaction_or_a_note_after_an_emoji_is_not_named(
    tom: Kith, said: str, why: str
) -> None:
    assert log_topic(tom, said) == f"Drafts will not quote the topic {said!r}: {why}. It is kept.\n"
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        ("the C++ talk", "the C++ talk"),
        ("Q&A prep", "Q&A prep"),
        ("the 5k!", "the 5k"),
        ("C#", "C#"),
        ("the F# meetup", "the F# meetup"),
        ("Rust 1.0", "Rust 1.0"),
        ("the 100% challenge", "the 100% challenge"),
        ("Legends of LOL", "Legends of LOL"),
        ("the Postgres migration", "the Postgres migration"),
        ("the M&M's ad", "the M&M's ad"),
        ("Java vs. Kotlin", "Java vs. Kotlin"),
        ("the ewok", "the ewok"),
        ("the 30°", "the 30°"),
        ("🍀 St Patrick's parade plans", "🍀 St Patrick's parade plans"),
    ],
)
def test_ordinary_topics_ending_in_symbols_or_reaction_like_words_are_said_as_before(
    said: str, topic: str
) -> None:
    assert phrases.topic(said) == topic


def test_a_star_inside_a_topic_keeps_it_from_being_said_as_a_stray_mark_would() -> None:
    """Merged with trial 8, which reads a star anywhere as a stray mark that may open a note:
    "the *new* garden" says less (it is not said), never the star."""
    assert phrases.topic("the *new* garden") is None


def test_an_action_in_asterisks_after_a_talk_is_left_out_of_the_claim_note() -> None:
    """Trial 7: "the garden *he cried*" → "*you cried*"; `kith met --about` says back the
    talk alone."""
    assert phrases.remark("his talk on CRDTs *eye roll*").sentence == (
        "I enjoyed your talk on CRDTs."
    )
    assert phrases.remark("the keynote 🎉🎉").sentence == "I enjoyed the keynote."


def test_what_they_work_on_is_asked_after_without_the_users_reaction(tom: Kith) -> None:
    tom("edit", "Tom", "--working-on", "the launch 🚀🚀")
    assert check_in(tom) == CHECK_IN.format(middle="How is your work on the launch going? ")


LABELLED = [
    ("Bob DO NOT ANSWER", "Bob"),
    ("Bob don't pick up", "Bob"),
    ("Jane from work", "Jane"),
    ("Dave at Acme", "Dave"),
    ("Tom old number", "Tom"),
    ("Bob spam", "Bob"),
    ("Ana Lima work", "Ana Lima"),
    ("Tom Becker 2", "Tom Becker"),
]


@pytest.mark.parametrize(("name", "said"), LABELLED)
def test_a_phones_label_in_a_name_is_not_said_in_an_introduction(
    kith: Kith, name: str, said: str
) -> None:
    """Trial 7 #8: "Would you like me to introduce you to Bob DO NOT ANSWER?" """
    kith("add", "Mike Jones", "--email", "mike@example.org")
    kith("add", name, "--email", "other@example.org")
    first = said.split(maxsplit=1)[0]
    (to_mike,) = json.loads(kith("intro", "Mike", first, "--json").output)["drafts"]
    assert f"Would you like me to introduce you to {said}? " in to_mike["draft"]
    assert f"I will ask {first} too" in to_mike["draft"]


@pytest.mark.parametrize(("name", "said"), LABELLED[:3])
def test_a_warm_path_ask_never_names_the_prospect_with_a_phones_label(
    kith: Kith, name: str, said: str
) -> None:
    asked = path_ask(kith, name, "email")
    assert f"Subject: An introduction to {said}?" in asked
    assert f"I am hoping to meet {said}, and I believe you know them" in asked


@pytest.mark.parametrize(
    "name",
    [
        "María GARCÍA",
        "Ana María GARCÍA LÓPEZ",
        "Juan PÉREZ DE LA FUENTE",
        "van der Berg",
        "O'Neil-Smith",
        "Jean-Luc",
        "Jean-Luc PICARD",
        "山田 太郎",
        "Jack Block",
        "Neil Young",
        "Annie Call",
        "Bob No",
        "Do Van Anh",
        "Spam",
        "+41 79 123 45 67",
        "R2-D2",
        "Contact A",
    ],
)
def test_real_names_are_said_whole_to_others(name: str) -> None:
    assert without_label(name) == name
    assert greeting.full_name(name) == name


@pytest.mark.parametrize(
    ("name", "given", "greeted"),
    [
        ("Mr Smith", "Mr", "Mr Smith"),
        ("Ms. Lee", "Ms.", "Ms. Lee"),
        ("mr smith", "mr", "Mr Smith"),
        ("Herr Müller", None, "Herr Müller"),
        ("Mr John Smith", "Mr John", "John"),
        ("Mr Smith", "John", "John"),
        ("Dr. Kim", "Dr.", "Kim"),
        ("Leo's mum", "Leo's", ""),
        ("Leo’s mum", None, ""),
    ],
)
def test_a_courtesy_title_with_a_family_name_is_greeted_whole_and_a_relation_not_at_all(
    name: str, given: str | None, greeted: str
) -> None:
    """Trial 7 #8: "Mr Smith" was greeted "Hi Smith,", "Leo's mum" "Hi Leo's,"."""
    assert greeting.first_name(name, given) == greeted


def test_a_draft_to_leos_mum_opens_without_a_greeting_and_mr_smith_with_his_title(
    kith: Kith,
) -> None:
    kith("add", "Leo's mum", "--phone", "+447700900222")
    kith("add", "Mr Smith", "--phone", "+447700900333")
    leos_mum = kith("draft", "Leo's mum", "--kind", "claim", "--channel", "message").output
    assert leos_mum == "Good to meet you. I'd like to stay in touch.\n"
    smith = kith("draft", "Smith", "--kind", "claim", "--channel", "message").output
    assert smith == "Hi Mr Smith, good to meet you. I'd like to stay in touch.\n"
