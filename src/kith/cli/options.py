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


class ChannelType(click.ParamType):
    """A channel as stored (call, message, …) or a word people type for one (phone, text,
    whatsapp, coffee): read as the stored channel; an unknown one lists them all."""

    name = "channel"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        from kith.vocab import CHANNELS

        return f"[{'|'.join(CHANNELS)}|phone|text|…]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from kith.errors import UserError
        from kith.vocab import channel

        try:
            return channel(str(value))
        except UserError as error:
            self.fail(str(error), param, ctx)


CHANNEL = ChannelType()
COUNT = click.IntRange(1, 1_000_000)


def yes_option(func: F) -> F:
    return click.option("--yes", "-y", is_flag=True, help="Confirm without asking.")(func)


def limit_option(func: F) -> F:
    return click.option("--limit", type=COUNT, metavar="N", help="Show at most N.")(func)


pass_app = click.make_pass_decorator(App)
