"""`kith draft`: a short personal message to someone, from their card and your history."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import click

from kith.cli.app import App, data_dir
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, head_json, say
from kith.drafts.mailto import mailto
from kith.drafts.render import KINDS
from kith.errors import UserError
from kith.services import drafts as service
from kith.services.ledger import give_first_warning
from kith.services.resolve import resolve

TEMPLATES = "templates"  # the user's editable templates, in Kith's data folder
# The first of these found on PATH takes the draft on its stdin.
CLIPBOARDS = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)
CLIPBOARD_SECONDS = 5


@click.command()
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="checkin",
    show_default=True,
    help="What the message is for.",
)
@click.option("--copy", is_flag=True, help="Also put it on the clipboard.")
@click.option("--mailto", "as_mailto", is_flag=True, help="Print a mailto: link instead.")
@json_option
@pass_app
def draft(app: App, name: str, kind: str, copy: bool, as_mailto: bool) -> None:
    """Draft a short personal message to someone.

    From what Kith knows: their first name, how and where you met, what they are working on,
    the last thing you talked about, and for `share` the newest saved article that matches
    their interests and that they have not had. Each kind has a plain-text template you can
    edit, copied on first use to templates/KIND.txt in Kith's data folder. A claim note is
    kept within claim.max_chars.

    \b
    Example:
      kith draft Ada --kind checkin
      kith draft Ada --kind share --mailto
      kith draft "Grace Hopper" --kind claim --copy
    """
    drafted = service.draft(app.store, resolve(app.store, name), kind, data_dir() / TEMPLATES)
    if kind == "ask":  # give first: never ask of someone you have not given to
        warning = give_first_warning(app.store, drafted.person.id, app.now)
        if warning:
            click.echo(warning, err=True)
    link = _mailto(drafted) if as_mailto else None
    if copy:
        _copy(drafted.draft.body)
    if app.json:
        emit_json(draft_json(drafted, link))
        return
    say(link if link is not None else drafted.draft.body)


def draft_json(drafted: service.Drafted, link: str | None) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "person": head_json(drafted.person),
        "kind": drafted.kind,
        "subject": drafted.draft.subject,
        "draft": drafted.draft.body,
        "chars": drafted.draft.chars,
    }
    if link is not None:
        shown["mailto"] = link
    return shown


def _mailto(drafted: service.Drafted) -> str:
    if drafted.email is None:
        name = drafted.person.name
        raise UserError(
            f'{name} has no e-mail address; add one with `kith edit "{name}" --email ADDRESS`.'
        )
    return mailto(drafted.email, drafted.draft.subject, drafted.draft.body)


def _copy(text: str) -> None:
    """Hand the text to the first clipboard tool found; say on stderr what happened."""
    for command in CLIPBOARDS:
        program = shutil.which(command[0])
        if program is None:
            continue
        try:
            subprocess.run(
                [program, *command[1:]],
                input=text,
                text=True,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=CLIPBOARD_SECONDS,
            )
        except (OSError, subprocess.SubprocessError):
            continue  # e.g. xclip without a display: try the next one
        click.echo(f"Copied to the clipboard with {command[0]}.", err=True)
        return
    names = ", ".join(c[0] for c in CLIPBOARDS[:-1]) + f" or {CLIPBOARDS[-1][0]}"
    click.echo(f"No clipboard found (Kith uses {names}); the draft is only printed.", err=True)


COMMANDS = [draft]
