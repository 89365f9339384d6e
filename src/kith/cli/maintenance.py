"""`kith rebuild` recomputes what Kith keeps beside the log; `kith check` reads every page."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.errors import DatabaseRefused
from kith.services.exports import backup as backups
from kith.services.ties import rebuild as service
from kith.store.connection import damaged


@click.command()
@json_option
@pass_app
def rebuild(app: App) -> None:
    """Recompute every aggregate (counters, channels, ties, layers, search) from the log.

    Nothing you entered changes: last contact, counts per channel, each tie's decayed sums, the
    search indexes and the Dunbar layers (every weekly instant replayed, with its hysteresis)
    are rewritten from people's cards and the interaction log, in one transaction. Writes keep
    them in step already; this is for a database that was migrated or repaired.

    \b
    Example:
      kith rebuild
      kith rebuild --json
    """
    done = service.rebuild(app.store, app.now)
    if app.json:
        emit_json({"rebuilt": vars(done)})
        return
    say(
        f"Rebuilt from {done.interactions:,} interactions: counters, channels and search rows "
        f"of {done.people:,} people, {done.ties:,} tie rows, and layers replayed over "
        f"{done.instants:,} weekly instants."
    )


@click.command()
@json_option
@pass_app
def check(app: App) -> None:
    """Check the whole database file: every page, index and link between rows.

    Reads the file only (nothing is written or migrated), with SQLite's integrity_check and
    foreign_key_check beside Kith's own checks of its schema. A damaged file exits with
    status 5 and the problems found; restore a backup with `kith restore`. Every `kith backup`
    makes the same check of its copy before keeping it.

    \b
    Example:
      kith check
      kith check --json
    """
    verdict = backups.check(app.db_path)
    loose = backups.open_to_others(app.db_path, app.uses_default_location)
    if app.json:
        emit_json(
            {
                "database": verdict.path,
                "sound": verdict.sound,
                "problems": list(verdict.problems),
                "people": verdict.people,
                "notes": loose,
            }
        )
    elif verdict.sound:
        people = "1 person" if verdict.people == 1 else f"{verdict.people:,} people"
        checked = f"every page, index and link checked ({people})"
        say(f"{verdict.path} is sound: {checked}.")
    else:
        say(f"{verdict.path} is damaged; SQLite's checks found:")
        for problem in verdict.problems:
            say(f"  {problem}")
    for note in loose if not app.json else []:
        say(note)
    if not verdict.sound:
        raise DatabaseRefused(damaged(verdict.path, verdict.problems[0]))


COMMANDS = [rebuild, check]
