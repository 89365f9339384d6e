"""Commands for promises: todo (record one), todos (list them), todo-done (keep one)."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import CHANNEL_METAVAR, ROW_ID, json_option, pass_app, read_channel
from kith.cli.render import day_of, emit_json, say, table, weekday_day
from kith.errors import UsageError
from kith.services import follow_ups as service
from kith.services.resolve import resolve
from kith.shapes.follow_ups import todo_json
from kith.shapes.people import interaction_json
from kith.vocab import INTERACTION_KINDS


@click.command()
@click.argument("name")
@click.argument("text")
@click.option("--due", metavar="WHEN", help="friday, in 3 days, 2026-12-01: a day in your zone.")
@click.option("--theirs", is_flag=True, help="They promised it to you (default: you promised).")
@json_option
@pass_app
def todo(app: App, name: str, text: str, due: str | None, theirs: bool) -> None:
    """Record a promise to keep: yours to NAME, or theirs with --theirs.

    The due date may be in the past: the follow-up is then overdue at once. `kith todos`
    lists the open ones; `kith todo-done ID` keeps one.

    \b
    Example:
      kith todo Ada "send her the paper" --due friday
      kith todo Grace "intro to her CTO" --theirs --due "in 2 weeks"
    """
    owner = "theirs" if theirs else "mine"
    made = service.add_follow_up(app.store, resolve(app.store, name), text, app.now, due, owner)
    if app.json:
        emit_json({"todo": todo_json(made)})
        return
    link = "from" if owner == "theirs" else "for"
    f = made.follow_up
    say(f"Follow-up #{f.id} {link} {made.person.name}: {f.text}{_due(made)}.")


@click.command()
@click.argument("name", required=False)
@click.option("--all", "with_done", is_flag=True, help="Include the ones already done.")
@click.option("--mine", is_flag=True, help="Only what you promised.")
@click.option("--theirs", is_flag=True, help="Only what they promised you.")
@json_option
@pass_app
def todos(app: App, name: str | None, with_done: bool, mine: bool, theirs: bool) -> None:
    """List open follow-ups with their ids, the oldest due first.

    Undated ones come last; with --all, done ones follow the open ones.

    \b
    Example:
      kith todos
      kith todos Ada --all
      kith todos --theirs --json
    """
    if mine and theirs:
        raise UsageError("Give --mine or --theirs, not both.")
    owner = "mine" if mine else "theirs" if theirs else None
    person_id = resolve(app.store, name) if name else None
    found = service.list_follow_ups(app.store, app.now, person_id, owner, with_done)
    if app.json:
        emit_json({"todos": [todo_json(t) for t in found], "total": len(found)})
        return
    if not found:
        say("No follow-ups." if with_done else "No open follow-ups.")
        return
    headers = ["id", "due", "person", "whose", "text"] + (["done"] if with_done else [])
    table(headers, [_row(t, app, with_done) for t in found])


@click.command(name="todo-done")
@click.argument("follow_up_id", type=ROW_ID, metavar="ID")
@click.option("--note", "-m", help="What you did (the logged summary; default: the follow-up).")
@click.option(
    "--channel", "-c", callback=read_channel, metavar=CHANNEL_METAVAR, help="How (default email)."
)
@click.option("--kind", "-k", type=click.Choice(INTERACTION_KINDS), help="Default give.")
@json_option
@pass_app
def todo_done(
    app: App, follow_up_id: int, note: str | None, channel: str | None, kind: str | None
) -> None:
    """Close a follow-up and log the interaction that kept it.

    The interaction is a give (out for your promise, in for theirs) by e-mail unless --kind and
    --channel say otherwise; its summary is --note, or the follow-up's text.

    \b
    Example:
      kith todo-done 3
      kith todo-done 4 -m "she sent the intro" --channel message
    """
    closed = service.close_follow_up(app.store, follow_up_id, app.now, note, channel, kind)
    if app.json:
        emit_json(
            {"todo": todo_json(closed.todo), "interaction": interaction_json(closed.interaction)}
        )
        return
    done, logged = closed.todo, closed.interaction
    say(
        f"Done: follow-up #{done.follow_up.id} with {done.person.name} ({done.follow_up.text}); "
        f"logged #{logged.id}: {logged.summary} ({logged.channel}, {logged.direction}, "
        f"{logged.kind})."
    )


def _due(item: service.Todo) -> str:
    due = item.follow_up.due
    if due is None:
        return ""
    return f" (due {weekday_day(due)}{', overdue' if item.overdue else ''})"


def _row(item: service.Todo, app: App, with_done: bool) -> list[str]:
    f = item.follow_up
    due = weekday_day(f.due) if f.due else ""
    row = [str(f.id), due + (" overdue" if item.overdue else ""), item.person.name, f.owner, f.text]
    return row + ([day_of(f.done_at, app.tz)] if with_done else [])


COMMANDS = [todo, todos, todo_done]
