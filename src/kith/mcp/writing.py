"""The tools that write, through the same services and checks as the CLI: log an interaction,
add a person, record a follow-up; and the one that drafts a message (it writes nothing)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from kith.mcp.arguments import (
    Direction,
    DraftChannel,
    DraftKind,
    InteractionKind,
    LogChannel,
    Name,
    Owner,
)
from kith.mcp.reading import Tool
from kith.mcp.session import Session
from kith.model import PersonDraft
from kith.services import follow_ups as follow_up_service
from kith.services import interactions
from kith.services.ledger import give_first_warning
from kith.services.people import add_person as add_service
from kith.services.people import parse_birthday
from kith.services.resolve import resolve, resolve_many
from kith.services.week import drafts
from kith.shapes.drafts import draft_json
from kith.shapes.follow_ups import todo_json
from kith.shapes.people import interaction_json, person_json

Words = Annotated[list[str] | None, Field(description='Several values, e.g. ["python", "hiking"].')]


def tools(session: Session) -> list[Tool]:
    def log_interaction(
        names: Annotated[
            list[str],
            Field(
                min_length=1,
                description=(
                    'Everyone who took part, each as show_person takes it: ["Ada"], '
                    '["Ada Lovelace", "#12"].'
                ),
            ),
        ],
        summary: Annotated[
            str,
            Field(
                description=(
                    "What happened, for the user alone (drafts never quote it): "
                    '"coffee after her talk", "sent her the paper".'
                )
            ),
        ],
        channel: Annotated[
            LogChannel | None, Field(description="How you were in touch (default in_person).")
        ] = None,
        direction: Annotated[
            Direction | None,
            Field(description="out: the user reached out; in: they did; both: a conversation."),
        ] = None,
        kind: Annotated[
            InteractionKind | None,
            Field(
                description=(
                    "checkin (default); give: the user helped them; ask: a favour asked; "
                    "thanks; intro: an introduction."
                )
            ),
        ] = None,
        when: Annotated[
            str | None,
            Field(
                description=(
                    'When it happened, in the past: "yesterday", "last friday", '
                    '"3 days ago", "2026-11-02" (default now).'
                )
            ),
        ] = None,
        notes: Annotated[str | None, Field(description="Longer notes, for the user alone.")] = None,
        topic: Annotated[
            str | None,
            Field(
                description=(
                    "What it was about, in words a later draft may say back to them: "
                    '"the Postgres migration".'
                )
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Record something the user did with one or more people: a coffee, a call, an
        e-mail. This changes the user's data: do it when the user says it happened.

        It updates how close and how due each person is, and ticks them off this week's plan
        if they were in it. Returns {"interaction": {...}, "action": "logged", "warnings":
        [...]} (a warning, e.g., before an ask to someone never given to)."""
        store, now = session.store, session.now()
        entry = interactions.LogEntry(summary, channel, direction, kind, when, notes, topic)
        people = resolve_many(store, names)
        found = interactions.log_interaction(store, people, entry, now)
        return {
            "interaction": interaction_json(found),
            "action": "logged",
            "warnings": interactions.log_warnings(store, people, found, topic, now),
        }

    def add_person(
        name: Annotated[str, Field(description='The display name: "Ada Lovelace".')],
        emails: Words = None,
        phones: Words = None,
        company: Annotated[str | None, Field(description="Where they work now.")] = None,
        title: Annotated[str | None, Field(description="Their job title.")] = None,
        how_met: Annotated[
            str | None, Field(description='How you met, in the user\'s words: "PyCon 2026".')
        ] = None,
        met_where: Annotated[str | None, Field(description="Where you met.")] = None,
        met_through: Annotated[
            str | None, Field(description='Who introduced you, an existing person: "Grace".')
        ] = None,
        tags: Words = None,
        interests: Words = None,
        working_on: Annotated[
            str | None, Field(description="What they are working on now.")
        ] = None,
        birthday: Annotated[
            str | None, Field(description='"1815-12-10", or "--12-10" without the year.')
        ] = None,
        prospect: Annotated[
            bool, Field(description="Someone the user wants to meet, not yet a contact.")
        ] = False,
        another_person: Annotated[
            bool,
            Field(
                description="True only when the user confirms this is a different person "
                "from someone of the same name already there; the two are then queued for "
                "the user to review."
            ),
        ] = False,
    ) -> dict[str, Any]:
        """Add a new person to the user's network. This changes the user's data.

        Check with list_people or search_people first that they are not there already; a name
        that is known already is refused unless another_person is true.
        Adding someone logs no interaction: use log_interaction for what you did together.
        Returns {"person": person (with detail)}."""
        store = session.store
        draft = PersonDraft(
            name=name,
            identities=(
                *(("email", e) for e in emails or ()),
                *(("phone", p) for p in phones or ()),
            ),
            company=company,
            title=title,
            how_met=how_met,
            met_where=met_where,
            met_through_id=resolve(store, met_through) if met_through else None,
            tags=tuple(tags or ()),
            interests=tuple(interests or ()),
            working_on=working_on,
            birthday=parse_birthday(birthday),
            kind="prospect" if prospect else "contact",
        )
        added = add_service(store, draft, session.now(), same_name=another_person)
        return {"person": person_json(added, detail=True)}

    def add_follow_up(
        name: Name,
        text: Annotated[
            str, Field(description='The promise: "send her the paper", "intro to her CTO".')
        ],
        due: Annotated[
            str | None,
            Field(description='When: "friday", "in 3 days", "2026-12-01" (default: undated).'),
        ] = None,
        owner: Annotated[
            Owner,
            Field(description='Who promised: "mine" the user (the default), "theirs" this person.'),
        ] = "mine",
    ) -> dict[str, Any]:
        """Record a promise to keep: the user's to this person, or theirs to the user. This
        changes the user's data.

        Use it when the user says "remind me to..." or "she said she would...". Returns
        {"todo": {"id", "person", "text", "due", "owner", "overdue", ...}}."""
        store = session.store
        made = follow_up_service.add_follow_up(
            store, resolve(store, name), text, session.now(), due, owner
        )
        return {"todo": todo_json(made)}

    def draft_message(
        name: Name,
        kind: Annotated[
            DraftKind | None,
            Field(
                description=(
                    "What the message is for: checkin, reconnect (a tie gone quiet), reply "
                    "(to their latest message), share (the newest saved article they would "
                    "like), thanks, ask, birthday, claim (a note to someone just met), "
                    "path_ask. Leave it out for the draft Kith would choose: the one this "
                    "week's plan writes for them, else a reply when they wrote last, a "
                    "birthday wish in its week, or a check-in."
                )
            ),
        ] = None,
        channel: Annotated[
            DraftChannel | None,
            Field(
                description=(
                    "Where it goes, which sets its form and length: email (default; message "
                    "for someone reachable only by phone or chat; social for a claim), "
                    "message (two SMS at most), social (a LinkedIn note); call, "
                    "video, in_person: a message proposing one."
                )
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Draft a short personal message to someone, from their card and the user's history,
        with Kith's templates. It sends nothing and changes nothing.

        It says only what may be said back to them (their first name, where you met, what
        they work on, the topic of the last exchange), never the user's notes. Show the draft
        to the user to edit and send. Returns {"person", "kind", "channel", "subject",
        "draft", "chars", "max_chars", "warnings"}."""
        store, now = session.store, session.now()
        person_id = resolve(store, name)
        drafted = drafts.asked_for(
            store, person_id, kind, session.templates, now, channel, session.include_notes
        )
        warning = give_first_warning(store, drafted.person.id, now) if kind == "ask" else None
        return draft_json(drafted, None) | {"warnings": [warning] if warning else []}

    return [log_interaction, add_person, add_follow_up, draft_message]
