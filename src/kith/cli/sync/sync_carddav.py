"""`kith sync carddav` (configure and sync an address book) and `kith sync conflicts`."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say, table
from kith.cli.sync.group import prepare_week, summary_text
from kith.services import sync as service
from kith.services.resolve import resolve
from kith.services.sync.carddav_resolve import (
    CHOICES,
    Conflict,
    configure,
    conflicts,
)
from kith.services.sync.carddav_resolve import (
    resolve as settle,
)


@click.command("carddav")
@click.option("--url", help="The server's root, your principal, or one address book's URL.")
@click.option("--user", help="Your user name on the server.")
@click.option(
    "--notes/--no-notes",
    default=None,
    help="Let Kith's notes travel to the server (they stay local unless you say so).",
)
@click.option(
    "--max-delete",
    type=click.FloatRange(0, 1),
    metavar="SHARE",
    help="Refuse a run that deletes more than this share of either side (default 0.25).",
)
@click.option("--yes", is_flag=True, help="Confirm a run that deletes more than the share.")
@click.option("--dry-run", is_flag=True, help="Show what would change on both sides.")
@json_option
@pass_app
def carddav(
    app: App,
    url: str | None,
    user: str | None,
    notes: bool | None,
    max_delete: float | None,
    yes: bool,
    dry_run: bool,
) -> None:
    """Sync both ways with a CardDAV address book (Nextcloud, iCloud, Fastmail, Radicale).

    The first time, give --url and --user; later runs reuse them. The password comes from
    KITH_CARDDAV_PASSWORD or the system keyring (service kith-carddav), never the database.
    A card changed on both sides waits in `kith sync conflicts`.

    \b
    Example:
      KITH_CARDDAV_PASSWORD=... kith sync carddav --url https://dav.example.org/ --user ada
      kith sync carddav --dry-run
    """
    source = configure(app.store, url, user, app.now, notes=notes, max_delete=max_delete)
    progress = None if app.json else say
    context = service.RunContext(app.now, dry_run, progress, {"yes": yes})
    outcome = service.run(app.store, source, context)
    prepare_week(app, [outcome.outcome], dry_run)
    if app.json:
        emit_json(
            {"source": outcome.source, "outcome": outcome.outcome, "summary": outcome.summary}
        )
        return
    prefix = "would do: " if dry_run else ""
    say(f"{outcome.source}: {prefix}{summary_text(outcome.summary)}")
    if outcome.summary.get("conflicts"):
        say("Cards changed on both sides wait for you: `kith sync conflicts`.")


@click.command("conflicts")
@click.argument("name", required=False)
@click.option("--take", type=click.Choice(CHOICES), help="Settle NAME's conflict this way.")
@json_option
@pass_app
def conflicts_command(app: App, name: str | None, take: str | None) -> None:
    """Cards changed both in Kith and on the server, side by side; settle one with --take.

    ours keeps Kith's card (written to the server), theirs takes the server's, merged takes
    the card with both sides' changes (offered when they changed different properties).

    \b
    Example:
      kith sync conflicts
      kith sync conflicts "Ada Lovelace" --take merged
    """
    if take is not None:
        if name is None:
            raise click.UsageError(
                "Say whose conflict to settle: kith sync conflicts NAME --take ..."
            )
        settled = settle(app.store, resolve(app.store, name), take, app.now)
        if app.json:
            emit_json({"settled": settled.name, "take": take})
        else:
            say(f"{settled.name}: took {take}.")
        return
    found = conflicts(app.store)
    if app.json:
        emit_json({"conflicts": [_json(c) for c in found], "total": len(found)})
        return
    if not found:
        say("No sync conflicts.")
    for conflict in found:
        _show(conflict)


def _show(conflict: Conflict) -> None:
    offered = "merged card offered" if conflict.conflict.merged else "no merge: same properties"
    say(f"{conflict.name} ({conflict.source}, {offered})")
    rows = [
        [d.property, "\n".join(d.ours), "\n".join(d.theirs)]
        + (["\n".join(d.merged)] if d.merged is not None else [])
        for d in conflict.differences
    ]
    heads = ["property", "Kith (ours)", "server (theirs)"]
    table(heads + (["merged"] if conflict.conflict.merged else []), rows)
    choices = "ours|theirs|merged" if conflict.conflict.merged else "ours|theirs"
    say(f'  kith sync conflicts "{conflict.name}" --take {choices}')


def _json(conflict: Conflict) -> dict[str, object]:
    return {
        "source": conflict.source,
        "person": conflict.conflict.person_id,
        "name": conflict.name,
        "href": conflict.conflict.href,
        "merged_offered": conflict.conflict.merged is not None,
        "differences": [
            {"property": d.property, "ours": d.ours, "theirs": d.theirs, "merged": d.merged}
            for d in conflict.differences
        ],
    }


SYNC_COMMANDS = [carddav, conflicts_command]
