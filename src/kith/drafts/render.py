"""Rendering a draft from a template and what Kith knows: pure, no store, no files.

A template is plain text. Lines starting with `#` are comments. A first line `Subject: ...` is
the e-mail subject. Each other line is one sentence: a line with a `$placeholder` that is empty
for this person is dropped, so a draft never says "we met at .", and `A || B` says B when A
cannot be said. Lines of one paragraph are joined with a space; a blank line starts a new
paragraph. A line that is only `$my_name` is the signature.

The `Form` says what the channel wants: a subject or not, how paragraphs are set apart, and a
length the draft is fitted to deliberately: optional sentences go from the last one up, then
a line gives way to its shorter alternative, then the telling sentences go (a proposal to meet,
an event ahead, what stood out, a reply's answer), and any that fit again come back; only then
is the text cut after a whole word, the signature kept.
"""

from __future__ import annotations

import string
from dataclasses import asdict, dataclass, replace

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
# An introduction's messages (`kith intro`): the ask to the first side, the ask to the second,
# the introduction to both, the follow-up to each. Not drafted alone by `kith draft`.
INTRO_KINDS = ("intro_ask_a", "intro_ask_b", "introduce", "intro_follow_up")
ELLIPSIS = "…"
SUBJECT = "subject:"
OR = " || "
SIGNATURE = "$my_name"
# Placeholders of templates from before version 2, read as the safe field that replaced them:
# `$last_topic` was an interaction's summary (private) and `$how_met` the "how we met" text.
ALIASES = {"last_topic": "topic", "how_met": "met_about"}
# Sentences with these are what the message is for: they go last when a draft must shorten.
TELLING = frozenset(
    {"invite", "upcoming_event", "request", "met_remark", "article_title", "article_url"}
    | {"apology", "birthday_wish"}
)
# Values keep their own words but not a closing mark the template's punctuation would double
# ("engine,." "done?.") — except a title, a link and the values that are whole sentences.
KEEP_AS_IS = frozenset(
    {"article_title", "article_url", "met_remark", "apology", "birthday_wish", "their_subject"}
)
CLOSING = ",;:.!? "


@dataclass(frozen=True)
class DraftContext:
    """What a draft may say to a person; an empty string means "not known" (or not to be
    said). Nothing here is ever a summary, a note or "how we met": only what may be said back."""

    first_name: str
    met_at: str = ""  # the event where you met
    met_where: str = ""  # where you met, with its preposition: "in Bristol", "at the Foundry"
    met_remark: str = ""  # `kith met --about`, as a whole sentence to them
    met_about: str = ""  # the same, when it is a noun phrase ("your talk on CRDTs")
    their_work: str = ""  # "your work on the Postgres migration", or "your thesis on X"
    working_on: str = ""  # the newest "working on", in the second person
    topic: str = ""  # the newest topic given with --topic (for a reply: of their message)
    request: str = ""  # for a reply to an ask: "it" (the topic named before) or "your question"
    apology: str = ""  # for a reply to a message a week old or more
    received: str = ""  # for a reply: what they last did, "your e-mail", "meeting up" ...
    their_subject: str = ""  # for a reply to an imported e-mail: its subject, as they wrote it
    interest: str = ""  # their first interest
    upcoming_event: str = ""  # an event you will both be at soon
    invite: str = ""  # "a call", "a coffee" when the plan suggests one
    birthday_wish: str = ""  # "Happy birthday!", "Happy birthday for Friday!"
    # in a check-in when your latest exchange was today: "talk" (a call), "see you" (in
    # person, at an event) or "be in touch" (written), for "Good to … today."
    in_touch_today: str = ""
    # the same with its day, and after a call or a meeting yesterday: "talk today", "see you
    # yesterday", for "Good to …."
    in_touch: str = ""
    article_title: str = ""
    article_url: str = ""
    article_topic: str = ""  # the topic that matched them (a tag, as saved: "community garden")
    # why the article suits them, one or the other: the interest it matched, as recorded for
    # them ("community gardens"), or their work it touches ("your work on a community garden")
    article_interest: str = ""
    article_work: str = ""
    other_name: str = ""  # in an introduction's messages: the other side's display name
    other_first_name: str = ""  # ... and their first name
    # in an introduction's ask: who could help whom, never with what: "you two could help each
    # other", "Priya could help you", "you could help Tom"; empty when neither has a need met
    favour: str = ""
    my_name: str = ""  # the `me.name` setting
    target: str = ""  # for a warm path's ask: whom you hope to meet (their name)
    via: str = ""  # whom they would introduce you to on the way, when not the target

    def values(self) -> dict[str, str]:
        """Each value on one line, without a closing mark before the template's own."""
        found = {
            key: " ".join(value.split()) if key in KEEP_AS_IS else _closed(value)
            for key, value in asdict(self).items()
        }
        return found | {old: found[new] for old, new in ALIASES.items()}


def _closed(value: str) -> str:
    text = " ".join(value.split())
    stripped = text.rstrip(CLOSING)
    return stripped if any(c.isalnum() for c in stripped) else ""


PLACEHOLDERS = tuple(DraftContext.__dataclass_fields__)
KNOWN = (*PLACEHOLDERS, *ALIASES)


@dataclass(frozen=True)
class Form:
    """What a channel wants of a message."""

    subject: bool = True  # e-mail has one; a text message or a LinkedIn note does not
    separator: str = "\n\n"  # between paragraphs
    max_chars: int | None = None


@dataclass(frozen=True)
class Line:
    """One sentence of a template, rendered. `optional` lines may go to make a draft fit,
    `telling` ones last; `shorter` holds the line's later alternatives that could be said."""

    text: str
    optional: bool
    telling: bool = False
    shorter: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    subject: str | None
    body: str
    signed: bool = True  # False when the template signs and `me.name` is not set

    @property
    def chars(self) -> int:
        return len(self.body)

    @property
    def text(self) -> str:
        """As `kith draft` prints it: an e-mail's subject line, a blank line, then the body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


def render(template: str, context: DraftContext, name: str, form: Form | None = None) -> Draft:
    """The draft for `context` in `form`, fitted to the form's limit. `name` says which
    template it is in an error ("the checkin template (~/…/checkin.txt)")."""
    form = form or Form()
    lines = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    _check(lines, name)
    subject = None
    if lines and lines[0].lower().startswith(SUBJECT):
        rendered = _line(lines.pop(0)[len(SUBJECT) :].strip(), context)
        subject = rendered.text if rendered and form.subject else None
    paragraphs = _paragraphs(lines, context)
    if not paragraphs:
        raise UserError(f"The {name} says nothing; write at least a greeting, or delete it.")
    body = _joined(paragraphs, form.separator)
    if form.max_chars is not None and len(body) > form.max_chars:
        body = _fitted(paragraphs, form)
    unsigned = not context.my_name.strip() and any(line.strip() == SIGNATURE for line in lines)
    return Draft(subject, body, signed=not unsigned)


def _check(lines: list[str], name: str) -> None:
    """Every line's placeholders are known and its $ signs are placeholders or $$."""
    unknown: list[str] = []
    for raw in lines:
        for part in raw.split(OR):
            template = string.Template(part.strip())
            if not template.is_valid():
                raise UserError(
                    f"The {name} has a stray $ in {part.strip()!r}; write $$ for a dollar sign."
                )
            unknown += [k for k in template.get_identifiers() if k not in KNOWN]
    if unknown:
        listed = ", ".join(f"${k}" for k in dict.fromkeys(unknown))
        raise UserError(
            f"The {name} uses {listed}, which Kith does not know; it knows "
            f"${', $'.join(PLACEHOLDERS)}."
        )


def _paragraphs(lines: list[str], context: DraftContext) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    for raw in lines:
        if not raw.strip():
            paragraphs.append([])
            continue
        rendered = _line(raw.strip(), context)
        if rendered is not None:
            paragraphs[-1].append(rendered)
    kept = [p for p in paragraphs if p]
    if kept:  # the opening line (the greeting) never goes
        kept[0][0] = replace(kept[0][0], optional=False)
    return kept


def _line(raw: str, context: DraftContext) -> Line | None:
    """The first alternative of the line whose placeholders are all known, or None. A line is
    optional (may go to make a draft fit) when every alternative needs a placeholder, except
    the signature."""
    alternatives = [part.strip() for part in raw.split(OR)]
    rendered = [_alternative(part, context) for part in alternatives]
    said = [text for text in rendered if text is not None]
    if not said:
        return None
    used = [string.Template(part).get_identifiers() for part in alternatives]
    needs = all(used)
    telling = any(key in TELLING for keys in used for key in keys)
    shorter = tuple(text for text in said[1:] if len(text) < len(said[0]))
    return Line(said[0], needs and raw.strip() != SIGNATURE, telling, shorter)


def _alternative(raw: str, context: DraftContext) -> str | None:
    """One alternative with its placeholders filled, or None when one of them is empty."""
    template = string.Template(raw)
    values = context.values()
    if any(not values[key] for key in template.get_identifiers()):
        return None
    return template.substitute(values)


def _joined(paragraphs: list[list[Line]], separator: str) -> str:
    return separator.join(_capitalised(" ".join(line.text for line in p)) for p in paragraphs if p)


def _capitalised(text: str) -> str:
    """A paragraph opens with a capital: when the greeting ("Hi $first_name,") is left out
    for want of a name, "good to meet you." becomes "Good to meet you."; a link or a word
    with its own capitals ("iPhone") is left as it is."""
    first = text.split(" ", 1)[0].rstrip(CLOSING)
    return text[0].upper() + text[1:] if first.isalpha() and first.islower() else text


def _fitted(paragraphs: list[list[Line]], form: Form) -> str:
    """Optional sentences out, the last first; then shorter alternatives; then the telling
    sentences; those that fit again come back; then a cut after a whole word."""
    assert form.max_chars is not None
    limit = form.max_chars
    kept = [list(p) for p in paragraphs]

    def fits() -> bool:
        return len(_joined([[x for x in p if x.text] for p in kept], form.separator)) <= limit

    dropped: list[tuple[int, int, Line]] = []

    def drop(telling: bool) -> None:
        for p, line_no, line in reversed(_places(kept)):
            if fits():
                return
            if line.optional and line.telling == telling and line.text:
                kept[p][line_no] = replace(line, text="")
                dropped.append((p, line_no, line))

    drop(telling=False)
    for p, line_no, line in _places(kept):
        if line.shorter and line.text and not fits():
            kept[p][line_no] = replace(line, text=line.shorter[-1], shorter=())
    drop(telling=True)
    for p, line_no, line in reversed(dropped):
        kept[p][line_no] = line
        if not fits():
            kept[p][line_no] = replace(line, text="")
    kept = [[line for line in p if line.text] for p in kept]
    if fits():
        return _joined(kept, form.separator)
    return _cut([p for p in kept if p], form)


def _places(paragraphs: list[list[Line]]) -> list[tuple[int, int, Line]]:
    return [(p, n, line) for p, lines in enumerate(paragraphs) for n, line in enumerate(lines)]


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
