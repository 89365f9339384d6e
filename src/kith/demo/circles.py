"""The circles people come from, and the card (a PersonRecord) of someone in a circle."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property

from kith.demo.names import Name
from kith.demo.vocabulary import (
    COMPANY_STEMS,
    COMPANY_SUFFIXES,
    FAVOURS,
    INTERESTS,
    TITLES,
    WORKING_ON,
)
from kith.model import Address, Birthday, Identity, Job, WorkingOn
from kith.names import fold
from kith.records import NoteRecord, PersonRecord

TABLE_SLOTS = 100  # channel tables: a channel drawn by one index instead of random.choices


@dataclass(frozen=True)
class Circle:
    tag: str
    how_met: str
    met_where: str | None
    channels: tuple[tuple[str, int], ...]  # (channel, weight)
    former: str | None = None  # an organisation everyone in the circle once shared
    companies: tuple[str, ...] = ()  # where its people work now (empty: anywhere)
    city: str = "Bristol"

    @cached_property
    def channel_table(self) -> tuple[str, ...]:
        total = sum(weight for _, weight in self.channels)
        table: list[str] = []
        for name, weight in self.channels:
            table += [name] * round(TABLE_SLOTS * weight / total)
        return tuple(table)


CIRCLES = (
    Circle(
        "colleagues",
        "worked together at Northwind Analytics",
        "Northwind Analytics",
        (("email", 4), ("message", 3), ("call", 1), ("video", 1), ("in_person", 1)),
        former="Northwind Analytics",
        city="London",
    ),
    Circle(
        "meetup",
        "met at the Data Tinkerers meetup",
        "Data Tinkerers, Bristol",
        (("event", 2), ("social", 2), ("message", 2), ("email", 1), ("in_person", 1)),
    ),
    Circle(
        "university",
        "studied together at the University of Eastbridge",
        "University of Eastbridge",
        (("message", 4), ("social", 2), ("call", 2), ("in_person", 2), ("video", 1)),
    ),
    Circle(
        "customers",
        "customer project",
        None,
        (("email", 5), ("video", 3), ("call", 2), ("in_person", 1)),
        companies=("Acme Freight", "Brightwater Energy", "Cobalt Health", "Elmstead Bank"),
        city="London",
    ),
    Circle(
        "open-source",
        "contributor to fieldkit, the open-source library",
        "GitHub",
        (("email", 3), ("social", 2), ("video", 2), ("message", 2)),
        city="Berlin",
    ),
    Circle(
        "neighbours",
        "neighbours on Linden Road",
        "Linden Road, Bristol",
        (("in_person", 5), ("message", 3)),
    ),
)
CIRCLE_BY_TAG = {circle.tag: circle for circle in CIRCLES}


def company_names() -> tuple[str, ...]:
    """Every fictional organisation the scale profiles use: stems times suffixes."""
    return tuple(stem + suffix for suffix in COMPANY_SUFFIXES for stem in COMPANY_STEMS)


@cache
def domain_of(company: str) -> str:
    return "".join(ch for ch in fold(company) if ch.isalnum()) + ".example"


@cache
def email_word(word: str) -> str:
    """A name as it appears in an e-mail address: folded, ASCII only, words joined by dots."""
    words = fold(word).replace("'", "").split()
    return ".".join(w for w in (w.encode("ascii", "ignore").decode() for w in words) if w)


def email_local(name: Name) -> str:
    return f"{email_word(name.given)}.{email_word(name.family)}"


@dataclass
class CardDraft:
    """What the generator has decided about a person before writing their card."""

    sid: str
    name: Name
    circle: Circle
    company: str | None
    known_since: date
    how_met: str
    met_where: str | None = None
    former: str | None = None  # an organisation they left
    tags: tuple[str, ...] = ()
    met_event: str | None = None
    met_through: str | None = None
    kind: str = "contact"
    archived: bool = False
    notes: tuple[NoteRecord, ...] = ()
    street: str | None = None  # a home address on this street, in the circle's city
    phone: str | None = None
    birthday: Birthday | None = None  # None: drawn at random (or none at all)

    @classmethod
    def in_circle(
        cls, sid: str, name: Name, circle: Circle, company: str | None, known_since: date
    ) -> CardDraft:
        """A member of `circle`, met the way the circle's people were met."""
        return cls(
            sid,
            name,
            circle,
            company,
            known_since,
            how_met=circle.how_met,
            met_where=circle.met_where,
            former=circle.former,
            tags=(circle.tag,),
        )


class CardMaker:
    """Fills in the rest of a card: identities, jobs, facets, birthday, "working on"."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.emails: set[str] = set()

    def record(self, draft: CardDraft) -> PersonRecord:
        rng = self.rng
        favours = rng.sample(FAVOURS, 2) if rng.random() < 0.3 else []
        return PersonRecord(
            source_id=draft.sid,
            name=draft.name.display,
            uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            given_name=draft.name.given,
            family_name=draft.name.family,
            additional_names=f"{draft.name.middle}." if draft.name.middle else None,
            birthday=draft.birthday or self.birthday(),
            how_met=draft.how_met,
            met_where=draft.met_where,
            met_through=draft.met_through,
            met_event=draft.met_event,
            known_since=draft.known_since,
            depth=self.depth(draft.circle),
            kind=draft.kind,
            archived=draft.archived,
            identities=self.identities(draft),
            tags=draft.tags,
            interests=tuple(rng.sample(INTERESTS, rng.choice((0, 1, 1, 2, 3)))),
            needs=tuple(favours[:1]),
            offers=tuple(favours[1:]),
            jobs=self.jobs(draft),
            working_on=self.working_on(),
            addresses=_addresses(draft),
            notes=draft.notes,
        )

    def identities(self, draft: CardDraft) -> tuple[Identity, ...]:
        found = []
        if draft.kind == "contact" or self.rng.random() < 0.5:
            domain = domain_of(draft.company) if draft.company else "mail.example"
            found.append(self.email(email_local(draft.name), domain))
        if draft.phone:
            found.append(Identity("phone", draft.phone.replace(" ", ""), draft.phone, "mobile"))
        return tuple(found)

    def email(self, local: str, domain: str) -> Identity:
        address = f"{local}@{domain}"
        counter = 1
        while address in self.emails:
            counter += 1
            address = f"{local}{counter}@{domain}"
        self.emails.add(address)
        return Identity("email", address, address, "work" if domain != "mail.example" else None)

    def jobs(self, draft: CardDraft) -> tuple[Job, ...]:
        rng = self.rng
        found = []
        if draft.former:
            start = draft.known_since - timedelta(days=rng.randint(100, 900))
            end = min(self.today, draft.known_since + timedelta(days=rng.randint(200, 700)))
            found.append(Job(draft.former, rng.choice(TITLES), _month(start), _month(end)))
        if draft.company:
            start = self.today - timedelta(days=rng.randint(60, 2000))
            found.append(Job(draft.company, rng.choice(TITLES), _month(start)))
        return tuple(found)

    def birthday(self) -> Birthday | None:
        rng = self.rng
        if rng.random() >= 0.4:
            return None
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
        year = rng.randint(1960, 2000) if rng.random() < 0.5 else None
        return Birthday(day.month, day.day, year)

    def working_on(self) -> tuple[WorkingOn, ...]:
        if self.rng.random() >= 0.3:
            return ()
        as_of = self.today - timedelta(days=self.rng.randint(3, 400))
        return (WorkingOn(self.rng.choice(WORKING_ON), as_of),)

    def depth(self, circle: Circle) -> str:
        present = {name for name, _ in circle.channels}
        if present & {"in_person", "event"}:
            return "in_person"
        return "call" if present & {"call", "video"} else "online"


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _addresses(draft: CardDraft) -> tuple[Address, ...]:
    if draft.street is None:
        return ()
    return (Address("home", draft.street, draft.circle.city, None, None, "United Kingdom"),)
