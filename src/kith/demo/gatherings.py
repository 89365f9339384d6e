"""The demo's events, who attended them, and what was said there.

Monthly meetups, a dinner, a reunion, a sprint, a party, a customer day, one upcoming meetup, and
the talk two days ago where three people were met and nowhere else (the claim candidates).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kith.demo.cast import Cast, Member
from kith.demo.circles import CIRCLE_BY_TAG, CardDraft
from kith.demo.rhythms import RHYTHMS, InteractionMaker
from kith.records import EventRecord, InteractionRecord

MEETUP_NAME = "Data Tinkerers #{number}"
MEETUP_PLACE = "The Foundry, Bristol"
MEETUPS = 20  # one every MEETUP_GAP days, the newest MEETUP_NEWEST days ago
MEETUP_GAP = 35
MEETUP_NEWEST = 20
FIRST_MEETUP = 31  # the number of the oldest meetup in the demo
UPCOMING_IN = 12  # days until the next meetup (an upcoming event: attendees, no interactions)

# (circle, name, days ago, place, kind, attendees)
OTHER_GATHERINGS = (
    ("colleagues", "Northwind alumni dinner", 310, "The Anchor, London", "dinner", 8),
    ("university", "Eastbridge class of 2012 reunion", 250, "Eastbridge", "reunion", 9),
    ("neighbours", "Linden Road street party", 130, "Linden Road, Bristol", "party", 8),
    ("open-source", "fieldkit docs sprint", 100, "Berlin", "sprint", 6),
    ("customers", "Brightwater customer day", 60, "Brightwater Energy, London", "conference", 7),
)

CLAIM_EVENT = "Local-first night at the Foundry"
CLAIM_DAYS_AGO = 2  # the event is exactly two days before now
CLAIM_PEOPLE = 3
CLAIM_SUMMARIES = (
    "talked after the local-first talk about sync engines",
    "chatted about CRDTs over pizza",
    "asked about their offline-first app",
)


@dataclass
class Gathering:
    sid: str
    name: str
    days_ago: int  # negative: upcoming
    place: str
    kind: str
    attendees: list[Member] = field(default_factory=list)
    talked: list[Member] = field(default_factory=list)  # one interaction each, at the event


def plan_gatherings(rng: random.Random, cast: Cast, now: datetime) -> list[Gathering]:
    gatherings = _meetups(rng, cast)
    for tag, name, days_ago, place, kind, size in OTHER_GATHERINGS:
        gathering = Gathering(f"e{len(gatherings) + 1:02d}", name, days_ago, place, kind)
        _fill(rng, gathering, cast.regulars(tag), size)
        gatherings.append(gathering)
    gatherings.append(_upcoming(rng, cast, len(gatherings) + 1))
    gatherings.append(_claim_event(cast, now, len(gatherings) + 1))
    return gatherings


def _meetups(rng: random.Random, cast: Cast) -> list[Gathering]:
    """The monthly meetups, newest first: first who was met at each, then who else came."""
    found = [
        Gathering(
            f"e{j + 1:02d}",
            MEETUP_NAME.format(number=FIRST_MEETUP + MEETUPS - 1 - j),
            MEETUP_NEWEST + j * MEETUP_GAP,
            MEETUP_PLACE,
            "meetup",
        )
        for j in range(MEETUPS)
    ]
    _met_at_meetups(cast, found)
    for gathering in found:
        _fill(rng, gathering, cast.regulars("meetup"), rng.randint(4, 8))
        _fill(rng, gathering, cast.regulars("open-source"), rng.randint(0, 2), talk=False)
    return found


def _fill(
    rng: random.Random, gathering: Gathering, pool: list[Member], size: int, talk: bool = True
) -> None:
    """Add up to `size` people whose history covers the day; talk with two to four of them."""
    present = [m for m in pool if m.covers(gathering.days_ago) and m not in gathering.attendees]
    chosen = rng.sample(present, max(0, min(size - len(gathering.attendees), len(present))))
    gathering.attendees += chosen
    if talk:
        gathering.talked += chosen[: rng.randint(2, 4)]


def _met_at_meetups(cast: Cast, meetups: list[Gathering]) -> None:
    """Meetup people first met after the meetups began were met at one: history starts there."""
    for member in cast.regulars("meetup"):
        if not member.days or member.one_way:
            continue
        first = [g for g in meetups if g.days_ago <= member.since]
        if not first or member.since > meetups[-1].days_ago + MEETUP_GAP:
            continue
        meetup = max(first, key=lambda g: g.days_ago)
        member.draft.known_since += timedelta(days=member.since - meetup.days_ago)
        member.days = [d for d in member.days if d < meetup.days_ago]
        member.since = meetup.days_ago
        member.draft.met_event = meetup.sid
        member.draft.how_met = f"met at {meetup.name}"
        meetup.attendees.append(member)
        meetup.talked.append(member)


def _upcoming(rng: random.Random, cast: Cast, number: int) -> Gathering:
    name = MEETUP_NAME.format(number=FIRST_MEETUP + MEETUPS)
    gathering = Gathering(f"e{number:02d}", name, -UPCOMING_IN, MEETUP_PLACE, "meetup")
    recent = [m for m in cast.regulars("meetup") if m.days and min(m.days) < 90]
    gathering.attendees = rng.sample(recent, min(4, len(recent)))
    return gathering


def _claim_event(cast: Cast, now: datetime, number: int) -> Gathering:
    gathering = Gathering(f"e{number:02d}", CLAIM_EVENT, CLAIM_DAYS_AGO, MEETUP_PLACE, "talk")
    meetup = CIRCLE_BY_TAG["meetup"]
    for _ in range(CLAIM_PEOPLE):
        draft = CardDraft(
            f"p{len(cast.members) + 1:03d}",
            cast.names.next(),
            meetup,
            None,
            (now - timedelta(days=CLAIM_DAYS_AGO)).date(),
            how_met=f"met at {CLAIM_EVENT}",
            met_where=MEETUP_PLACE,
            tags=("meetup",),
            met_event=gathering.sid,
        )
        member = Member(draft, RHYTHMS["none"], 0.5, [], CLAIM_DAYS_AGO, role="claim")
        cast.members.append(member)
        gathering.attendees.append(member)
        gathering.talked.append(member)
    return gathering


def event_records(gatherings: list[Gathering], now: datetime) -> Iterator[EventRecord]:
    for g in gatherings:
        yield EventRecord(
            g.sid,
            g.name,
            (now - timedelta(days=g.days_ago)).date(),
            g.place,
            g.kind,
            tuple(m.sid for m in g.attendees),
        )


def event_interactions(
    rng: random.Random, maker: InteractionMaker, gatherings: list[Gathering]
) -> Iterator[InteractionRecord]:
    """A conversation with each person talked to, and a burst of follow-ups in the days after."""
    for g in gatherings:
        for member in g.talked:
            if member.role == "claim":
                yield _claim_interaction(maker, g, member, g.talked.index(member))
                continue
            yield maker.make(
                (member.sid,), member.circle, g.days_ago, member.p_out, channel="event", event=g.sid
            )
        if g.days_ago > 7 and g.talked:
            for member in g.talked[: rng.randint(1, 2)]:
                days_ago = g.days_ago - rng.randint(1, 5)
                channel = rng.choice(("email", "message"))
                yield maker.make(
                    (member.sid,), member.circle, days_ago, member.p_out, channel=channel
                )


def _claim_interaction(
    maker: InteractionMaker, g: Gathering, member: Member, index: int
) -> InteractionRecord:
    return InteractionRecord(
        source_id=maker.new_id(),
        at=maker.moment(g.days_ago),
        channel="event",
        direction="both",
        summary=CLAIM_SUMMARIES[index % len(CLAIM_SUMMARIES)],
        participants=(member.sid,),
        event=g.sid,
    )
