"""`kith config`: read and change settings, stored in the database."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say, table
from kith.services import settings as service


@click.group()
def config() -> None:
    """Read and change settings (kept in the database, so backups carry them).

    \b
    Example:
      kith config set phone.default_region GB
      kith config get plan.budget
      kith config list
    """


@config.command()
@click.argument("key")
@json_option
@pass_app
def get(app: App, key: str) -> None:
    """Print one setting's bare value (nothing if unset).

    \b
    Example:
      kith config get timezone
    """
    value = service.get(app.store, key)
    if app.json:
        emit_json({"key": key, "value": value})
        return
    if value is not None:
        say(value)


@config.command(name="set")
@click.argument("key")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove the setting (back to the default).")
@json_option
@pass_app
def set_(app: App, key: str, value: str | None, unset: bool) -> None:
    """Change a setting.

    \b
    Example:
      kith config set me.emails "me@example.org, me@work.example"
      kith config set timezone --unset
    """
    if value is None and not unset:
        raise click.UsageError("Give a value, or --unset.")
    stored = service.set_value(app.store, key, None if unset else value)
    if app.json:
        emit_json({"key": key, "value": stored})
        return
    say(f"{key} = {stored}" if stored is not None else f"{key} unset")


@config.command(name="list")
@click.option("--all", "everything", is_flag=True, help="Include settings that are not set.")
@json_option
@pass_app
def list_(app: App, everything: bool) -> None:
    """List settings and their values.

    \b
    Example:
      kith config list --all
    """
    values = service.all_settings(app.store, everything)
    if app.json:
        emit_json({"settings": values, "total": len(values)})
        return
    table(["key", "value"], [[k, v if v is not None else "(unset)"] for k, v in values.items()])


COMMANDS = [config]
