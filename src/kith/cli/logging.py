"""Commands for what you did together: log, interactions, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.app import App
from kith.cli.log_words import log_words
from kith.cli.options import (
    CHANNEL_METAVAR,
    ROW_ID,
    json_option,
    limit_option,
    pass_app,
    read_channel,
)
from kith.cli.render import emit_json, interactions_table, interactions_with_notes, say
from kith.services import interactions as service
from kith.services.resolve import resolve
from kith.shapes.people import interaction_json
from kith.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS

if TYPE_CHECKING:
    from kith.model import Interaction

CHANNEL_CHOICES = [*CHANNELS, "coffee"]  # what MCP's log tool offers


@click.command()
@click.argument("words", nargs=-1, metavar="NAME... SUMMARY")
@click.option(
    "--channel",
    "-c",
    callback=read_channel,
    metavar=CHANNEL_METAVAR,
    help="How you were in touch (default in_person).",
)
@click.option(
    "--direction",
    "-d",
    type=click.Choice(DIRECTIONS),
    help="out: you reached out; in: they did; both: a conversation.",
)
@click.option("--kind", "-k", type=click.Choice(INTERACTION_KINDS), help="Default checkin.")
@click.option("--when", "-w", help="yesterday, last friday, 3 days ago, 2026-11-02 (default now).")
@click.option("--notes", "-n", help="Longer notes, for you alone.")
@click.option(
    "--topic",
    "-t",
    help=(
        'What it was about, in words drafts may say back to them after "our chat about": '
        '"the Postgres migration".'
    ),
)
@click.option("--edit", "edit_id", type=ROW_ID, metavar="ID", help="Change interaction ID instead.")
@click.option("--delete", "delete_id", type=ROW_ID, metavar="ID", help="Delete interaction ID.")
@json_option
@pass_app
def log(
    app: App,
    words: tuple[str, ...],
    channel: str | None,
    direction: str | None,
    kind: str | None,
    when: str | None,
    notes: str | None,
    topic: str | None,
    edit_id: int | None,
    delete_id: int | None,
) -> None:
    """Log an interaction: NAME [NAME...] SUMMARY. The last argument is the summary.

    The summary and --notes are yours alone: no draft ever quotes them. --topic is what
    the exchange was about, in words a draft may say back ("I still remember our chat about
    the Postgres migration"); for a message they sent (--direction in), a reply names it.
    With several people, name whom it is about ("Lena's new flat"): "her new flat" could be
    anyone's, and is said to none of them.

    \b
    Example:
      kith log Ada Grace "dinner after the meetup" --channel in_person --when "last friday"
      kith log Ada "asked me about hiring" -c email -d in -k ask -t "hiring engineers"
      kith log Ada "sent her the paper" --channel email --kind give
      kith log --edit 42 "coffee, not dinner" --when yesterday
      kith log --delete 42
    """
    log_words(app, words, channel, direction, kind, when, notes, topic, edit_id, delete_id)


NOTES = click.option(
    "--notes",
    "with_notes",
    is_flag=True,
    help="Print each interaction's notes under it (the text `kith import --keep-text` kept).",
)


@click.command()
@click.argument("name")
@NOTES
@limit_option
@json_option
@pass_app
def interactions(app: App, name: str, with_notes: bool, limit: int | None) -> None:
    """List a person's interactions with their ids, newest first.

    With --notes, each one's notes (the text `kith import --keep-text` kept) are printed under it.

    \b
    Example:
      kith interactions Ada --limit 10
      kith interactions Ada --notes
    """
    person_id = resolve(app.store, name)
    found = service.interactions_of(app.store, person_id, limit)
    total = app.store.people.get(person_id, detail=False)
    count = total.interaction_count if total else len(found)
    if app.json:
        emit_json({"interactions": [interaction_json(i) for i in found], "total": count})
        return
    if not found:
        say("No interactions yet.")
        return
    _listed(found, app, with_notes)


def _listed(found: list[Interaction], app: App, with_notes: bool) -> None:
    if with_notes:
        interactions_with_notes(found, app.tz)
    else:
        interactions_table(found, app.tz)


@click.command()
@click.option(
    "--since", default="7d", show_default=True, help="How far back: 7d, 2w, 3m, 1y or a date."
)
@NOTES
@limit_option
@json_option
@pass_app
def timeline(app: App, since: str, with_notes: bool, limit: int | None) -> None:
    """Everything that happened, newest first.

    With --notes, each interaction's notes are printed under it.

    \b
    Example:
      kith timeline --since 30d
      kith timeline --since 1y --notes
    """
    window = service.timeline(app.store, since, app.now, limit)
    if app.json:
        emit_json(
            {
                "interactions": [interaction_json(i) for i in window.interactions],
                "total": window.total,
            }
        )
        return
    if not window.interactions:
        say(f"Nothing logged {_window(since)} ({_further(since)} shows more).")
        return
    _listed(window.interactions, app, with_notes)
    if len(window.interactions) < window.total:
        say(f"({len(window.interactions)} of {window.total}; drop --limit to see all)")


UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def _window(since: str) -> str:
    """`7d` → "in the last 7 days"; a date → "since 2024-03-01"."""
    amount, unit = since.strip()[:-1], since.strip()[-1:].lower()
    if not amount.isdigit() or unit not in UNITS:
        return f"since {since}"
    if amount == "1":
        return f"in the last {UNITS[unit]}"
    return f"in the last {int(amount)} {UNITS[unit]}s"


def _further(since: str) -> str:
    return (
        "kith timeline --since 10y"
        if since.strip().lower() == "1y"
        else ("kith timeline --since 1y")
    )


COMMANDS = [log, interactions, timeline]
