"""Commands about one tie: rate (your closeness rating) and why (its strength, part by part,
printed by kith.cli.week.why_text)."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.cli.week.why_text import print_why
from kith.errors import UsageError
from kith.services.resolve import resolve_in_week
from kith.services.ties import why as service
from kith.shapes.people import head_json


@click.command()
@click.argument("name")
@click.argument("rating", type=click.IntRange(1, 5), required=False, metavar="[1..5]")
@click.option("--clear", is_flag=True, help="Remove the rating: S comes from your history alone.")
@json_option
@pass_app
def rate(app: App, name: str, rating: int | None, clear: bool) -> None:
    """Rate how close you are to someone, from 1 to 5.

    1 is distant, 5 closest. Your own rating weighs most: S = 0.6·(rating − 1)/4 +
    0.4·S_behav. With no rating, print it; --clear removes it.

    \b
    Example:
      kith rate "Ada Lovelace" 4
      kith rate Ada --clear
    """
    if clear and rating is not None:
        raise UsageError("Give a rating or --clear, not both.")
    person_id = resolve_in_week(app.store, name, app.now)
    if clear or rating is not None:
        rated = service.rate(app.store, person_id, rating, app.now)
    else:
        rated = service.rating_of(app.store, person_id)
    if app.json:
        emit_json({"person": head_json(rated.person), "rating": rated.rating})
        return
    say(_rating_sentence(rated, changed=clear or rating is not None))


def _rating_sentence(rated: service.Rating, changed: bool) -> str:
    name, was = rated.person.name, _out_of_five(rated.previous)
    if not changed:
        if rated.rating is None:
            return f"{name} is not rated; `kith rate NAME 1..5` rates them."
        return f"{name}: closeness {_out_of_five(rated.rating)}."
    if rated.rating is None:
        return f"Cleared {name}'s closeness rating (was {was})."
    return f"Rated {name} {_out_of_five(rated.rating)} for closeness (was {was})."


def _out_of_five(rating: int | None) -> str:
    return "not rated" if rating is None else f"{rating}/5"


@click.command()
@click.argument("name")
@json_option
@pass_app
def why(app: App, name: str) -> None:
    """Explain a tie's strength, warmth, layer and due date.

    Each part of S with its value, weight and meaning, from this person's own interactions;
    then the layer (from S alone, without the network's caps), cadence, due date and ρ.

    \b
    Example:
      kith why "Ada Lovelace"
      kith why Ada --json
    """
    print_why(app, name)


COMMANDS = [rate, why]
