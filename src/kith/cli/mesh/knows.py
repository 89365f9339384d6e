"""The mesh's commands: who knows whom among your contacts."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.show_card import evidence_text
from kith.errors import UsageError
from kith.services.mesh import knows as service
from kith.services.resolve import resolve
from kith.shapes.people import head_json, known_json

SAID = {
    "knows": "{a} and {b} know each other.",
    "well": "{a} and {b} know each other well.",
    "not": "{a} and {b} do not know each other: nothing else will say they do.",
    "forget": "Forgot what you said about {a} and {b}; the other evidence stands.",
}


@click.command()
@click.argument("a")
@click.argument("b", required=False)
@click.option("--well", "level", flag_value="well", help="They know each other well.")
@click.option("--not", "level", flag_value="not", help="They do not know each other.")
@click.option("--forget", "level", flag_value="forget", help="Take back what you said.")
@json_option
@pass_app
def knows(app: App, a: str, b: str | None, level: str | None) -> None:
    """Say that two of your contacts know each other, or list whom A knows.

    With two names, records your word: they know each other (`--well`: well; `--not`: they
    do not, which overrides every other evidence; `--forget` takes it back). With one name,
    lists whom they know among your contacts, likeliest first, with the evidence (your word,
    relationships, introductions, referrals, shared meetings and mail threads, a meeting you
    logged with both or an event of yours both came to, the same organisation a year or more
    at once), then whom they may know, inferred from contacts in
    common and never shown as fact.

    \b
    Example:
      kith knows "Ada Lovelace" "Grace Hopper"
      kith knows Ada Grace --well
      kith knows Ada Charles --not
      kith knows Ada
    """
    if b is None:
        if level is not None:
            raise UsageError("--well, --not and --forget need two names: kith knows A B --well.")
        _list(app, resolve(app.store, a))
        return
    word = service.set_knows(
        app.store, resolve(app.store, a), resolve(app.store, b), level or "knows", app.now
    )
    if app.json:
        emit_json({"a": head_json(word.a), "b": head_json(word.b), "level": word.level})
        return
    say(SAID[word.level].format(a=word.a.name, b=word.b.name))


def _list(app: App, person_id: int) -> None:
    found = service.known_by(app.store, person_id, app.now.date())
    if app.json:
        emit_json({"knows": [known_json(k) for k in found], "total": len(found)})
        return
    facts = [k for k in found if not k.inferred]
    if not facts:
        say("No evidence that they know any of your contacts yet.")
    for k in facts:
        say(f"{k.person.name} (#{k.person.id}): {evidence_text(k)} · {k.chance:.2f}")
    for k in (k for k in found if k.inferred):
        say(f"may know {k.person.name} (#{k.person.id}): inferred, {k.shared} contacts in common")


COMMANDS = [knows]
