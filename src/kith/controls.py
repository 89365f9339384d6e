"""Characters no text Kith keeps may hold: control characters nobody can type or see (NUL,
BEL, ESC and the rest of C0 and C1 but the white space), a lone surrogate, and the bidi
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name show as
something else ("Nul\\u0000Byte", "\\u202eevil": trial 7 #9). Pure, on strings.

What is typed (the CLI, the JSON API, MCP, the web) is refused with the field named
(`refusal`): an assistant or a script can send what no keyboard makes, and saying so beats
keeping a name no draft, terminal or vCard should say. What an import reads from a real file is
cleaned instead (`without_controls`, `scrubbed`): exports do hold them (WhatsApp wraps a
number in U+202A…U+202C, old phones pad with NUL), and refusing a whole file for a character
nobody sees helps no one. White space (a tab, a line break, U+2028) is no control here: each
field keeps or collapses it as before (a name's runs of it are one space). Direction marks
(U+200E, U+200F), joiners (U+200C, U+200D) and variation selectors stay: names and emoji in
several scripts need them.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TypeVar

from kith.errors import UserError

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# every C0 and C1 control that is not white space, DEL, the bidi controls, the surrogates
CONTROL = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f" + BIDI_CONTROLS + "\ud800-\udfff]"
)  # \t \n \v \f \r \x1c-\x1f \x85 are white space to str.split()

Scrubbed = TypeVar("Scrubbed")


def control_in(text: str) -> int | None:
    """Where the first character no text may hold is in `text`, if one is."""
    found = CONTROL.search(text)
    return found.start() if found else None


def without_controls(text: str) -> str:
    """`text` without the characters no text may hold (what an import reads from a file)."""
    return CONTROL.sub("", text)


def named(ch: str) -> str:
    """A character as an error names it: "U+0000 (NUL)", "U+202E (RIGHT-TO-LEFT OVERRIDE)"."""
    name = unicodedata.name(ch, "") or SHORT.get(ch, "a control character")
    return f"U+{ord(ch):04X} ({name})"


SHORT = {"\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x1b": "ESC", "\x7f": "DEL"}


def refusal(field: str, value: object) -> str | None:
    """Why `value` (a text, or texts inside tuples, lists and dataclasses: addresses, a
    person's identities) cannot be kept as the `field`, naming the character and where it
    is; None when it can."""
    if isinstance(value, str):
        at = control_in(value)
        if at is None:
            return None
        after = f" (after {value[:at][-20:]!r})" if at else ""
        return (
            f"The {field} holds {named(value[at])}, an invisible control character, at "
            f"character {at + 1}{after}; Kith keeps only what can be typed and shown: give the "
            f"{field} again without it."
        )
    if isinstance(value, tuple | list | frozenset | set):
        return next((why for item in value if (why := refusal(field, item))), None)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return next(
            (
                why
                for part in dataclasses.fields(value)
                if (why := refusal(field, getattr(value, part.name)))
            ),
            None,
        )
    return None


def refuse(given: Iterable[tuple[str, object]]) -> None:
    """Refuse (`UserError`, naming the field) a text with a control character no keyboard makes,
    however it came: the CLI, the JSON API, MCP, the web (trial 7: MCP's add_person kept
    "Nul\u0000Byte" and a draft said it). `given`: (field in words, value) pairs."""
    for name, value in given:
        why = refusal(name, value)
        if why:
            raise UserError(why)


def scrubbed(record: Scrubbed) -> Scrubbed:
    """A record read from a file (a dataclass), its texts without controls, nested ones too;
    the record itself when it has none (most have none, and most imports are large: one
    search over its texts joined, ~8 µs a contact)."""
    found: list[str] = []
    _gather(record, found)
    return record if CONTROL.search("".join(found)) is None else _scrubbed(record)


def _gather(value: object, found: list[str]) -> None:
    """The texts in `value`, in its tuples and in the dataclasses it holds, into `found`."""
    for item in vars(value).values():
        if item.__class__ is str:
            found.append(item)
        elif item.__class__ is tuple:
            for part in item:
                if part.__class__ is str:
                    found.append(part)
                elif hasattr(part, "__dict__"):
                    _gather(part, found)


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, tuple):
        return tuple(_scrubbed(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _scrubbed(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
