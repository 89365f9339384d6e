"""The API's answers as pydantic models: the JSON Schema of each kith.shapes function's output,
for the OpenAPI document. Every model forbids extra keys, so a shape that grows a key the
schema lacks fails the schemathesis test until both agree."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonRef(Shape):
    id: int
    uid: str
    name: str


class PersonHead(Shape):
    """The contract's person object: what lists, search and every command's --json share."""

    id: int = Field(description="Stable integer id; `#ID` names the person anywhere.")
    uid: str = Field(description="UUID kept for life (merged UIDs are kept as aliases).")
    name: str
    emails: list[str]
    phones: list[str]
    company: str | None
    title: str | None
    tags: list[str]
    kind: Literal["contact", "prospect"]
    archived: bool
    last_contact_at: datetime | None
    interaction_count: int


class Identity(Shape):
    kind: str
    value: str
    raw: str
    label: str | None
    shared: bool
    verified: bool


class Address(Shape):
    label: str | None
    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None


class Job(Shape):
    organisation: str
    title: str | None
    start: str | None
    end: str | None
    domain: str | None


class WorkingOn(Shape):
    text: str
    as_of: date


class Note(Shape):
    id: int
    kind: str
    text: str
    created_at: datetime


class Relationship(Shape):
    type: str
    kin: bool
    person: PersonRef


class Person(PersonHead):
    """The whole card, as `kith show --json` gives it."""

    given_name: str | None
    family_name: str | None
    additional_names: str | None
    prefix: str | None
    suffix: str | None
    nickname: str | None
    birthday: str | None = Field(description="1815-12-10, or --12-10 without the year.")
    how_met: str | None
    met_where: str | None
    met_through: PersonRef | None
    met_event: str | None
    known_since: date | None
    depth: str | None
    created_at: datetime | None
    updated_at: datetime | None
    identities: list[Identity]
    interests: list[str]
    needs: list[str]
    offers: list[str]
    addresses: list[Address]
    jobs: list[Job]
    working_on: list[WorkingOn]
    notes: list[Note]
    relationships: list[Relationship]
    uid_aliases: list[str]
    vcard_extra: list[str]


class Interaction(Shape):
    id: int
    at: datetime
    channel: str
    direction: Literal["out", "in", "both"]
    kind: str
    summary: str
    notes: str | None
    topic: str | None
    duration: int | None
    event: str | None
    participants: list[PersonRef]
    source: str | None


class Evidence(Shape):
    kind: str
    count: int
    detail: str | None
    says: str


class Known(Shape):
    person: PersonHead
    chance: float
    inferred: bool
    shared_contacts: int
    evidence: list[Evidence]


class Event(Shape):
    id: int
    name: str
    date: date
    place: str | None
    kind: str | None
    attendees: list[PersonRef]


class EventRef(Shape):
    id: int
    name: str
    date: date


class PeopleList(Shape):
    query: str
    people: list[PersonHead]
    total: int = Field(description="How many matched, before limit and offset.")
    limit: int
    offset: int


class PersonCard(Shape):
    person: Person
    interactions: list[Interaction] = Field(description="The newest 20.")
    total_interactions: int
    knows: list[Known]
    events: list[Event]


class OnePerson(Shape):
    person: Person


class Logged(Shape):
    interaction: Interaction
    action: Literal["logged"]
    warnings: list[str] = Field(
        description="What `kith log` would say beside it: a topic drafts will not quote, an "
        "ask to someone never given to."
    )


class Pick(PersonHead):
    """The contract's pick: id, name, reason, channel, priority (and the rest)."""

    reason: str = Field(description="Why now, in one sentence.")
    channel: str
    upgrades: list[str]
    priority: float
    layer: str
    at_risk: bool
    energy: float
    state: Literal["open", "done", "skipped", "snoozed"]
    draft: str | None = Field(None, description="Only with drafts=true.")


class Load(Shape):
    people: int
    touches_per_week: float
    budget: int
    over_budget: bool
    advice: str | None


class Decide(PersonHead):
    event: EventRef
    days: int


class Gift(Shape):
    a: PersonHead
    b: PersonHead
    reason: str


class Plan(Shape):
    week: str = Field(description="ISO week, e.g. 2026-W47.")
    monday: date
    made_at: datetime
    budget: int
    energy_budget: float | None
    energy_planned: float
    picks: list[Pick]
    total: int
    load: Load
    decide: list[Decide]
    gift: Gift | None
    first_steps: str | None = Field(
        description="For a week with nobody in it because the address book is empty or has no "
        'history yet: what to do first, the words `kith plan` says after "Nobody is due this '
        'week: " (commands in backticks); null otherwise.'
    )


class Todo(Shape):
    """The contract's follow-up: id, person, text, due (and the rest)."""

    id: int
    person: PersonHead
    text: str
    due: date | None
    owner: Literal["mine", "theirs"]
    overdue: bool
    created_at: datetime
    done_at: datetime | None
    done_note: str | None
    interaction_id: int | None


class Today(Shape):
    week: str
    todos: list[Todo]
    picks: list[Pick]
    thanks: list[str]
    introductions: list[str]
    coming_up: list[Todo]
    decide: list[Decide]
    total: int


class Done(Shape):
    person: PersonHead
    interaction: Interaction
    in_plan: bool


class Skipped(Shape):
    person: PersonHead
    in_plan: bool
    skips: int = Field(description="Skips in the last 8 weeks, this one included.")
    rest_weeks: int = Field(description="The weeks after this one they rest: one a skip.")
    back: date = Field(
        description="The Monday they may come back; a birthday, a follow-up due or a note from "
        "them, sooner."
    )


class Snoozed(Shape):
    person: PersonHead
    snoozed_until: datetime | None
    in_plan: bool


class Claim(PersonHead):
    """The contract's claim: id, name, event, draft, chars."""

    event: EventRef
    draft: str
    chars: int
    max_chars: int


class Claims(Shape):
    days: int
    claims: list[Claim]
    total: int


class LetGo(Shape):
    person: PersonHead
    let_go: bool


class OneTodo(Shape):
    todo: Todo


class Todos(Shape):
    todos: list[Todo]
    total: int


class TodoDone(Shape):
    todo: Todo
    interaction: Interaction


class Found(Shape):
    person: PersonHead
    score: float
    matched: list[str] = Field(description="Where the text was found: card, N interactions.")


class SearchResults(Shape):
    results: list[Found]
    total: int


class Draft(Shape):
    person: PersonHead
    kind: str
    channel: str
    subject: str | None
    draft: str
    chars: int
    max_chars: int
    mailto: str | None = Field(None, description="Only with mailto=true.")


class SkippedRecord(Shape):
    where: str
    reason: str


class ImportReport(Shape):
    path: str | None
    kind: str
    dry_run: bool
    run_id: int | None
    found: int = Field(description="Records the file held, each accounted for below.")
    accounted: dict[str, int] = Field(
        description="imported, known, one_way, ignored, skipped: they add up to found."
    )
    dated_by: dict[str, int] = Field(description="Mail dated by Received or the postmark.")
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    ignored: dict[str, int]
    read: dict[str, int] = Field(description="A chat reader's tallies: messages, calls.")
    to_review: int
    matched_by_name: list[str] = Field(
        description="Chat correspondents joined to the one person known by their name, as "
        "'Wendy Weekly #1'."
    )
    phones_without_country: int = Field(
        description="Phone numbers read with no country code while no region is set: they "
        "cannot match numbers known in E.164 (set phone.default_region)."
    )
    skipped: list[SkippedRecord]
    actions: list[str]


class ImportPlan(Shape):
    staged: str | None = Field(description="The upload's id, to apply it (dry run only).")
    imports: list[ImportReport]
    done: bool = Field(description="False for a dry run, true once applied.")


class Candidate(Shape):
    id: int
    name: str


class Problem(Shape):
    """Every error: a code, a sentence that says what to do, and whom a name could mean."""

    error: Literal[
        "user_error",
        "usage",
        "invalid",
        "not_found",
        "ambiguous",
        "database_refused",
        "unauthorized",
        "forbidden",
        "unsupported_media_type",
        "too_large",
        "length_required",
        "misdirected",
        "too_many_requests",
        "method_not_allowed",
    ]
    message: str
    candidates: list[Candidate] | None = Field(None, description="With ambiguous (409).")
    suggestions: list[Candidate] | None = Field(None, description="Close names (404).")
