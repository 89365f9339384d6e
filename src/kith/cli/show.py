"""`kith show` as a click command; what it prints is kith.cli.show_card's."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.show_card import show_person


@click.command()
@click.argument("name")
@click.option("--all", "everything", is_flag=True, help="Every interaction, not the newest 20.")
@click.option(
    "--notes",
    "with_notes",
    is_flag=True,
    help="Each interaction's notes under it (yours from `kith log --notes`, or the text "
    "`kith import --keep-text` kept).",
)
@json_option
@pass_app
def show(app: App, name: str, everything: bool, with_notes: bool) -> None:
    """Show a person's card, how you met, tags and their newest 20 interactions.

    An interaction's notes are not in the table: a line says how many have some, and --notes
    prints them under each interaction.

    \b
    Example:
      kith show "Ada Lovelace"
      kith show Ada --notes
      kith show ada@example.org --all --json
    """
    show_person(app, name, everything, with_notes)


COMMANDS = [show]
