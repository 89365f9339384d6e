"""`kith draft NAME` without --kind writes the draft Kith would choose: for someone in this
week's plan the one the plan writes, else a reply to a note still waiting for one, a birthday
wish in its week, or a check-in (services/week/drafts.unasked)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Kith


def drafted(kith: Kith, *args: str) -> dict[str, Any]:
    result = kith("draft", *args, "--json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def test_a_pick_of_the_week_gets_the_draft_the_plan_writes_for_them(demo: Kith) -> None:
    picks = json.loads(demo("plan", "--drafts", "--json").output)["picks"]
    kinds = []
    for pick in picks:
        mine = drafted(demo, f"#{pick['id']}")
        assert (mine["channel"], mine["draft"]) == (pick["channel"], pick["draft"])
        kinds.append(mine["kind"])
    assert sorted(kinds) == ["checkin", "checkin", "checkin", "reconnect", "reply"]


def test_a_pick_drafted_for_another_channel_keeps_the_plans_kind(demo: Kith) -> None:
    picks = json.loads(demo("plan", "--json").output)["picks"]
    dormant = next(pick for pick in picks if pick["reason"].startswith("dormant"))
    assert dormant["channel"] != "email"
    mine = drafted(demo, f"#{dormant['id']}", "--channel", "email")
    assert (mine["kind"], mine["channel"]) == ("reconnect", "email")


def test_someone_whose_message_waits_for_an_answer_gets_a_reply(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("log", "Ada", "asked about the talk", "-c", "email", "-d", "in", "-k", "ask",
         "-t", "the PyCon talk", "--when", "3 days ago")  # fmt: skip
    mine = drafted(kith, "Ada")
    assert mine["kind"] == "reply"
    assert mine["subject"] == "Re: the PyCon talk"
    assert "asked about the talk" not in mine["draft"]  # the summary is the user's alone


def test_a_note_left_unanswered_for_months_is_no_reply_still_owed(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("log", "Ada", "a note", "-c", "email", "-d", "in", "--when", "2026-06-01")
    assert drafted(kith, "Ada")["kind"] == "checkin"


def test_someone_with_a_birthday_this_week_gets_a_wish(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org", "--birthday", "--11-25")
    mine = drafted(kith, "Ada")
    assert mine["kind"] == "birthday"
    assert "Happy birthday for Wednesday!" in mine["draft"]


def test_anyone_else_gets_a_check_in_as_before(kith: Kith) -> None:
    kith("--now", "2026-10-01T10:00:00+00:00", "add", "Ada Lovelace", "--email", "ada@example.org")
    kith("log", "Ada", "coffee", "-c", "in_person", "-d", "both", "--when", "2026-11-02")
    assert drafted(kith, "Ada")["kind"] == "checkin"
    assert drafted(kith, "Ada", "--kind", "thanks")["kind"] == "thanks"
