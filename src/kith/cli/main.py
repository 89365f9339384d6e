"""`kith`: the group and its global options; errors become messages and codes in cli/outcome.py."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from kith import __version__
from kith.cli.app import App
from kith.cli.commands import LazyCommands
from kith.cli.outcome import guarded


class KithGroup(LazyCommands):
    """Maps Kith's errors to one-line messages and the contract's exit codes (cli/outcome.py)."""

    def invoke(self, ctx: click.Context) -> Any:
        done: list[Any] = []
        command = super().invoke
        code = guarded(lambda: ctx.ensure_object(App), lambda: done.append(command(ctx)))
        if code is not None:
            ctx.exit(code)
        return done[0]


@click.group(cls=KithGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="The database file (default: KITH_DB, else kith.db in the data directory).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Use the demo database (demo.db in the data directory); wins over KITH_DB.",
)
@click.option(
    "--now", "now", metavar="ISO", help="Fix the clock, e.g. 2026-11-22T10:00 (also KITH_NOW)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (read commands).")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(__version__, prog_name="kith")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, demo: bool, now: str | None, as_json: bool, debug: bool
) -> None:
    """Kith keeps the people you know and what you did together.

    \b
    Example:
      kith add "Ada Lovelace" --email ada@example.org --met "PyCon 2026"
      kith log Ada "coffee after her talk" --channel coffee
      kith list tag:python
    """
    ctx.obj = App(db_option=db, demo=demo, now_option=now, json=as_json, debug=debug)


def main(argv: list[str] | None = None) -> None:
    run: Callable[..., Any] = cli.main
    run(args=argv if argv is not None else sys.argv[1:], prog_name="kith")
