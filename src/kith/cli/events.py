"""`kith event`: add events, record who attended, list them."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say, table
from kith.services import events as service
from kith.services.resolve import resolve_many
from kith.shapes.people import event_json


@click.group()
def event() -> None:
    """Events: a talk, a conference, a dinner, and who was there.

    \b
    Example:
      kith event add "PyCon 2026" --date 2026-05-14 --place Pittsburgh
      kith event attend "PyCon 2026" Ada Grace
    """


@event.command(name="add")
@click.argument("name")
@click.option("--date", "on", help="When it happened or will (default today).")
@click.option("--place", help="Where.")
@click.option("--kind", help="conference, meetup, dinner, talk, ...")
@json_option
@pass_app
def add(app: App, name: str, on: str | None, place: str | None, kind: str | None) -> None:
    """Add an event.

    \b
    Example:
      kith event add "PyCon 2026" --date 2026-05-14 --place Pittsburgh --kind conference
    """
    found = service.add_event(app.store, name, on, place, kind, app.now)
    if app.json:
        emit_json({"event": event_json(found)})
        return
    say(f"Added event {found.name} on {found.day} (#{found.id}).")


@event.command()
@click.argument("event_name", metavar="EVENT")
@click.argument("names", nargs=-1, required=True)
@json_option
@pass_app
def attend(app: App, event_name: str, names: tuple[str, ...]) -> None:
    """Record who attended an event.

    \b
    Example:
      kith event attend "PyCon 2026" Ada "Grace Hopper"
    """
    event_id = service.resolve_event(app.store, event_name)
    found = service.attend(app.store, event_id, resolve_many(app.store, list(names)))
    if app.json:
        emit_json({"event": event_json(found)})
        return
    say(f"{found.name}: {', '.join(p.name for p in found.attendees)}")


@event.command(name="list")
@json_option
@pass_app
def list_(app: App) -> None:
    """List events, newest first, with how many attended.

    \b
    Example:
      kith event list
    """
    found = service.list_events(app.store)
    if app.json:
        emit_json({"events": [event_json(e) for e in found], "total": len(found)})
        return
    if not found:
        say("No events yet: `kith event add NAME --date DATE` adds one.")
        return
    table(
        ["id", "date", "name", "place", "attendees"],
        [[str(e.id), str(e.day), e.name, e.place or "", str(len(e.attendees))] for e in found],
    )


COMMANDS = [event]
