"""Commands for finding people again: list with the query language, ranked search."""

from __future__ import annotations

import sys

import click

from kith.cli.app import App
from kith.cli.list_piped import TITLES
from kith.cli.options import COUNT, json_option, limit_option, pass_app
from kith.cli.render import day_of, emit_json, plain_columns, say, table, terminal_columns
from kith.clock import from_utc_text
from kith.model import PersonHead
from kith.services import browse
from kith.shapes.people import head_json


@click.command(
    name="list",
    # "-tag:x" negates a term: pass unknown dash-words through, and keep -h out of the way
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
)
@click.argument("query", nargs=-1)
@click.option(
    "--sort",
    type=click.Choice(browse.SORTS),
    default="name",
    show_default=True,
    help="name; strength (strongest first, S as the layers stored it on the latest Monday); "
    "last (latest contact first); due (next contact due soonest first, by the person's or "
    "their layer's cadence).",
)
@limit_option
@json_option
@pass_app
def list_(app: App, query: tuple[str, ...], limit: int | None, sort: str) -> None:
    """List people matching a query (every contact without one).

    Terms: tag:T interest:I company:C met:M channel:C since:D before:D kind:prospect
    archived:yes, a bare word for names, -term to negate. Terms combine with AND.

    \b
    Example:
      kith list tag:python company:acme
      kith list channel:email since:90d -tag:family
      kith list --sort strength --limit 20
    """
    typos = [word for word in query if word.startswith("--")]
    if typos:
        raise click.UsageError(f"No such option: {typos[0]} (query terms are tag:T, -tag:T, ...).")
    keyed = sort in ("strength", "due")  # the sort's key as a column of its own
    if not app.json and not keyed:
        _plain_list(app, query, limit, sort)
        return
    listing = browse.list_people(app.store, " ".join(query), app.now, limit, sort, keyed)
    if app.json:
        emit_json({"people": [head_json(p) for p in listing.people], "total": listing.total})
        return
    if not listing.people:
        say("Nobody matches." if query else "No contacts yet: `kith add NAME` adds one.")
        return
    people_table(listing.people, app, _keys(listing, sort, app) if keyed else None)
    if len(listing.people) < listing.total:
        say(f"({len(listing.people)} of {listing.total}; drop --limit to see all)")


def _plain_list(app: App, query: tuple[str, ...], limit: int | None, sort: str) -> None:
    """The same table from columns: thousands of people without an object or a line each."""
    columns, total = browse.list_days(app.store, " ".join(query), app.now, limit, sort)
    ids, names, companies, tags, days = columns
    if not ids:
        say("Nobody matches." if query else "No contacts yet: `kith add NAME` adds one.")
        return
    shown = [list(map(str, ids)), names, companies, tags, days]
    if sys.stdout.isatty():  # the same table from the columns as they are
        terminal_columns(TITLES, shown)
    else:
        plain_columns(TITLES, shown)
    if len(ids) < total:
        say(f"({len(ids)} of {total}; drop --limit to see all)")


def people_table(
    people: list[PersonHead], app: App, key: tuple[str, dict[int, str]] | None = None
) -> None:
    """The people as a table; `key`: a column's title and each person's value in it."""
    rows = [
        [str(p.id), p.name, p.company or "", ", ".join(p.tags), day_of(p.last_contact_at, app.tz)]
        for p in people
    ]
    titles = ["id", "name", "company", "tags", "last contact"]
    if key is not None:
        titles.append(key[0])
        for row, person in zip(rows, people, strict=True):
            row.append(key[1].get(person.id, ""))
    table(titles, rows)


def _keys(listing: browse.Listing, sort: str, app: App) -> tuple[str, dict[int, str]]:
    found = listing.standings
    if sort == "strength":
        return "strength", {pid: f"{s.strength:.2f}" for pid, s in found.items()}
    return "due", {
        pid: day_of(from_utc_text(s.due_at), app.tz) for pid, s in found.items() if s.due_at
    }


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--limit",
    type=COUNT,
    default=browse.SEARCH_LIMIT,
    show_default=True,
    help="How many people to show.",
)
@json_option
@pass_app
def search(app: App, text: tuple[str, ...], limit: int) -> None:
    """Search names, companies, notes, interests, "working on" and interaction notes.

    \b
    Example:
      kith search compilers
      kith search "lisbon" --limit 5 --json
    """
    from kith.cli.search_results import print_search  # not `kith list`'s import

    print_search(app, text, limit)


COMMANDS = [list_, search]
