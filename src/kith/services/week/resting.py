"""Who a skip rests this week (science.md §5, priority.resting): read from the skips, for the
week's pool (services/week/plan_pool.py leaves them out, as it does the snoozed) and for the
reference candidates (services/week/plan.py's `_eligible`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kith.clock import from_utc_text, to_utc_text
from kith.relate.priority import (
    REST_LOOKBACK_DAYS,
    Span,
    back_from_rest,
    back_on,
    rest_weeks,
    resting,
)
from kith.services.week import replies
from kith.services.week.weeks import day_said, span_of
from kith.store import Store


@dataclass(frozen=True)
class Rest:
    """A rest after a skip: how many weeks after the skip's own, and the Monday it ends."""

    weeks: int
    back: date

    @property
    def said(self) -> str:
        """As `kith skip`, `kith why` and the web's week say it: "they rest for 1 week, not back
        before Mon 14 Dec (unless a birthday, a follow-up or a note from them)"."""
        rest = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        return (
            f"they rest for {rest}, not back before {day_said(self.back)} (unless a "
            "birthday, a follow-up or a note from them)"
        )


def rest_of(store: Store, person_id: int, now: datetime) -> Rest | None:
    """The rest their skips hold them in this week at `now` (the one that ends last), or None
    when they are not resting."""
    since = to_utc_text(now - timedelta(days=REST_LOOKBACK_DAYS))
    skips = [from_utc_text(at) for at in store.plan.skips(since).get(person_id, [])]
    week = span_of(now)
    if not resting(skips, now, week):
        return None
    last = max((s for s in skips if s <= now), key=lambda s: back_on(skips, s, now.tzinfo))
    return Rest(rest_weeks(skips, last), back_on(skips, last, now.tzinfo))


def resting_ids(store: Store, now: datetime, week: Span) -> set[int]:
    """Everyone a skip rests in `week` at `now`, whatever may bring them in all the same."""
    since = to_utc_text(now - timedelta(days=REST_LOOKBACK_DAYS))
    found = set()
    for person, ats in store.plan.skips(since).items():
        if resting([from_utc_text(at) for at in ats], now, week):
            found.add(person)
    return found


def kept_out(
    store: Store, now: datetime, week: Span, hooks: Mapping[int, Mapping[str, str]]
) -> set[int]:
    """Those resting in `week` whom neither a hook of theirs (`hooks`: person → kind → detail)
    nor a reply owed brings in (priority.back_from_rest)."""
    away = resting_ids(store, now, week)
    if not away:
        return away
    owed = replies.owed(store, now, week, sorted(away))
    return {pid for pid in away if not back_from_rest(hooks.get(pid, {}), pid in owed)}
