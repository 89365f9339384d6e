# ruff: noqa: E501 (the expected report has the long lines the terminal wraps)
"""`kith report`: every figure on a small network, whole; Markdown and JSON twins."""

from __future__ import annotations

import json

from tests.conftest import Kith
from tests.test_circles import two_groups  # noqa: F401 (a fixture)

EXPECTED = """\
Your network on 22 Nov 2026: 7 contacts.

Layer fill: 0 strong ties in L1–L3 (Dunbar's 15) and 1 in your active network L1–L5 (Dunbar's 150).
  L1: 0 (total 0, Dunbar 1.5), 0% overdue
  L2: 0 (total 0, Dunbar 5), 0% overdue
  L3: 0 (total 0, Dunbar 15), 0% overdue
  L4: 0 (total 0, Dunbar 50), 0% overdue
  L5: 1 (total 1, Dunbar 150), 0% overdue
  L6: 0 (total 1, Dunbar 500), 0% overdue
  L7: 6 (total 7, Dunbar 1500), 0% overdue
  → Few strong ties yet: caps are ceilings, not quotas; deepen two or three ties by meeting them more often rather than adding people.

Strong and weak ties: 0 strong (L1–L3), 1 weak (L4–L5), 6 latent (L6–L7): no strong ties.
  → Strong ties carry support; log the people you see often so Kith can find them.

Circles: 2 circles of three or more (sizes 3, 3); 1 in none.
  #1 climbing: 3
  #2 Acme: 3
  → Name them as you see them (`kith circle rename ID NAME`) and pin the ones you trust.

Circle diversity: Your closeness is spread like 2.0 equal circles out of 2 (normalised entropy 0.99; 1 is even).
  → Attention is spread over several circles (Acme leads with 54%): keep it.

Brokerage: Constraint 0.646 (lower is more brokerage), effective size 5.0 of 7 (efficiency 0.71), ego betweenness 0.57.
  → High constraint: your people mostly know each other, so news reaches you twice; meeting outside your circles adds the most (Burt 1992).

Bridges: 0 contacts whose ties span circles, 1 local bridge among your contacts, 0 circles reached only through you.
  Linus Torvalds and Ken Thompson know each other and no one in common
  → Your circles barely touch: bridges appear as Kith learns who knows whom.

Give and take: Of 1 person with gives either way, you gave more than 75% of the gives with 0% and less than 25% with 0%.
  → You give at least as often as you take: lopsided ties are normal (Kovanen 2010).

Dormant reserve: No dormant ties: nobody who was once close has gone quiet.
  → Nothing to revive: keep up the plan.

Inner-circle turnover: Not enough history for a year ago's inner circle.
  → Come back when Kith has a year of your history.

Activity over time: 3 interactions in the last 12 months.
  → As active as the year before, or more: keep the rhythm.
"""


def test_report_says_each_figure_and_what_to_do(two_groups: Kith) -> None:  # noqa: F811
    two_groups("log", "Ada", "coffee", "-w", "2026-11-20")
    two_groups("log", "Ken", "call", "-w", "2026-11-10", "-c", "call")
    two_groups("log", "Ken", "thanks for the intro", "--kind", "give", "-w", "2026-11-11")
    assert two_groups("report").output == EXPECTED


def test_report_in_markdown_has_a_heading_per_figure_and_what_to_do(two_groups: Kith) -> None:  # noqa: F811
    lines = two_groups("report", "--markdown").output.splitlines()
    assert lines[:3] == ["# Your network on 22 Nov 2026", "", "7 contacts."]
    assert [line for line in lines if line.startswith("## ")] == [
        "## Layer fill",
        "## Strong and weak ties",
        "## Circles",
        "## Circle diversity",
        "## Brokerage",
        "## Bridges",
        "## Give and take",
        "## Dormant reserve",
        "## Inner-circle turnover",
        "## Activity over time",
    ]
    assert "- \\#1 climbing: 3" in lines
    assert sum(line.startswith("*What to do:* ") for line in lines) == 10


def test_report_json_has_every_figure_with_its_values_and_advice(two_groups: Kith) -> None:  # noqa: F811
    found = json.loads(two_groups("report", "--json").output)
    assert list(found["figures"]) == [
        "layers",
        "strong_weak",
        "circles",
        "diversity",
        "brokerage",
        "bridges",
        "give_take",
        "dormant",
        "turnover",
        "activity",
    ]
    brokerage = found["figures"]["brokerage"]
    assert (brokerage["contacts"], brokerage["effective_size"]) == (7, 5.0)
    assert found["figures"]["bridges"]["local_bridge_examples"] == [
        ["Linus Torvalds", "Ken Thompson"]
    ]
    assert all(figure["advice"] for figure in found["figures"].values())


def test_report_with_markdown_and_json_is_a_usage_error(kith: Kith) -> None:
    result = kith("report", "--markdown", "--json")
    assert result.exit_code == 2


def test_report_on_an_empty_database_says_how_to_start(kith: Kith) -> None:
    output = kith("report").output
    assert output.startswith("Your network on 22 Nov 2026: 0 contacts.\n")
    assert "Brokerage: No contacts yet.\n  → Add the people you know" in output


def test_circles_without_any_history_have_no_diversity_to_report(two_groups: Kith) -> None:  # noqa: F811
    lines = two_groups("report").output.splitlines()
    at = lines.index(
        "Circle diversity: No closeness in your circles yet: none of their people has a history "
        "with you."
    )
    assert lines[at + 1] == (
        "  → Log what you do with people (`kith log`) and this shows where your time goes."
    )
