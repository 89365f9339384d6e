"""The MCP server: Kith's tools over stdio, built with the official SDK's MCPServer. Every
tool runs inside the session (one at a time, Kith's errors as tool errors) and its result
passes through `privacy.withhold` unless the user started `kith mcp --include-notes`."""

from __future__ import annotations

from functools import wraps
from typing import Any

from mcp.server.mcpserver import MCPServer

from kith import __version__
from kith.mcp import reading, writing
from kith.mcp.privacy import withhold
from kith.mcp.reading import Tool
from kith.mcp.session import Session

INSTRUCTIONS = """Kith is the user's personal relationship manager: the people they know,
what they did together, whom to reach out to this week. Find people with list_people
(criteria) or search_people (words); pass a person's "#ID" from a result to other tools to
avoid ambiguity. log_interaction, add_person and add_follow_up change the user's data: use
them only for what the user said. Drafts are for the user to edit and send; nothing is ever
sent. Unless the user started Kith with --include-notes, private text (notes, interaction
summaries) is null in every result."""


def build(session: Session) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        "kith", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING"
    )
    for tool in [*reading.tools(session), *writing.tools(session)]:
        server.add_tool(guarded(session, tool))
    return server


def guarded(session: Session, tool: Tool) -> Tool:
    @wraps(tool)
    def call(*args: Any, **kwargs: Any) -> dict[str, Any]:
        with session.call():
            shown = tool(*args, **kwargs)
        return shown if session.include_notes else withhold(shown)

    return call


def serve(session: Session) -> None:
    """Answer on stdin and stdout until the client closes them."""
    try:
        build(session).run("stdio")
    finally:
        session.close()
