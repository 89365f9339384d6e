"""The query language parses into small value objects, and bad terms say what would work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kith.errors import UserError
from kith.names import fold
from kith.query import Query, Term, parse
from tests.conftest import NOW


def test_terms_combine_with_negation_and_bare_words() -> None:
    assert parse('tag:python -company:"Acme Corp" ada', NOW) == Query(
        (Term("tag", "python"), Term("company", "Acme Corp", negated=True), Term("name", "ada"))
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


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(UserError, match="Unknown channel 'pigeon'"):
        parse("channel:pigeon", NOW)


def test_plan_terms_are_reserved_for_the_weekly_plan() -> None:
    with pytest.raises(UserError, match="layer: is computed by the weekly plan"):
        parse("layer:L3", NOW)


def test_names_fold_case_accents_and_spaces() -> None:
    assert fold("  Zoë   MÜLLER ") == "zoe muller"
