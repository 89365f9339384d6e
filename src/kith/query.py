"""The query language of `kith list`, the web search and the API: text → small value objects.

`tag:founders company:acme -tag:old since:90d ada` parses into `Term`s that combine with AND.
Translation to SQL lives in one place, `kith.store.listing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kith.clock import parse_since
from kith.errors import UserError
from kith.vocab import PERSON_KINDS, channel

TEXT_FIELDS = ("tag", "interest", "company", "met", "name")
PLAN_FIELDS = ("layer", "due", "dormant")
FIELDS = (*TEXT_FIELDS, "channel", "since", "before", "kind", "archived", *PLAN_FIELDS)
# Each field's own form, for the error that asks for a value ("company:" → "company:acme").
EXAMPLES = {
    "tag": "tag:python",
    "interest": "interest:climbing",
    "company": "company:acme",
    "met": "met:pycon",
    "name": "name:ada",
    "channel": "channel:email",
    "since": "since:90d",
    "before": "before:2026-01-01",
    "kind": "kind:prospect",
    "archived": "archived:yes",
    "layer": "layer:L2",
    "due": "due:week",
    "dormant": "dormant:yes",
}


@dataclass(frozen=True)
class Term:
    """One `field:value` term of a query, possibly negated."""

    field: str
    value: str
    negated: bool = False


LAYER_VALUES = ("l1", "l2", "l3", "l4", "l5", "l6", "l7", "strong", "weak", "acquaintance")
DUE_VALUES = ("today", "week", "overdue")


@dataclass(frozen=True)
class Query:
    """A parsed list query: its terms and the time bounds around them."""

    terms: tuple[Term, ...] = ()
    since: datetime | None = None
    before: datetime | None = None
    now: datetime | None = None  # for the terms the weekly plan computes (due:, dormant:)

    @property
    def needs_layers(self) -> bool:
        """Whether the stored layers must be current to answer (layer:, due:, dormant:)."""
        return any(term.field in PLAN_FIELDS for term in self.terms)

    def values(self, name: str) -> list[Term]:
        return [term for term in self.terms if term.field == name]

    @property
    def kind(self) -> str:
        kinds = [t.value for t in self.values("kind") if not t.negated]
        return kinds[-1] if kinds else "contact"

    @property
    def archived(self) -> bool:
        return any(t.value == "yes" and not t.negated for t in self.values("archived"))


def parse(text: str, now: datetime) -> Query:
    """Parse a query; a bare word matches names. Raises UserError naming the bad term."""
    import shlex  # a query's own reading: not on a read without one

    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise UserError(f"Could not read the query {text!r}: {exc}.") from exc
    terms: list[Term] = []
    since = before = None
    for word in words:
        negated = word.startswith("-") and len(word) > 1
        body = word[1:] if negated else word
        field, sep, value = body.partition(":")
        if not sep:
            terms.append(Term("name", body, negated))
            continue
        field = field.lower()
        if field not in FIELDS:
            raise UserError(
                f"Unknown query term {field + ':'!r} in {text!r}; "
                f"use {', '.join(f + ':' for f in FIELDS)}."
            )
        if not value:
            raise UserError(
                f"The query term {field + ':'!r} needs a value, e.g. {EXAMPLES[field]}."
            )
        if field == "since":
            since = parse_since(value, now)
        elif field == "before":
            before = parse_since(value, now)
        else:
            terms.append(Term(field, _checked(field, value), negated))
    return Query(tuple(terms), since, before, now)


def _checked(field: str, value: str) -> str:
    if field == "channel":
        return channel(value)
    if field == "kind" and value.lower() not in PERSON_KINDS:
        raise UserError(f"kind: takes {' or '.join(PERSON_KINDS)}, not {value!r}.")
    if field in ("archived", "dormant") and value.lower() not in ("yes", "no"):
        raise UserError(f"{field}: takes yes or no, not {value!r}.")
    if field == "layer" and value.lower() not in LAYER_VALUES:
        raise UserError(
            f"layer: takes L1 to L7, or strong (L1–L3), weak (L4–L5) or acquaintance (L6–L7), "
            f"not {value!r}."
        )
    if field == "due" and value.lower() not in DUE_VALUES:
        raise UserError(f"due: takes today, week or overdue, not {value!r}.")
    lowered = ("kind", "archived", "dormant", "layer", "due")
    return value.lower() if field in lowered else value
