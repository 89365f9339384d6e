"""Who a skip rests this week (science.md §5, priority.resting): read from the skips, for the
week's pool (services/plan_pool.py leaves them out, as it does the snoozed) and for the
reference candidates (services/plan.py's `_eligible`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from kith.clock import from_utc_text, to_utc_text
from kith.relate.priority import REST_LOOKBACK_DAYS, Span, back_from_rest, resting
from kith.services import replies
from kith.store import Store


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
