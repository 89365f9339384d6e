"""`kith plan --drafts` heads each draft with the channel as the table's "how" column says it
("coffee", "video call"), not the stored name ("in_person"), as the web's week does; an e-mail's
draft keeps its subject line, as `kith draft` prints it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Kith


def test_each_draft_is_headed_with_the_channel_as_the_table_says_it(demo: Kith) -> None:
    headed = []
    for week in ("2026-11-30T10:00", "2026-12-07T10:00", "2026-12-14T10:00", "2026-12-21T10:00"):
        out = demo("--now", week, "plan", "--drafts").output
        headed += [line for line in out.splitlines() if line.endswith(("coffee):", "call):"))]
        assert "in_person):" not in out
        assert "video):" not in out
    assert any(line.endswith(", coffee):") for line in headed)


def test_an_email_picks_draft_carries_its_subject_as_kith_draft_prints_it(kith: Kith) -> None:
    kith("config", "set", "me.name", "Sam Rivera")
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    for day in ("2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"):
        kith("log", "Ada", "a note", "--channel", "email", "--direction", "both", "--when", day)
    drafted = (
        "Ada Lovelace (checkin, email):\n"
        "Subject: Checking in\n"
        "\n"
        "Hi Ada,\n"
        "\n"
        "You came to mind today, so a quick hello. No need to reply at length; I hope all is "
        "well.\n"
        "\n"
        "Sam Rivera\n"
    )
    assert drafted in kith("plan", "--drafts").output
    assert kith("draft", "Ada", "--kind", "checkin").output == drafted.split(":\n", 1)[1]


def test_the_web_week_says_a_picks_channel_as_kith_plan_does(kith: Kith, db_path: Path) -> None:
    from tests.web_support import web_client  # the web app loads only for the web tests

    kith("add", "Ada Lovelace")
    for day in ("2026-07-20", "2026-08-20", "2026-09-20", "2026-10-20"):
        kith("log", "Ada", "coffee", "--channel", "coffee", "--when", day)
    assert "1  Ada Lovelace  L3     overdue by 2 days  coffee  open" in kith("plan").output
    with web_client(db_path) as client:
        page = client.get("/").text
    assert '<span class="tag">coffee</span>' in page
    assert '<span class="tag">in person</span>' not in page
