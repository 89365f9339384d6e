"""Replies owed (trial 3, finding 2): someone whose latest interaction is a note they wrote, not
answered, stays eligible for the week after its own week, on priority.reply_week's weeks, until
it is answered (any later interaction), skipped since (`kith skip`), or older than
UNANSWERED_DAYS; a snooze or a mute keeps them out as it keeps anyone out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from kith.clock import from_utc_text, to_utc_text
from kith.relate.priority import UNANSWERED_DAYS, Span, reply_week
from kith.store import Store


def owed(
    store: Store, now: datetime, week: Span, among: Sequence[int] | None = None
) -> dict[int, datetime]:
    """Who (`among` these, else of everyone) a reply owed makes eligible in `week` at `now`,
    and when they wrote."""
    since = to_utc_text(now - timedelta(days=UNANSWERED_DAYS + 1))
    found: dict[int, datetime] = {}
    for person, at, skipped in store.plan.wrote_last(since, among):
        wrote = from_utc_text(at)
        if wrote > now or (skipped is not None and from_utc_text(skipped) <= now):
            continue  # a note from after `now` (a clock set back), or skipped since
        if (now - wrote).days <= UNANSWERED_DAYS and reply_week(wrote, week):  # awaits_reply
            found[person] = wrote
    return found
