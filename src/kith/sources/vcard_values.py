"""vCard value grammar both ways: escapes, structured values, labels, folding, writing a line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the reader's line types only: the exports that escape and fold skip its import
    from kith.sources.vcard_text import Line, Params

FOLD_OCTETS = 75
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_APPLE_WORDS = {"iPhone": "iphone", "HomeFAX": "home fax", "WorkFAX": "work fax"}
PLACES = ("home", "work", "school", "other")
NOT_LABELS = frozenset({"pref", "internet", "voice", "x400", "dom", "intl", "postal", "parcel"})
# the TYPE words khard writes for vCard 3.0, less those that say nothing a label needs
TYPE_WORDS = {
    "email": frozenset({"home", "work"}),
    "phone": frozenset(
        {"bbs", "car", "cell", "fax", "home", "isdn", "modem", "msg", "pager", "pcs", "video"}
        | {"work"}
    ),
    "address": frozenset({"home", "work"}),
}


def unescape(text: str) -> str:
    """`\\n` a new line; `\\,` `\\;` `\\:` `\\\\` themselves; any other backslash kept."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def components(text: str) -> list[list[str]]:
    """A structured value (N, ADR, ORG): `;`-separated parts, each a `,`-separated list."""
    return [_split(part, ",") for part in _split_raw(text, ";")]


def values(text: str) -> list[str]:
    """A list value (CATEGORIES, NICKNAME): `,`-separated, unescaped."""
    return _split(text, ",")


def _split(text: str, separator: str) -> list[str]:
    return [unescape(piece) for piece in _split_raw(text, separator)]


def _split_raw(text: str, separator: str) -> list[str]:
    if separator not in text:
        return [text]
    if "\\" not in text:
        return text.split(separator)
    pieces, current, escaped = [], "", False
    for char in text:
        if escaped:
            current, escaped = current + "\\" + char, False
        elif char == "\\":
            escaped = True
        elif char == separator:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current + ("\\" if escaped else ""))
    return pieces


def escape(text: str) -> str:
    """A text value as vCard 3.0 writes it."""
    return (
        text.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r", "")
    )


def label_of(line: Line, labels: dict[str, str]) -> str | None:
    """A custom label from the line's group (`item1.X-ABLabel`), else its TYPE words."""
    if line.group and line.group.lower() in labels:
        return apple_label(labels[line.group.lower()]) or None
    words = []
    for word in (t.removeprefix("x-") for t in line.types()):
        if word and word not in NOT_LABELS and word not in words:
            words.append(word)
    return " ".join(ordered(words)) or None


def ordered(words: Sequence[str]) -> list[str]:
    """Places first (home, work, ...), then the rest as given: `work fax`, never `fax work`."""
    return [w for w in PLACES if w in words] + [w for w in words if w not in PLACES]


def apple_label(text: str) -> str:
    """Apple's own labels `_$!<HomePage>!$_` as words (`home page`); custom ones as given."""
    match = _APPLE_LABEL.match(text.strip())
    if match is None:
        return text.strip()
    inner = match.group(1)
    return _APPLE_WORDS.get(inner, _CAMEL.sub(" ", inner).lower())


def as_types(kind: str, label: str | None) -> list[str] | None:
    """The TYPE words that read back as exactly `label`, or None when it needs an X-ABLabel."""
    if not label:
        return []
    words = label.split(" ")
    allowed = TYPE_WORDS.get(kind, frozenset())
    if len(set(words)) == len(words) and set(words) <= allowed and ordered(words) == words:
        return words
    return None


def content_line(
    name: str, value: str, params: Params | None = None, group: str | None = None
) -> str:
    """One unfolded content line; `value` already escaped as its property needs."""
    head = f"{group}.{name}" if group else name
    for key, items in (params or {}).items():
        head += f";{key}={','.join(_param_value(item) for item in items)}"
    return f"{head}:{value}"


def _param_value(text: str) -> str:
    if '"' in text or "\n" in text or "^" in text:
        text = text.replace("^", "^^").replace('"', "^'").replace("\n", "^n")
        return f'"{text}"'
    return f'"{text}"' if any(c in text for c in ":;,") else text


def render(line: Line) -> str:
    """A line kept as read, written back as vCard 3.0 (its value decoded to UTF-8 text)."""
    name = "X-ABLabel" if line.name == "X-ABLABEL" else line.name  # as Apple and khard spell it
    return content_line(name, line.value.replace("\n", "\\n"), line.params, line.group)


def fold(line: str, keep_escapes: bool = False) -> Iterable[str]:
    """Pieces of at most 75 octets, never splitting a character; each after the first indented.
    With `keep_escapes`, never between a backslash and what it escapes (as iCalendar's writers
    fold, kith.ical_lines)."""
    if len(line) <= FOLD_OCTETS // 4 or len(line.encode()) <= FOLD_OCTETS:
        yield line
        return
    piece, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > FOLD_OCTETS:
            carried = ""
            if keep_escapes and (len(piece) - len(piece.rstrip("\\"))) % 2:
                piece, carried = piece[:-1], "\\"
            yield piece
            piece, size = " " + carried, 1 + len(carried)
        piece += char
        size += width
    yield piece
