"""Claiming the connection: `kith met` right after meeting someone, `kith claim` to list who is
waiting for a claim note, `kith prep` before an event."""

from __future__ import annotations

from datetime import tzinfo

import click

from kith.cli.app import App, data_dir, interactive
from kith.cli.options import json_option, pass_app
from kith.cli.render import day_of, emit_json, say
from kith.model import Event
from kith.services import claims as service
from kith.services.events import resolve_event
from kith.services.resolve import resolve
from kith.shapes.claims import briefing_json, claim_json
from kith.shapes.people import event_json, head_json, person_json

# `kith met` logs no interaction (docs/cli.md): someone already known stays as overdue as
# before, which a person who just saw them would not expect unless told (trial 8).
MET_AGAIN = (
    'Nothing was logged: if you spent time together there, `kith log "#{id}" "what you did" '
    "--when {day}` counts it (the plan goes by what you log)."
)
ABOUT_PROMPT = (
    'What stood out? Said back in the claim note, e.g. "her talk on CRDTs" (Enter to skip)'
)


@click.command()
@click.argument("name")
@click.option("--at", "event_name", required=True, metavar="EVENT", help="The event: #ID or name.")
@click.option(
    "--about",
    metavar="TEXT",
    help='What stood out, said back in the claim note: "her talk on sync engines", '
    '"coffee after the keynote".',
)
@click.option("--email", "emails", multiple=True, help="An e-mail address (repeatable).")
@click.option("--linkedin", "linkedins", multiple=True, help="A LinkedIn profile URL.")
@json_option
@pass_app
def met(
    app: App,
    name: str,
    event_name: str,
    about: str | None,
    emails: tuple[str, ...],
    linkedins: tuple[str, ...],
) -> None:
    """Record that you met someone at an event, adding them if new.

    NAME resolves as everywhere; nobody by that name adds a new person (an ambiguous name
    stops, exit 4). The event becomes where you met (unless one is already recorded), they
    become an attendee, and --about joins how you met. The claim note says --about back to
    them ("her talk on sync engines" becomes "I enjoyed your talk on sync engines."): a
    noun phrase or a short sentence about them, you or the event, never a note to yourself
    ("follow up about the job") or how they seemed, which are kept but not quoted. Add the
    event first with `kith event add`.

    \b
    Example:
      kith met "Lin Okafor" --at "Local-first night" --about "her talk on sync engines"
    """
    identities = tuple(("email", e) for e in emails) + tuple(("linkedin", u) for u in linkedins)
    event_id = resolve_event(app.store, event_name)
    if about is None and interactive() and not app.json:
        about = click.prompt(ABOUT_PROMPT, default="", show_default=False).strip() or None
    done = service.record_meeting(app.store, name, event_id, about, identities, app.now)
    if app.json:
        emit_json(
            {
                "person": person_json(done.person, detail=True),
                "event": event_json(done.event),
                "created": done.created,
                "remark": done.sentence,
                "withheld": done.withheld,
            }
        )
        return
    if done.withheld:
        click.echo(
            f"The claim note will not quote --about: {done.withheld}. It is kept in how you met.",
            err=True,
        )
    who, where = f"{done.person.name} (#{done.person.id})", _event_line(done.event)
    if done.created:
        say(f"Added {who}, met at {where}.")
    else:
        say(f"Recorded that you met {who} at {where}.")
    if done.sentence:
        say(f'The claim note will say: "{done.sentence}"')
    if not done.created:
        say(MET_AGAIN.format(id=done.person.id, day=done.event.day))


@click.command()
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    default=service.DEFAULT_DAYS,
    show_default=True,
    help="How far back to look.",
)
@json_option
@pass_app
def claim(app: App, days: int) -> None:
    """List people met at recent events, each with a claim note.

    Claim candidates are people met at an event in the last N days with no interaction except
    at that event. Each note says how you met and what you would like, from the claim
    template, within claim.max_chars characters (200, LinkedIn's limit on a free account; set
    300 for Premium): sentences are dropped from the last one up, then the note is cut at a
    word.

    \b
    Example:
      kith claim
      kith claim --days 14 --json
    """
    from kith.cli.week.drafts import TEMPLATES  # the drafting machinery, for this command alone

    found = service.claims(app.store, days, app.now, data_dir() / TEMPLATES)
    if app.json:
        emit_json({"claims": [claim_json(c) for c in found], "total": len(found)})
        return
    if not found:
        say(
            f"Nobody met at an event in the last {days} days is waiting for a claim note; "
            "`kith met NAME --at EVENT` records someone you meet."
        )
        return
    say(f"Met in the last {days} days, not yet claimed: {len(found)}.")
    for item in found:
        say()
        event = item.event
        say(
            f"{item.person.name} (#{item.person.id}), met at {event.name} on "
            f"{event.day.isoformat()} · {item.draft.chars}/{item.limit}"
        )
        say(item.draft.body)


@click.command(name="let-go")
@click.argument("name")
@click.option("--undo", is_flag=True, help="Take the decision back: raised again while recent.")
@json_option
@pass_app
def let_go(app: App, name: str, undo: bool) -> None:
    """Let go of someone met at an event: never raised again to claim or decide.

    People met at an event with no interaction except there are raised in `kith today` and
    the plan for four weeks after it: claim them (`kith claim` drafts a note), log what you
    did, or let them go. They stay in your address book either way.

    \b
    Example:
      kith let-go "Beatriz Ortega"
      kith let-go Beatriz --undo
    """
    done = service.let_go(app.store, resolve(app.store, name), app.now, undo)
    if app.json:
        emit_json({"person": head_json(done.person), "let_go": done.let_go})
        return
    if undo:
        say(f"{done.person.name} will be raised again while the event is recent.")
        return
    say(
        f"Let {done.person.name} go: not raised again to claim or decide "
        "(`kith let-go NAME --undo` takes it back)."
    )


@click.command()
@click.argument("event_name", metavar="EVENT")
@json_option
@pass_app
def prep(app: App, event_name: str) -> None:
    """Prepare for an event: who you know there.

    For each attendee: the last thing you talked about, when, and the follow-ups still open
    between you (yours and theirs).

    \b
    Example:
      kith prep "Data Tinkerers #51"
    """
    found = service.prep(app.store, resolve_event(app.store, event_name))
    if app.json:
        people = [briefing_json(b) for b in found.people]
        emit_json({"event": event_json(found.event), "people": people, "total": len(people)})
        return
    if not found.people:
        say(
            f"Nobody is recorded at {_event_line(found.event)} yet; "
            f'`kith event attend "{found.event.name}" NAME...` adds who is coming.'
        )
        return
    say(f"{_event_line(found.event)}: {_people(len(found.people))} you know.")
    for briefing in found.people:
        say(f"{briefing.person.name} (#{briefing.person.id})")
        for line in _briefing_lines(briefing, app.tz):
            say(f"  {line}")


def _briefing_lines(briefing: service.Briefing, tz: tzinfo) -> list[str]:
    last = briefing.last
    lines = [
        f"last talked {day_of(last.at, tz)} ({last.channel}): {last.summary}"
        if last
        else "no interaction yet"
    ]
    for item in briefing.follow_ups:
        owes = "you owe" if item.owner == "mine" else "they owe"
        due = f" (due {item.due.isoformat()})" if item.due else ""
        lines.append(f"{owes}: {item.text}{due}")
    return lines


def _event_line(event: Event) -> str:
    place = f", {event.place}" if event.place else ""
    return f"{event.name} ({event.day.isoformat()}{place})"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


COMMANDS = [met, claim, let_go, prep]
