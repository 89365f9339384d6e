"""`kith ledger` as a click command; what it prints is kith.cli.mesh.ledger_text's."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.mesh.ledger_text import OVERVIEW_LIMIT, print_ledger
from kith.cli.options import COUNT, json_option, pass_app


@click.command()
@click.argument("name", required=False)
@click.option(
    "--limit",
    type=COUNT,
    default=OVERVIEW_LIMIT,
    show_default=True,
    help="Without NAME: show the first N people.",
)
@click.option("--all", "everyone", is_flag=True, help="Without NAME: show everyone.")
@json_option
@pass_app
def ledger(app: App, name: str | None, limit: int, everyone: bool) -> None:
    """Who gave, asked, thanked and introduced: one person, or everyone.

    With NAME: each kind on your side (out) and theirs (in), the latest of each, the balance
    and what you could give them. Without: everyone with an entry, most lopsided first (the
    first 50 unless --limit or --all), and how many ties lean your way or theirs
    (information, not a score).

    \b
    Example:
      kith ledger Ada
      kith ledger --all --json
    """
    print_ledger(app, name, limit, everyone)


COMMANDS = [ledger]
