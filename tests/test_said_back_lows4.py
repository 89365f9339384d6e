"""What Kith writes to people, session 18 (lows4): session 17's leftovers from trial 6 and
lows3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.drafts import phrases, texts
from tests.conftest import Kith, Run
from tests.said_back_support import IN_TOUCH_COMMENT, templates_holding

NOW = "2026-11-22T18:00:00+00:00"


def seen_once(run: Run, name: str, logged: list[str], *card: str) -> str:
    """The text message drafted to `name`, added with `card` and seen once (`logged`: what,
    the channel, when)."""
    run(NOW, "add", name, *card)
    first = name.split(maxsplit=1)[0]
    what, channel, when = logged
    run(NOW, "log", first, what, "--channel", channel, "--when", when)
    return str(run(NOW, "draft", first, "--channel", "message").output)


def test_a_first_name_of_three_hundred_letters_leaves_a_text_message_its_body(run: Run) -> None:
    run(NOW, "config", "set", "me.name", "Sam Rivera")
    run(NOW, "add", "Maximilian" + "a" * 300 + " Smith", "--phone", "+447700900002")
    run(NOW, "log", "Max", "call", "--channel", "call", "--when", "2026-09-01")
    assert run(NOW, "draft", "Max", "--channel", "message").output == (
        "You came to mind today, so a quick hello. No need to reply at length; I hope all is "
        "well.\nSam Rivera\n"
    )
    long = "Konstantinopolitanos Papadopoulos"
    called = ["call", "call", "2026-09-01"]
    assert seen_once(run, long, called, "--phone", "+447700900003").startswith(
        "Hi Konstantinopolitanos,\nYou came to mind today"
    )


def test_a_check_in_the_day_after_a_meeting_or_a_call_says_good_to_see_you_yesterday(
    run: Run,
) -> None:
    run(NOW, "add", "Bea Lund", "--email", "bea@example.org")
    run(NOW, "log", "Bea", "call", "--channel", "call", "--when", "2026-10-01")
    run(NOW, "log", "Bea", "coffee", "--channel", "in_person", "--when", "2026-11-21")
    assert run(NOW, "draft", "Bea", "--channel", "message").output == (
        "Hi Bea,\nGood to see you yesterday. No need to reply at length; I hope all is well.\n"
    )
    run(NOW, "log", "Bea", "call", "--channel", "call", "--when", "2026-11-21T20:00")
    assert run(NOW, "draft", "Bea", "--channel", "message").output.startswith(
        "Hi Bea,\nGood to talk yesterday."
    )
    # a message yesterday, or a meeting two days ago: you came to mind
    run(NOW, "log", "Bea", "sent the slides", "--channel", "email", "--when", "2026-11-21T21:00")
    assert "You came to mind today" in run(NOW, "draft", "Bea", "--channel", "message").output
    later = "2026-11-23T18:00:00+00:00"
    assert "You came to mind today" in run(later, "draft", "Bea", "--channel", "message").output


def test_an_unedited_copy_of_the_check_in_that_said_today_only_is_brought_up_to_date(
    kith: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (
        texts.shipped("checkin")
        .replace("Good to $in_touch. || You came", "Good to $in_touch_today today. || You came")
        .replace(
            IN_TOUCH_COMMENT,
            '# $in_touch_today: "talk", "see you" or "be in touch" when your latest exchange was '
            "today.\n",
        )
    )
    folder = templates_holding(tmp_path, monkeypatch, before)
    kith("add", "Ana Castro", "--phone", "+44 7700 900001")
    kith("log", "Ana", "call", "--channel", "call", "--when", "2026-11-21T12:00")
    assert kith("draft", "Ana").output.startswith("Hi Ana,\nGood to talk yesterday.")
    assert (folder / "checkin.txt").read_text() == texts.shipped("checkin")


def test_someone_added_with_how_you_met_and_nothing_else_gets_the_first_meeting_note(
    run: Run,
) -> None:
    run(NOW, "add", "Sue Park", "--email", "sue@example.org", "--met", "coffee")
    assert run(NOW, "draft", "Sue", "--channel", "message").output == (
        "Hi Sue, good to meet you. I'd like to stay in touch.\n"
    )
    # added long ago with how you met, nothing since: no first meeting now
    run("2026-03-01T10:00:00+00:00", "add", "Al Gore", "--email", "al@example.org", "--met", "gym")
    assert "good to meet you" not in run(NOW, "draft", "Al", "--channel", "message").output


@pytest.mark.parametrize(
    "met", ["at school", "an old friend", "uni", "we go back years", "since 2015", "through family"]
)
def test_how_you_met_saying_you_have_known_them_long_is_no_first_meeting(
    run: Run, met: str
) -> None:
    coffee = ["coffee", "in_person", "2026-11-20"]
    assert seen_once(run, "Kim Lee", coffee, "--met", met).startswith(
        "Hi Kim,\nYou came to mind today, so a quick hello."
    )


def test_a_new_face_met_at_this_years_conference_still_gets_the_first_meeting_note(
    run: Run,
) -> None:
    coffee = ["coffee", "in_person", "2026-11-20"]
    assert seen_once(run, "Cy Young", coffee, "--met", "PyCon 2026").startswith(
        "Hi Cy, good to meet you"
    )


def test_family_seen_once_after_being_added_is_no_first_meeting(run: Run) -> None:
    run(NOW, "add", "Mia Lund", "--email", "mia@example.org")
    run(NOW, "add", "Tom Lund", "--email", "tom@example.org")
    run(NOW, "relate", "Mia", "Tom", "--as", "sibling")  # kin, as S's decay reads it
    run(NOW, "log", "Mia", "lunch", "--channel", "in_person", "--when", "2026-11-20")
    assert run(NOW, "draft", "Mia", "--channel", "message").output.startswith(
        "Hi Mia,\nYou came to mind today"
    )


@pytest.mark.parametrize("name", ["Anna - Tinder", "Anna – Tinder", "Anna / Tinder"])
def test_an_introduction_never_names_someone_with_the_note_after_a_dash_in_their_name(
    kith: Kith, name: str
) -> None:
    kith("add", name, "--email", "anna@example.com")
    kith("add", "Tom Becker", "--email", "tom@example.org")
    kith("intro", "Anna", "Tom")
    (to_tom,) = json.loads(kith("intro", "Anna", "Tom", "--agreed", "--json").output)["drafts"]
    assert "introduce you to Anna? Anna would be glad to meet you" in to_tom["draft"]
    assert "Tinder" not in to_tom["draft"]


def test_a_note_after_a_dash_in_an_events_name_is_not_said_and_a_hyphen_in_a_name_is(
    kith: Kith,
) -> None:
    kith("add", "Anne-Marie Smith-Jones", "--email", "am@example.org")
    kith("event", "add", "Board dinner - pitch him on the merger", "--date", "2026-11-26")
    kith("event", "attend", "Board dinner", "Anne-Marie")
    drafted = kith("draft", "Anne-Marie", "--kind", "checkin", "--channel", "message").output
    assert drafted.startswith("Hi Anne-Marie,\n")
    assert "Will you be at Board dinner? It would be good to catch up there." in drafted
    assert "merger" not in drafted


def test_her_transition_is_held_back_and_the_star_wars_premiere_is_said() -> None:
    held = ["her transition", "her gender transition", "the Star Wars premiere and his divorce"]
    said = ["the Star Wars premiere", "Star Wars", "the transition plan", "the transition to Rust"]
    assert [p for p in held if phrases.withheld(p) is None] == []
    assert [p for p in said if phrases.withheld(p) is not None] == []
    assert phrases.withheld("the war in Ukraine") is not None  # a war is still a war
