"""The weekly plan's data in a Kith JSON export, entry by entry: a person's plan choices
(pinned, muted, snoozed, cadence), follow-ups, articles with their topics and shares, the
want-to-meet list and the plan's skips. Each entry names people by uid; `known` checks that
the uid is among the people the file has named before (it raises `Bad` otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kith.records import (
    ArticleRecord,
    FollowUpRecord,
    InteractionRef,
    ShareRecord,
    SkipRecord,
    WantRecord,
)
from kith.sources import json_fields as fields
from kith.sources.json_fields import Entry

OWNERS = ("mine", "theirs")  # as the schema's CHECK constraint has them (0007_weekly_plan.sql)

Known = Callable[[Entry, str], str]  # (entry, key) → the uid it names, known to the file


def person_plan(entry: Entry) -> dict[str, Any]:
    """The PersonRecord fields of a person's plan choices; absent ones are unset."""
    return {
        "pinned": fields.flag(entry, "pinned", default=False),
        "muted": fields.flag(entry, "muted", default=False),
        "snoozed_until": fields.instant(entry, "snoozed_until"),
        "cadence_days": _days(entry, "cadence_days"),
        "cadence_max_days": _days(entry, "cadence_max_days"),
        "let_go_at": fields.instant(entry, "let_go_at"),
    }


def follow_up(raw: Any, known: Known) -> FollowUpRecord:
    entry = fields.as_object(raw)
    return FollowUpRecord(
        person=known(entry, "person"),
        text=fields.required(entry, "text"),
        created_at=fields.must(fields.instant(entry, "created_at"), "created_at"),
        owner=fields.one_of(entry, "owner", OWNERS, "mine"),
        due=fields.day(entry, "due"),
        done_at=fields.instant(entry, "done_at"),
        done_note=fields.optional(entry, "done_note"),
        interaction=_interaction(entry),
        id=fields.number(entry, "id"),
    )


def article(raw: Any, known: Known) -> ArticleRecord:
    entry = fields.as_object(raw)
    return ArticleRecord(
        url=fields.required(entry, "url"),
        saved_at=fields.must(fields.instant(entry, "saved_at"), "saved_at"),
        title=fields.optional(entry, "title"),
        note=fields.optional(entry, "note"),
        topics=fields.texts(entry, "topics"),
        shares=fields.each(entry, "shares", lambda share: _share(share, known)),
        id=fields.number(entry, "id"),
    )


def want(raw: Any, known: Known) -> WantRecord:
    entry = fields.as_object(raw)
    return WantRecord(
        person=known(entry, "person"),
        created_at=fields.must(fields.instant(entry, "created_at"), "created_at"),
        why=fields.optional(entry, "why"),
        met_at=fields.instant(entry, "met_at"),
    )


def plan_skip(raw: Any, known: Known) -> SkipRecord:
    entry = fields.as_object(raw)
    return SkipRecord(known(entry, "person"), fields.must(fields.instant(entry, "at"), "at"))


def _share(entry: Entry, known: Known) -> ShareRecord:
    return ShareRecord(
        person=known(entry, "person"),
        at=fields.must(fields.instant(entry, "at"), "at"),
        interaction=_interaction(entry),
    )


def _interaction(entry: Entry) -> InteractionRef | None:
    value = entry.get("interaction")
    if value is None:
        return None
    ref = fields.as_object(value)
    return InteractionRef(fields.optional(ref, "source"), fields.required(ref, "source_id"))


def _days(entry: Entry, key: str) -> float | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise fields.Bad(f"{key} should be a number of days above 0, not {value!r}")
    return float(value)
