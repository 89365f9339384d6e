"""The arguments tools share, each with the description an assistant reads in the schema; the
choices are the CLI's own (a test holds them equal)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

Name = Annotated[
    str,
    Field(
        description=(
            "Who: a display name, a unique first- or last-name prefix, an e-mail address or "
            'phone number, or "#ID" with the id from an earlier result. Examples: "Ada", '
            '"Ada Lovelace", "ada@example.org", "#12". An ambiguous name is an error that '
            "lists the candidates: call again with their #ID."
        )
    ),
]
Limit = Annotated[int, Field(ge=1, le=500, description="How many people to return at most.")]

LogChannel = Literal["email", "message", "social", "call", "video", "in_person", "event", "coffee"]
Direction = Literal["out", "in", "both"]
InteractionKind = Literal["checkin", "give", "ask", "thanks", "intro"]
DraftKind = Literal[
    "claim", "checkin", "share", "thanks", "reconnect", "ask", "reply", "birthday", "path_ask"
]
DraftChannel = Literal["email", "message", "social", "call", "video", "in_person"]
PathChannel = Literal["email", "message", "social"]
Owner = Literal["mine", "theirs"]
