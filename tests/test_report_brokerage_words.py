"""The report's reading of a high constraint says where it comes from (a new user's trial: 24
contacts who barely knew each other, efficiency 0.99, were told "your people mostly know each
other")."""

from __future__ import annotations

from kith.services.mesh.report_words import brokerage_advice


def test_a_high_constraint_among_people_who_barely_know_each_other_comes_from_few_ties() -> None:
    assert brokerage_advice({"constraint": 0.356, "efficiency": 0.99}) == (
        "High constraint, though your people barely know each other: your time goes to a few "
        "of them; seeing a few more regularly spreads it (Burt 1992)."
    )


def test_a_high_constraint_among_people_who_know_each_other_keeps_its_reading() -> None:
    assert brokerage_advice({"constraint": 0.646, "efficiency": 0.71}).startswith(
        "High constraint: your people mostly know each other"
    )
    assert brokerage_advice({"constraint": 0.2, "efficiency": 0.99}).startswith("Low constraint")
