"""`kith calendar export`: an iCalendar feed of planned outreach, follow-ups and birthdays."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.serve import DEFAULT_HOST, DEFAULT_PORT, show_qr
from kith.services import web_access
from kith.services.exports import calendar_feed as service
from kith.services.web_access import shown_host

FEED_PATH = "/calendar/{token}.ics"  # kith.web.feed's route, repeated so no web is imported


@click.group()
def calendar() -> None:
    """Calendar feeds: planned outreach, follow-ups and birthdays.

    \b
    Example:
      kith calendar export ~/Calendars/kith.ics
      kith calendar feed --host 0.0.0.0
    """


@calendar.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),  # ten years: a calendar further out helps nobody
    default=service.DEFAULT_WEEKS,
    show_default=True,
    metavar="N",
    help="Follow-ups due up to the end of the N-th week from this one.",
)
@json_option
@pass_app
def export(app: App, file: Path, weeks: int) -> None:
    """Write an iCalendar (.ics) file a calendar app can subscribe to; - for standard output.

    All-day events: each open pick of this week's plan across the week, each open follow-up
    on its due day (an overdue one on today, saying since when) up to the end of the N-th
    week, and each contact's birthday every year (29 February on the 28th in common years).
    UIDs are stable, so exporting again updates a subscribed calendar instead of duplicating
    it. The file is written whole, then renamed over the old one (mode 0600). The first
    export of a week chooses the week's plan, as `kith plan` does.

    \b
    Example:
      kith calendar export ~/Calendars/kith.ics
      kith calendar export - --weeks 8 > kith.ics
    """
    if str(file) == "-":
        if app.json:
            raise click.UsageError("--json needs a FILE: the calendar goes to standard output.")
        made = service.feed(app.store, app.now, weeks)
        click.echo(made.text, nl=False)  # bytes: written as they are
        return
    made = service.export_feed(app.store, file, app.now, weeks)
    if app.json:
        emit_json(
            {
                "export": str(file),
                "events": made.events,
                "picks": made.picks,
                "follow_ups": made.follow_ups,
                "birthdays": made.birthdays,
            }
        )
        return
    say(
        f"Exported {_count(made.picks, 'pick', 'picks')}, "
        f"{_count(made.follow_ups, 'follow-up', 'follow-ups')} and "
        f"{_count(made.birthdays, 'birthday', 'birthdays')} to {file}."
    )


@calendar.command()
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="The address `kith serve` listens on (0.0.0.0: this computer's on the network).",
)
@click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option("--revoke", is_flag=True, help="Stop the feed: its link no longer works.")
@json_option
@pass_app
def feed(app: App, host: str, port: int, revoke: bool) -> None:
    """Make the secret link a phone's calendar subscribes to while `kith serve` runs.

    The same events as `export`, with alarms, made afresh on each fetch, at
    http://HOST:PORT/calendar/TOKEN.ics. The token opens the feed and nothing else, so the
    calendar app needs no page token; Kith keeps only its hash, so the link is shown only
    once (with a QR code), and making a new one revokes the old. A phone reaches it only when
    `kith serve` listens on the network (--host 0.0.0.0 --new-token).

    \b
    Example:
      kith calendar feed --host 0.0.0.0
      kith serve --host 0.0.0.0 --new-token
      kith calendar feed --revoke
    """
    if revoke:
        had = web_access.revoke_feed_token(app.store)
        if app.json:
            emit_json({"revoked": had})
            return
        say("Revoked: the calendar feed link no longer works." if had else "There was no feed.")
        return
    token = web_access.issue_feed_token(app.store)
    link = f"http://{shown_host(host)}:{port}{FEED_PATH.format(token=token)}"
    subscribe = "webcal://" + link.removeprefix("http://")
    if app.json:
        emit_json({"feed": link, "webcal": subscribe})
        return
    say("A new calendar feed link; the old one no longer works. It is shown only this once:")
    say(f"  {link}")
    say(f"  {subscribe}  (the same, opening a calendar's subscribe dialog)")
    show_qr(subscribe)
    say(f"It answers while `kith serve --host {host} --port {port}` runs.")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


COMMANDS = [calendar]
