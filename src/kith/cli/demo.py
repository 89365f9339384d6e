"""`kith demo`: build the fictional demo network, or a benchmark-sized one, into the database."""

from __future__ import annotations

import os
import shlex
from datetime import UTC, datetime

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, progress_bar, say
from kith.demo.profiles import DEFAULT_SEED, PROFILES
from kith.errors import DatabaseRefused
from kith.services import demo as service
from kith.services.exports import backup as backups


@click.command()
@click.option(
    "--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Another seed, other people."
)
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES), case_sensitive=False),
    default="demo",
    show_default=True,
    help="demo: about 150 people; S, M, L: 200, 5,000 and 30,000 people for benchmarks.",
)
@click.option("--force", is_flag=True, help="Replace a database that is not a demo, and all in it.")
@json_option
@pass_app
def demo(app: App, seed: int, profile: str, force: bool) -> None:
    """Build a fictional network to try Kith on: people, circles, events, five years of history.

    It goes into demo.db (as with --demo), never into your own kith.db; with --db or KITH_DB,
    into the database they name. The same --seed and --now give the same network. Rebuilding
    into a demo database replaces it; a database with your own people is refused unless
    --force, which replaces it too.

    \b
    Example:
      kith --demo demo
      kith --demo show "Wendy Weekly"
      kith demo --profile M --seed 3
    """
    if not app.db_option and not os.environ.get("KITH_DB"):
        app.close()
        app.demo = True  # fictional people never land in the user's own default database
    if app.demo:
        _refused_demo_set_aside(app, datetime.now(UTC))
    now = app.now
    if service.must_replace(app.store, force):
        if service.demo_stamp(app.store) is None:  # the user's own data, given up with --force
            kept = backups.keep_copy(app.store, "demo", now)
            click.echo(f"The database as it was is kept as {kept}.", err=True)
        app.close()  # no connection may stay open on a file about to be deleted
        service.remove_database(app.db_path)
    big = PROFILES[profile].people >= 1000
    with progress_bar("Generating and importing", big) as tick:
        stamp, report = service.build_demo(
            app.store, profile=profile, seed=seed, now=now, progress=tick
        )
    counts = {what: report.created[what] for what in ("person", "interaction", "event")}
    if app.json:
        emit_json({"demo": {**vars(stamp), "database": str(app.db_path)}, "created": counts})
        return
    say(
        f"Built the {stamp.profile} network (seed {stamp.seed}) in {app.db_path}: "
        f"{counts['person']:,} people, {counts['interaction']:,} interactions, "
        f"{counts['event']:,} events."
    )
    if stamp.profile == "demo":
        flag = "--demo" if app.demo else f"--db {shlex.quote(str(app.db_path))}"
        say(f'Try: kith {flag} list tag:meetup, kith {flag} show "Wendy Weekly".')


def _refused_demo_set_aside(app: App, now: datetime) -> None:
    """The default demo.db, when Kith refuses to open it (damaged, or from a newer Kith), moved
    aside with a note, so that `kith --demo demo` (and `make run`) builds a new one."""
    try:
        app.store  # noqa: B018 - opening it is the check
    except DatabaseRefused:
        app.close()
        kept = service.set_aside(app.db_path, now)
        click.echo(
            f"Note: Kith cannot open the demo database {app.db_path} (damaged, or made by a "
            f"newer Kith); it is kept as {kept}, and a new one is built.",
            err=True,
        )


COMMANDS = [demo]
