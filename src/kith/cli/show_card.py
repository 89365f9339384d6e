"""`kith show`: the card, how you met, tags, newest interactions (its own module, so that
showing a person imports nothing that writes, nor click: kith.cli.show is the command)."""

from __future__ import annotations

from datetime import tzinfo

from kith.cli.app import App
from kith.cli.render import day_of, emit_json, interactions_table, interactions_with_notes, say
from kith.model import Person
from kith.services import browse
from kith.services.browse import Card
from kith.services.mesh.knows import Known
from kith.services.resolve import resolve
from kith.shapes.people import card_json, evidence_phrase
from kith.vocab import relationship_label


def card_lines(person: Person, region_set: bool = False) -> list[str]:
    """The card's lines; `region_set` says whether phone.default_region is set, which decides
    what an unverified phone needs."""
    unread = (
        " [not a number Kith can read]" if region_set else " [not E.164: set phone.default_region]"
    )
    lines = [f"{person.name}  (#{person.id})"]
    if person.kind == "prospect":
        lines.append("  prospect: someone you want to meet")
    if person.archived:
        lines.append("  archived")
    job = person.current_job
    if job:
        lines.append(f"  works at: {job.organisation}" + (f", {job.title}" if job.title else ""))
    lines.extend(
        f"  {i.kind}: {i.value}"
        + (f" ({i.label})" if i.label else "")
        + ("" if i.verified else unread)
        + (" [shared]" if i.shared else "")
        for i in person.identities
    )
    if person.birthday:
        lines.append(f"  birthday: {person.birthday.text()}")
    lines.extend(f"  address: {a.one_line()}" for a in person.addresses)
    lines.extend(_how_met(person))
    for label, values in (
        ("tags", person.tags),
        ("interests", person.interests),
        ("needs", person.needs),
        ("offers", person.offers),
    ):
        if values:
            lines.append(f"  {label}: {', '.join(values)}")
    lines.extend(f"  working on: {w.text} (as of {w.as_of})" for w in person.working_on[:1])
    lines.extend(f"  {relationship_label(t)}: {r.name}" for t, r in person.relationships)
    past = [j for j in person.jobs if j.end is not None]
    lines.extend(
        f"  formerly: {j.organisation}" + (f", {j.title}" if j.title else "") + f" (until {j.end})"
        for j in past
    )
    return lines


def _how_met(person: Person) -> list[str]:
    lines = []
    if person.how_met or person.met_where:
        lines.append("  met: " + "; ".join(x for x in (person.how_met, person.met_where) if x))
    if person.met_event:
        lines.append(f"  met at: {person.met_event}")
    if person.met_through:
        lines.append(f"  met through: {person.met_through.name}")
    if person.known_since:
        lines.append(f"  known since: {person.known_since}")
    if person.depth:
        lines.append(f"  depth: {person.depth.replace('_', ' ')}")
    return lines


KNOWS_SHOWN = 8


def knows_lines(known: list[Known]) -> list[str]:
    """Whom they know among your contacts (the likeliest few), then whom they may know."""
    facts = [k for k in known if not k.inferred]
    guesses = [k for k in known if k.inferred]
    lines = [f"  knows: {k.person.name} ({evidence_text(k)})" for k in facts[:KNOWS_SHOWN]]
    if len(facts) > KNOWS_SHOWN:
        lines.append(f"  knows {len(facts) - KNOWS_SHOWN} more: kith knows NAME lists them all")
    lines.extend(
        f"  may know: {k.person.name} (inferred: {k.shared} contacts in common)" for k in guesses
    )
    return lines


def evidence_text(known: Known) -> str:
    return "; ".join(evidence_phrase(e) for e in known.evidence)


def print_card(
    card: Card, tz: tzinfo, region_set: bool = False, notes: bool = False, asked: str = ""
) -> None:
    """The card and its newest interactions; with `notes`, each interaction's notes under it,
    else a line saying how many have notes and the command that prints them (`asked`: the
    name as the user gave it)."""
    for line in card_lines(card.person, region_set):
        say(line)
    for note in card.person.notes:
        say(f"  {note.kind} ({day_of(note.created_at, tz)}): {note.text}")
    for event in card.events[:5]:
        say(f"  event: {event.name} ({event.day})")
    for line in knows_lines(card.knows):
        say(line)
    say()
    if not card.interactions:
        say('No interactions yet: `kith log NAME "what you did"` records one.')
        return
    shown = len(card.interactions)
    say(
        f"Interactions ({shown} of {card.total_interactions}, newest first):"
        if shown < card.total_interactions
        else f"Interactions ({shown}, newest first):"
    )
    if notes:
        interactions_with_notes(card.interactions, tz)
        return
    interactions_table(card.interactions, tz)
    noted = sum(1 for item in card.interactions if item.notes)
    if noted:
        import shlex

        these = "has notes" if noted == 1 else "have notes"
        say(
            f"{noted} of these interactions {these}: "
            f"`kith show {shlex.quote(asked)} --notes` prints them."
        )


def show_person(app: App, name: str, everything: bool = False, with_notes: bool = False) -> None:
    """`kith show NAME` (with click, kith.cli.show; without, kith.cli.fast_reads)."""
    card = browse.show(app.store, resolve(app.store, name), app.now.date(), everything)
    if app.json:
        emit_json(card_json(card))
        return
    region_set = app.store.meta.setting("phone.default_region") is not None
    print_card(card, app.tz, region_set=region_set, notes=with_notes, asked=name)
