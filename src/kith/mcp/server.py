"""The MCP server: Kith's tools over stdio, built with the official SDK's MCPServer. Every
tool runs inside the session (one at a time, Kith's errors as tool errors) and its result
passes through `privacy.withhold` unless the user started `kith mcp --include-notes`."""

from __future__ import annotations

import inspect
from functools import wraps
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, InputRequiredResult

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


class KithServer(MCPServer[Any]):
    """The SDK's server, refusing a call with an argument its tool does not take (the SDK
    would drop it in silence, and the assistant would believe it had been heeded)."""

    allowed: dict[str, list[str]]

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        refuse_unknown(name, arguments, self.allowed.get(name))
        return await super().call_tool(name, arguments, context)


def refuse_unknown(tool: str, arguments: dict[str, Any], allowed: list[str] | None) -> None:
    """A ToolError naming each argument `tool` does not take, and the ones it does."""
    unknown = [key for key in arguments if allowed is not None and key not in allowed]
    if not unknown:
        return
    named = ", ".join(repr(key) for key in unknown)
    takes = f"its arguments are {', '.join(allowed or [])}" if allowed else "it takes no argument"
    raise ToolError(
        f"{tool} has no argument {named}: {takes}. Nothing was done; call it again without it."
        if len(unknown) == 1
        else f"{tool} has no arguments {named}: {takes}. Nothing was done; call it again "
        "without them."
    )


def build(session: Session) -> MCPServer[Any]:
    server = KithServer("kith", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING")
    server.allowed = {}
    for tool in [*reading.tools(session), *writing.tools(session)]:
        server.add_tool(guarded(session, tool))
        server.allowed[tool.__name__] = list(inspect.signature(tool).parameters)
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
