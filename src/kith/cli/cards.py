"""Commands for the small facts on a card: tags, notes, interests, needs, offers, relations."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.services import people as service
from kith.services.resolve import resolve, resolve_in_week
from kith.shapes.people import person_json


@click.command()
@click.argument("name")
@click.argument("tags", nargs=-1)
@click.option("--remove", "-r", "removals", multiple=True, help="Remove this tag (repeatable).")
@json_option
@pass_app
def tag(app: App, name: str, tags: tuple[str, ...], removals: tuple[str, ...]) -> None:
    """Tag a person (or remove tags); with no tags, print theirs.

    \b
    Example:
      kith tag Ada python founders
      kith tag Ada --remove founders
    """
    person_id = resolve(app.store, name)
    person = service.tag(app.store, person_id, list(tags), list(removals), app.now)
    if app.json:
        emit_json({"person": person_json(person)})
        return
    say(f"{person.name}: {', '.join(person.tags) or 'no tags'}")


@click.command()
@click.argument("name")
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice(["note", "news"]),
    default="note",
    show_default=True,
    help="news: a job change, a move, a launch (a reason to write).",
)
@json_option
@pass_app
def note(app: App, name: str, text: str, kind: str) -> None:
    """Add a free note to a person's card.

    \b
    Example:
      kith note Ada "moving to Lisbon in spring" --kind news
    """
    person_id = resolve_in_week(app.store, name, app.now)
    note_id = service.add_note(app.store, person_id, text, kind, app.now)
    if app.json:
        emit_json({"note": {"id": note_id, "person_id": person_id, "kind": kind, "text": text}})
        return
    say(f"Noted (#{note_id}).")


def _facet_command(kind: str, example: str, doc: str) -> click.Command:
    @click.command(name=kind, help=f"{doc}\n\n\b\nExample:\n  {example}")
    @click.argument("name")
    @click.argument("text")
    @click.option("--remove", is_flag=True, help=f"Remove this {kind}.")
    @json_option
    @pass_app
    def command(app: App, name: str, text: str, remove: bool) -> None:
        person_id = resolve(app.store, name)
        person = service.add_facet(app.store, person_id, kind, text, app.now, remove=remove)
        values = {"interest": person.interests, "need": person.needs, "offer": person.offers}[kind]
        if app.json:
            emit_json({"person": person_json(person), f"{kind}s": values})
            return
        say(f"{person.name} {kind}s: {'; '.join(values) or 'none'}")

    return command


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--as",
    "as_",
    required=True,
    metavar="TYPE",
    help="A is B's TYPE: spouse, partner, parent, child, sibling, colleague, "
    "manager, report, friend.",
)
@click.option("--remove", is_flag=True, help="Remove this relationship.")
@json_option
@pass_app
def relate(app: App, a: str, b: str, as_: str, remove: bool) -> None:
    """Record how two people are related: A is B's TYPE.

    \b
    Example:
      kith relate "Ada Lovelace" "Annabella Milbanke" --as child
    """
    a_id, b_id = resolve(app.store, a), resolve(app.store, b)
    changed = service.relate(app.store, a_id, b_id, as_, app.now, remove=remove)
    refs = app.store.people.refs([a_id, b_id])
    if app.json:
        emit_json(
            {
                "a": refs[a_id].name,
                "b": refs[b_id].name,
                "type": as_.lower(),
                "removed" if remove else "added": changed,
            }
        )
        return
    if remove:
        say(
            f"Removed: {refs[a_id].name} is {refs[b_id].name}'s {as_.lower()}."
            if changed
            else "No such relationship was recorded."
        )
        return
    say(
        f"{refs[a_id].name} is {refs[b_id].name}'s {as_.lower()}."
        + ("" if changed else " (already known)")
    )


interest = _facet_command(
    "interest", 'kith interest Ada "compilers"', "Record something a person is interested in."
)
need = _facet_command(
    "need",
    'kith need Ada "a designer for her startup"',
    "Record something a person needs (for introductions).",
)
offer = _facet_command(
    "offer",
    'kith offer Ada "reviews Rust code"',
    "Record something a person offers (for introductions).",
)

COMMANDS = [tag, note, relate, interest, need, offer]
