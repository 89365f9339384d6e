"""What a draft says back of what the user typed, session 19 (trial 7's leftovers): a topic's
own reaction ("lol", "🙄", "!!!", "*he cried*") is the user's, not the topic's."""

from __future__ import annotations

import pytest

from kith.drafts import phrases
from tests.conftest import Kith
from tests.said_back_support import CHECK_IN, check_in, log_topic, tom

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
        ("the *new* garden", "the *new* garden"),
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
