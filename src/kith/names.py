"""Folding names for comparison: case-folded, accents removed, white space collapsed."""

from __future__ import annotations

import unicodedata

# Letters that NFKD leaves whole because their mark is part of the glyph, not a combining accent.
_BARE_LETTERS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Ħ": "H",
        "ħ": "h",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "TH",
        "þ": "th",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """`Zoë  Ärmel` → `zoe armel`, `Łukasz Søren` → `lukasz soren`: the key for exact,
    accent-insensitive name matches."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_BARE_LETTERS).casefold().split())


# what a phone's saved name may carry besides the name: emoji, their joiners and variation
# selectors, direction marks (categories So, Sk, Cf; U+FE0E/U+FE0F are marks of category Mn)
_DECORATION = frozenset(("So", "Sk", "Cf", "Co", "Cs"))
_SELECTORS = frozenset("\ufe0e\ufe0f")


# what may follow a comma in a name without it being written `Last, First` ("John Smith, Jr.",
# "Acme, Inc.")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "inc", "ltd", "llc"})


def turned_round(name: str) -> str:
    """A name written `Last, First` as `First Last` ("Castro, Ana" → "Ana Castro"); any other
    name as it is (a suffix after the comma, more than one comma, an empty side)."""
    family, comma, given = name.partition(",")
    given, family = given.strip(), family.strip()
    if (
        not comma
        or not given
        or not family
        or "," in given
        or given.rstrip(".").casefold() in NAME_SUFFIXES
    ):
        return name
    return f"{given} {family}"


def name_keys(written: str) -> tuple[str, ...]:
    """The folded full names a name as an app shows it may stand for: itself without emoji
    (`Wendy Weekly 🌻` → `wendy weekly`), and a name written `Weekly, Wendy` also as
    `wendy weekly`; none when nothing of a name is left."""
    bare = "".join(
        ch for ch in written if ch not in _SELECTORS and unicodedata.category(ch) not in _DECORATION
    )
    keys = [fold(bare), fold(turned_round(bare))]
    return tuple(key for key in dict.fromkeys(keys) if key)


# Scripts that write the family name first ("山田 太郎", "王 伟", "김 민준").
FAMILY_FIRST = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def family_first(name: str) -> bool:
    """Whether the name's first letter is in a script that puts the family name first."""
    letter = next((ch for ch in name if ch.isalpha()), "")
    return bool(letter) and unicodedata.name(letter, "").startswith(FAMILY_FIRST)


def split_name(display: str) -> tuple[str | None, str | None]:
    """A best guess at (given, family) from a display name: the last word is the family name
    ("Ada King Lovelace" → Ada King, Lovelace), the first in a script that writes it first
    ("山田 太郎" → 太郎, 山田); "Castro, Ana" is Ana Castro and "John Smith, Jr." John Smith. A
    name of one word, or with no letter in it (a phone number, "+41 79 123 45 67"), is all
    given name."""
    name = turned_round(display)
    before, comma, after = name.rpartition(",")
    if comma and after.strip().rstrip(".").casefold() in NAME_SUFFIXES:
        name = before
    words = name.split()
    if not words:
        return None, None
    if len(words) == 1 or not any(ch.isalpha() for ch in name):
        return " ".join(words), None
    if family_first(name):
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]


def first_name(display: str, given: str | None) -> str:
    return given or (display.split() or [display])[0]
