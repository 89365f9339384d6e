"""`kith sync`: run every configured source; `kith sync status`; one subcommand per kind."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say, table
from kith.errors import KithError
from kith.services import sync as service
from kith.store.sync.sources import SyncRun

# subcommand → module whose SYNC_COMMANDS list holds it; each kind's module adds its lines
SUBCOMMANDS: dict[str, str] = {
    "carddav": "kith.cli.sync.sync_carddav",
    "conflicts": "kith.cli.sync.sync_carddav",
    "imap": "kith.cli.sync.sync_mail",
    "calendar": "kith.cli.sync.sync_mail",
}


class SyncGroup(click.Group):
    """The group's kinds are imported only when called (each pulls in its own client)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *SUBCOMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        module = SUBCOMMANDS.get(cmd_name)
        if module is None:
            return None
        found = [c for c in import_module(module).SYNC_COMMANDS if c.name == cmd_name]
        return found[0] if found else None


def summary_text(summary: dict[str, Any]) -> str:
    """Counts as one line, e.g. "2 created here, 1 changed there"; "nothing to do" if none."""
    parts = [f"{value} {key.replace('_', ' ')}" for key, value in summary.items() if value]
    said = ", ".join(parts) if parts else "nothing to do"
    if summary.get("conflicts"):
        said += " (`kith sync conflicts` shows them and how to settle each)"
    return said


@click.group(cls=SyncGroup, invoke_without_command=True)
@click.option("--dry-run", is_flag=True, help="Show what would change on both sides.")
@json_option
@pass_app
@click.pass_context
def sync(ctx: click.Context, app: App, dry_run: bool) -> None:
    """Sync with the address book, mailbox and calendars you already use.

    Without a subcommand, runs every configured source, one line each. Passwords come from
    the environment (KITH_CARDDAV_PASSWORD, KITH_IMAP_PASSWORD, KITH_CALENDAR_PASSWORD) or
    the system keyring, never from the database.

    \b
    Example:
      kith sync
      kith sync --dry-run
      kith sync status
    """
    if ctx.invoked_subcommand is not None:
        return
    context = service.RunContext(now=app.now, dry_run=dry_run, progress=None if app.json else say)
    outcomes = service.run_all(app.store, context)
    if app.json:
        emit_json(
            {
                "sources": [
                    {
                        "source": o.source,
                        "kind": o.kind,
                        "outcome": o.outcome,
                        "summary": o.summary,
                        "error": o.error,
                    }
                    for o in outcomes
                ]
            }
        )
    elif not outcomes:
        say("No sync sources yet: `kith sync carddav --url URL --user NAME` adds one.")
    for o in outcomes if not app.json else []:
        say(f"{o.source}: {o.error if o.error else summary_text(o.summary)}")
    prepare_week(app, [o.outcome for o in outcomes], dry_run)
    failed = [o.source for o in outcomes if o.outcome == "failed"]
    if failed:
        raise KithError(failed_text(failed, len(outcomes)))


def prepare_week(app: App, outcomes: list[str], dry_run: bool) -> None:
    """What an import does at its end, after a sync that ran (a scheduled sync on a Sunday night
    thus prepares Monday): the layers current, the week chosen, the next Monday's step and the
    gift's inputs kept (services/week/plan.prepare; cheap when they are kept already)."""
    if dry_run or all(outcome == "failed" for outcome in outcomes):
        return
    from kith.services.week import plan

    plan.prepare(app.store, app.now)


def failed_text(failed: list[str], ran: int) -> str:
    """The closing error: one source alone, or which of several failed and how many ran."""
    if ran == 1:
        return f"{failed[0]} failed (above); `kith sync status` shows its last runs."
    others = ran - len(failed)
    rest = f"the other {others} ran" if others != 1 else "the other one ran"
    if not others:
        rest = "none ran through"
    return (
        f"{len(failed)} of {ran} sync sources failed ({', '.join(failed)}); {rest}. "
        "`kith sync status` shows each."
    )


@sync.command()
@json_option
@pass_app
def status(app: App) -> None:
    """When each configured source last ran and what it did.

    \b
    Example:
      kith sync status
    """
    found = service.status(app.store)
    if app.json:
        emit_json(
            {
                "sources": [
                    {
                        "source": s.source.name,
                        "kind": s.source.kind,
                        "config": s.source.config,
                        "last": run_json(s.last),
                        "dry_run": run_json(s.dry_run),
                    }
                    for s in found
                ]
            }
        )
        return
    if not found:
        say("No sync sources yet: `kith sync carddav --url URL --user NAME` adds one.")
        return
    rows = []
    for s in found:
        rows.append(
            [
                s.source.name,
                "never" if s.last is None else (s.last.finished_at or s.last.started_at),
                "" if s.last is None else s.last.outcome,
                "" if s.last is None else (s.last.error or summary_text(s.last.summary)),
            ]
        )
        if s.dry_run is not None:  # a dry run since: marked, below the real run it did not replace
            tried = s.dry_run
            rows.append(
                [
                    f"{s.source.name} (dry run)",
                    tried.finished_at or tried.started_at,
                    "failed" if tried.error else "dry-run",
                    tried.error or f"would: {summary_text(tried.summary)}",
                ]
            )
    table(["source", "last run", "outcome", "what it did"], rows)


def run_json(run: SyncRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "outcome": run.outcome,
        "summary": run.summary,
        "error": run.error,
    }


@sync.command()
@click.argument("name")
@pass_app
def remove(app: App, name: str) -> None:
    """Forget a configured source (its saved settings and run records); nothing on the server
    or in Kith's people changes. Names as `kith sync status` lists them.

    \b
    Example:
      kith sync remove calendar:2
    """
    service.remove(app.store, name)
    say(f"Removed {name}; `kith sync` no longer runs it.")


COMMANDS = [sync]
