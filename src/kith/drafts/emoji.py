"""Whether a character is (part of) an emoji: what a greeting leaves out of a word and a topic
leaves off its end (drafts/greeting.py, drafts/phrases.py)."""

from __future__ import annotations

import unicodedata

# Emoji and their joiners and selectors, which no one is called by.
JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f", "\u20e3"})


def emoji(ch: str) -> bool:
    """Whether `ch` is (part of) an emoji or a pictograph: a symbol (categories So, Sk: "🙄",
    "✈", a skin tone; not ASCII's "^" or "`"), a private or surrogate code point, a joiner, a
    variation selector, a keycap, or a tag of a flag's sequence (U+E0020–U+E007F); not "°" or
    "™", which go with the word before them."""
    if ch.isascii():  # "^" and "`" are modifier symbols too: a mark, not an emoji
        return False
    if ch in JOINERS or "\U000e0020" <= ch <= "\U000e007f":
        return True
    return unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") and ch not in KEPT_SYMBOLS


# Symbols a word may end with that are no emoji.
KEPT_SYMBOLS = frozenset("°℃℉™®©")
