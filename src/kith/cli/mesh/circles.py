"""`kith circles` and `kith circle rename|pin`: the groups your contacts form among themselves."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.app import App
from kith.cli.options import ROW_ID, json_option, pass_app
from kith.cli.render import emit_json, say, table
from kith.model import PersonHead
from kith.services.mesh import circles as service
from kith.shapes.people import head_json
from kith.store.mesh.circles import StoredCircle

MADE = {
    "detected": "Circles found afresh from who knows whom.",
    "updated": "Circles updated: {moved} {people} moved.",
    "unchanged": "Circles unchanged since the last run.",
}


@click.command()
@click.option("--refresh", is_flag=True, help="Find the circles afresh (ids kept by overlap).")
@click.option("--all", "show_all", is_flag=True, help="List every member, not the top three.")
@json_option
@pass_app
def circles(app: App, refresh: bool, show_all: bool) -> None:
    """List the circles your contacts form: who knows whom, grouped.

    Circles come from the evidence of who knows whom alone (your word, relationships, shared
    meetings and mail threads, the same organisation); a tag, a company or an event only
    names one. Each keeps its id from run to run, and new evidence moves only the people it
    touches; `--refresh` finds them afresh. Circles of three people or more are listed, largest
    first, with their strongest ties.

    \b
    Example:
      kith circles
      kith circles --refresh
      kith circle rename 3 "Book club"
    """
    found = service.current(app.store, app.now, app.tz, refresh)
    if app.json:
        emit_json(_json(found, service.heads(app.store, found, show_all), show_all))
        return
    people = "person" if found.moved == 1 else "people"
    say(MADE[found.made].format(moved=found.moved, people=people))
    if not found.circles:
        say("No circles yet: say who knows whom with `kith knows A B`, or import mail.")
        return
    rows = [
        [
            f"#{circle.id}",
            circle.name + (" (pinned)" if circle.pinned else ""),
            str(circle.size),
            ", ".join(_members(found, circle, show_all)),
        ]
        for circle in found.circles
    ]
    table(["id", "circle", "people", "strongest ties" if not show_all else "people"], rows)
    alone = found.unassigned()
    say(f"{alone} {'contact' if alone == 1 else 'contacts'} in no circle.")


def _members(found: service.Circles, circle: service.Circle, show_all: bool) -> list[str]:
    chosen = circle.members if show_all else circle.members[: service.TOP_MEMBERS]
    return [found.names.get(pid, f"#{pid}") for pid in chosen]


def _json(found: service.Circles, heads: dict[int, PersonHead], show_all: bool) -> dict[str, Any]:
    return {
        "made": found.made,
        "moved": found.moved,
        "circles": [
            {
                "id": circle.id,
                "name": circle.name,
                "pinned": circle.pinned,
                "size": circle.size,
                "members": [
                    head_json(heads[pid])
                    for pid in (
                        circle.members if show_all else circle.members[: service.TOP_MEMBERS]
                    )
                ],
            }
            for circle in found.circles
        ],
        "total": len(found.circles),
        "unassigned": found.unassigned(),
    }


@click.group()
def circle() -> None:
    """Name or pin one of your circles (ids from `kith circles`).

    \b
    Example:
      kith circle rename 3 "Book club"
      kith circle pin 3
    """


@circle.command()
@click.argument("circle_id", metavar="ID", type=ROW_ID)
@click.argument("name")
@json_option
@pass_app
def rename(app: App, circle_id: int, name: str) -> None:
    """Give circle ID your own name for it; "" gives it back Kith's.

    \b
    Example:
      kith circle rename 3 "Book club"
      kith circle rename 3 ""
    """
    _done(app, service.rename(app.store, circle_id, name, app.now), "Circle #{id} is now {name}.")


@circle.command()
@click.argument("circle_id", metavar="ID", type=ROW_ID)
@click.option("--off", is_flag=True, help="Unpin it.")
@json_option
@pass_app
def pin(app: App, circle_id: int, off: bool) -> None:
    """Pin circle ID: its people stay in it when circles are found again (`--off` unpins).

    \b
    Example:
      kith circle pin 3
      kith circle pin 3 --off
    """
    said = (
        "Unpinned circle #{id}, {name}." if off else "Pinned circle #{id}, {name}: its people stay."
    )
    _done(app, service.pin(app.store, circle_id, not off, app.now), said)


def _done(app: App, stored: StoredCircle, said: str) -> None:
    if app.json:
        emit_json({"circle": {"id": stored.id, "name": stored.shown_name, "pinned": stored.pinned}})
        return
    say(said.format(id=stored.id, name=stored.shown_name))


COMMANDS = [circles, circle]
