"""Commands about a person as a whole: add, edit, show, archive, unarchive, forget."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.app import App, interactive
from kith.cli.forms import ask_for_draft, card_options, draft_from_options, edit_from_options
from kith.cli.options import json_option, pass_app, yes_option
from kith.cli.render import echo, emit_json, say
from kith.errors import SameName, UserError
from kith.services import people as service
from kith.services.resolve import resolve
from kith.shapes.people import person_json


@click.command()
@click.argument("name")
@card_options
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--interest", "interests", multiple=True, help="An interest (repeatable).")
@click.option("--prospect", is_flag=True, help="Someone you want to meet, not yet a contact.")
@click.option(
    "--new", "another", is_flag=True, help="Add them even if someone of that name is known."
)
@json_option
@pass_app
def add(app: App, /, name: str, **options: Any) -> None:
    """Add a person. Called with a name alone on a terminal, asks for the rest.

    \b
    Example:
      kith add "Ada Lovelace" --email ada@example.org --company "Analytical Engines" \\
        --met "PyCon 2026" --tag python --interest compilers
    """
    another = options.pop("another")
    given_anything = any(v for k, v in options.items() if k != "prospect")
    if not given_anything and interactive() and not app.json:
        draft = ask_for_draft(name)
    else:
        draft = draft_from_options(app, name, options)
    try:
        person = service.add_person(app.store, draft, app.now, same_name=another)
    except SameName as known:
        if not interactive() or app.json:
            raise
        say("Already known: " + ", ".join(f"{c.name} (#{c.id})" for c in known.known) + ".")
        if not click.confirm("Add another person of that name?", default=False):
            raise UserError("Nothing added.") from known
        person = service.add_person(app.store, draft, app.now, same_name=True)
    _warn_about_work(draft.working_on)
    if app.json:
        emit_json({"person": person_json(person, detail=True)})
        return
    say(f"Added {person.name} (#{person.id}).")


@click.command()
@click.argument("name")
@click.option("--name", "new_name", help="A new display name.")
@click.option(
    "--another",
    is_flag=True,
    help="The new name is someone else's too, and this is another person (queued for review).",
)
@card_options
@click.option("--remove-email", multiple=True, help="Remove an e-mail address.")
@click.option("--remove-phone", multiple=True, help="Remove a phone number.")
@click.option("--clear-addresses", is_flag=True, help="Remove every postal address first.")
@click.option("--met-event", metavar="EVENT", help="The event where you met.")
@click.option("--known-since", help="Since when you have known them (a date).")
@click.option(
    "--depth",
    type=click.Choice(["online", "call", "in_person"]),
    help="How deep the tie has gone: online only, a call, met in person.",
)
@click.option(
    "--kind",
    type=click.Choice(["contact", "prospect"]),
    help="prospect: someone you want to meet; contact: someone you know.",
)
@click.option("--nickname", help="A nickname.")
@json_option
@pass_app
def edit(app: App, /, name: str, **options: Any) -> None:
    """Change a person's card. Empty values ("") clear a field.

    \b
    Example:
      kith edit Ada --company "Babbage & Co" --title CTO --phone "+44 20 7946 0000"
      kith edit Ada --city Lisbon --country Portugal --address-label home --clear-addresses
    """
    person_id = resolve(app.store, name)
    change = edit_from_options(app, options)
    person = service.edit_person(app.store, person_id, change, app.now)
    _warn_about_work(change.working_on)
    if app.json:
        emit_json({"person": person_json(person, detail=True)})
        return
    say(f"Updated {person.name} (#{person.id}).")


def _warn_about_work(working_on: str | None) -> None:
    warning = service.working_on_warning(working_on)
    if warning:
        echo(warning, err=True)


def _archive_command(archived: bool) -> click.Command:
    verb = "archive" if archived else "unarchive"
    example = f'kith {verb} "Ada Lovelace"'
    doc = (
        "Hide a person from lists, search and plans, keeping everything."
        if archived
        else "Bring an archived person back."
    )

    @click.command(name=verb, help=f"{doc}\n\n\b\nExample:\n  {example}")
    @click.argument("name")
    @json_option
    @pass_app
    def command(app: App, name: str) -> None:
        person = service.set_archived(app.store, resolve(app.store, name), archived, app.now)
        if app.json:
            emit_json({"person": person_json(person)})
            return
        say(f"{'Archived' if archived else 'Unarchived'} {person.name} (#{person.id}).")

    return command


@click.command()
@click.argument("name")
@yes_option
@json_option
@pass_app
def forget(app: App, name: str, yes: bool) -> None:
    """Delete a person for good, with the interactions only they were part of.

    \b
    Example:
      kith forget "Ada Lovelace" --yes
    """
    person_id = resolve(app.store, name)
    person = app.store.people.get(person_id, detail=False)
    assert person is not None
    if not yes:
        if not interactive():
            raise UserError(
                f"Forgetting {person.name} deletes them for good; add --yes to "
                "confirm (`kith archive` hides them instead)."
            )
        click.confirm(
            f"Forget {person.name} (#{person.id}) and their "
            f"{person.interaction_count} interactions for good?",
            abort=True,
        )
    forgotten = service.forget(app.store, person_id)
    if app.json:
        emit_json({"forgotten": person_json(forgotten)})
        return
    say(f"Forgot {forgotten.name}.")


archive = _archive_command(True)
unarchive = _archive_command(False)

COMMANDS = [add, edit, archive, unarchive, forget]
