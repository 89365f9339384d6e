"""The demo network, assembled: people first, then events, interactions and ties, lazily."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime

from kith.demo import archetypes, ties
from kith.demo.cast import Cast, Member, build_cast
from kith.demo.circles import CardMaker
from kith.demo.gatherings import event_interactions, event_records, plan_gatherings
from kith.demo.rhythms import InteractionMaker
from kith.records import InteractionRecord, Record

GROUP_SHARE = 0.08  # interactions with a second participant from the same circle


def demo_records(seed: int, now: datetime) -> Iterator[Record]:
    """About 150 people in six circles with up to five years of history before `now`."""
    rng = random.Random(seed)
    cast = build_cast(rng, now)
    ties.choose_roles(rng, cast)
    gatherings = plan_gatherings(rng, cast, now)
    relationships = ties.relationships(rng, cast)
    ties.card_details(rng, cast, now)
    referrals = ties.referrals(rng, cast, now)
    introductions = ties.introductions(rng, cast, now)
    links = ties.links(rng, cast)
    cards = CardMaker(rng, now.date())
    for member in cast.members:
        yield cards.record(member.draft)
    yield from event_records(gatherings, now)
    for member in cast.archetype_members():
        assert member.archetype is not None
        yield from archetypes.interactions(member.archetype, member.sid, now)
    maker = InteractionMaker(rng, now)
    yield from rhythm_interactions(rng, maker, cast)
    yield from event_interactions(rng, maker, gatherings)
    yield from links
    yield from relationships
    yield from referrals
    yield from introductions


def rhythm_interactions(
    rng: random.Random, maker: InteractionMaker, cast: Cast
) -> Iterator[InteractionRecord]:
    """Each regular's contacts on their rhythm's days; now and then with a second person."""
    for member in cast.regulars():
        channel = "email" if member.one_way else None
        for day in member.days:
            who = (member.sid, *_companion(rng, cast, member, day))
            yield maker.make(who, member.circle, day, member.p_out, channel=channel)


def _companion(rng: random.Random, cast: Cast, member: Member, day: int) -> tuple[str, ...]:
    if member.one_way or rng.random() >= GROUP_SHARE:
        return ()
    present = [m for m in cast.regulars(member.circle.tag) if m is not member and m.covers(day)]
    return (rng.choice(present).sid,) if present else ()
