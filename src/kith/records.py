"""What readers yield: plain records with a source id, before anything is in the store.

Every reader (Kith JSON, and later LinkedIn, vCard, mail...) and the demo generator yields these;
`kith.services.imports` plans and applies them. A record that refers to a person names that
person by the `source_id` of a `PersonRecord` yielded earlier by the same reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kith.model import Address, Birthday, Identity, Job, WorkingOn


@dataclass(frozen=True)
class NoteRecord:
    kind: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class PersonRecord:
    source_id: str
    name: str
    uid: str | None = None  # kept when the source has one (Kith JSON, vCard UID)
    id: int | None = None  # the id to restore into an empty database, if free
    given_name: str | None = None
    family_name: str | None = None
    additional_names: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    nickname: str | None = None
    birthday: Birthday | None = None
    how_met: str | None = None
    met_where: str | None = None
    met_through: str | None = None  # a person's source_id
    met_event: str | None = None  # an event's source_id
    known_since: date | None = None
    depth: str | None = None
    kind: str = "contact"
    archived: bool = False
    identities: tuple[Identity, ...] = ()  # value "" means: normalise `raw` on the way in
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    jobs: tuple[Job, ...] = ()
    working_on: tuple[WorkingOn, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    uid_aliases: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    vcard_extra: tuple[str, ...] = ()  # vCard lines Kith has no field for, kept for export
    closeness: int | None = None  # the user's rating, 1 to 5 (Kith JSON carries it)
    pinned: bool = False  # the weekly plan's per-person choices (Kith JSON carries them)
    muted: bool = False
    snoozed_until: datetime | None = None
    cadence_days: float | None = None
    cadence_max_days: float | None = None
    let_go_at: datetime | None = None  # met at an event and let go (`kith let-go`)


@dataclass(frozen=True)
class OrganisationRecord:
    """A company's own card (Apple's X-ABShowAs:COMPANY, or a card with only an ORG): an
    organisation, never a person named after it."""

    source_id: str
    name: str
    domain: str | None = None  # from the card's e-mail address or web site


@dataclass(frozen=True)
class EventRecord:
    source_id: str
    name: str
    day: date
    place: str | None = None
    kind: str | None = None
    attendees: tuple[str, ...] = ()  # people's source_ids
    id: int | None = None
    created_at: datetime | None = None
    remarks: tuple[tuple[str, str], ...] = ()  # (attendee's source_id, what stood out)


@dataclass(frozen=True)
class InteractionRecord:
    source_id: str
    at: datetime
    channel: str
    direction: str
    summary: str
    participants: tuple[str, ...]  # people's source_ids
    kind: str = "checkin"
    notes: str | None = None
    event: str | None = None  # an event's source_id
    origin: str | None = None  # the source it first came from (kept by Kith JSON)
    id: int | None = None
    created_at: datetime | None = None
    topic: str | None = None
    duration: int | None = None  # a call's length in seconds


@dataclass(frozen=True)
class LinkRecord:
    a: str
    b: str
    kind: str
    count: int = 1
    evidence: str | None = None
    last_at: datetime | None = None


@dataclass(frozen=True)
class RelationshipRecord:
    a: str
    b: str
    type: str
    created_at: datetime | None = None


@dataclass(frozen=True)
class ReferralRecord:
    referrer: str
    referred: str
    note: str | None = None
    created_at: datetime | None = None
    followed_up_at: datetime | None = None
    thanked_at: datetime | None = None


@dataclass(frozen=True)
class IntroductionRecord:
    a: str
    b: str
    why: str | None = None
    state: str = "suggested"
    outcome: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    declined_by: str | None = None  # 'a' or 'b': who said no


@dataclass(frozen=True)
class InteractionRef:
    """An interaction named as an import names it: its source and its id there."""

    source: str | None  # None: the importing file's kind, as for interactions
    source_id: str


@dataclass(frozen=True)
class FollowUpRecord:
    person: str  # a person's source_id
    text: str
    created_at: datetime
    owner: str = "mine"
    due: date | None = None
    done_at: datetime | None = None
    done_note: str | None = None
    interaction: InteractionRef | None = None  # the interaction that kept it
    id: int | None = None


@dataclass(frozen=True)
class ShareRecord:
    person: str  # a person's source_id
    at: datetime
    interaction: InteractionRef | None = None  # the give it was logged as


@dataclass(frozen=True)
class ArticleRecord:
    url: str
    saved_at: datetime
    title: str | None = None
    note: str | None = None
    topics: tuple[str, ...] = ()
    shares: tuple[ShareRecord, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class WantRecord:
    person: str  # a person's source_id
    created_at: datetime
    why: str | None = None
    met_at: datetime | None = None


@dataclass(frozen=True)
class SkipRecord:
    """A weekly plan's pick the user skipped (`kith skip`), which the plan discounts."""

    person: str  # a person's source_id
    at: datetime


@dataclass(frozen=True)
class SettingRecord:
    key: str
    value: str


@dataclass(frozen=True)
class Party:
    """Someone on a message or a meeting, known by an address before they are anyone's person."""

    kind: str  # email | linkedin | phone | handle | owner (the export's owner: see OWNER)
    value: str  # normalised with kith.identities (lower-cased e-mail, canonical profile URL)
    name: str | None = None  # the display name the source gave, decoded


# The export's own owner, when the file says which side is theirs (an SMS backup's sent box, a
# Telegram export's personal information): always the user, whatever their addresses.
OWNER = Party("owner", "owner")


@dataclass(frozen=True)
class ExchangeRecord:
    """A message or a meeting (mail, LinkedIn messages, calendars). Readers do not decide who
    is the user, the direction, or who becomes a person: the importer does, from the user's own
    identities and the two-way rule."""

    source_id: str  # Message-ID; a LinkedIn message hash; an iCalendar UID + occurrence
    at: datetime
    channel: str  # email | message | in_person | video
    summary: str  # the subject, or the meeting's title
    sender: Party | None  # From; the organiser; LinkedIn's FROM
    recipients: tuple[Party, ...] = ()  # To and Cc; attendees
    meeting: bool = False  # a meeting counts as a conversation with each attendee
    automated: bool = False  # list, bulk, auto-submitted or no-reply: never makes a person
    in_reply_to: str | None = None
    notes: str | None = None  # only when the user asked for bodies
    origin: str | None = (
        None  # the id space: "mail" for every mail source, so each message counts once
    )
    # a chat's conversation: those who wrote in it (the sender is its first). When given, the
    # direction is `both` if the user and another wrote, and in a group only those who wrote
    # count towards the two-way rule (the others are kept as co-participants).
    spoke: tuple[Party, ...] = ()
    duration: int | None = None  # a call's length in seconds
    dated_by: str | None = None  # None: its own date; "received" or "postmark" for mail without
    # a usable Date: (the newest Received: header's date, else the mbox postmark's)


# one conversation of a chat, as a reader hands it over in bulk (`Conversations`): (source_id,
# at, at as stored UTC text, summary, sender, recipients, spoke)
Talk = tuple[str, datetime, str, str, Party, tuple[Party, ...], tuple[Party, ...]]


@dataclass(frozen=True)
class Conversations:
    """A chat reader's conversations in bulk, in the order it closed them: each row what an
    ExchangeRecord of it would hold (`record`), with no object made per conversation. The
    reader makes each set of parties once, so the importer decides them by their ids; each row
    counts as one found record."""

    origin: str  # the id space: "sms"
    channel: str
    rows: list[Talk]

    def record(self, row: Talk) -> ExchangeRecord:
        """The row as the ExchangeRecord the reader's record-by-record path makes of it."""
        source_id, at, _, summary, sender, recipients, spoke = row
        return ExchangeRecord(
            source_id=source_id,
            at=at,
            channel=self.channel,
            summary=summary,
            sender=sender,
            recipients=recipients,
            spoke=spoke,
            origin=self.origin,
        )


@dataclass(frozen=True)
class UpcomingRecord:
    """A meeting that ends after now: a reason to write later, never an interaction."""

    source_id: str
    name: str
    day: date
    place: str | None = None
    attendees: tuple[Party, ...] = ()
    organiser: Party | None = None


@dataclass(frozen=True)
class Ignored:
    """An entry that is rightly not imported (a hidden LinkedIn member): counted, no error."""

    reason: str


@dataclass(frozen=True)
class Tally:
    """How many source entries of a kind a reader went through (chat messages read into
    conversations): shown beside the report's counts, so every message is accounted for."""

    what: str  # "message", "call"
    count: int


@dataclass(frozen=True)
class Skipped:
    """A bad entry a reader could not turn into a record: where it was and why."""

    where: str  # "file.json: people[12]" or "file.csv:34"
    reason: str


Record = (
    ExchangeRecord
    | Conversations
    | UpcomingRecord
    | PersonRecord
    | OrganisationRecord
    | EventRecord
    | InteractionRecord
    | LinkRecord
    | RelationshipRecord
    | ReferralRecord
    | IntroductionRecord
    | FollowUpRecord
    | ArticleRecord
    | WantRecord
    | SkipRecord
    | SettingRecord
    | Skipped
    | Ignored
    | Tally
)

# Identity is re-exported for readers that build PersonRecords.
__all__ = [
    "OWNER",
    "Address",
    "ArticleRecord",
    "Birthday",
    "Conversations",
    "EventRecord",
    "ExchangeRecord",
    "FollowUpRecord",
    "Identity",
    "Ignored",
    "InteractionRecord",
    "InteractionRef",
    "IntroductionRecord",
    "Job",
    "LinkRecord",
    "NoteRecord",
    "OrganisationRecord",
    "Party",
    "PersonRecord",
    "Record",
    "ReferralRecord",
    "RelationshipRecord",
    "SettingRecord",
    "ShareRecord",
    "SkipRecord",
    "Skipped",
    "Talk",
    "Tally",
    "UpcomingRecord",
    "WantRecord",
    "WorkingOn",
]
