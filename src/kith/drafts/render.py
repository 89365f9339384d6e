"""Rendering a draft from a template and what Kith knows: pure, no store, no files.

A template is plain text. Lines starting with `#` are comments. A first line `Subject: ...` is
the e-mail subject. Each other line is one sentence: a line with a `$placeholder` that is empty
for this person is dropped, so a draft never says "we met at .". Lines of one paragraph are joined
with a space; a blank line starts a new paragraph.
"""

from __future__ import annotations

import string
from dataclasses import asdict, dataclass

from kith.errors import UserError

KINDS = ("claim", "checkin", "share", "thanks", "reconnect", "ask")
ELLIPSIS = "…"
SUBJECT = "subject:"


@dataclass(frozen=True)
class DraftContext:
    """What a draft may say about a person; an empty string means "not known"."""

    first_name: str
    met_at: str = ""  # the event where you met, else the place
    how_met: str = ""  # in your words, unless it only repeats met_at
    working_on: str = ""  # the newest "working on"
    last_topic: str = ""  # the newest interaction's summary
    interest: str = ""  # their first interest
    article_title: str = ""
    article_url: str = ""
    article_topic: str = ""  # the topic that matched them
    my_name: str = ""  # the `me.name` setting

    def values(self) -> dict[str, str]:
        return {key: " ".join(value.split()) for key, value in asdict(self).items()}


PLACEHOLDERS = tuple(DraftContext.__dataclass_fields__)


@dataclass(frozen=True)
class Line:
    """One sentence of a template, rendered; `optional` lines may go to make a note fit."""

    text: str
    optional: bool


@dataclass(frozen=True)
class Draft:
    subject: str | None
    body: str

    @property
    def chars(self) -> int:
        return len(self.body)


def render(template: str, context: DraftContext, name: str, max_chars: int | None = None) -> Draft:
    """The draft for `context`; with `max_chars`, shortened deliberately until it fits."""
    lines = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    subject = None
    if lines and lines[0].lower().startswith(SUBJECT):
        rendered = _line(lines.pop(0)[len(SUBJECT) :].strip(), context, name)
        subject = rendered.text if rendered else None
    paragraphs = _paragraphs(lines, context, name)
    body = _joined(paragraphs)
    if max_chars is not None and len(body) > max_chars:
        body = _shortened(paragraphs, max_chars)
    return Draft(subject, body)


def _paragraphs(lines: list[str], context: DraftContext, name: str) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    for raw in lines:
        if not raw.strip():
            paragraphs.append([])
            continue
        rendered = _line(raw.strip(), context, name)
        if rendered is not None:
            paragraphs[-1].append(rendered)
    kept = [p for p in paragraphs if p]
    if kept and kept[0]:  # the opening line (the greeting) never goes
        kept[0][0] = Line(kept[0][0].text, optional=False)
    return kept


def _line(raw: str, context: DraftContext, name: str) -> Line | None:
    """The line with its placeholders filled, or None when one of them is empty."""
    template = string.Template(raw)
    if not template.is_valid():
        raise UserError(
            f"The {name} template has a stray $ in {raw!r}; write $$ for a dollar sign."
        )
    used = template.get_identifiers()
    unknown = [key for key in used if key not in PLACEHOLDERS]
    if unknown:
        raise UserError(
            f"The {name} template uses ${unknown[0]}, which Kith does not know; "
            f"it knows ${', $'.join(PLACEHOLDERS)}."
        )
    values = context.values()
    if any(not values[key] for key in used):
        return None
    return Line(template.substitute(values), optional=bool(used))


def _joined(paragraphs: list[list[Line]]) -> str:
    return "\n\n".join(" ".join(line.text for line in p) for p in paragraphs if p)


def _shortened(paragraphs: list[list[Line]], max_chars: int) -> str:
    """Drop optional sentences from the last one up; then cut at a word boundary with '…'."""
    kept = [list(p) for p in paragraphs]
    for p_index in reversed(range(len(kept))):
        for l_index in reversed(range(len(kept[p_index]))):
            if kept[p_index][l_index].optional:
                del kept[p_index][l_index]
                body = _joined(kept)
                if len(body) <= max_chars:
                    return body
    return truncated(_joined(kept), max_chars)


def truncated(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut after a whole word and ended with '…'."""
    if len(text) <= max_chars:
        return text
    window = text[: max_chars - len(ELLIPSIS)]
    at_boundary = text[len(window)].isspace()
    if not at_boundary and any(c.isspace() for c in window):
        window = window[: max(i for i, c in enumerate(window) if c.isspace())]
    return window.rstrip(" \n,;:.-—") + ELLIPSIS
