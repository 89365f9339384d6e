"""The demo's people: six archetypes and about 140 others across six circles, with rhythms."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kith.demo import archetypes
from kith.demo.archetypes import ARCHETYPES, Archetype
from kith.demo.circles import CIRCLES, CardDraft, Circle
from kith.demo.names import NameMaker
from kith.demo.rhythms import RHYTHMS, Rhythm, contact_days
from kith.demo.vocabulary import COMPANY_STEMS

# People per circle besides the archetypes and the three people met two days ago (150 in all).
CIRCLE_SIZES = {
    "colleagues": 30,
    "meetup": 26,
    "university": 20,
    "customers": 25,
    "open-source": 26,
    "neighbours": 14,
}
# How often the others are in touch (the two prospects have no history and are not counted).
RHYTHM_COUNTS = {
    "weekly": 3,
    "fortnightly": 6,
    "monthly": 4,
    "quarterly": 20,
    "yearly": 72,
    "dormant": 16,
    "fresh": 8,
    "none": 10,
}
ONE_WAY_OUT = 2  # people the user writes to who never answer (besides Otto)
ONE_WAY_IN = 1  # someone who writes and never gets an answer (a recruiter)


@dataclass
class Member:
    draft: CardDraft
    rhythm: Rhythm
    p_out: float  # chance that a one-sided exchange (e-mail, message, social) was the user's
    days: list[int] = field(default_factory=list)  # days before now of each contact, newest first
    since: int = 0  # days since they were first met (at least the oldest of `days`)
    role: str = "regular"  # regular, archetype, claim, prospect
    archetype: Archetype | None = None

    @property
    def sid(self) -> str:
        return self.draft.sid

    @property
    def circle(self) -> Circle:
        return self.draft.circle

    @property
    def one_way(self) -> bool:
        return self.p_out in (0.0, 1.0)

    def covers(self, day: int) -> bool:
        """Whether a contact `day` days ago fits their history (not before, not while dormant)."""
        return bool(self.days) and min(self.days) <= day <= self.since and not self.one_way


@dataclass
class Cast:
    members: list[Member]
    names: NameMaker

    def regulars(self, tag: str | None = None) -> list[Member]:
        """People with an ordinary history: no archetype, prospect or claim candidate."""
        return [
            m for m in self.members if m.role == "regular" and (tag is None or m.circle.tag == tag)
        ]

    def archetype_members(self) -> Iterator[Member]:
        return (m for m in self.members if m.archetype is not None)


def build_cast(rng: random.Random, now: datetime) -> Cast:
    names = NameMaker(rng, reserved=tuple(a.name for a in ARCHETYPES))
    members = [_archetype_member(a, f"p{i + 1:03d}", now) for i, a in enumerate(ARCHETYPES)]
    rhythms = [name for name, count in RHYTHM_COUNTS.items() for _ in range(count)]
    rng.shuffle(rhythms)
    for circle in CIRCLES:
        for _ in range(CIRCLE_SIZES[circle.tag]):
            sid = f"p{len(members) + 1:03d}"
            rhythm = RHYTHMS[rhythms.pop()] if rhythms else RHYTHMS["none"]
            members.append(_regular(rng, names, sid, circle, rhythm, now))
    cast = Cast(members, names)
    _mark_one_way(rng, cast)
    return cast


def _archetype_member(archetype: Archetype, sid: str, now: datetime) -> Member:
    draft = archetypes.draft(archetype, sid, now)
    return Member(draft, RHYTHMS["none"], 0.5, role="archetype", archetype=archetype)


def _regular(
    rng: random.Random, names: NameMaker, sid: str, circle: Circle, rhythm: Rhythm, now: datetime
) -> Member:
    days = contact_days(rng, rhythm)
    since = max(days) if days else rng.randint(20, 900)
    company = rng.choice(circle.companies) if circle.companies else _company(rng, circle)
    draft = CardDraft.in_circle(
        sid, names.next(), circle, company, (now - timedelta(days=since)).date()
    )
    return Member(draft, rhythm, rng.uniform(0.35, 0.75), days, since)


def _company(rng: random.Random, circle: Circle) -> str | None:
    if circle.tag in ("neighbours", "university") and rng.random() < 0.5:
        return None
    return rng.choice(COMPANY_STEMS)


def _mark_one_way(rng: random.Random, cast: Cast) -> None:
    sparse = [m for m in cast.regulars() if m.rhythm.name in ("quarterly", "yearly")]
    chosen = rng.sample(sparse, ONE_WAY_OUT + ONE_WAY_IN)
    for member in chosen[:ONE_WAY_OUT]:
        member.p_out = 1.0
        member.draft.how_met = "wrote to them after their talk; no reply yet"
    for member in chosen[ONE_WAY_OUT:]:
        member.p_out = 0.0
        member.draft.how_met = "a recruiter who keeps writing"
