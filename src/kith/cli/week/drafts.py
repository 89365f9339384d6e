"""`kith draft`: a short personal message to someone, from their card and your history."""

from __future__ import annotations

import shutil
import subprocess

import click

from kith.cli.app import App, data_dir, interactive
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.drafts.mailto import mailto
from kith.drafts.render import KINDS
from kith.errors import UsageError, UserError
from kith.services.ledger import give_first_warning
from kith.services.resolve import resolve_in_week
from kith.services.week import drafts as service
from kith.shapes.drafts import draft_json

TEMPLATES = "templates"  # the user's editable templates, in Kith's data folder
# The first of these found on PATH takes the draft on its stdin.
CLIPBOARDS = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)
CLIPBOARD_SECONDS = 5
DRAFT_CHANNELS = service.CHANNELS
UNSIGNED = 'The draft is unsigned: set your name with `kith config set me.name "Your Name"`.'


@click.command()
@click.argument("name", required=False)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="What the message is for (default: for someone in this week's plan, what the plan "
    "drafts; else a reply when they wrote last, a birthday wish in its week, or a check-in).",
)
@click.option(
    "--channel",
    type=click.Choice(DRAFT_CHANNELS),
    help="Where it goes, which sets its form and length (default: email, or message for "
    "someone reachable only by phone or chat; social, a LinkedIn "
    "note, for a claim; call, video, in_person: a message proposing one).",
)
@click.option(
    "--copy", is_flag=True, help="Also put the text (without its subject) on the clipboard."
)
@click.option("--mailto", "as_mailto", is_flag=True, help="Print a mailto: link instead.")
@click.option("--templates", is_flag=True, help="Show where the templates are, and their state.")
@json_option
@pass_app
def draft(
    app: App,
    name: str | None,
    kind: str | None,
    channel: str | None,
    copy: bool,
    as_mailto: bool,
    templates: bool,
) -> None:
    """Draft a short personal message to someone.

    It says only what may be said back to them: their first name, where you met and what stood
    out (`kith met --about`), what they are working on, the topic you gave your last exchange
    (`kith log --topic`), an event you will both attend, and for `share` the newest saved
    article that matches their interests. Never your summaries, notes or "how we met". `reply`
    answers their latest message; `birthday` wishes them a happy one (from a week before the day
    Kith knows to a week after). Without --kind, someone in this week's plan gets the draft the
    plan writes for them, anyone else a reply when they wrote last, a birthday wish in its week,
    else a check-in. Each kind
    has a template you can edit, copied on first use to templates/KIND.txt in Kith's data
    folder (`--templates` lists them). A text message stays within two SMS, a LinkedIn
    note or a claim note within claim.max_chars. Without --channel it is an e-mail to someone
    with an address, a message to someone you reach only by phone or chat (or with whom your
    latest exchange was a chat or a call), a LinkedIn note for a claim.

    \b
    Example:
      kith draft Ada
      kith draft Ada --kind checkin
      kith draft Ada --kind reply --channel message
      kith draft Ada --kind share --mailto
      kith draft "Grace Hopper" --kind claim --copy
      kith draft --templates
    """
    if templates:
        _show_templates(app)
        return
    if name is None:
        raise UsageError("Give a NAME to draft to (or --templates to list the templates).")
    person_id = resolve_in_week(app.store, name, app.now)
    asked = "email" if as_mailto else channel
    folder = data_dir() / TEMPLATES
    drafted = service.asked_for(app.store, person_id, kind, folder, app.now, asked)
    if kind == "ask":  # give first: never ask of someone you have not given to
        warning = give_first_warning(app.store, drafted.person.id, app.now)
        if warning:
            click.echo(warning, err=True)
    if not drafted.signed and interactive() and not app.json:  # a hint for a person only
        click.echo(UNSIGNED, err=True)
    link = _mailto(drafted) if as_mailto else None
    if copy:
        _copy(drafted.draft.body)
    if app.json:
        emit_json(draft_json(drafted, link))
        return
    if link is not None:
        say(link)
        return
    say(drafted.draft.text)


def _show_templates(app: App) -> None:
    states = service.templates(data_dir() / TEMPLATES)
    if app.json:
        shown = [
            {"kind": s.kind, "path": str(s.path), "state": s.state, "detail": s.detail}
            for s in states
        ]
        emit_json({"templates": shown, "total": len(shown)})
        return
    say(f"Draft templates in {data_dir() / TEMPLATES}:")
    for state in states:
        say(f"  {state.kind:<15} {state.state}: {state.detail}")


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
