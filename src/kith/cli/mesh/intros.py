"""Introductions: `kith intros` suggests pairs of contacts to introduce, `kith intro A B` runs
the double opt-in and drafts each message."""

from __future__ import annotations

import re

import click

from kith.cli.app import App, data_dir
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.week.drafts import TEMPLATES
from kith.errors import UsageError
from kith.services.mesh import introduce as service
from kith.services.mesh import intros as suggesting
from kith.services.resolve import resolve
from kith.services.week.drafts import Drafted
from kith.shapes.intros import step_json, suggestion_json

FLAGS = ("agreed", "declined", "introduced", "followed_up")
FLAG = re.compile(r"(?<![`\w])--[a-z-]+(?: TEXT)?")  # a bare flag in a step's "next"
DONE = {
    "asked_a": "Asked {a} whether they would like to meet {b}.",
    "agreed_a": "{a} agreed to meet {b}. Now ask {b}:",
    "asked_b": "Asked {b} whether they would like to meet {a}.",
    "agreed_b": "{a} and {b} both agreed. Introduce them:",
    "introduced": "Introduced {a} and {b}: a give to both. Follow up in a week or two:",
    "followed_up": "Followed up with {a} and {b}.",
    "outcome": "Recorded what came of introducing {a} and {b}.",
    "declined": "{who} declined; the introduction of {a} and {b} is closed.",
}
LET_GO = "You let the introduction of {a} and {b} go: it is closed, and never nudged again."
KNOWN = (
    "You told Kith that {a} and {b} know each other (`kith knows`), and this ask offers to "
    "introduce them all the same: send it if they have only met in passing; else "
    "`{command} --let-go` closes it."
)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--agreed", "action", flag_value="agreed", help="The side you asked said yes.")
@click.option("--declined", "action", flag_value="declined", help="The side you asked said no.")
@click.option(
    "--let-go", "action", flag_value="let_go", help="You stop waiting: closed, never nudged."
)
@click.option("--introduced", "action", flag_value="introduced", help="You sent the introduction.")
@click.option("--followed-up", "action", flag_value="followed_up", help="You followed up.")
@click.option("--outcome", metavar="TEXT", help="What came of it (closes the introduction).")
@click.option("--why", metavar="TEXT", help="Why you introduce them: for you, never drafted.")
@json_option
@pass_app
def intro(
    app: App, a: str, b: str, action: str | None, outcome: str | None, why: str | None
) -> None:
    """Introduce A and B with double opt-in, one step at a time, drafting each message.

    `kith intro A B` asks A first (and, once A agreed, asks B); --agreed and --declined
    record the answer of the side you asked; --let-go closes it when you stop waiting for one
    (never nudged again); --introduced when you have put them in touch;
    --followed-up, then --outcome TEXT to close it. Each step prints the message it calls
    for. No message quotes a need, an offer or your reason: B hears nothing of A until A
    has agreed, and then only what you write in the brackets.

    \b
    Example:
      kith intro "Ada Lovelace" "Grace Hopper"
      kith intro Ada Grace --agreed
      kith intro Ada Grace
      kith intro Ada Grace --agreed
      kith intro Ada Grace --introduced
      kith intro Ada Grace --outcome "Grace joined Ada's team"
    """
    if outcome is not None and action is not None:
        raise UsageError("Give either --outcome or one of --agreed, --declined, ... at a time.")
    done = service.step(
        app.store,
        resolve(app.store, a),
        resolve(app.store, b),
        "outcome" if outcome is not None else action or "ask",
        app.now,
        data_dir() / TEMPLATES,
        why=why,
        outcome=outcome,
    )
    if app.json:
        emit_json(step_json(done))
        return
    say(_said(done))
    if done.known:
        known = KNOWN.format(a=done.a.name, b=done.b.name, command=service.command(done.a, done.b))
        click.echo(known, err=True)
    for drafted in done.drafts:
        say("")
        say(_message(drafted, done))
    say("")
    say(f"Next: {runnable(done)}.")


def runnable(done: service.Step) -> str:
    """The next step with its commands whole: "when Ada answers, `kith intro "Ada Lovelace"
    "Grace Hopper" --agreed` or `… --declined`", not "--agreed or --declined"."""
    command = service.command(done.a, done.b)
    text = done.next.replace("`kith intro A B`", f"`{command}`")
    return FLAG.sub(lambda flag: f"`{command} {flag.group(0)}`", text)


def _said(done: service.Step) -> str:
    names = {"a": done.a.name, "b": done.b.name}
    if not done.changed:
        return f"Still waiting: {done.standing}. The message again:"
    if done.let_go:
        return LET_GO.format(**names)
    who = names.get(done.intro.declined_by or "", "")
    return DONE[done.intro.state].format(who=who, **names)


def _message(drafted: Drafted, done: service.Step) -> str:
    to = drafted.person.name
    if drafted.kind == "introduce":
        to = f"{done.a.name} and {done.b.name}"
    subject = f"Subject: {drafted.draft.subject}\n" if drafted.draft.subject else ""
    return f"To {to}:\n{subject}{drafted.draft.body}"


@click.command()
@json_option
@pass_app
def intros(app: App) -> None:
    """Suggest introductions: pairs of your contacts who would both gain.

    Needs met by offers both ways (or needs that answer each other, such as hiring and
    looking for a role), between people you are close enough to ask, who do not know each
    other yet and were not asked or introduced in the last 12 months; one sentence says why.
    At most three a week (fewer once you begin some with `kith intro`), and at most one on
    structure alone ("might enjoy meeting"). The first named is asked first.

    \b
    Example:
      kith intros
      kith intros --json
    """
    found = suggesting.suggest(app.store, app.now, app.tz)
    if app.json:
        emit_json({"intros": [suggestion_json(s) for s in found.found], "total": len(found.found)})
        return
    if not found.found:
        say(_none(found, suggesting.needs_or_offers_recorded(app.store)))
        return
    for s in found.found:
        say(f"{s.a.name} and {s.b.name} ({s.scored.score:.2f}): {s.reason}")
    first = found.found[0]
    say("")
    begin = f'kith intro "{first.a.name}" "{first.b.name}"'
    say(f"Begin one with `{begin}`: it asks {first.a.name} first.")


def _none(found: suggesting.Suggestions, recorded: bool) -> str:
    if found.room == 0:
        return f"You began {found.begun} introductions this week: enough for now."
    if recorded:
        return (
            "No introduction to suggest: no need meets an offer between two people close "
            "enough to ask who do not know each other and were not asked or introduced in the "
            "last 12 months. To introduce two people yourself: `kith intro A B`."
        )
    return (
        "No introduction to suggest: record what people need and offer "
        "(`kith need NAME TEXT`, `kith offer NAME TEXT`)."
    )


COMMANDS = [intro, intros]
