"""`kith sync imap` and `kith sync calendar`: configure a mailbox or a calendar and sync it."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.sync.group import prepare_week, summary_text
from kith.services import sync as service
from kith.services.sync import calendar as calendars
from kith.services.sync import imap as mailbox
from kith.store.sync.sources import SyncSource


def _run(app: App, sources: list[SyncSource], dry_run: bool) -> None:
    context = service.RunContext(now=app.now, dry_run=dry_run, progress=None if app.json else say)
    outcomes = [service.run(app.store, chosen, context) for chosen in sources]
    prepare_week(app, [o.outcome for o in outcomes], dry_run)
    if app.json:
        emit_json(
            {
                "sources": [
                    {"source": o.source, "kind": o.kind, "outcome": o.outcome, "summary": o.summary}
                    for o in outcomes
                ]
            }
        )
        return
    for o in outcomes:
        say(f"{o.source}{' (dry run)' if dry_run else ''}: {summary_text(o.summary)}")


dry_run_option = click.option(
    "--dry-run",
    is_flag=True,
    help="Read the server and show what would change; write nothing but the configuration.",
)
me_option = click.option(
    "--me",
    multiple=True,
    metavar="ADDRESS",
    help="Your own address (repeatable), if not in `kith config get me.emails`.",
)


@click.command("imap")
@click.option("--host", help="The IMAP server, e.g. imap.example.org.")
@click.option("--port", type=click.IntRange(1, 65535), help="Default: 993 (--ssl) or 143.")
@click.option("--user", help="The login, often your e-mail address.")
@click.option("--ssl", "security", flag_value="ssl", help="TLS from the start (the default).")
@click.option("--starttls", "security", flag_value="starttls", help="Plain, then STARTTLS.")
@click.option(
    "--plain-on-loopback",
    "security",
    flag_value="plain-on-loopback",
    help="No encryption: only for a server on this machine.",
)
@click.option(
    "--folder",
    "folders",
    multiple=True,
    metavar="NAME",
    help="A folder to read (repeatable). Default: INBOX and the folder flagged \\Sent.",
)
@me_option
@dry_run_option
@json_option
@pass_app
def imap(
    app: App,
    host: str | None,
    port: int | None,
    user: str | None,
    security: str | None,
    folders: tuple[str, ...],
    me: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Log mail from an IMAP mailbox: headers only, only what is new since the last run.

    The first call configures the mailbox; later, `kith sync imap` (or `kith sync`) reuses it.
    The password comes from KITH_IMAP_PASSWORD or the system keyring (service kith-imap),
    never from the database. The mail importer's rules apply: a correspondent becomes a
    contact once mail went both ways, list and bulk mail is ignored, and a message already
    imported from a file is not counted again.

    \b
    Example:
      export KITH_IMAP_PASSWORD=...
      kith sync imap --host imap.example.org --user ada@example.org
      kith sync imap --dry-run
    """
    chosen = mailbox.prepare(
        app.store,
        host=host,
        user=user,
        port=port,
        security=security,
        folders=folders,
        me=me,
        now=app.now,
    )
    _run(app, [chosen], dry_run)


@click.command("calendar")
@click.argument("url", required=False)
@click.option("--user", help="The login, for a calendar that needs one.")
@me_option
@dry_run_option
@json_option
@pass_app
def calendar(
    app: App, url: str | None, user: str | None, me: tuple[str, ...], dry_run: bool
) -> None:
    """Subscribe to a calendar (an .ics URL or a CalDAV calendar), read-only, and sync it.

    Meetings that ended are logged with their attendees; later ones are kept as events for
    `kith prep`. Each subscription is a source calendar:1, calendar:2, ...; without URL,
    every subscribed calendar is synced. A password (for --user) comes from
    KITH_CALENDAR_PASSWORD or the system keyring (service kith-calendar).

    \b
    Example:
      kith sync calendar https://example.org/team.ics
      kith sync calendar https://dav.example.org/ada/work/ --user ada
      kith sync calendar
    """
    if url:
        chosen = [calendars.subscribe(app.store, url, user=user, me=list(me), now=app.now)]
    else:
        chosen = calendars.subscriptions(app.store)
    _run(app, chosen, dry_run)


SYNC_COMMANDS = [imap, calendar]
