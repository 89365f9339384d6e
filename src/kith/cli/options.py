"""Options many commands share, each written once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kith.cli.app import App

F = TypeVar("F", bound=Callable[..., Any])


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(App).json = True


def json_option(func: F) -> F:
    """`--json` after the command name, the same as before it."""
    option = click.option(
        "--json",
        "as_json",
        is_flag=True,
        expose_value=False,
        callback=_set_json,
        help="Print one JSON object.",
    )
    return option(func)


# The largest id or count SQLite holds: click refuses a bigger one with a usage error, where
# SQLite would raise OverflowError.
SQLITE_MAX = 2**63 - 1
ROW_ID = click.IntRange(1, SQLITE_MAX)


# `--channel` as stored (call, message, …) or in the words people type (phone, text, whatsapp)
CHANNEL_METAVAR = "[email|message|social|call|video|in_person|event|phone|text|…]"


def read_channel(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The stored channel for `--channel`'s value; an unknown one lists the channels and the
    words for them."""
    from kith.errors import UserError
    from kith.vocab import channel

    if value is None:
        return None
    try:
        return channel(value)
    except UserError as error:
        raise click.BadParameter(str(error), param=param) from None


COUNT = click.IntRange(1, 1_000_000)


def yes_option(func: F) -> F:
    return click.option("--yes", "-y", is_flag=True, help="Confirm without asking.")(func)


def limit_option(func: F) -> F:
    return click.option("--limit", type=COUNT, metavar="N", help="Show at most N.")(func)


pass_app = click.make_pass_decorator(App)
