"""Parsers take any text: they return a value or raise UserError, never crash."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.errors import UserError
from kith.identities import normalise
from kith.names import fold
from kith.query import parse
from kith.store import Store
from kith.store.search import fts_query
from tests.conftest import NOW

ANY_TEXT = st.text(max_size=40)


def message_of(call: Callable[[], object]) -> str:
    """ "ok" when the call returns a value, else the UserError's sentence."""
    try:
        return "ok" if call() is not None else "returned None"
    except UserError as error:
        return str(error)


@given(ANY_TEXT)
def test_any_query_parses_or_says_why(text: str) -> None:
    assert message_of(lambda: parse(text, NOW)) not in ("", "returned None")


@given(st.sampled_from(["email", "phone", "linkedin", "url", "handle"]), ANY_TEXT)
def test_any_identity_normalises_or_says_why(kind: str, raw: str) -> None:
    assert message_of(lambda: normalise(kind, raw, "GB").value or None) not in ("", "returned None")


@given(ANY_TEXT)
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ANY_TEXT)
def test_search_accepts_any_text(store: Store, text: str) -> None:
    assert fts_query(text) is None or '"' in fts_query(text)  # type: ignore[operator]
    assert store.search.people(text, 20) == []
