"""Claiming the connection: `kith met`, `kith claim` and `kith prep`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Kith

DEMO_CLAIMS = (
    "Met in the last 7 days, not yet claimed: 3.\n"
    "\n"
    "Beatriz Ortega (#148), met at Local-first night at the Foundry on 2026-11-20 ·"
    " 156/200\n"
    "Hi Beatriz, good to meet you at Local-first night at the Foundry. I'd like to"
    " stay in touch. I'd love to hear more about your work on a new open-source CLI.\n"
    "\n"
    "Gabriela Zúñiga (#149), met at Local-first night at the Foundry on 2026-11-20 ·"
    " 93/200\n"
    "Hi Gabriela, good to meet you at Local-first night at the Foundry. I'd like to"
    " stay in touch.\n"
    "\n"
    "Seo-yeon Yoon (#150), met at Local-first night at the Foundry on 2026-11-20 ·"
    " 157/200\n"
    "Hi Seo-yeon, good to meet you at Local-first night at the Foundry. I'd like to"
    " stay in touch. I'd love to hear more about your work on a new open-source CLI.\n"
)


@pytest.fixture
def pycon(kith: Kith) -> Kith:
    """An event two days ago, and Ada Lovelace, met there."""
    kith("event", "add", "PyCon 2026", "--date", "2026-11-20", "--place", "Pittsburgh")
    kith("met", "Ada Lovelace", "--at", "pycon", "--about", "her talk on compilers")
    return kith


def test_claim_on_the_demo_lists_the_three_people_met_two_days_ago(kith: Kith) -> None:
    kith("demo")
    assert kith("claim").output == DEMO_CLAIMS


def test_claim_json_on_the_demo_keeps_every_note_within_200_characters(kith: Kith) -> None:
    kith("demo")
    shown = json.loads(kith("claim", "--json").output)
    assert shown["total"] == 3
    assert [(c["id"], c["name"], c["event"], c["chars"]) for c in shown["claims"]] == [
        (
            148,
            "Beatriz Ortega",
            {"id": 27, "name": "Local-first night at the Foundry", "date": "2026-11-20"},
            156,
        ),
        (
            149,
            "Gabriela Zúñiga",
            {"id": 27, "name": "Local-first night at the Foundry", "date": "2026-11-20"},
            93,
        ),
        (
            150,
            "Seo-yeon Yoon",
            {"id": 27, "name": "Local-first night at the Foundry", "date": "2026-11-20"},
            157,
        ),
    ]
    for claim in shown["claims"]:
        assert claim["chars"] == len(claim["draft"]) <= claim["max_chars"] == 200
        assert set(claim) >= {"uid", "emails", "phones", "company", "tags"}


def test_met_adds_a_new_person_met_at_the_event(kith: Kith) -> None:
    kith("event", "add", "PyCon 2026", "--date", "2026-11-20", "--place", "Pittsburgh")
    result = kith(
        "met",
        "Ada Lovelace",
        "--at",
        "pycon",
        "--about",
        "her talk on compilers",
        "--email",
        "ada@example.org",
    )
    assert result.output == (
        "Added Ada Lovelace (#1), met at PyCon 2026 (2026-11-20, Pittsburgh).\n"
        'The claim note will say: "I enjoyed your talk on compilers."\n'
    )
    assert kith("show", "Ada").output == (
        "Ada Lovelace  (#1)\n"
        "  email: ada@example.org\n"
        "  met: her talk on compilers\n"
        "  met at: PyCon 2026\n"
        "  known since: 2026-11-20\n"
        "  event: PyCon 2026 (2026-11-20)\n"
        "\n"
        'No interactions yet: `kith log NAME "what you did"` records one.\n'
    )


def test_meeting_someone_known_again_keeps_where_you_first_met_and_adds_the_about(
    pycon: Kith,
) -> None:
    pycon("event", "add", "EuroPython", "--date", "2026-11-21")
    assert pycon("met", "Ada", "--at", "europython", "--about", "her compiler demo").output == (
        "Recorded that you met Ada Lovelace (#1) at EuroPython (2026-11-21).\n"
        'The claim note will say: "I enjoyed your compiler demo."\n'
        'Nothing was logged: if you spent time together there, `kith log "#1" "what you did" '
        "--when 2026-11-21` counts it (the plan goes by what you log).\n"
    )
    person = json.loads(pycon("show", "Ada", "--json").output)["person"]
    assert (person["met_event"], person["how_met"]) == (
        "PyCon 2026",
        "her talk on compilers; her compiler demo",
    )
    events = json.loads(pycon("event", "list", "--json").output)["events"]
    assert [[a["name"] for a in e["attendees"]] for e in events] == [
        ["Ada Lovelace"],
        ["Ada Lovelace"],
    ]
    pycon("met", "Ada", "--at", "europython", "--about", "her compiler demo")
    person = json.loads(pycon("show", "Ada", "--json").output)["person"]
    assert person["how_met"] == "her talk on compilers; her compiler demo"


def test_met_json_says_whether_the_person_was_created(pycon: Kith) -> None:
    shown = json.loads(pycon("met", "Ada", "--at", "#1", "--json").output)
    assert (shown["created"], shown["person"]["name"], shown["event"]["name"]) == (
        False,
        "Ada Lovelace",
        "PyCon 2026",
    )
    shown = json.loads(pycon("met", "Grace Hopper", "--at", "#1", "--json").output)
    assert (shown["created"], shown["person"]["met_event"]) == (True, "PyCon 2026")


def test_met_at_an_unknown_event_exits_3_and_adds_nobody(kith: Kith) -> None:
    result = kith("met", "Ada Lovelace", "--at", "Nowhere Conf")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: No event called 'Nowhere Conf'; `kith event list` shows them, "
        "`kith event add` creates one.\n",
    )
    assert json.loads(kith("list", "--json").output)["total"] == 0


def test_met_with_an_ambiguous_name_exits_4_and_adds_nobody(pycon: Kith) -> None:
    pycon("add", "Ada Byron")
    result = pycon("met", "Ada", "--at", "pycon")
    assert (result.exit_code, result.stderr) == (
        4,
        "Error: 'Ada' matches 2 people; say which with #ID or a fuller name.\n"
        "  #1  Ada Lovelace\n"
        "  #2  Ada Byron\n",
    )
    assert json.loads(pycon("list", "--json").output)["total"] == 2


def test_claim_lists_someone_met_with_the_note_from_the_claim_template(pycon: Kith) -> None:
    assert pycon("claim").output == (
        "Met in the last 7 days, not yet claimed: 1.\n"
        "\n"
        "Ada Lovelace (#1), met at PyCon 2026 on 2026-11-20 · 100/200\n"
        "Hi Ada, good to meet you at PyCon 2026. I enjoyed your talk on compilers. I'd like to "
        "stay in touch.\n"
    )


def test_an_interaction_away_from_the_event_means_the_tie_is_claimed(pycon: Kith) -> None:
    pycon("log", "Ada", "sent her my notes", "--channel", "email", "--when", "2026-11-21")
    assert pycon("claim").output == (
        "Nobody met at an event in the last 7 days is waiting for a claim note; "
        "`kith met NAME --at EVENT` records someone you meet.\n"
    )
    assert json.loads(pycon("claim", "--json").output) == {"claims": [], "total": 0}


def test_claim_looks_back_days_days(kith: Kith) -> None:
    kith("event", "add", "Old Conf", "--date", "2026-11-12")
    kith("met", "Grace Hopper", "--at", "Old Conf")
    assert json.loads(kith("claim", "--json").output)["total"] == 0
    assert json.loads(kith("claim", "--days", "9", "--json").output)["total"] == 0
    assert json.loads(kith("claim", "--days", "10", "--json").output)["total"] == 1


def test_a_long_claim_note_drops_sentences_then_fits_and_300_keeps_more(pycon: Kith) -> None:
    work = "a new compiler for the analytical engine"
    # a list ("A, B and C"): a comma that opens none sets off a note to yourself (trial 7)
    pycon("edit", "Ada", "--working-on", f"{work}, {work} and {work}")
    first = json.loads(pycon("claim", "--json").output)["claims"][0]
    assert (first["draft"], first["chars"]) == (
        "Hi Ada, good to meet you at PyCon 2026. I enjoyed your talk on compilers. I'd like to "
        "stay in touch.",
        100,
    )
    pycon("config", "set", "claim.max_chars", "300")
    shown = pycon("claim").output.splitlines()
    assert shown[2] == "Ada Lovelace (#1), met at PyCon 2026 on 2026-11-20 · 270/300"
    assert shown[3].endswith(
        "I'd love to hear more about your work on a new compiler for the analytical engine, "
        "a new compiler for the analytical engine and a new compiler for the analytical engine."
    )


def test_a_claim_template_too_long_even_bare_is_cut_at_a_word(pycon: Kith, tmp_path: Path) -> None:
    pycon("claim")
    template = tmp_path / "data-home" / "kith" / "templates" / "claim.txt"
    template.write_text("Hi $first_name,\n" + "it was really good to meet you " * 10, "utf-8")
    claim = json.loads(pycon("claim", "--json").output)["claims"][0]
    assert claim["chars"] == len(claim["draft"]) == 197
    assert claim["draft"] == "Hi Ada, " + ("it was really good to meet you " * 6) + "it…"


def test_prep_shows_who_you_know_what_you_last_talked_about_and_what_is_open(
    pycon: Kith,
) -> None:
    pycon("add", "Grace Hopper")
    pycon("add", "Alan Turing")
    pycon("event", "add", "Compiler dinner", "--date", "2026-11-28", "--place", "The Anchor")
    pycon("event", "attend", "dinner", "Ada", "Grace", "Alan")
    pycon("archive", "Alan")
    pycon("log", "Ada", "coffee about her compiler", "--when", "2026-11-21")
    pycon("--now", "2026-11-20T17:00Z", "todo", "Ada", "already done", "--due", "2026-11-24")
    pycon("--now", "2026-11-20T18:00Z", "todo-done", "1")
    pycon("todo", "Ada", "send the paper on loops", "--due", "2026-11-30")
    pycon("todo", "Ada", "an intro to Grace", "--theirs")
    pycon("todo", "Ada", "book the table", "--due", "2026-11-25")
    assert pycon("prep", "dinner").output == (
        "Compiler dinner (2026-11-28, The Anchor): 2 people you know.\n"
        "Ada Lovelace (#1)\n"
        "  last talked 2026-11-21 (in_person): coffee about her compiler\n"
        "  you owe: book the table (due 2026-11-25)\n"
        "  you owe: send the paper on loops (due 2026-11-30)\n"
        "  they owe: an intro to Grace\n"
        "Grace Hopper (#2)\n"
        "  no interaction yet\n"
    )
    shown = json.loads(pycon("prep", "dinner", "--json").output)
    assert (shown["total"], shown["event"]["name"]) == (2, "Compiler dinner")
    ada = shown["people"][0]
    assert (ada["person"]["name"], ada["last"]["summary"], ada["last"]["at"]) == (
        "Ada Lovelace",
        "coffee about her compiler",
        "2026-11-21T12:00:00Z",
    )
    assert [(f["text"], f["owner"], f["due"], f["person"]["id"]) for f in ada["follow_ups"]] == [
        ("book the table", "mine", "2026-11-25", 1),
        ("send the paper on loops", "mine", "2026-11-30", 1),
        ("an intro to Grace", "theirs", None, 1),
    ]
    assert shown["people"][1]["last"] is None


def test_prep_on_the_demos_upcoming_meetup(kith: Kith) -> None:
    kith("demo")
    assert kith("prep", "Data Tinkerers #51").output == (
        "Data Tinkerers #51 (2026-12-04, The Foundry, Bristol): 4 people you know.\n"
        "Fabio Mancini (#44)\n"
        "  last talked 2026-11-07 (social): asked for feedback on DuckDB in production\n"
        "Freja Johansson (#40)\n"
        "  last talked 2026-11-17 (message): messages about local-first sync\n"
        "Tomás Cabrera (#60)\n"
        "  last talked 2026-11-08 (social): thank-you note about vector search\n"
        "Ute Neumann (#38)\n"
        "  last talked 2026-11-09 (message): texted about streaming joins\n"
    )


def test_prep_for_an_event_nobody_is_recorded_at(kith: Kith) -> None:
    kith("event", "add", "Quiet night", "--date", "2026-11-28")
    assert kith("prep", "quiet").output == (
        "Nobody is recorded at Quiet night (2026-11-28) yet; "
        '`kith event attend "Quiet night" NAME...` adds who is coming.\n'
    )


def test_every_example_the_help_of_met_gives_for_about_is_said_back_in_the_claim_note(
    kith: Kith,
) -> None:
    import re

    help_text = " ".join(kith("met", "--help").output.split())
    about = help_text.partition("--about TEXT")[2].partition("--email")[0]
    examples = re.findall(r'"([^"]+)"', about)
    assert examples == ["her talk on sync engines", "coffee after the keynote"]
    kith("event", "add", "Local-first", "--date", "2026-11-20")
    for name, example in zip(("Lin Okafor", "Ana Castro"), examples, strict=True):
        said = kith("met", name, "--at", "Local-first", "--about", example)
        assert "The claim note will say:" in said.output
        assert "will not quote" not in said.output
