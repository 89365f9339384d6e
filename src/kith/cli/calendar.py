"""`kith calendar export`: an iCalendar feed of planned outreach, follow-ups and birthdays."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.services import calendar_feed as service


@click.group()
def calendar() -> None:
    """Calendar feeds: planned outreach, follow-ups and birthdays.

    \b
    Example:
      kith calendar export ~/Calendars/kith.ics
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
    on its due day (overdue ones included) up to the end of the N-th week, and each contact's
    birthday every year (29 February on the 28th in common years). UIDs are stable, so
    exporting again updates a subscribed calendar instead of duplicating it. The file is
    written whole, then renamed over the old one (mode 0600). The first export of a week
    chooses the week's plan, as `kith plan` does.

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


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


COMMANDS = [calendar]
