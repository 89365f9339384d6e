"""log, interactions and timeline: what you did together, with the clock fixed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Kith


@pytest.fixture
def people(kith: Kith) -> Kith:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("add", "Grace Hopper")
    return kith


def test_log_with_several_people_and_a_natural_date(people: Kith) -> None:
    result = people("log", "Ada", "Grace", "dinner after the meetup", "--when", "last friday")
    assert result.output == (
        "Logged #1: dinner after the meetup (in_person, both) with Ada Lovelace, Grace Hopper.\n"
    )
    shown = json.loads(people("interactions", "Grace", "--json").output)["interactions"][0]
    assert (shown["at"], shown["channel"], shown["direction"], shown["kind"]) == (
        "2026-11-20T12:00:00Z",
        "in_person",
        "both",
        "checkin",
    )


@pytest.mark.parametrize(
    ("channel", "direction"),
    [
        ("email", "out"),
        ("message", "out"),
        ("social", "out"),
        ("call", "both"),
        ("video", "both"),
        ("coffee", "both"),
        ("event", "both"),
    ],
)
def test_the_default_direction_follows_the_channel(
    people: Kith, channel: str, direction: str
) -> None:
    logged = json.loads(people("log", "Ada", "hello", "-c", channel, "--json").output)
    assert logged["interaction"]["direction"] == direction


def test_an_identity_names_the_person_too(people: Kith) -> None:
    result = people("log", "ada@example.org", "sent the paper", "-c", "email", "-k", "give")
    assert result.output == "Logged #1: sent the paper (email, out) with Ada Lovelace.\n"


def test_a_future_date_is_refused(people: Kith) -> None:
    result = people("log", "Ada", "coffee", "--when", "tomorrow")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'tomorrow' is in the future (2026-11-23 12:00);")
    assert json.loads(people("timeline", "--json").output)["total"] == 0


def test_log_needs_a_name_and_a_summary(people: Kith) -> None:
    result = people("log", "coffee")
    assert (result.exit_code, result.stderr) == (
        2,
        'Error: Give at least one name and a summary: kith log Ada "coffee".\n',
    )


def test_an_unknown_name_exits_3_with_close_names(people: Kith) -> None:
    result = people("log", "Ada Lovelance", "coffee")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called 'Ada Lovelance'. Did you mean: Ada Lovelace?\n",
    )
    assert json.loads(people("timeline", "--json").output)["total"] == 0


def test_edit_changes_an_interaction_and_the_aggregates_follow(people: Kith) -> None:
    people("log", "Ada", "coffee")
    result = people("log", "--edit", "1", "tea, not coffee", "--when", "2026-11-01")
    assert result.output == "Updated #1: tea, not coffee (in_person, both) with Ada Lovelace.\n"
    person = json.loads(people("show", "Ada", "--json").output)["person"]
    assert person["last_contact_at"] == "2026-11-01T12:00:00Z"


def test_delete_removes_an_interaction_and_resets_the_aggregates(people: Kith) -> None:
    people("log", "Ada", "coffee")
    assert people("log", "--delete", "1").output == (
        "Deleted #1: coffee (in_person, both) with Ada Lovelace.\n"
    )
    person = json.loads(people("show", "Ada", "--json").output)["person"]
    assert (person["last_contact_at"], person["interaction_count"]) == (None, 0)


def test_an_unknown_interaction_id_exits_3(people: Kith) -> None:
    result = people("log", "--delete", "99")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: No interaction has the id 99; `kith interactions NAME` lists them with ids.\n",
    )


def test_interactions_lists_with_ids_newest_first(people: Kith) -> None:
    people("log", "Ada", "first", "--when", "2026-11-01")
    people("log", "Ada", "Grace", "second", "--when", "2026-11-10", "-c", "call")
    assert people("interactions", "Ada").output == (
        "id  when              with                        channel    dir   kind     summary\n"
        "2   2026-11-10 12:00  Ada Lovelace, Grace Hopper  call       both  checkin  second\n"
        "1   2026-11-01 12:00  Ada Lovelace                in_person  both  checkin  first\n"
    )


def test_timeline_shows_everything_since_a_point(people: Kith) -> None:
    people("log", "Ada", "old news", "--when", "2026-10-01")
    people("log", "Grace", "recent", "--when", "2026-11-20")
    assert people("timeline", "--since", "7d").output == (
        "id  when              with          channel    dir   kind     summary\n"
        "2   2026-11-20 12:00  Grace Hopper  in_person  both  checkin  recent\n"
    )
    assert json.loads(people("timeline", "--since", "2026-09-01", "--json").output)["total"] == 2


def test_timeline_with_a_limit_still_reports_the_total(people: Kith) -> None:
    for day in (1, 2, 3):
        people("log", "Ada", f"day {day}", "--when", f"2026-11-0{day}")
    shown = json.loads(people("timeline", "--since", "30d", "--limit", "2", "--json").output)
    assert ([i["summary"] for i in shown["interactions"]], shown["total"]) == (
        ["day 3", "day 2"],
        3,
    )
    assert people("timeline", "--since", "30d", "--limit", "2").output.endswith(
        "(2 of 3; drop --limit to see all)\n"
    )


def test_show_says_which_interactions_have_notes_and_how_to_print_them(people: Kith) -> None:
    people("log", "Ada", "coffee", "--notes", "she is moving to Lisbon", "--when", "2026-11-16")
    people("log", "Ada", "lunch", "--when", "2026-11-17")
    lines = people("show", "Ada").output.splitlines()
    assert "she is moving to Lisbon" not in "\n".join(lines)
    assert lines[-1] == "1 of these interactions has notes: `kith show Ada --notes` prints them."


def test_show_notes_prints_each_interactions_notes_under_it(people: Kith) -> None:
    people("log", "Ada", "coffee", "--notes", "she is moving\nto Lisbon", "--when", "2026-11-16")
    people("log", "Grace", "tea", "--notes", "not Ada's", "--when", "2026-11-16")
    lines = people("show", "Ada Lovelace", "--notes").output.splitlines()
    start = lines.index("Interactions (1, newest first):")
    assert lines[start + 1].startswith("1  2026-11-16")
    assert lines[start + 1].endswith("coffee")
    assert lines[start + 2 :] == ["    she is moving", "    to Lisbon"]
    assert "has notes" not in "\n".join(lines)


def test_show_without_notes_says_nothing_of_them(people: Kith) -> None:
    people("log", "Ada", "coffee", "--when", "2026-11-16")
    assert "--notes" not in people("show", "Ada").output
