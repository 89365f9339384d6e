"""What a draft says to someone, from what a new user typed for themselves (session 19's
trial): a note after a full stop, an ellipsis, "!", an arrow or a loose mark, after a bracket
left open or on a line of its own is never said, in a topic, a remark, what they work on, an
event's name, where you met or an article's title; a nickname that is a label is not a
greeting."""

from __future__ import annotations

import pytest

from kith.drafts import greeting, phrases
from tests.conftest import Kith
from tests.said_back_support import (
    CHECK_IN,
    check_in,
    check_in_with_event,
    claim_met_where,
    log_topic,
    tom,
)

__all__ = ["tom"]  # fixtures

NOTES = [
    "the launch. He screwed it up",
    "the launch. he lied",
    "the launch... he screwed it up",
    "the launch... idiot",
    "the launch… he lied",
    "the launch! he lied",
    "the launch!!! he lied again",
    "the launch => he screwed it up",
    "the launch -> he lied",
    "the launch > he lied",
    "the launch ~ he lied",
    "the launch * he lied *",
    "the launch (he lied",
    "the launch [he lied",
    "the launch\nhe screwed it up",
    "the launch\r\nhe lied",
    "the launch* he lied",
    "the launch # he lied",
    "the launch) he lied",
    'the launch" he lied',
    "the launch ` he lied",
    "the launch :he lied",
    "the launch btw he lied",
    "the launch & he lied",
    "the launch and she cried",
]


@pytest.mark.parametrize("said", NOTES)
def test_a_topic_with_a_note_after_a_full_stop_an_arrow_or_a_new_line_is_not_said_back(
    tom: Kith, said: str
) -> None:
    """Trial 8: "I enjoyed our chat about the launch. you screwed it up." """
    assert log_topic(tom, said) == (
        f"Drafts will not quote the topic {said!r}: {phrases.NOTED_ELSE}. It is kept.\n"
    )
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize(
    "said",
    [
        "Node.js performance",
        "the v2.0 launch",
        "Dr. Kim's talk",
        "St. Patrick's Day parade",
        "the U.S. tour",
        "the A.I. panel",
        "CRDTs vs. OT",
        "Acme Inc. merger",
        "Rust + WebAssembly",
        "the Q&A",
        "C++ templates",
        "the launch!!!",
        "the launch...",
        "the launch\n",
        "the CI/CD pipeline",
        "C# generics",
        "the 7:30 train",
        ".NET Core",
        "rock and roll",
        "a 10% discount",
    ],
)
def test_a_topic_with_an_abbreviations_full_stop_or_a_mark_at_its_end_is_still_said_back(
    tom: Kith, said: str
) -> None:
    assert log_topic(tom, said) == ""
    topic = said.rstrip(".!\n")
    assert check_in(tom) == CHECK_IN.format(middle=f"I enjoyed our chat about {topic}. ")


def test_what_they_work_on_with_a_second_sentence_is_not_asked_after(tom: Kith) -> None:
    edited = tom("edit", "Tom", "--working-on", "his thesis. He might quit")
    assert "Drafts will not ask about 'his thesis. He might quit'" in edited.stderr
    assert check_in(tom) == CHECK_IN.format(middle="")


def test_a_remark_with_a_second_sentence_is_not_said_in_the_claim_note(tom: Kith) -> None:
    """Trial 8: `kith met --about "his demo. Way too long"` → "I enjoyed your demo. Way too
    long." """
    tom("event", "add", "PyData Berlin", "--date", "2026-11-20")
    met = tom("met", "Tom", "--at", "PyData", "--about", "his demo. Way too long")
    assert met.exit_code == 0
    assert "The claim note will say" not in met.output
    assert tom("draft", "Tom", "--kind", "claim").output == (
        "Hi Tom, good to meet you at PyData Berlin. I'd like to stay in touch.\n"
    )


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Board dinner. He is broke", "Board dinner"),
        ("Board dinner... boring", "Board dinner"),
        ("Board dinner -> pitch the merger", "Board dinner"),
        ("Board dinner! pitch him", "Board dinner"),
        ("Board dinner\nbring the contract, he owes us", "Board dinner"),
        ("Board dinner? he is broke", "Board dinner"),
        ("Board dinner & he is broke", "Board dinner"),
        ("St. Patrick's Day party", "St. Patrick's Day party"),
        ("Rock & Roll night", "Rock & Roll night"),
    ],
)
def test_an_events_name_is_said_up_to_a_note_after_a_full_stop_an_arrow_or_a_new_line(
    tom: Kith, name: str, said: str
) -> None:
    """Trial 8: "Will you be at Tom dinner. He is broke? It would be good to catch up there." (to
    Bo, a guest)"""
    middle = f"Will you be at {said}? It would be good to catch up there. "
    assert check_in_with_event(tom, name, "#1") == CHECK_IN.format(middle=middle)


@pytest.mark.parametrize(
    "where", ["the Foundry. He was drunk", "the Foundry... he hit on me", "the Foundry -> drunk"]
)
def test_where_you_met_is_said_up_to_a_note_after_a_full_stop_or_an_arrow(
    tom: Kith, where: str
) -> None:
    assert claim_met_where(tom, where) == (
        "Hi Tom, good to meet you in the Foundry. I'd like to stay in touch.\n"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Marathon training. For Tom, he is slow",
        "Marathon training... Tom is slow",
        "Marathon training -> Tom is slow",
        "Marathon training\nsend to Tom, he is slow",
        "Marathon training, he is slow",
        "Marathon training * Tom is slow",
    ],
)
def test_an_articles_title_is_said_up_to_a_note_after_a_full_stop_an_arrow_or_a_new_line(
    tom: Kith, title: str
) -> None:
    """Trial 8: "Subject: Marathon training. For Bo, he is slow" to Bo."""
    tom("interest", "Tom", "running")
    tom("save", "https://example.org/m", "--title", title, "--topics", "running")
    share = tom("draft", "Tom", "--kind", "share", "--channel", "email").output
    assert share.startswith("Subject: Marathon training\n")
    assert "Marathon training: https://example.org/m" in share
    assert "slow" not in share


@pytest.mark.parametrize(
    ("nickname", "called"),
    [
        ("Bobby the drunk", "Robert"),
        ("Bobby - from the gym", "Bobby"),
        ("gym guy", "Robert"),
        ("Bobby drunk. Avoid", "Robert"),
        ("Bobby", "Bobby"),
        ("bobby", "bobby"),
        ("Big Rob", "Big Rob"),
        ("Mary Jane", "Mary Jane"),
        ("Bill, Billy", "Bill"),
        ("Bobby, gym", "Bobby"),
    ],
)
def test_a_nickname_is_a_greeting_only_when_it_reads_as_a_name_they_go_by(
    nickname: str, called: str
) -> None:
    """Trial 8: a vCard's NICKNAME "Bobby the drunk" made "Hi Bobby the drunk,"."""
    assert greeting.first_name("Robert Miles", "Robert", nickname) == called


def test_a_nickname_that_is_a_label_is_neither_the_greeting_nor_said_in_an_introduction(
    kith: Kith,
) -> None:
    kith("add", "Robert Miles", "--email", "rob@example.org")
    kith("edit", "Robert", "--nickname", "Bobby the drunk")
    kith("add", "Kate Ross", "--email", "kate@example.org")
    kith("log", "Robert", "call", "--channel", "call", "--when", "2026-11-20")
    assert kith("draft", "Robert", "--channel", "message").output.startswith("Hi Robert,\n")
    kith("intro", "Kate", "Robert")
    to_robert = kith("intro", "Kate", "Robert", "--agreed").output
    assert "Hi Robert,\n" in to_robert
    assert "drunk" not in to_robert


def test_meeting_someone_you_know_at_an_event_says_nothing_was_logged_and_how_to_log_it(
    tom: Kith,
) -> None:
    """Trial 8: after `kith met Priya --at "PyData Berlin" --about "dinner with the speakers"`
    the plan still called her "at risk, overdue by 14 days", and nothing had said why."""
    tom("event", "add", "PyData Berlin", "--date", "2026-11-20")
    met = tom("met", "Tom", "--at", "PyData", "--about", "dinner with the speakers")
    assert met.stdout.splitlines() == [
        "Recorded that you met Tom Becker (#1) at PyData Berlin (2026-11-20).",
        'The claim note will say: "I enjoyed our dinner with the speakers."',
        'Nothing was logged: if you spent time together there, `kith log "#1" "what you did" '
        "--when 2026-11-20` counts it (the plan goes by what you log).",
    ]
    added = tom("met", "Lin Okafor", "--at", "PyData")
    assert added.stdout == "Added Lin Okafor (#2), met at PyData Berlin (2026-11-20).\n"


def test_an_introduction_of_two_people_you_said_know_each_other_says_so_beside_the_ask(
    kith: Kith,
) -> None:
    """Trial 8: `kith knows Hana Oskar`, then `kith intro Hana Oskar` drafted "Would you like me
    to introduce you to Oskar Lind?" without a word."""
    kith("add", "Hana Kim", "--email", "hana@example.org")
    kith("add", "Oskar Lind", "--email", "oskar@example.org")
    kith("add", "Lena Fischer", "--email", "lena@example.org")
    kith("knows", "Hana", "Oskar")
    asked = kith("intro", "Hana", "Oskar")
    assert asked.stderr == (
        "You told Kith that Hana Kim and Oskar Lind know each other (`kith knows`), and this ask "
        "offers to introduce them all the same: send it if they have only met in passing; else "
        '`kith intro "Hana Kim" "Oskar Lind" --let-go` closes it.\n'
    )
    assert kith("intro", "Hana", "Lena").stderr == ""
    assert kith("intro", "Hana", "Oskar", "--agreed").stderr == ""
