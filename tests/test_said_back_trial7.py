"""What a draft says to someone, from what a new user typed for themselves (session 18's
trial): a note after a comma in a contact's name is neither their name nor said to anyone; a
note after a dash, a comma or a semicolon in a calendar entry, where you met, a topic or what
they work on is never said; an event named after them is not asked about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.drafts import greeting
from kith.names import split_name
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

MEETING = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//trial7//EN\r
BEGIN:VEVENT\r
UID:{uid}@trial7\r
DTSTART:20261126T180000Z\r
DTEND:20261126T200000Z\r
SUMMARY:{summary}\r
ORGANIZER;CN=Sam Rivera:mailto:sam@example.net\r
ATTENDEE;CN=Tom Becker;PARTSTAT=ACCEPTED:mailto:tom@example.org\r
ATTENDEE;CN=Priya Natarajan;PARTSTAT=ACCEPTED:mailto:priya@example.org\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.parametrize(
    ("summary", "middle"),
    [
        ("Board dinner - he is broke", "Will you be at Board dinner? "),
        ("Board dinner — keep it quiet", "Will you be at Board dinner? "),
        ("Board dinner, pitch him on the merger", "Will you be at Board dinner? "),
        ("Board dinner / he hit on Priya", "Will you be at Board dinner? "),
        ("FYI: Priya late again", ""),
        ("Tom - fire him", ""),
    ],
)
def test_a_note_after_a_dash_in_a_calendar_entry_is_not_said_in_a_check_in(
    tom: Kith, tmp_path: Path, summary: str, middle: str
) -> None:
    """Trial 7: "Will you be at Tom - fire him?" to Tom, from the user's own calendar."""
    tom("config", "set", "me.emails", "sam@example.net")
    tom("add", "Priya Natarajan", "--email", "priya@example.org")  # a dinner, not a 1:1
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(MEETING.format(uid="dinner", summary=summary))
    assert tom("import", str(calendar)).exit_code == 0
    said = middle + "It would be good to catch up there. " if middle else ""
    assert check_in(tom) == CHECK_IN.format(middle=said)


def test_a_calendars_meeting_with_them_alone_is_not_asked_about(tom: Kith, tmp_path: Path) -> None:
    """Trial 7: "Will you be at Coffee with Lena? It would be good to catch up there." to Lena,
    the one other person there; without her name in it, the same."""
    tom("config", "set", "me.emails", "sam@example.net")
    calendar = tmp_path / "calendar.ics"
    alone = MEETING.format(uid="coffee", summary="Coffee").replace(
        "ATTENDEE;CN=Priya Natarajan;PARTSTAT=ACCEPTED:mailto:priya@example.org\r\n", ""
    )
    calendar.write_text(alone)
    assert tom("import", str(calendar)).exit_code == 0
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize("name", ["Coffee with Tom", "Tom's farewell drinks"])
def test_an_event_named_after_them_is_not_asked_about(tom: Kith, name: str) -> None:
    """Trial 7: "Will you be at Coffee with Lena?" to Lena, "… at Zoë's farewell drinks?" to Zoë."""
    assert check_in_with_event(tom, name, name) == CHECK_IN.format(middle="")


def test_a_note_after_a_dash_in_where_you_met_is_not_said_in_the_claim_note(tom: Kith) -> None:
    assert claim_met_where(tom, "the Foundry - he was drunk") == (
        "Hi Tom, good to meet you in the Foundry. I'd like to stay in touch.\n"
    )


@pytest.mark.parametrize(
    "said",
    [
        "the launch - he screwed it up",
        "the launch; he is lying about the numbers",
        "the launch, he was wrong",
        "the launch: his fault",
        "the launch—he blew it",
    ],
)
def test_a_topic_with_a_note_after_a_mark_is_not_said_back_and_the_log_says_why(
    tom: Kith, said: str
) -> None:
    """Trial 7: "I enjoyed our chat about the launch - you screwed it up." """
    assert log_topic(tom, said) == (
        f"Drafts will not quote the topic {said!r}: it reads as a note to yourself after a "
        "dash, a comma or a semicolon. It is kept.\n"
    )
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize("said", ["CRDTs, sync engines and Postgres", "re: the launch"])
def test_a_topic_with_a_list_or_a_subject_lines_re_is_still_said_back(tom: Kith, said: str) -> None:
    assert log_topic(tom, said) == ""
    topic = said.removeprefix("re: ")
    assert check_in(tom) == CHECK_IN.format(middle=f"I enjoyed our chat about {topic}. ")


def test_what_they_work_on_with_a_note_after_a_comma_is_not_asked_after(tom: Kith) -> None:
    """Trial 7: "How is your work on the launch, which will flop going?" """
    tom("edit", "Tom", "--working-on", "the launch, which will flop")
    assert check_in(tom) == CHECK_IN.format(middle="")


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
    said = path_ask(kith, "Linus Torvalds, kernel guy who owes Tom money", "email")
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


@pytest.mark.parametrize(
    "title",
    [
        "Marathon training (for Tom, he is slow)",
        "Marathon training - send to Tom, he is slow",
        "Marathon training; Tom needs it",
    ],
)
def test_a_note_in_an_articles_title_is_not_said_in_the_share(tom: Kith, title: str) -> None:
    """Trial 7: "Subject: Marathon training (for Bo - he is slow)" to Bo."""
    tom("interest", "Tom", "running")
    tom("save", "https://example.org/run", "--title", title, "--topics", "running")
    shared = tom("draft", "Tom", "--kind", "share", "--channel", "email")
    assert shared.stdout.startswith(
        "Subject: Marathon training\n\nHi Tom,\n\nI came across this and thought of you, given "
        "your interest in running.\n\nMarathon training: https://example.org/run\n"
    )
