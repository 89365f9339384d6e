"""Where data came from: `kith imports` lists import runs, `kith seen` one-way correspondents."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say, table, when
from kith.services import seen as seen_service
from kith.services import undo
from kith.vocab import counted


@click.command()
@json_option
@pass_app
def imports(app: App) -> None:
    """List import runs, newest first, with what each created (for `kith import --undo RUN`).

    \b
    Example:
      kith imports
      kith import --undo 3 --dry-run
    """
    runs = undo.import_runs(app.store)
    stopped = undo.interrupted_runs(app.store)
    if app.json:
        emit_json(
            {
                "runs": [
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "path": r.path,
                        "at": r.at,
                        "summary": r.summary,
                        "undone_at": r.undone_at,
                    }
                    for r in runs
                ],
                "total": len(runs),
                "interrupted": [
                    {"id": r.id, "kind": r.kind, "path": r.path, "at": r.at, "staged": r.staged}
                    for r in stopped
                ],
            }
        )
        return
    _say_interrupted(stopped, app)
    if not runs:
        say("No imports yet." if not stopped else "No finished imports yet.")
        return
    table(
        ["run", "when", "kind", "file", "created", "undone"],
        [
            [
                str(r.id),
                when(r.at, app.tz),
                r.kind,
                r.path or "",
                counted(dict(sorted(r.created.items()))),
                (r.undone_at or "")[:10],
            ]
            for r in runs
        ],
    )


def _say_interrupted(stopped: list[undo.Interrupted], app: App) -> None:
    for run in stopped:
        say(
            f"Run {run.id} ({run.kind}, {run.path or 'no file'}) was interrupted on "
            f"{when(run.at, app.tz)} after reading {run.staged:,} records; nothing of it is "
            f"imported. Import the same file again to resume, or `kith import --discard "
            f"{run.id}` to forget it."
        )


@click.command()
@click.option(
    "--add",
    "address",
    metavar="ADDRESS",
    help="Make this correspondent a person now, with their messages.",
)
@json_option
@pass_app
def seen(app: App, address: str | None) -> None:
    """Correspondents seen in one direction only: kept, but not (yet) people.

    They become people, with their whole history, as soon as an exchange with them goes both
    ways, from any later import. `--add` makes one a person now.

    \b
    Example:
      kith seen
      kith seen --add ada@example.org
    """
    if address:
        person_id = seen_service.promote_seen(app.store, address, app.now)
        person = app.store.people.refs([person_id])[person_id]
        if app.json:
            emit_json({"person": {"id": person.id, "uid": person.uid, "name": person.name}})
            return
        say(f"Added {person.name} (#{person.id}) with their messages.")
        return
    found = seen_service.list_seen(app.store)
    if app.json:
        emit_json({"seen": [vars(s) for s in found], "total": len(found)})
        return
    if not found:
        say("Nobody seen in one direction only.")
        return
    table(
        ["address", "name", "you wrote", "they wrote", "last"],
        [[s.value, s.name or "", str(s.n_out), str(s.n_in), s.last_at[:10]] for s in found],
    )


COMMANDS = [imports, seen]
