"""Who knows whom in the demo: relationships, referrals, introductions, links, card details.

The card details are those that depend on the ties or on the story: a family name shared with a
spouse or a sibling, a street, notes to follow up on, news, birthdays coming up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kith.demo import archetypes
from kith.demo.cast import Cast, Member
from kith.demo.vocabulary import FAVOURS, FOLLOW_UPS, NEWS, PERSON_NOTES, TITLES, TOPICS
from kith.model import Birthday
from kith.records import (
    IntroductionRecord,
    LinkRecord,
    NoteRecord,
    ReferralRecord,
    RelationshipRecord,
)

LINKS_PER_PERSON = (1, 4)  # explicit links to others in the same circle
BRIDGES = 12  # explicit links across circles
PHONE = "+44 7700 900{number:03d}"  # Ofcom's range for drama: never a real number
FOLLOW_UP_NOTES = 6
NEWS_NOTES = 8
PLAIN_NOTES = 14
BIRTHDAYS_SOON = 2  # birthdays within the next week: a hook for the plan


@dataclass
class Ties:
    relationships: list[RelationshipRecord] = field(default_factory=list)
    referrals: list[ReferralRecord] = field(default_factory=list)
    introductions: list[IntroductionRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)


def choose_roles(rng: random.Random, cast: Cast) -> None:
    """Two prospects (people to meet, no history) and one archived, long-dormant customer."""
    silent = [m for m in cast.regulars() if not m.days and m.circle.tag != "neighbours"]
    for member in rng.sample(silent, 2):
        member.role = "prospect"
        member.draft.kind = "prospect"
        member.draft.how_met = "want to meet: " + rng.choice(TOPICS[member.circle.tag])
    dormant = [m for m in cast.regulars("customers") if m.rhythm.name == "dormant"]
    pool = dormant or [m for m in cast.regulars("customers") if m.days]
    rng.choice(pool).draft.archived = True


def relationships(rng: random.Random, cast: Cast) -> list[RelationshipRecord]:
    """A married couple of neighbours, siblings across circles, co-workers at a customer."""
    neighbours, university = cast.regulars("neighbours"), cast.regulars("university")
    customers, meetup = cast.regulars("customers"), cast.regulars("meetup")
    _share_family(cast, neighbours[0], neighbours[1])
    _share_family(cast, university[0], meetup[0])
    for m in customers[1:3]:
        m.draft.company = customers[0].draft.company
    source = cast.regulars("open-source")
    return [
        RelationshipRecord(neighbours[0].sid, neighbours[1].sid, "spouse"),
        RelationshipRecord(university[0].sid, meetup[0].sid, "sibling"),
        RelationshipRecord(customers[0].sid, customers[1].sid, "manager"),
        RelationshipRecord(customers[1].sid, customers[2].sid, "colleague"),
        RelationshipRecord(source[0].sid, source[1].sid, "friend"),
    ]


def _share_family(cast: Cast, first: Member, second: Member) -> None:
    name = cast.names.sharing_family(first.draft.name.family, not first.draft.name.feminine)
    second.draft.name = name


def card_details(rng: random.Random, cast: Cast, now: datetime) -> None:
    """Streets for the neighbours, a few phones, notes, and birthdays coming up."""
    neighbours = cast.regulars("neighbours")
    for number, member in enumerate(neighbours, start=2):
        member.draft.street = f"{number if member is not neighbours[1] else 2} Linden Road"
    for number, member in enumerate(rng.sample(cast.members, 45)):
        member.draft.phone = PHONE.format(number=100 + number)
    talked = sorted((m for m in cast.regulars() if m.days), key=lambda m: min(m.days))
    for member in talked[:FOLLOW_UP_NOTES]:
        _add_note(member, "note", _follow_up(rng, member), now - timedelta(days=min(member.days)))
    for member in rng.sample(talked, NEWS_NOTES):
        text = rng.choice(NEWS).format(
            title=rng.choice(TITLES), company=member.draft.company or "a startup", city="Lisbon"
        )
        _add_note(member, "news", text, now - timedelta(days=rng.randint(1, 60)))
    for member in rng.sample(talked, PLAIN_NOTES):
        _add_note(member, "note", rng.choice(PERSON_NOTES), now - timedelta(days=member.since))
    for offset, member in enumerate(rng.sample(talked, BIRTHDAYS_SOON), start=2):
        day = (now + timedelta(days=offset * 2)).date()
        member.draft.birthday = Birthday(day.month, day.day)


def _follow_up(rng: random.Random, member: Member) -> str:
    obj = "her" if member.draft.name.feminine else "him"
    topic = rng.choice(TOPICS[member.circle.tag])
    return rng.choice(FOLLOW_UPS).format(obj=obj, topic=topic, company="Nimbus Analytics")


def _add_note(member: Member, kind: str, text: str, at: datetime) -> None:
    member.draft.notes = (*member.draft.notes, NoteRecord(kind, text, at))


def referrals(rng: random.Random, cast: Cast, now: datetime) -> list[ReferralRecord]:
    """Who suggested whom: two followed up and thanked, one followed up, two still open."""
    with_history = [m for m in cast.regulars() if m.days]
    met = [
        m
        for m in with_history[1:]  # someone earlier must be there to refer them
        if m.since < 700 and not m.draft.met_event and not m.one_way
    ]
    found = []
    for index, member in enumerate(rng.sample(met, 3)):
        referrer = rng.choice([m for m in with_history if m.sid < member.sid])
        member.draft.met_through = referrer.sid
        member.draft.how_met = f"introduced by {referrer.draft.name.given}"
        met_at = now - timedelta(days=member.since)
        found.append(
            ReferralRecord(
                referrer.sid,
                member.sid,
                f"{referrer.draft.name.given} said we should talk about "
                + rng.choice(TOPICS[member.circle.tag]),
                created_at=met_at - timedelta(days=rng.randint(3, 20)),
                followed_up_at=met_at,
                thanked_at=min(now, met_at + timedelta(days=2)) if index < 2 else None,
            )
        )
    recent = [m for m in with_history if min(m.days) < 60] or with_history
    for prospect in (m for m in cast.members if m.role == "prospect"):
        referrer = rng.choice(recent)
        note = f"{referrer.draft.name.given} thinks we should meet"
        at = now - timedelta(days=min(referrer.days))
        found.append(ReferralRecord(referrer.sid, prospect.sid, note, at))
    return found


ASK_WAITED_DAYS = 30  # the demo's ask of an introduction, four weeks and two days unanswered


def introductions(rng: random.Random, cast: Cast, now: datetime) -> list[IntroductionRecord]:
    """Introductions the user made or is making between contacts in different circles."""
    people = [m for m in cast.regulars() if m.days and not m.one_way]
    states = ("introduced", "followed_up", "asked_a", "suggested", "declined")
    found = []
    for state in states:
        a, b = rng.sample(people, 2)
        while a.circle is b.circle:
            a, b = rng.sample(people, 2)
        favour = rng.choice(FAVOURS)
        started = now - timedelta(days=rng.randint(10, 200))
        updated = started + timedelta(days=rng.randint(1, 9))
        if state == "asked_a":  # unanswered for a month: the week's gentle nudge shows
            started = updated = now - timedelta(days=ASK_WAITED_DAYS)
        found.append(
            IntroductionRecord(
                a.sid,
                b.sid,
                why=f"{a.draft.name.given} needs {favour}; {b.draft.name.given} offers it",
                state=state,
                outcome="they now meet monthly" if state == "followed_up" else None,
                created_at=started,
                updated_at=updated,
            )
        )
    return found


def links(rng: random.Random, cast: Cast) -> list[LinkRecord]:
    """Explicit links within circles, a few bridges across them, and the archetypes' mutuals."""
    pairs: dict[tuple[str, str], str] = {}
    regulars = cast.regulars()
    for member in regulars:
        peers = [m for m in cast.regulars(member.circle.tag) if m is not member]
        for peer in rng.sample(peers, rng.randint(*LINKS_PER_PERSON)):
            pairs.setdefault(_pair(member.sid, peer.sid), f"both in {member.circle.tag}")
    for _ in range(BRIDGES):
        a, b = rng.sample(regulars, 2)
        pairs.setdefault(_pair(a.sid, b.sid), "met through me")
    found = [LinkRecord(a, b, "explicit", evidence=why) for (a, b), why in pairs.items()]
    for member in cast.archetype_members():
        assert member.archetype is not None
        found += archetypes.links(member.archetype, member.sid, _partners(rng, cast, member))
    return found


def _partners(rng: random.Random, cast: Cast, member: Member) -> list[str]:
    """Regular contacts for an archetype's mutual links, its own circle first."""
    own = [m for m in cast.regulars(member.circle.tag) if not m.draft.archived]
    others = [m for m in cast.regulars() if m.circle is not member.circle and not m.draft.archived]
    return [m.sid for m in rng.sample(own, len(own)) + rng.sample(others, len(others))]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)
