"""The query language parses into small value objects, and bad terms say what would work."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from kith.errors import UserError
from kith.names import fold
from kith.query import EXAMPLES, FIELDS, Query, Term, parse
from tests.conftest import NOW


def test_terms_combine_with_negation_and_bare_words() -> None:
    assert parse('tag:python -company:"Acme Corp" ada', NOW) == Query(
        (Term("tag", "python"), Term("company", "Acme Corp", negated=True), Term("name", "ada")),
        now=NOW,
    )


def test_since_and_before_become_instants() -> None:
    query = parse("channel:coffee since:7d before:2026-11-20", NOW)
    assert query.terms == (Term("channel", "in_person"),)
    assert query.since == datetime(2026, 11, 15, 10, tzinfo=UTC)
    assert query.before == datetime(2026, 11, 20, 0, tzinfo=UTC)


def test_an_unknown_term_names_the_known_ones() -> None:
    with pytest.raises(UserError, match=r"Unknown query term 'colour:' in 'colour:red'; use tag:"):
        parse("colour:red", NOW)


def test_an_empty_value_is_refused() -> None:
    with pytest.raises(UserError, match=r"The query term 'tag:' needs a value"):
        parse("tag:", NOW)


def test_a_term_without_a_value_is_shown_in_its_own_form() -> None:
    with pytest.raises(UserError, match=r"'company:' needs a value, e\.g\. company:acme\.$"):
        parse("company:", NOW)


def test_every_fields_example_of_its_own_form_parses_as_that_field() -> None:
    for field in FIELDS:
        example = EXAMPLES[field]
        assert example.startswith(f"{field}:")
        parse(example, NOW)  # raises if the example were not a valid value


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(UserError, match="Unknown channel 'pigeon'"):
        parse("channel:pigeon", NOW)


def test_the_weekly_plans_terms_take_their_values_in_any_case() -> None:
    query = parse("layer:l3 due:Week -dormant:YES", NOW)
    assert query.terms == (
        Term("layer", "l3"),
        Term("due", "week"),
        Term("dormant", "yes", negated=True),
    )
    assert query.needs_layers


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("layer:L9", "layer: takes L1 to L7, or strong (L1–L3), weak (L4–L5) or acquaintance"),
        ("due:tomorrow", "due: takes today, week or overdue, not 'tomorrow'."),
        ("dormant:maybe", "dormant: takes yes or no, not 'maybe'."),
    ],
)
def test_a_bad_plan_term_value_says_which_values_it_takes(text: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        parse(text, NOW)


def test_names_fold_case_accents_and_spaces() -> None:
    assert fold("  Zoë   MÜLLER ") == "zoe muller"
