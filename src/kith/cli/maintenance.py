"""`kith rebuild`: recompute what Kith keeps beside the log, from the log."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.services import rebuild as service


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


COMMANDS = [rebuild]
