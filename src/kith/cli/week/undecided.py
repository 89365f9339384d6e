"""The lines `plan` and `today` print under "Met at events, not claimed" (the people
`services.claims.undecided` finds), kept apart from the claim commands so that the two reads
load neither them nor what they need (cards, events, drafting)."""

from __future__ import annotations

from kith.services import claims as service

DECIDE_TITLE = (
    f"Met at events, not claimed: claim (`kith claim --days {service.DECIDE_DAYS}`), log, "
    "or `kith let-go NAME`"
)


DECIDE_SHOWN = 5  # lines in `today` and the plan; JSON carries everyone


def decide_lines(found: list[service.Undecided]) -> list[str]:
    lines = [
        f"{item.person.name} — met at {item.event.name} {_ago(item.days)}"
        for item in found[:DECIDE_SHOWN]
    ]
    if len(found) > DECIDE_SHOWN:
        more = len(found) - DECIDE_SHOWN
        lines.append(f"… and {more} more: `kith claim --days {service.DECIDE_DAYS}` lists them")
    return lines


def _ago(days: int) -> str:
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
