"""Rendering a draft from a template and what Kith knows: pure, no store, no files.

A template is plain text. Lines starting with `#` are comments. A first line `Subject: ...` is
the e-mail subject. Each other line is one sentence: a line with a `$placeholder` that is empty
for this person is dropped, so a draft never says "we met at .", and `A || B` says B when A
cannot be said. Lines of one paragraph are joined with a space; a blank line starts a new
paragraph. A line that is only `$my_name` is the signature.

The `Form` says what the channel wants: a subject or not, how paragraphs are set apart, and a
length that the draft is shortened to deliberately (optional sentences go first).
"""

from __future__ import annotations

import string
from dataclasses import asdict, dataclass

from kith.errors import UserError

KINDS = (
    "claim",
    "checkin",
    "share",
    "thanks",
    "reconnect",
    "ask",
    "reply",
    "birthday",
    "path_ask",
)
ELLIPSIS = "…"
SUBJECT = "subject:"
OR = " || "
SIGNATURE = "$my_name"
# Placeholders of templates from before version 2, read as the safe field that replaced them:
# `$last_topic` was an interaction's summary (private) and `$how_met` the "how we met" text.
ALIASES = {"last_topic": "topic", "how_met": "met_about"}


@dataclass(frozen=True)
class DraftContext:
    """What a draft may say to a person; an empty string means "not known" (or not to be
    said). Nothing here is ever a summary, a note or "how we met": only what may be said back."""

    first_name: str
    met_at: str = ""  # the event where you met, else the place
    met_remark: str = ""  # `kith met --about`, as a whole sentence to them
    met_about: str = ""  # the same, when it is a noun phrase ("your talk on CRDTs")
    working_on: str = ""  # the newest "working on"
    topic: str = ""  # the newest topic given with --topic (for a reply: of their message)
    request: str = ""  # for a reply to an ask: "it" (the topic named before) or "your question"
    interest: str = ""  # their first interest
    upcoming_event: str = ""  # an event you will both be at soon
    invite: str = ""  # "a call", "a coffee" when the plan suggests one
    article_title: str = ""
    article_url: str = ""
    article_topic: str = ""  # the topic that matched them
    my_name: str = ""  # the `me.name` setting
    target: str = ""  # for a warm path's ask: whom you hope to meet (their name)
    via: str = ""  # whom they would introduce you to on the way, when not the target

    def values(self) -> dict[str, str]:
        """Each value on one line, without a trailing comma or colon that would stand before
        the template's own punctuation ("engine,." ); a URL as it is."""
        found = {
            key: " ".join(value.split()).rstrip(",;: ") if key != "article_url" else value.strip()
            for key, value in asdict(self).items()
        }
        return found | {old: found[new] for old, new in ALIASES.items()}


PLACEHOLDERS = (*DraftContext.__dataclass_fields__, *ALIASES)


@dataclass(frozen=True)
class Form:
    """What a channel wants of a message."""

    subject: bool = True  # e-mail has one; a text message or a LinkedIn note does not
    separator: str = "\n\n"  # between paragraphs
    max_chars: int | None = None


@dataclass(frozen=True)
class Line:
    """One sentence of a template, rendered; `optional` lines may go to make a note fit."""

    text: str
    optional: bool


@dataclass(frozen=True)
class Draft:
    subject: str | None
    body: str
    signed: bool = True  # False when the template signs and `me.name` is not set

    @property
    def chars(self) -> int:
        return len(self.body)


def render(template: str, context: DraftContext, name: str, form: Form | None = None) -> Draft:
    """The draft for `context` in `form`; shortened deliberately to the form's limit."""
    form = form or Form()
    lines = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    subject = None
    if lines and lines[0].lower().startswith(SUBJECT):
        rendered = _line(lines.pop(0)[len(SUBJECT) :].strip(), context, name)
        subject = rendered.text if rendered and form.subject else None
    paragraphs = _paragraphs(lines, context, name)
    body = _joined(paragraphs, form.separator)
    if form.max_chars is not None and len(body) > form.max_chars:
        body = _shortened(paragraphs, form)
    unsigned = not context.my_name.strip() and any(line.strip() == SIGNATURE for line in lines)
    return Draft(subject, body, signed=not unsigned)


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
    """The first alternative of the line whose placeholders are all known, or None. A line is
    optional (may go to make a draft fit) when every alternative needs a placeholder, except
    the signature."""
    alternatives = [part.strip() for part in raw.split(OR)]
    rendered = [_alternative(part, context, name) for part in alternatives]
    chosen = next((text for text in rendered if text is not None), None)
    if chosen is None:
        return None
    needs = all(string.Template(part).get_identifiers() for part in alternatives)
    return Line(chosen, optional=needs and raw.strip() != SIGNATURE)


def _alternative(raw: str, context: DraftContext, name: str) -> str | None:
    """One alternative with its placeholders filled, or None when one of them is empty."""
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
    return template.substitute(values)


def _joined(paragraphs: list[list[Line]], separator: str) -> str:
    return separator.join(" ".join(line.text for line in p) for p in paragraphs if p)


def _shortened(paragraphs: list[list[Line]], form: Form) -> str:
    """Drop optional sentences from the last one up; then cut at a word boundary with '…',
    keeping the signature."""
    assert form.max_chars is not None
    kept = [list(p) for p in paragraphs]
    for p_index in reversed(range(len(kept))):
        for l_index in reversed(range(len(kept[p_index]))):
            if kept[p_index][l_index].optional:
                del kept[p_index][l_index]
                body = _joined(kept, form.separator)
                if len(body) <= form.max_chars:
                    return body
    return _cut([p for p in kept if p], form)


def _cut(paragraphs: list[list[Line]], form: Form) -> str:
    """The text cut to fit, the signature (when there is one, and room for it) kept whole."""
    assert form.max_chars is not None
    last = paragraphs[-1] if len(paragraphs) > 1 else []
    signed = len(last) == 1 and not last[0].optional and len(last[0].text) < form.max_chars // 4
    if not signed:
        return truncated(_joined(paragraphs, form.separator), form.max_chars)
    signature = form.separator + last[0].text
    body = truncated(_joined(paragraphs[:-1], form.separator), form.max_chars - len(signature))
    return body + signature


def truncated(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut after a whole word and ended with '…'."""
    if len(text) <= max_chars:
        return text
    window = text[: max_chars - len(ELLIPSIS)]
    at_boundary = text[len(window)].isspace()
    if not at_boundary and any(c.isspace() for c in window):
        window = window[: max(i for i, c in enumerate(window) if c.isspace())]
    return window.rstrip(" \n,;:.-—") + ELLIPSIS
