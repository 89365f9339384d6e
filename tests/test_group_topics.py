"""A topic logged with several people is said back to each of them only in words true for each:
"her new flat" from a housewarming is Lena's, not Tom's (a new user's trial, session 15)."""

from __future__ import annotations

import pytest

from kith.drafts.phrases import topic, topic_withheld
from tests.conftest import Kith

SHARED_HER = (
    "Drafts will not quote the topic 'her new flat': it was logged with several people, and "
    '"her" could be any of them; name whom it is about: "Lena\'s new flat" is said to Lena as '
    '"your new flat", to the others as written. It is kept.\n'
)
CHECK_IN = (
    "Hi {name},\nYou came to mind today, so a quick hello. {topic}No need to reply at length; "
    "I hope all is well.\n"
)


@pytest.fixture
def housewarming(kith: Kith) -> Kith:
    earlier = ("--now", "2026-10-01T10:00:00+00:00")  # friends before: no first meeting
    kith(*earlier, "add", "Lena Fischer")
    kith(*earlier, "add", "Tom Becker")
    return kith


def test_a_pronoun_in_a_topic_of_several_people_is_not_said_to_any_of_them() -> None:
    assert topic("her new flat", ("Tom", "Tom Becker"), shared=True) is None
    assert topic("her new flat", ("Lena", "Lena Fischer"), shared=True) is None
    assert topic("their wedding", ("Tom",), shared=True) is None
    assert topic("her new flat", ("Lena", "Lena Fischer")) == "your new flat"


def test_a_named_group_topic_is_said_as_yours_to_its_owner_and_as_written_to_others() -> None:
    assert topic("Lena's new flat", ("Lena", "Lena Fischer"), shared=True) == "your new flat"
    assert topic("Lena's new flat", ("Tom", "Tom Becker"), shared=True) == "Lena's new flat"
    assert topic("the new flat", ("Tom", "Tom Becker"), shared=True) == "the new flat"
    assert topic_withheld("the new flat", shared=True) is None


def test_logging_a_pronoun_topic_with_two_people_says_why_drafts_will_not_quote_it(
    housewarming: Kith,
) -> None:
    logged = housewarming(
        "log", "Lena", "Tom", "housewarming", "-c", "in_person", "-t", "her new flat"
    )
    assert logged.exit_code == 0
    assert logged.stderr == SHARED_HER
    alone = housewarming("log", "Lena", "coffee", "-c", "in_person", "-t", "her new flat")
    assert alone.stderr == ""


@pytest.mark.parametrize(
    ("logged", "to_tom", "to_lena"),
    [
        ("her new flat", "", ""),  # the guest is not told about "your new flat", nor the host
        (
            "Lena's new flat",
            "I enjoyed our chat about Lena's new flat. ",
            "I enjoyed our chat about your new flat. ",
        ),
    ],
)
def test_a_housewarming_topic_is_said_to_the_host_and_the_guest_only_when_true_for_each(
    housewarming: Kith, logged: str, to_tom: str, to_lena: str
) -> None:
    housewarming(
        "log", "Lena", "Tom", "housewarming", "-c", "in_person", "-t", logged, "-w", "2026-11-20"
    )
    assert housewarming("draft", "Tom", "--channel", "message").output == CHECK_IN.format(
        name="Tom", topic=to_tom
    )
    assert housewarming("draft", "Lena", "--channel", "message").output == CHECK_IN.format(
        name="Lena", topic=to_lena
    )


def test_a_reply_to_a_group_message_does_not_say_her_trip_to_each_member(
    housewarming: Kith,
) -> None:
    housewarming(
        "log", "Lena", "Tom", "group chat", "-c", "message", "--direction", "in", "-t", "her trip"
    )
    assert housewarming("draft", "Tom", "--kind", "reply", "--channel", "message").output == (
        "Hi Tom,\nThank you for your message. [your reply]\n"
    )
