"""Folding names for comparison: case-folded, accents removed, white space collapsed."""

from __future__ import annotations

import re
import unicodedata
from typing import TypedDict

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


ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # "(great slides)": a note to self
# " - Tinder", " – plumber", " / gym": a dash or slash with a space each side opens a note, as
# phones keep them in contacts' names; a hyphen within a word is a name ("Anne-Marie",
# "Smith-Jones"). The vCard corpus (../shared) has neither; a double-barrelled name is written
# without spaces, so "Smith - Jones" reads as Smith with a note [H].
SPACED_MARK = r"\s+[-–—/]\s+"  # (drafts/phrases.py's NOTE_MARK holds it too)
NOTE_AFTER = re.compile(SPACED_MARK)


def without_asides(text: str) -> str:
    """`text` on one line without what it says in brackets, which is a note to yourself
    (trial 6: "Board dinner (pitch him on the merger)" → "Board dinner", "Mike Jones (Tinder)"
    → "Mike Jones"); an unclosed bracket hides the rest, and so does a spaced dash or slash
    after something ("Anna - Tinder" → "Anna", "Bea / gym" → "Bea")."""
    previous = None
    while previous != text:
        previous, text = text, ASIDE.sub(" ", text)
    cut = min((i for i in (text.find("("), text.find("[")) if i >= 0), default=len(text))
    text = text[:cut]
    before = NOTE_AFTER.split(text, maxsplit=1)[0]
    if before.strip(" ,;:-–—/"):
        text = before
    return " ".join(text.split()).strip(" ,;:-–—")


def turned_round(name: str) -> str:
    """A name written `Last, First` as `First Last` ("Castro, Ana" → "Ana Castro"); any other
    name as it is (a suffix after the comma, more than one comma, an empty side, or what
    follows the comma is no given name but a note: "Mike, gym", "Anna, met at AA")."""
    family, comma, given = name.partition(",")
    given, family = given.strip(), family.strip()
    if (
        not comma
        or not given
        or not family
        or "," in given
        or given.rstrip(".").casefold() in NAME_SUFFIXES
        or not _given_like(given, lower=name.islower())
    ):
        return name
    return f"{given} {family}"


# Words that join a note's words and never a given name's, for a name typed all in lower case.
_NOTE_WORDS = frozenset({"at", "from", "of", "the", "met", "via", "with", "in", "on", "for", "my"})


def _given_like(text: str, lower: bool) -> bool:
    """Whether the words after a name's comma can be given names: at most three besides
    initials, each opening with a capital (or in a script without capitals), no digit; in a
    name typed all in lower case, at most two, none a word that joins a note ("met at AA")."""
    words = text.split()
    named = [w for w in words if len(w.rstrip(".")) > 1]
    if len(named) > (2 if lower else 3) or any(ch.isdigit() for ch in text):
        return False
    if lower:
        return not any(w.casefold() in _NOTE_WORDS for w in words)
    letters = (next((ch for ch in w if ch.isalpha()), "") for w in words)
    return all(not ch or ch.isupper() or ch.upper() == ch.lower() for ch in letters)


def without_note(name: str) -> str:
    """`name` without a note after a comma, as phones keep contacts ("Mike, gym" → Mike,
    "Anna, met at AA" → Anna: trial 7); a name written `Last, First` ("Castro, Ana") or
    with a suffix ("John Smith, Jr.", "Smith, Sarah, PhD") as it is."""
    before, comma, after = name.rpartition(",")
    suffixed = comma and after.strip().rstrip(".").casefold() in NAME_SUFFIXES
    core = before if suffixed else name
    if "," not in core or turned_round(core) != core:
        return name
    head = core.partition(",")[0].strip()
    return head or name


# What a phone's name field holds beside a name, said to nobody (trial 7: "Would you like me
# to introduce you to Bob DO NOT ANSWER?"): a label at its end, each word one of these or with
# a number ("Tom old number", "Bob spam", "Ana work", "Tom 2", "Jo #3"), or two or more words
# of a warning ("DO NOT ANSWER", "don't pick up"); and what follows "from", "at", "via" or "@"
# in lower case ("Jane from work", "Dave at Acme"), which no name holds. Word lists, so a
# heuristic [H]: words common as family names ("Block", "Young", "Call") are not among them,
# and an all-capitals family name ("María GARCÍA") is a name.
LABEL_WORDS = frozenset(
    {"spam", "scam", "scammer", "telemarketer", "blocked", "ignore", "number", "numbers"}
    | {"landline", "mobile", "cell", "cellphone", "fax", "pager", "work", "office", "home"}
    | {"personal", "private", "business", "old", "new", "whatsapp", "uber", "delivery"}
)
WARNING_WORDS = frozenset(
    {"do", "not", "don't", "dont", "never", "answer", "pick", "up", "call", "me", "back"}
    | {"him", "her", "them", "text", "only", "again", "it", "the", "block", "reply", "this"}
    | {"no", "nr", "no."}
)
LABEL_OPENERS = frozenset({"from", "at", "via", "@"})


def without_label(name: str) -> str:
    """`name` without a label a phone keeps in it ("Bob DO NOT ANSWER" → Bob, "Jane from work"
    → Jane, "Tom old number" → Tom, "Bob spam" → Bob); as it is when nothing of a name would
    be left ("Spam", "+41 79 123 45 67") or it has no label ("María GARCÍA", "Jean-Luc")."""
    words = name.split()
    opener = next((n for n, w in enumerate(words[1:], 1) if w in LABEL_OPENERS), len(words))
    start = opener
    while start > 1 and _label_word(words[start - 1]):
        start -= 1
    label = [w.strip(".,:;!").casefold() for w in words[start:opener]]
    said = any(w in LABEL_WORDS or _number(w) for w in label)
    if not said and len(label) < 2:
        start = opener
    kept = words[:start]
    if not any(ch.isalpha() for w in kept for ch in w):
        return name
    return " ".join(kept).rstrip(" ,;:-–—/")


def _label_word(word: str) -> bool:
    folded = word.strip(".,:;!").casefold().replace("’", "'")
    return folded in LABEL_WORDS or folded in WARNING_WORDS or _number(folded)


def _number(word: str) -> bool:
    """A number counting contacts of one name ("2", "#3"), not a name's ("A-12", "R2-D2")."""
    return word.lstrip("#").isdigit()


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


# Words that open a family name ("van Beethoven", "von der Leyen", "de la Vega", "bin Salman"),
# and those that join two family names ("de la Torre y Mier", "Silva e Sousa", "Puig i Cadafalch").
PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "da", "das", "dos", "do", "di", "du"}
    | {"la", "le", "ten", "ter", "te", "zu", "al", "el", "bin", "ibn", "bint", "af", "av"}
)
CONJUNCTIONS = frozenset({"y", "e", "i"})
# The commonest family names in Vietnam: a name with one at either end is Vietnamese, whose
# "Van" or "Le" is a middle name ("Thanh Van Nguyen", "Nguyen Van Anh"), not a particle.
VIETNAMESE_FAMILIES = frozenset(
    {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui"}
    | {"do", "ho", "ngo", "duong", "ly"}
)


def split_name(display: str) -> tuple[str | None, str | None]:
    """A best guess at (given, family) from a display name: the last word is the family name
    ("Ada King Lovelace" → Ada King, Lovelace) with the particles before it ("Ludwig van
    Beethoven" → Ludwig, van Beethoven; "Dick Van Dyke" → Dick, Van Dyke; see
    `family_words`), the first word in a script that writes it first ("山田 太郎" → 太郎,
    山田); "Castro, Ana" is Ana Castro and "John Smith, Jr." John Smith. A name of one word, or
    with no letter in it (a phone number, "+41 79 123 45 67"), is all given name; words that
    are e-mail addresses are no part of it ("ana@x.org" has neither), nor is a note in
    brackets ("Ravi (recruiter, pushy)" → Ravi: trial 6) or after a comma ("Mike, gym" →
    Mike: trial 7)."""
    name = without_note(without_asides(display) or display)
    before, comma, after = name.rpartition(",")
    if comma and after.strip().rstrip(".").casefold() in NAME_SUFFIXES:
        name = before
    name = turned_round(name)
    words = [word for word in name.split() if "@" not in word]
    if not words:
        return None, None
    if len(words) == 1 or not any(ch.isalpha() for word in words for ch in word):
        return " ".join(words), None
    if family_first(" ".join(words)):
        return " ".join(words[1:]), words[0]
    start = len(words) - family_words(words)
    return " ".join(words[:start]) or None, " ".join(words[start:])


# A new person's given_name and family_name columns. Written as a call, its types are values,
# not the text `typing` compiles for a class's annotations: that read its whole table of such
# texts (kith.cli.method_cache) in every command, all for these two (~6 M instructions).
NameColumns = TypedDict("NameColumns", {"given_name": str | None, "family_name": str | None})  # noqa: UP013


def name_columns(display: str) -> NameColumns:
    """A new person's given_name and family_name columns: their name's split (`split_name`),
    as every way of adding someone stores it (kith add, a contacts file, a mail or chat
    import, a rename of someone Kith split)."""
    given, family = split_name(display)
    return {"given_name": given, "family_name": family}


def family_words(words: list[str]) -> int:
    """How many of a name's last words are its family name: the last, and the particles before
    it, lower-case ("van der", "de la") or capitalised as in America and Belgium ("Van Dyke",
    "De Niro", "Del Rey"), and a family name joined by "y", "e" or "i" ("de la Torre y Mier").
    The first word stays the given name, unless it is a lower-case particle: "van der Berg" is
    all family name. In a Vietnamese name a capitalised "Van" or "Le" is a middle name."""
    vietnamese = {words[0].casefold(), words[-1].casefold()} & VIETNAMESE_FAMILIES
    count = 1
    while count < len(words):
        word = words[-count - 1]
        folded = word.casefold()
        lower = word == folded
        if folded in CONJUNCTIONS and lower and count + 2 < len(words):
            count += 2  # "y Mier" and the family name before it
        elif folded in PARTICLES and (lower or not vietnamese):
            count += 1
        else:
            break
    if count == len(words) and words[0] not in PARTICLES:
        count -= 1  # "Van Morrison": a capitalised first word is a given name
    return count


def first_name(display: str, given: str | None) -> str:
    return given or (display.split() or [display])[0]
