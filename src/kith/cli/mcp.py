"""`kith mcp`: Kith's tools for an AI assistant, an MCP server on stdin and stdout (kith.mcp)."""

from __future__ import annotations

import os

import click

from kith.cli.app import App, data_dir
from kith.cli.options import pass_app


@click.command()
@click.option(
    "--include-notes",
    is_flag=True,
    help="Also show the assistant private notes and interaction summaries (off by default: "
    "the assistant may run in someone else's cloud).",
)
@pass_app
def mcp(app: App, include_notes: bool) -> None:
    """Serve Kith to an AI assistant (an MCP client) over stdin and stdout.

    The assistant can find and show people, log an interaction, add a person or a follow-up,
    read the week's plan and today, draft a message, suggest introductions and find a warm
    path. Writes go through the same checks as the commands. Private notes and interaction
    summaries are withheld unless --include-notes is given. The client starts this command
    itself: see docs/mcp.md for the configuration.

    \b
    Example:
      kith mcp
      kith --db ~/kith/kith.db mcp --include-notes
    """
    from kith.cli.week.drafts import TEMPLATES
    from kith.mcp.server import serve
    from kith.mcp.session import Session

    app.store  # noqa: B018 (opens the file now: a refused database is exit 5, not a tool error)
    path = app.db_path
    app.close()  # the server opens its own connection
    given_now = app.now_option or os.environ.get("KITH_NOW")
    serve(Session(path, given_now, data_dir() / TEMPLATES, include_notes))


COMMANDS = [mcp]
