"""`kith path`: the warm ways to someone through people you know, and the ask to the first."""

from __future__ import annotations

import click

from kith.cli.app import App, data_dir
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.week.drafts import TEMPLATES
from kith.errors import UsageError
from kith.relate.paths import WEAK
from kith.services.mesh import paths as service
from kith.services.resolve import resolve
from kith.services.week import drafts
from kith.shapes.paths import link_text, paths_json

CHANNELS = ("email", "message", "social")


@click.command()
@click.argument("name", required=False)
@click.option("--company", help="Anyone at this organisation now, instead of NAME.")
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    help="Where the ask goes: its form and length (default: as `kith draft` writes to them, "
    "a text message to someone Kith has a number for and no address, else e-mail).",
)
@json_option
@pass_app
def path(app: App, name: str | None, company: str | None, channel: str | None) -> None:
    """Find the warm ways to someone through people you know.

    NAME is a contact, or someone you want to meet whom only your contacts know (`kith
    refer`, `kith relate`, `kith knows`); `--company` finds anyone at an organisation. Shows
    the best three paths of at most three hops, each through a different first person where
    it can: its score P (the product of each link's strength, less for each extra hop), its
    weakest link and when that link last showed, with a warning under 0.2. Then drafts the
    ask to the first person of the best path through someone: it names whom you hope to meet
    and never quotes your notes.

    \b
    Example:
      kith path "Hedy Lamarr"
      kith path --company "Analytical Engines"
      kith path Hedy --json
    """
    if (name is None) == (company is None):
        raise UsageError("Give a NAME or --company ORGANISATION (one of them).")
    if company is not None:
        found = service.to_organisation(app.store, company, app.now, app.tz)
    else:
        found = service.to_person(app.store, resolve(app.store, name or ""), app.now, app.tz)
    asked = service.first_ask(app.store, found, data_dir() / TEMPLATES, app.now, channel)
    if app.json:
        emit_json(paths_json(found, asked))
        return
    _print(found, asked)


def _print(found: service.Paths, asked: drafts.Drafted | None) -> None:
    say(f"Warm paths to {_whom(found)}:")
    if not found.paths:
        say(
            "  None of three hops or fewer yet: `kith knows A B`, `kith refer A B` or `kith "
            "relate` record who knows whom."
        )
    for number, warm in enumerate(found.paths, start=1):
        for line in path_lines(number, warm):
            say(line)
    known = [t for t in found.targets if service.in_touch(t)]
    if asked is None and found.organisation is None and known:
        say()
        say(
            f"You have been in touch with {known[0].name} yourself: write to them directly "
            f'(`kith draft "{known[0].name}"`) rather than ask for an introduction.'
        )
    if asked is not None:
        say()
        say(f"Ask {asked.person.name} first ({asked.channel}):")
        if asked.draft.subject:
            say(f"Subject: {asked.draft.subject}")
        say(asked.draft.body)


def _whom(found: service.Paths) -> str:
    if found.organisation is not None:
        count = len(found.targets)
        return f"anyone at {found.organisation} ({count} {'person' if count == 1 else 'people'})"
    target = found.targets[0]
    return f"{target.name} (#{target.id}){', a prospect' if target.kind == 'prospect' else ''}"


def path_lines(number: int, warm: service.WarmPath) -> list[str]:
    """A path in words: who, P, the weakest link and when it last showed, and a warning."""
    people = " → ".join(["you", *(link.target.name for link in warm.links)])
    weakest = warm.links[warm.weakest]
    lines = [
        f"{number}. {people}",
        f"   P {warm.value:.2f} · weakest link {warm.bottleneck:.2f}: {link_text(weakest)}",
    ]
    if warm.weak:
        lines.append(f"   Weak: a link under {WEAK} may not carry an ask; warm it up first.")
    return lines


COMMANDS = [path]
