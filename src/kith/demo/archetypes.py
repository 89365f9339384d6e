"""The six archetypes of science.md section 2 as named people whose logs follow its conventions.

Conventions, exactly: interactions every `period` days, the latest `latest` days before now (half
a period, or 730 + 3.5 d for the formerly close friend), oldest first with directions alternating
out, in, out... (all out for the one-way tie) and channels alternating as listed; one participant
each; `mutual` explicit links to other demo contacts, and no other link, event or relationship.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kith.demo.circles import CIRCLE_BY_TAG, CardDraft
from kith.demo.names import Name
from kith.records import InteractionRecord, LinkRecord


@dataclass(frozen=True)
class Archetype:
    given: str
    family: str
    period: float  # days between interactions
    count: int
    channels: tuple[str, ...]  # alternating, starting with the oldest interaction
    mutual: int  # contacts with an explicit link to them
    latest: float  # days before now of the latest interaction
    circle: str  # their tag
    company: str  # their own organisation, shared with nobody else in the demo
    how_met: str
    one_way: bool = False

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def oldest(self) -> float:
        return self.latest + (self.count - 1) * self.period


ARCHETYPES = (
    Archetype(
        "Wendy", "Weekly", 7, 260, ("email", "in_person"), 20, 3.5, "university",
        "Quayside Books", "flatmates at the University of Eastbridge",
    ),
    Archetype(
        "Monty", "Monthly", 30, 36, ("email", "call"), 10, 15, "open-source",
        "Montague Consulting", "co-maintains fieldkit with me",
    ),
    Archetype(
        "Quinn", "Quarterly", 91, 4, ("email",), 5, 45.5, "customers",
        "Quarry Point Mining", "quarterly check-ins since their pilot project",
    ),
    Archetype(
        "Yara", "Yearly", 365, 3, ("email",), 0, 182.5, "meetup",
        "Yarrow Ventures", "met at one of the first Data Tinkerers meetups",
    ),
    Archetype(
        "Fiona", "Formerly", 7, 156, ("email", "in_person"), 10, 733.5, "colleagues",
        "Foxglove Systems", "sat next to each other at Harbour & Finch",
    ),
    Archetype(
        "Otto", "Oneway", 30, 12, ("email",), 0, 15, "customers",
        "Ottoline Capital", "an investor I keep writing to",
        one_way=True,
    ),
)  # fmt: skip

FEMININE = frozenset({"Wendy", "Quinn", "Yara", "Fiona"})
SUMMARY = {"email": "e-mail catch-up", "in_person": "coffee at the usual place", "call": "call"}


def draft(archetype: Archetype, sid: str, now: datetime) -> CardDraft:
    """The archetype's card: tagged with its circle, working where nobody else in the demo does."""
    known = (now - timedelta(days=archetype.oldest)).date()
    name = Name(archetype.given, archetype.family, archetype.given in FEMININE)
    return CardDraft(
        sid,
        name,
        CIRCLE_BY_TAG[archetype.circle],
        archetype.company,
        known,
        how_met=archetype.how_met,
        tags=(archetype.circle,),
    )


def interactions(archetype: Archetype, sid: str, now: datetime) -> Iterator[InteractionRecord]:
    """The archetype's log, oldest first; arithmetic in UTC so every gap is exactly `period`."""
    moment = now.astimezone(UTC)
    for k in range(archetype.count):
        channel = archetype.channels[k % len(archetype.channels)]
        age = archetype.latest + (archetype.count - 1 - k) * archetype.period
        yield InteractionRecord(
            source_id=f"{sid}-{k + 1:03d}",
            at=moment - timedelta(days=age),
            channel=channel,
            direction="out" if archetype.one_way or k % 2 == 0 else "in",
            summary=SUMMARY[channel],
            participants=(sid,),
        )


def links(archetype: Archetype, sid: str, partners: list[str]) -> Iterator[LinkRecord]:
    """`mutual` explicit links from the archetype to the first of `partners` (distinct people)."""
    chosen = list(dict.fromkeys(partners))[: archetype.mutual]
    if len(chosen) < archetype.mutual:
        raise ValueError(f"{archetype.name} needs {archetype.mutual} partners, got {len(chosen)}")
    for partner in chosen:
        yield LinkRecord(sid, partner, "explicit", evidence=f"knows {archetype.given}")
