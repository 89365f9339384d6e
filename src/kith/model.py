"""The domain's values: people, their cards, interactions, events. Plain data, no behaviour
beyond what derives from the fields themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# a person's plain text fields, by name on Person, PersonRecord and the person table alike:
# what an import may fill in when empty, an undo empties again, and a merge carries over
PERSON_SCALARS = (
    "given_name",
    "family_name",
    "additional_names",
    "prefix",
    "suffix",
    "nickname",
    "how_met",
    "met_where",
    "depth",
)


@dataclass(frozen=True)
class Identity:
    """One way to reach or recognise a person: an e-mail, a phone, a handle…"""

    kind: str  # email, phone, linkedin, url, handle
    value: str  # normalised
    raw: str  # as given
    label: str | None = None
    shared: bool = False  # a switchboard phone or info@ address several people share
    verified: bool = True  # False: a phone kept raw because it could not be read as E.164


@dataclass(frozen=True)
class Address:
    """A postal address on a card; every part optional."""

    label: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None

    def one_line(self) -> str:
        """The address on one line, a street of several lines too ("Street4\nBuilding 6" →
        "Street4, Building 6", as an Evolution card has it: trial 7)."""
        parts = (self.street, self.postcode, self.city, self.region, self.country)
        lines = (line.strip() for p in parts if p for line in p.splitlines())
        return ", ".join(line for line in lines if line)


@dataclass(frozen=True)
class Job:
    """A job at an organisation, current while it has no end."""

    organisation: str
    title: str | None = None
    start: str | None = None  # YYYY-MM-DD or YYYY-MM
    end: str | None = None  # None while current
    domain: str | None = None


@dataclass(frozen=True)
class WorkingOn:
    """What a person is working on, and since when it is known."""

    text: str
    as_of: date


@dataclass(frozen=True)
class Birthday:
    """A birthday: month and day, the year when known."""

    month: int
    day: int
    year: int | None = None

    def text(self) -> str:
        """ISO 8601 / vCard form: 1815-12-10, or --12-10 without a year."""
        return (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else (f"--{self.month:02d}-{self.day:02d}")
        )

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """`1815-12-10`, `--12-10` or `12-10`; raises ValueError otherwise."""
        parts = text.strip().lstrip("-").split("-")
        numbers = [int(p) for p in parts]
        if any(abs(n) > 9999 for n in numbers):  # date() raises OverflowError past a C long
            raise ValueError(f"not a birthday: {text!r}")
        if len(numbers) == 3:
            year, month, day = numbers
            date(year, month, day)
            return cls(month, day, year)
        if len(numbers) == 2:
            date(2000, numbers[0], numbers[1])
            return cls(numbers[0], numbers[1])
        raise ValueError(text)


@dataclass(frozen=True)
class Note:
    """A free note on a person's card."""

    id: int
    kind: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class PersonRef:
    """A person named by id, uid and display name."""

    id: int
    uid: str
    name: str


@dataclass(slots=True)
class PersonHead:
    """What lists and search show of a person: the contract's person object, nothing more."""

    id: int
    uid: str
    name: str
    emails: list[str]
    phones: list[str]
    company: str | None
    title: str | None
    tags: list[str]
    kind: str
    archived: bool
    last_contact_at: datetime | None
    interaction_count: int


@dataclass
class Person:
    """A person with their card. Lists load the card's head; `show` loads everything."""

    id: int
    uid: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    additional_names: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    nickname: str | None = None
    birthday: Birthday | None = None
    how_met: str | None = None
    met_where: str | None = None
    met_through: PersonRef | None = None
    met_event: str | None = None
    known_since: date | None = None
    depth: str | None = None
    kind: str = "contact"
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_contact_at: datetime | None = None
    interaction_count: int = 0
    identities: list[Identity] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    working_on: list[WorkingOn] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    relationships: list[tuple[str, PersonRef]] = field(default_factory=list)
    uid_aliases: list[str] = field(default_factory=list)
    vcard_extra: list[str] = field(default_factory=list)  # vCard lines kept for export
    closeness: int | None = None  # the user's own rating, 1 to 5 (`kith rate`)

    @property
    def emails(self) -> list[str]:
        return [i.value for i in self.identities if i.kind == "email"]

    @property
    def phones(self) -> list[str]:
        return [i.value for i in self.identities if i.kind == "phone"]

    @property
    def current_job(self) -> Job | None:
        return next((job for job in self.jobs if job.end is None), None)

    @property
    def company(self) -> str | None:
        job = self.current_job
        return job.organisation if job else None

    @property
    def title(self) -> str | None:
        job = self.current_job
        return job.title if job else None


@dataclass
class Interaction:
    """One interaction as a person's card shows it."""

    id: int
    at: datetime
    channel: str
    direction: str
    kind: str
    summary: str
    notes: str | None = None
    participants: list[PersonRef] = field(default_factory=list)
    event: str | None = None
    source: str | None = None
    source_id: str | None = None
    topic: str | None = None  # what it was about, in words that may be said back to them
    duration: int | None = None  # a call's length in seconds, when known


@dataclass(frozen=True)
class Event:
    """An event (a talk, a conference, a dinner) and who was there."""

    id: int
    name: str
    day: date
    place: str | None = None
    kind: str | None = None
    attendees: tuple[PersonRef, ...] = ()


@dataclass(frozen=True)
class PersonDraft:
    """What a user or an importer says about a person, before it has an id."""

    name: str
    identities: tuple[tuple[str, str], ...] = ()  # (kind, raw)
    company: str | None = None
    title: str | None = None
    how_met: str | None = None
    met_where: str | None = None
    met_through_id: int | None = None
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    birthday: Birthday | None = None
    known_since: date | None = None
    depth: str | None = None
    kind: str = "contact"
    working_on: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    addresses: tuple[Address, ...] = ()
