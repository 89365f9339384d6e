"""What the API is asked: query strings and JSON bodies as pydantic models, checked before a
handler runs (a value that does not fit is a 422 naming the field)."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from kith.drafts.render import KINDS
from kith.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS

PAGE = 100  # people in a page of the list, as the People page shows them
DRAFT_CHANNELS = ("email", "message", "social", "call", "video", "in_person")
CHANNEL = Field(None, json_schema_extra={"enum": [*CHANNELS, "coffee"]})


class Asked(BaseModel):
    model_config = ConfigDict(extra="forbid")


def was(old: str, new: str) -> AliasChoices:
    """A field renamed to the MCP tool's name for it, `old` still accepted (docs/api.md)."""
    return AliasChoices(new, old)


class Nothing(Asked):
    """An empty JSON object: `{}`."""


class PeopleQuery(Asked):
    query: str = Field(
        "",
        max_length=2000,
        validation_alias=was("q", "query"),
        description="The query language: tag:T company:C ... (`q` also accepted).",
    )
    sort: Literal["name", "strength", "last", "due"] = Field(
        "name",
        description="As `kith list --sort`: name A–Z (the default); strength, strongest first; "
        "last contact, newest first; due, soonest first.",
    )
    limit: int = Field(
        PAGE, ge=1, le=10_000, description="At most this many (a page: `total` counts all)."
    )
    offset: int = Field(0, ge=0, le=10_000_000, description="Skip this many first.")


class NameQuery(Asked):
    name: str = Field(
        min_length=1,
        max_length=500,
        description="#ID, an e-mail, a phone, a LinkedIn URL, the display name or a unique "
        "prefix of a given or family name, as on the command line.",
    )


class SearchQuery(Asked):
    text: str = Field(
        min_length=1,
        max_length=2000,
        validation_alias=was("q", "text"),
        description="Words to find (`q` also accepted).",
    )
    limit: int = Field(20, ge=1, le=1000)


class ShowQuery(Asked):
    all_interactions: bool = Field(False, description="Every interaction, not the newest 20.")


class PlanQuery(Asked):
    with_drafts: bool = Field(
        False,
        validation_alias=was("drafts", "with_drafts"),
        description="A ready draft for each open pick (`drafts` also accepted).",
    )


class ClaimsQuery(Asked):
    days: int = Field(7, ge=0, le=36_500, description="How far back to look.")


class TodosQuery(Asked):
    name: str | None = Field(
        None,
        min_length=1,
        max_length=500,
        validation_alias=was("person", "name"),
        description="Whose: a name (`person` also accepted).",
    )
    owner: Literal["mine", "theirs"] | None = None
    include_done: bool = Field(
        False,
        validation_alias=was("all", "include_done"),
        description="Include the ones already done (`all` also accepted).",
    )


class DraftQuery(Asked):
    kind: str | None = Field(
        None,
        json_schema_extra={"enum": list(KINDS)},
        description="Without it: what the week's plan drafts for them, else a reply when they "
        "wrote last, a birthday wish in its week, or a check-in.",
    )
    channel: str | None = Field(None, json_schema_extra={"enum": list(DRAFT_CHANNELS)})
    mailto: bool = Field(False, description="Also a mailto: link (needs an e-mail address).")


class UploadQuery(Asked):
    filename: str = Field(
        "",
        max_length=255,
        description="The file's name: its suffix (.vcf, .csv, .zip, .ics, "
        ".json, .mbox) tells which reader to use.",
    )
    me: list[str] = Field(
        [],
        max_length=20,
        description="Which side is you, as `kith import --me` (repeat it): an e-mail address "
        "for mail, a name or phone number for a chat; without it, the `me.emails` setting.",
    )


class AddressIn(Asked):
    label: str | None = Field(None, max_length=200)
    street: str | None = Field(None, max_length=500)
    city: str | None = Field(None, max_length=200)
    region: str | None = Field(None, max_length=200)
    postcode: str | None = Field(None, max_length=50)
    country: str | None = Field(None, max_length=200)


class CardFields(Asked):
    """What adding and editing share (`kith add` and `kith edit`'s card options)."""

    company: str | None = Field(None, max_length=500, description="Where they work now.")
    title: str | None = Field(None, max_length=500)
    how_met: str | None = Field(
        None,
        max_length=10_000,
        validation_alias=was("met", "how_met"),
        description="How you met, in your words (`met` also accepted).",
    )
    met_where: str | None = Field(None, max_length=500)
    met_through: str | None = Field(None, max_length=500, description="Who introduced you: a name.")
    working_on: str | None = Field(None, max_length=10_000)
    birthday: str | None = Field(None, max_length=20, description="1815-12-10, or --12-10.")
    emails: list[str] = Field([], max_length=50)
    phones: list[str] = Field([], max_length=50)
    linkedins: list[str] = Field([], max_length=50)
    urls: list[str] = Field([], max_length=50)
    handles: list[str] = Field([], max_length=50)
    address: AddressIn | None = None


class NewPerson(CardFields):
    name: str = Field(min_length=1, max_length=500)
    tags: list[str] = Field([], max_length=100)
    interests: list[str] = Field([], max_length=100)
    prospect: bool = Field(False, description="Someone you want to meet, not yet a contact.")
    another_person: bool = Field(
        False,
        validation_alias=was("new", "another_person"),
        description="Add them even if someone of that name is known (`kith add --new`); the "
        "two are queued for review. Without it such an add is refused (422). (`new` also "
        "accepted.)",
    )


class PersonChange(CardFields):
    """Only what is given changes; "" clears a field."""

    name: str | None = Field(None, max_length=500, description="A new display name.")
    met_event: str | None = Field(None, max_length=500, description="#ID or an event's name.")
    known_since: str | None = Field(None, max_length=50)
    depth: Literal["online", "call", "in_person", ""] | None = None
    kind: Literal["contact", "prospect"] | None = None
    nickname: str | None = Field(None, max_length=200)
    remove_emails: list[str] = Field([], max_length=50)
    remove_phones: list[str] = Field([], max_length=50)
    clear_addresses: bool = False
    another: bool = Field(
        False,
        description="Rename even if someone else has the new name (`kith edit --another`); the "
        "two are queued for review. Without it such a rename is refused (422).",
    )


class NewInteraction(Asked):
    names: list[str] = Field(
        min_length=1,
        max_length=100,
        validation_alias=was("people", "names"),
        description="Names, as on the command line (`people` also accepted).",
    )
    summary: str = Field(min_length=1, max_length=10_000, description="For you alone.")
    channel: str | None = CHANNEL
    direction: str | None = Field(None, json_schema_extra={"enum": list(DIRECTIONS)})
    kind: str | None = Field(None, json_schema_extra={"enum": list(INTERACTION_KINDS)})
    when: str | None = Field(None, max_length=100, description="yesterday, 2026-11-02 ...")
    notes: str | None = Field(None, max_length=100_000)
    topic: str | None = Field(None, max_length=500, description="Words a draft may say back.")


class PickDone(Asked):
    message: str | None = Field(None, max_length=10_000, description="The logged summary.")
    channel: str | None = CHANNEL
    topic: str | None = Field(None, max_length=500)


class Snooze(Asked):
    until: str | None = Field(None, max_length=100, description="2w, 10d, 3m, or a day.")
    off: bool = Field(False, description="Wake them: back in the plan from now.")


class LetGoBody(Asked):
    undo: bool = Field(False, description="Take the decision back.")


class NewTodo(Asked):
    name: str = Field(
        min_length=1,
        max_length=500,
        validation_alias=was("person", "name"),
        description="Whose: a name (`person` also accepted).",
    )
    text: str = Field(min_length=1, max_length=10_000)
    due: str | None = Field(None, max_length=100, description="friday, in 3 days, 2026-12-01.")
    owner: Literal["mine", "theirs"] = Field("mine", description="theirs: they promised it.")


class TodoDoneBody(Asked):
    note: str | None = Field(None, max_length=10_000, description="What you did.")
    channel: str | None = CHANNEL
    kind: str | None = Field(None, json_schema_extra={"enum": list(INTERACTION_KINDS)})
