"""Claiming the connection: capture someone just met at an event (`kith met`), list the people
met at recent events who have no tie yet with a claim note each (`kith claim`), raise them for
a decision for four weeks (`today`, `plan`) or let them go (`kith let-go`), and prepare for an
event with who you know there (`kith prep`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kith.clock import to_utc_text
from kith.errors import NotFound, UserError
from kith.model import Event, Interaction, Person, PersonDraft, PersonHead

if TYPE_CHECKING:  # the drafting machinery loads for `met` and `claim`, not for `plan` or `today`,
    # nor does the editing of cards and the resolution of names
    from kith.drafts.render import Draft
    from kith.store import Store
    from kith.store.follow_ups import FollowUp

DEFAULT_DAYS = 7
# People met at an event and not claimed are raised in `today` and the plan for this many days
# after the event (issue 9): long enough to decide — claim, log, or let go — and then no more,
# so nobody is nagged forever. Past it they stay in the address book (`kith list met:EVENT`).
DECIDE_DAYS = 28


@dataclass(frozen=True)
class Met:
    """The outcome of `kith met`: the person, the event, and the claim note's text."""

    person: Person
    event: Event
    created: bool
    withheld: str | None = None  # why --about will not be quoted in the claim note
    sentence: str | None = None  # what the claim note will say of --about


def record_meeting(
    store: Store,
    name: str,
    event_id: int,
    about: str | None,
    identities: tuple[tuple[str, str], ...],
    now: datetime,
) -> Met:
    """Find `name` (or add them if nobody has it), and record that you met them at the event:
    their met-at event (kept if one is already set), an attendee row with `about` (what the
    claim note may say back to them), and `about` in how_met (the user's own record)."""
    from kith.drafts.phrases import one_line
    from kith.services.resolve import resolve

    about = one_line(about or "") or None
    with store.transaction():
        event = store.events.get(event_id)
        assert event is not None
        try:
            person_id, created = resolve(store, name), False
        except NotFound:
            person_id, created = _added(store, name, event, about, identities, now), True
        if not created:
            _met_again(store, person_id, event, about, identities, now)
        store.events.attend(event_id, [person_id], about)
        person = store.people.get(person_id)
        event = store.events.get(event_id)
    assert person is not None
    assert event is not None
    from kith.drafts import phrases
    from kith.services.week.drafts import names_of

    said = phrases.remark(about, names_of(person)) if about else phrases.Remark(None, None)
    return Met(person, event, created, said.withheld, said.sentence)


def _added(
    store: Store,
    name: str,
    event: Event,
    about: str | None,
    identities: tuple[tuple[str, str], ...],
    now: datetime,
) -> int:
    from kith.services.people import add_person

    draft = PersonDraft(name, identities=identities, how_met=about, known_since=event.day)
    person = add_person(store, draft, now, same_name=True)
    store.people.update(person.id, to_utc_text(now), met_event_id=event.id)
    return person.id


def _met_again(
    store: Store,
    person_id: int,
    event: Event,
    about: str | None,
    identities: tuple[tuple[str, str], ...],
    now: datetime,
) -> None:
    from kith.services.people import PersonEdit, edit_person

    person = store.people.get(person_id)
    assert person is not None
    fields: dict[str, object] = {}
    if store.people.met_ids(person_id)[1] is None:
        fields["met_event_id"] = event.id
    if about and about.casefold() not in (person.how_met or "").casefold():
        fields["how_met"] = f"{person.how_met}; {about}" if person.how_met else about
    edit_person(store, person_id, PersonEdit(fields=fields, add_identities=identities), now)


@dataclass(frozen=True)
class Claim:
    """Someone met at a recent event with no tie yet, and the note that claims it."""

    person: Person
    event: Event
    draft: Draft
    limit: int


def claims(store: Store, days: int, now: datetime, folder: Path | None) -> list[Claim]:
    """People met at events in the last `days` days (today included, in the user's zone) who
    have no interaction except at that event, newest event first, with a claim note each."""
    from kith.drafts.render import render
    from kith.services.week.drafts import CLAIM, context_of, form_for, template_for, template_name

    template = template_for(folder, CLAIM)
    today = now.date()
    with store.reading():
        form = form_for(store, CLAIM, "email")
        found = store.claims.candidates(today - timedelta(days=days), today)
        people = {p.id: p for p in store.people.load([p for p, _ in found], detail=True)}
        events = {e: store.events.get(e) for e in {e for _, e in found}}
        notes = []
        for person_id, event_id in found:
            person, event = people[person_id], events[event_id]
            assert event is not None
            context = context_of(store, person, now, CLAIM)
            draft = render(template, context, template_name(folder, CLAIM), form)
            notes.append(Claim(person, event, draft, form.max_chars or 0))
    return notes


@dataclass(frozen=True)
class Undecided:
    """Someone met at an event, not claimed and not let go: a decision to make."""

    person: PersonHead
    event: Event
    days: int  # since the event


def undecided(store: Store, now: datetime) -> list[Undecided]:
    """People met at events in the last four weeks (today included, in the user's zone) with
    no interaction except at that event, and not let go; newest event first."""
    today = now.date()
    with store.reading():
        found = store.claims.candidates(today - timedelta(days=DECIDE_DAYS), today)
        heads = {h.id: h for h in store.people.heads([p for p, _ in found])}
        events = {e: store.events.get(e) for e in {e for _, e in found}}
    listed = []
    for person_id, event_id in found:
        event = events[event_id]
        assert event is not None
        listed.append(Undecided(heads[person_id], event, (today - event.day).days))
    return listed


@dataclass(frozen=True)
class LetGo:
    """The outcome of `kith let-go` (or taking it back) for one person."""

    person: PersonHead
    let_go: bool  # the decision now in force
    changed: bool


def let_go(store: Store, person_id: int, now: datetime, undo: bool = False) -> LetGo:
    """Let someone met at an event go — never raised again to claim or decide — or, with
    `undo`, take that back."""
    from shlex import quote

    with store.transaction():
        head = store.people.heads([person_id])[0]
        if undo:
            changed = store.claims.take_back(person_id)
        elif store.people.met_ids(person_id)[1] is None:
            raise UserError(
                f"{head.name} was not met at an event (`kith met`), so is never raised to "
                f"claim; to keep them out of the plan: kith mute {quote(head.name)}"
            )
        else:
            store.claims.let_go(person_id, to_utc_text(now))
            changed = True
    return LetGo(head, not undo, changed)


@dataclass(frozen=True)
class Briefing:
    """One attendee you know: the last thing you talked about and what is still open."""

    person: PersonHead
    last: Interaction | None
    follow_ups: list[FollowUp]


@dataclass(frozen=True)
class Prep:
    """An event and a briefing on each person you know there."""

    event: Event
    people: list[Briefing]


def prep(store: Store, event_id: int) -> Prep:
    """Who will be at the event (archived people left out), by name."""
    with store.reading():
        event = store.events.get(event_id)
        assert event is not None
        heads = [h for h in store.people.heads([a.id for a in event.attendees]) if not h.archived]
        open_ = store.follow_ups.open_for([h.id for h in heads])
        people = [
            Briefing(
                head,
                next(iter(store.interactions.for_person(head.id, limit=1)), None),
                open_.get(head.id, []),
            )
            for head in heads
        ]
    return Prep(event, people)
