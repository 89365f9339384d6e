"""What a draft says to someone, from what a new user typed for themselves (session 17's
trial): a note in brackets in an event's name, in where you met or in a person's name is never
said, and an event that is a surprise is never named."""

from __future__ import annotations

import json

import pytest

from kith.drafts import greeting
from tests.conftest import Kith
from tests.said_back_support import (
    CHECK_IN,
    check_in,
    check_in_with_event,
    claim_met_where,
    log_topic,
    path_ask,
    tom,
)

__all__ = ["tom"]  # fixtures


@pytest.mark.parametrize(
    "name", ["Board dinner (pitch him on the merger)", "Board dinner [ask about layoffs]"]
)
def test_a_note_in_brackets_in_an_events_name_is_not_said_in_a_check_in(
    tom: Kith, name: str
) -> None:
    assert check_in_with_event(tom, name, "Board dinner") == CHECK_IN.format(
        middle="Will you be at Board dinner? It would be good to catch up there. "
    )


def test_an_event_named_only_in_brackets_is_not_named_at_all(tom: Kith) -> None:
    said = check_in_with_event(tom, "(pitch him on the merger)", "pitch him")
    assert said == CHECK_IN.format(middle="")


def test_a_note_in_brackets_in_the_event_where_you_met_is_not_said_in_the_claim_note(
    kith: Kith,
) -> None:
    kith("event", "add", "Acme offsite [ask about layoffs]", "--date", "2026-11-20")
    kith("met", "Bo Chen", "--at", "Acme offsite", "--about", "coffee after the keynote")
    claim = kith("draft", "Bo", "--kind", "claim")
    assert claim.output == (
        "Hi Bo, good to meet you at Acme offsite. I enjoyed our coffee after the keynote. "
        "I'd like to stay in touch.\n"
    )


def test_a_note_in_brackets_in_where_you_met_is_not_said_in_the_claim_note(tom: Kith) -> None:
    assert claim_met_where(tom, "the Foundry (he was drunk)") == (
        "Hi Tom, good to meet you in the Foundry. I'd like to stay in touch.\n"
    )


@pytest.mark.parametrize(
    "name", ["Surprise party for Tom", "Tom's 40th (a surprise!)", "Secret planning for Tom"]
)
def test_an_event_that_is_a_surprise_is_not_named_to_anyone(tom: Kith, name: str) -> None:
    """Trial 6: "Will you be at Surprise party for Tom?" to Tom."""
    tom("add", "Priya Natarajan", "--email", "priya@example.org")
    tom("event", "add", name, "--date", "2026-11-26")
    tom("event", "attend", "#1", "Tom", "Priya")
    assert check_in(tom) == CHECK_IN.format(middle="")
    to_priya = tom("draft", "Priya", "--kind", "checkin", "--channel", "message")
    assert "Will you be at" not in to_priya.output


def test_a_secret_santa_is_still_named(tom: Kith) -> None:
    said = check_in_with_event(tom, "Office Secret Santa", "Office Secret Santa")
    assert said == CHECK_IN.format(
        middle="Will you be at Office Secret Santa? It would be good to catch up there. "
    )


def test_an_introduction_never_names_someone_with_the_note_in_brackets_of_their_name(
    kith: Kith,
) -> None:
    """Trial 6: "Would you like me to introduce you to Mike Jones (Tinder)?" to Tom."""
    kith("add", "Mike Jones (Tinder)", "--email", "mike@example.com")
    kith("add", "Tom Becker", "--email", "tom@example.org")
    (to_mike,) = json.loads(kith("intro", "Mike", "Tom", "--json").output)["drafts"]
    assert to_mike["draft"].startswith("Hi Mike,\n\nI hope you are well. Would you like me to ")
    (to_tom,) = json.loads(kith("intro", "Mike", "Tom", "--agreed", "--json").output)["drafts"]
    assert "introduce you to Mike Jones? Mike would be glad to meet you" in to_tom["draft"]
    assert "Tinder" not in to_tom["draft"]


def test_a_warm_path_ask_never_names_the_prospect_with_the_note_in_brackets_of_their_name(
    kith: Kith,
) -> None:
    said = path_ask(kith, "Linus Torvalds (ask him for a job)")
    assert "I am hoping to meet Linus Torvalds, and I believe you know them" in said
    assert "job" not in said


@pytest.mark.parametrize(
    "said",
    [
        "her secret startup",
        "the confidential merger",
        "her startup (confidential)",
        "the off-the-record stuff",
        "the reorg, under wraps",
    ],
)
def test_a_topic_the_user_calls_secret_is_not_said_back_and_the_log_says_why(
    tom: Kith, said: str
) -> None:
    """Trial 6: "I enjoyed our chat about your secret startup." """
    assert log_topic(tom, said) == (
        f"Drafts will not quote the topic {said!r}: it says it is a secret, which is yours to "
        "keep. It is kept.\n"
    )
    assert check_in(tom) == CHECK_IN.format(middle="")


def test_a_surprise_talked_about_is_still_said_back_as_a_topic(tom: Kith) -> None:
    tom(
        "log",
        "Tom",
        "call",
        "--channel",
        "call",
        "--topic",
        "the surprise ending",
        "--when",
        "2026-11-20",
    )
    assert check_in(tom) == CHECK_IN.format(middle="I enjoyed our chat about the surprise ending. ")


def test_a_note_in_brackets_with_a_comma_in_a_name_is_never_the_greeting(kith: Kith) -> None:
    """Trial 6: the phone's "Met someone new" as "Ravi (recruiter, pushy)" drafted "Hi pushy),"
    to Ravi: the comma made the note his given name."""
    kith("add", "Ravi (recruiter, pushy)", "--met-where", "the JS meetup")
    claim = kith("draft", "Ravi", "--kind", "claim")
    assert (
        claim.output == "Hi Ravi, good to meet you at the JS meetup. I'd like to stay in touch.\n"
    )
    card = json.loads(kith("show", "Ravi", "--json").output)["person"]
    assert (card["given_name"], card["family_name"]) == ("Ravi", None)


def test_a_given_name_split_from_a_note_before_is_not_the_greeting() -> None:
    assert greeting.first_name("Ravi (recruiter, pushy)", given="pushy)") == "Ravi"
    assert greeting.first_name("Mike Jones (Tinder)", given="Mike Jones") == "Mike"


def _share(kith: Kith, name: str) -> str:
    drafted = kith("draft", name, "--kind", "share", "--channel", "message")
    assert drafted.exit_code == 0, drafted.output
    return drafted.stdout


@pytest.mark.parametrize(
    ("interest", "topics"),
    [("Machine-Learning", "machine learning"), ("her daughter's chess club", "chess club")],
)
def test_a_share_draft_finds_the_article_kith_share_says_they_would_care_about(
    tom: Kith, interest: str, topics: str
) -> None:
    """Trial 6: `kith share 1` listed Grace (interest "Machine-Learning") for an article on
    "machine learning", and `kith draft Grace --kind share` said no article matched."""
    tom("interest", "Tom", interest)
    tom("save", "https://example.org/a", "--title", "A read", "--topics", topics)
    assert "Tom Becker" in tom("share", "1").output
    assert "A read: https://example.org/a" in _share(tom, "Tom")


def test_a_share_says_their_interest_to_them_in_the_second_person(tom: Kith) -> None:
    """Trial 6: "given your interest in his startup scene"."""
    tom("interest", "Tom", "his startup scene")
    tom("save", "https://example.org/st", "--title", "Startups", "--topics", "his startup scene")
    assert _share(tom, "Tom").startswith(
        "Hi Tom,\nI came across this and thought of you, given your interest in your startup "
        "scene.\n"
    )


def test_a_share_does_not_name_an_interest_that_is_personal(tom: Kith) -> None:
    tom("interest", "Tom", "his sobriety")
    tom("save", "https://example.org/s", "--title", "Sober living", "--topics", "his sobriety")
    assert _share(tom, "Tom").startswith(
        "Hi Tom,\nI came across this and thought of you.\nSober living: https://example.org/s\n"
    )


@pytest.mark.parametrize(
    "said",
    [
        "her suicide attempt",
        "his overdose",
        "his self-harm",
        "his HIV status",
        "her STD",
        "his erectile dysfunction",
        "her biopsy",
        "his MRI",
        "her scan results",
        "his knee replacement",
        "her hip operation",
        "his vasectomy",
        "his colonoscopy",
        "her endometriosis",
        "his radiotherapy",
        "her migraines",
        "her bipolar",
        "his OCD",
        "her wheelchair",
    ],
)
def test_a_health_matter_the_word_lists_missed_is_not_said_back(tom: Kith, said: str) -> None:
    """Trial 6: "I enjoyed our chat about your suicide attempt." """
    logged = tom("log", "Tom", "call", "--channel", "call", "--topic", said, "--when", "2026-11-20")
    assert logged.stderr == (
        f"Drafts will not quote the topic {said!r}: it touches on something personal, which "
        "is theirs to share. It is kept.\n"
    )
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize("said", ["the security scan", "the new API", "the hiking trip"])
def test_a_topic_near_those_words_is_still_said_back(tom: Kith, said: str) -> None:
    tom("log", "Tom", "call", "--channel", "call", "--topic", said, "--when", "2026-11-20")
    assert check_in(tom) == CHECK_IN.format(middle=f"I enjoyed our chat about {said}. ")


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("the JS meetup", "at the JS meetup"),
        ("Tom's birthday party", "at Tom's birthday party"),
        ("the Rust conference", "at the Rust conference"),
        ("Bristol", "in Bristol"),
        ("the Foundry", "in the Foundry"),
        ("on the train", "on the train"),
    ],
)
def test_where_you_met_a_gathering_is_said_with_at(tom: Kith, where: str, said: str) -> None:
    """Trial 6: "good to meet you in the JS meetup"."""
    assert claim_met_where(tom, where) == (
        f"Hi Tom, good to meet you {said}. I'd like to stay in touch.\n"
    )


@pytest.mark.parametrize("said", ["re: the launch", "Re: the launch", "regarding the launch"])
def test_a_topic_typed_as_a_subject_line_is_said_without_its_re(tom: Kith, said: str) -> None:
    """Trial 6: "I enjoyed our chat about re: the launch." """
    tom("log", "Tom", "call", "--channel", "call", "--topic", said, "--when", "2026-11-20")
    assert check_in(tom) == CHECK_IN.format(middle="I enjoyed our chat about the launch. ")
