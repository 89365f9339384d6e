"""`kith merge`, `kith merges`, `kith unmerge`: one person, many sources."""

from __future__ import annotations

import click

from kith.cli.app import App, interactive
from kith.cli.options import ROW_ID, json_option, pass_app, yes_option
from kith.cli.render import emit_json, say, table
from kith.errors import UserError
from kith.model import Person
from kith.services import merging as service
from kith.services.resolve import resolve
from kith.shapes.people import head_json


@click.command()
@click.argument("names", nargs=-1)
@click.option("--list", "listing", is_flag=True, help="Print the review queue, change nothing.")
@click.option(
    "--dry-run", is_flag=True, help="Say what the merge of A and B would do; change nothing."
)
@yes_option
@json_option
@pass_app
def merge(app: App, names: tuple[str, ...], listing: bool, dry_run: bool, yes: bool) -> None:
    """Review likely duplicates side by side, or merge B into A by hand (A keeps its id).

    Called alone on a terminal, shows each pair the imports queued and asks: keep the left,
    keep the right, or skip. Merging two people by name asks nothing (`--yes` is accepted, as
    on every command that confirms); `--dry-run` shows the two side by side and changes
    nothing. Every merge can be taken back with `kith unmerge`.

    \b
    Example:
      kith merge
      kith merge "Ada Lovelace" "A. Lovelace" --yes
      kith merge "Ada Lovelace" "A. Lovelace" --dry-run
      kith merge --list --json
    """
    if names:
        if len(names) != 2:
            raise click.UsageError("Name exactly two people: kith merge KEEP ABSORB.")
        survivor, absorbed = resolve(app.store, names[0]), resolve(app.store, names[1])
        if dry_run:
            _would_merge(app, survivor, absorbed)
        else:
            _merge_two(app, survivor, absorbed)
        return
    pairs = service.queue(app.store)
    if listing or dry_run or app.json or not pairs:
        _print_queue(app, pairs)
        return
    if not interactive():
        confirms = " (--yes confirms; it cannot choose)" if yes else ""
        raise UserError(
            f"Reviewing the queue asks which of each pair to keep, which needs a terminal"
            f"{confirms}; `kith merge --list` shows it, `kith merge A B --yes` merges B into A."
        )
    _review(app, pairs)


def _would_merge(app: App, survivor: int, absorbed: int) -> None:
    """What `kith merge A B` would do, said without doing it."""
    a, b = service.would_merge(app.store, survivor, absorbed)
    if app.json:
        emit_json(
            {"merge": {"id": None, "survivor": survivor, "absorbed": absorbed, "dry_run": True}}
        )
        return
    for line in side_by_side(a, b):
        say(line)
    say(
        f"Would merge {b.name} (#{absorbed}) into {a.name} (#{survivor}), who keeps the id; "
        "nothing changed (run it without --dry-run to merge)."
    )


def _merge_two(app: App, survivor: int, absorbed: int) -> None:
    refs = app.store.people.refs([survivor, absorbed])
    merge_id = service.merge_people(app.store, survivor, absorbed, app.now)
    if app.json:
        emit_json({"merge": {"id": merge_id, "survivor": survivor, "absorbed": absorbed}})
        return
    say(
        f"Merged {refs[absorbed].name} (#{absorbed}) into {refs[survivor].name} "
        f"(#{survivor}); `kith unmerge {merge_id}` takes it back."
    )


def _print_queue(app: App, pairs: list[service.Candidate]) -> None:
    if app.json:
        emit_json(
            {
                "candidates": [
                    {
                        "id": c.id,
                        "a": head_json(c.a),
                        "b": head_json(c.b),
                        "reason": c.reason,
                        "score": c.score,
                    }
                    for c in pairs
                ],
                "total": len(pairs),
            }
        )
        return
    if not pairs:
        say("Nothing to review.")
        return
    table(
        ["id", "one", "other", "why"],
        [
            [str(c.id), f"{c.a.name} (#{c.a.id})", f"{c.b.name} (#{c.b.id})", c.reason]
            for c in pairs
        ],
    )


def _review(app: App, pairs: list[service.Candidate]) -> None:
    if not pairs:
        say("Nothing to review.")
        return
    for number, pair in enumerate(pairs, 1):
        say(f"\n{number} of {len(pairs)}: {pair.reason}")
        for line in side_by_side(pair.a, pair.b):
            say(line)
        choice = click.prompt(
            "Keep [l]eft, keep [r]ight, [s]kip, [q]uit",
            type=click.Choice(["l", "r", "s", "q"]),
            show_choices=False,
        )
        if choice == "q":
            return
        if choice == "s":
            service.skip(app.store, pair.id)
            continue
        keep, absorb = (pair.a, pair.b) if choice == "l" else (pair.b, pair.a)
        _merge_two(app, keep.id, absorb.id)


def side_by_side(a: Person, b: Person, width: int = 38) -> list[str]:
    def facts(p: Person) -> list[tuple[str, str]]:
        return [
            ("name", f"{p.name} (#{p.id})"),
            ("e-mail", ", ".join(p.emails)),
            ("phone", ", ".join(p.phones)),
            ("company", p.company or ""),
            ("tags", ", ".join(p.tags)),
            ("met", p.how_met or ""),
            ("logged", f"{p.interaction_count} interactions"),
        ]

    return [
        f"  {label:<8}{_cell(left, width)}  {_cell(right, width).rstrip(' ')}"
        for (label, left), (_, right) in zip(facts(a), facts(b), strict=True)
    ]


def _cell(text: str, width: int) -> str:
    """`text` cut or padded to `width` terminal cells (an emoji or a CJK character takes two)."""
    if text.isascii():
        return f"{text[:width]:<{width}}"
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


@click.command()
@json_option
@pass_app
def merges(app: App) -> None:
    """List merges, newest first, for `kith unmerge ID`.

    \b
    Example:
      kith merges
    """
    found = app.store.merges.listed()
    if app.json:
        emit_json(
            {
                "merges": [
                    {
                        "id": m[0],
                        "survivor": m[1],
                        "absorbed": m[2],
                        "absorbed_name": m[3],
                        "merged_at": m[4],
                        "undone_at": m[5],
                    }
                    for m in found
                ],
                "total": len(found),
            }
        )
        return
    if not found:
        say("No merges yet.")
        return
    table(
        ["id", "kept", "absorbed", "when", "undone"],
        [[str(m[0]), f"#{m[1]}", f"{m[3]} (#{m[2]})", m[4][:10], (m[5] or "")[:10]] for m in found],
    )


@click.command()
@click.argument("merge_id", metavar="ID", type=ROW_ID)
@json_option
@pass_app
def unmerge(app: App, merge_id: int) -> None:
    """Take a merge back: the absorbed person returns with their id and UIDs.

    What they brought goes back with them; anything added to the merged person since stays.

    \b
    Example:
      kith unmerge 3
    """
    survivor, restored = service.unmerge(app.store, merge_id, app.now)
    refs = app.store.people.refs([survivor, restored])
    if app.json:
        emit_json({"unmerge": {"id": merge_id, "survivor": survivor, "restored": restored}})
        return
    say(f"Restored {refs[restored].name} (#{restored}) from {refs[survivor].name} (#{survivor}).")


COMMANDS = [merge, merges, unmerge]
