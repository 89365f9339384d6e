"""What an assistant is not shown unless the user started `kith mcp --include-notes`: private
notes on a card, an interaction's summary (often the text of a message) and notes, the
note a follow-up was closed with; a plan pick's reason quoting a news note; an interaction's
topic that drafts will not say back to them (something personal, a judgement, a note to self),
and what they are working on when drafts will not ask after it for the same reasons.
Every tool's result passes through `withhold`, the one place this is decided."""

from __future__ import annotations

from typing import Any

from kith.drafts.phrases import withheld
from kith.services.interactions import topic_warning
from kith.services.week.plan import said_outside

# the contract's keys that hold the user's own words (person notes, interaction summary and
# notes, a ledger entry's or a claim's last summary, a follow-up's done note)
PRIVATE_KEYS = frozenset({"notes", "summary", "done_note"})
REASON_KEY = "reason"  # a pick's reason: "their recent news: …" quotes the user's note
# an interaction's topic: said back to them when drafts would say it, else the user's alone
# (trial 4: "dad's hospital visit", "baby names" sent to the assistant)
TOPIC_KEY = "topic"
# what they are working on: [{"text", "as_of"}], the text kept back as a topic would be
# (trial 5: "his divorce (don't mention)")
WORK_KEY = "working_on"


def withhold(data: Any) -> Any:
    """A copy of `data` (JSON-like) with every private key emptied: [] for a list, else None,
    and every reason cut to the words that quote no note. The keys stay, so each object keeps
    the contract's shape."""
    if isinstance(data, dict):
        return {key: _withheld(key, value) for key, value in data.items()}
    if isinstance(data, list):
        return [withhold(item) for item in data]
    return data


def _withheld(key: str, value: Any) -> Any:
    if key in PRIVATE_KEYS:
        return _emptied(value)
    if key == REASON_KEY and isinstance(value, str):
        return said_outside(value)
    if key == TOPIC_KEY and isinstance(value, str) and topic_warning(value):
        return None
    if key == WORK_KEY and isinstance(value, list):
        return [_work(item) for item in value]
    return withhold(value)


def _work(item: Any) -> Any:
    if isinstance(item, dict) and isinstance(item.get("text"), str) and withheld(item["text"]):
        return item | {"text": None}
    return withhold(item)


def _emptied(value: Any) -> Any:
    return [] if isinstance(value, list) else None
