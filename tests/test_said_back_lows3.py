"""What a draft says right after you were in touch (session 17, lows3): someone you spoke to
today is not told "You came to mind today, so a quick hello." but "Good to talk today."; and a
meeting logged with `kith log` is a first meeting without `--met`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kith.drafts import texts
from tests.conftest import Kith, Run
from tests.said_back_support import IN_TOUCH_COMMENT, templates_holding

NOW = "2026-11-22T18:00:00+00:00"
NEXT_DAY = "2026-11-23T10:00:00+00:00"


def test_a_check_in_after_a_call_logged_today_says_good_to_talk_today(run: Run) -> None:
    run(NOW, "add", "Ana Castro", "--phone", "+44 7700 900001")
    run(NOW, "log", "Ana", "SECRET call about her job", "--channel", "call", "--when", "2026-10-01")
    run(NOW, "log", "Ana", "SECRET call about the move", "--channel", "call")
    assert run(NOW, "draft", "Ana").output == (
        "Hi Ana,\nGood to talk today. No need to reply at length; I hope all is well.\n"
    )
    # the next day it says yesterday (session 18, lows4)
    assert run(NEXT_DAY, "draft", "Ana").output.startswith("Hi Ana,\nGood to talk yesterday.")


def test_after_seeing_someone_or_writing_to_them_today_the_check_in_says_so(run: Run) -> None:
    run(NOW, "add", "Bo Li", "--email", "bo@example.org")
    run(NOW, "log", "Bo", "call", "--channel", "call", "--when", "2026-10-01")
    run(NOW, "log", "Bo", "lunch", "--channel", "in_person", "--topic", "the Postgres migration")
    seen = run(NOW, "draft", "Bo", "--channel", "message").output
    assert seen == (
        "Hi Bo,\nGood to see you today. I enjoyed our chat about the Postgres migration. "
        "No need to reply at length; I hope all is well.\n"
    )
    run(NOW, "log", "Bo", "sent the slides", "--channel", "email", "--direction", "out")
    assert run(NOW, "draft", "Bo", "--channel", "message").output.startswith(
        "Hi Bo,\nGood to be in touch today."
    )


def test_a_pick_logged_today_is_done_and_its_draft_follows_up_rather_than_says_hello(
    demo: Kith,
) -> None:
    assert "Liv Nyberg" in demo("plan").output  # picked, then called the same day
    demo("log", "Liv Nyberg", "call", "--channel", "call")
    week = demo("plan", "--drafts").output
    (row,) = [line for line in week.splitlines() if "Liv Nyberg" in line and "overdue" in line]
    assert row.split()[-2:] == ["message", "done"]
    assert "Liv Nyberg (checkin" not in week  # a done pick is not drafted again
    assert demo("draft", "Liv Nyberg", "--channel", "message").output.startswith(
        "Hi Liv,\nGood to talk today."
    )


def test_an_unedited_copy_of_the_check_in_before_good_to_talk_today_is_brought_up_to_date(
    kith: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (
        texts.shipped("checkin")
        .replace(
            "Good to $in_touch. || You came to mind today, so a quick hello.\n",
            "You came to mind today, so a quick hello.\n",
        )
        .replace(IN_TOUCH_COMMENT, "")
    )
    folder = templates_holding(tmp_path, monkeypatch, before)
    kith("add", "Ana Castro", "--phone", "+44 7700 900001")
    kith("log", "Ana", "call", "--channel", "call")
    assert kith("draft", "Ana").output.startswith("Hi Ana,\nGood to talk today.")
    assert (folder / "checkin.txt").read_text() == texts.shipped("checkin")


def test_a_meeting_logged_with_kith_log_makes_the_first_meeting_draft_without_met(
    kith: Kith,
) -> None:
    kith("add", "Cy Di", "--email", "cy@example.org")
    kith("log", "Cy", "SECRET met at the climbing gym", "--channel", "in_person")
    drafted = kith("draft", "Cy", "--json").output
    assert '"kind": "claim"' in drafted
    assert "SECRET" not in drafted
    assert kith("draft", "Cy", "--channel", "message").output == (
        "Hi Cy, good to meet you. I'd like to stay in touch.\n"
    )


def test_a_first_call_or_a_card_known_before_is_no_first_meeting(kith: Kith) -> None:
    kith("add", "Di Eng", "--phone", "+44 7700 900003")
    kith("log", "Di", "call", "--channel", "call", "--when", "2026-11-21")
    assert kith("draft", "Di").output.startswith("Hi Di,\nGood to talk yesterday.")
    kith("add", "Ed Fox", "--phone", "+44 7700 900004")
    kith("edit", "Ed", "--known-since", "2019-05-01")
    kith("log", "Ed", "coffee", "--channel", "in_person", "--when", "2026-11-21")
    assert kith("draft", "Ed").output.startswith("Hi Ed,\nGood to see you yesterday.")


def test_a_card_from_an_import_seen_once_at_a_coffee_gets_a_check_in(
    kith: Kith, tmp_path: Path
) -> None:
    card = tmp_path / "phone.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fay Gill\r\nTEL:+447700900005\r\nEND:VCARD\r\n"
    )
    assert kith("import", str(card)).exit_code == 0
    kith("log", "Fay", "coffee", "--channel", "in_person", "--when", "2026-11-21")
    assert kith("draft", "Fay").output.startswith("Hi Fay,\nGood to see you yesterday.")


def test_a_template_s_interest_is_their_first_one_that_is_not_personal(
    kith: Kith, tmp_path: Path
) -> None:
    folder = tmp_path / "data-home" / "kith" / "templates"
    folder.mkdir(parents=True)
    (folder / "checkin.txt").write_text("Hi $first_name,\nHow is the $interest?\n", "utf-8")
    kith("add", "Gus Ho", "--phone", "+44 7700 900006", *("--interest", "Bible study"))
    assert kith("draft", "Gus", "--kind", "checkin").output == "Hi Gus,\n"
    hal = ("Hal Ives", "--phone", "+44 7700 900007")
    kith("add", *hal, *("--interest", "Bible study", "--interest", "sourdough"))
    assert kith("draft", "Hal", "--kind", "checkin").output == "Hi Hal, How is the sourdough?\n"
