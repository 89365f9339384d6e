"""What a draft calls someone: "Hi Ana," for "Dr. Ana María de la Cruz". Pure, on strings.

A greeting says a name the person answers to, or the whole name as written; never a title
("Dr."), an emoji ("🌻 Sunny" is Sunny), the particle of a family name ("van der Berg" is not
"van") or the family name a name in Chinese, Japanese or Korean script puts first ("山田 太郎"
is not "山田").
"""

from __future__ import annotations

import re

from kith.drafts.emoji import emoji
from kith.drafts.phrases import note_start
from kith.names import (
    NAME_SUFFIXES,
    PARTICLES,
    family_first,
    split_name,
    turned_round,
    without_asides,
    without_label,
    without_note,
)

TITLES = frozenset(
    {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "fr", "herr"}
    | {"miss", "frau", "mme"}
)
# Titles that go with a family name only: "Mr Smith" is greeted "Hi Mr Smith," (trial 7),
# not "Hi Smith,"; "Dr. Kim" is greeted "Hi Kim," (Kim may be a given name).
COURTESY = frozenset({"mr", "mrs", "ms", "mx", "miss", "herr", "frau", "mme"})
# The name someone goes by, quoted inside their name: Robert "Bob" Smith, Margaret ‘Peggy’ Lee.
QUOTED = re.compile(r"[\"“‘](\w[\w' -]*?)[\"”’]")
# What a message about someone says for a name with nothing in it to say ("🌻"), as the
# templates' own bracketed prompts ask the user to fill in.
NAMELESS = "[their name]"
# What may be left around a name once its emoji are gone ("🌻, Jr." → ", Jr.").
CLOSING = " ,;:"


# [H] A first name longer than this is not one a person is greeted by (the longest given names
# in use are about half as long): a draft greets without it rather than spend a text message's
# 320 characters on it (trial6 #11: "Hi…" and nothing else).
FIRST_NAME_MOST = 60


def first_name(name: str, given: str | None = None, nickname: str | None = None) -> str:
    """`_first_name`, or "" when it is longer than FIRST_NAME_MOST characters."""
    called = _first_name(name, given, nickname)
    return called if len(called) <= FIRST_NAME_MOST else ""


def _first_name(name: str, given: str | None = None, nickname: str | None = None) -> str:
    """Their nickname (given, or quoted in their name), else the first word of their given
    name, else of their display name ("Castro, Ana" → Ana), titles and emoji left out
    ("Dr. Kim" → Kim); the whole name when it has no given name to take ("van der Berg",
    "山田 太郎"). A given name that is an initial is passed over for the next one ("J. Robert
    Oppenheimer" → Robert), and a name with initials only is said whole ("P. Natarajan",
    "X Æ A-12"): nobody writes "Hi P,". A courtesy title with a family name alone is said
    with it ("Mr Smith" → Mr Smith); a name that says whose relation they are ("Leo's mum")
    has no first name to greet them by (not "Hi Leo's,"). A name typed all in lower case is
    greeted with a capital ("dr. amy o'neil-smith" → Amy), as a person would write it; a
    nickname is said as given when it reads as one (`_gone_by`).
    "" when nothing in it is a word: a name that is a phone number ("+44 7700 900123", as an
    SMS import names someone) is not said back to them."""
    if nickname and _gone_by(nickname):
        return _gone_by(nickname)
    display = spoken(name)
    if not any(ch.isalpha() for ch in display):  # a phone number for a name: no greeting
        return ""
    called = QUOTED.search(display)  # Robert "Bob" Smith
    if called:
        return _capital(called.group(1), display)
    if "@" in display and " " not in display:  # an address for a name: "jane.doe@…" → Jane
        return _from_address(display)
    noted = without_note(display) != display  # "Mike, gym" is Mike (trial 7)
    display = without_note(display)
    before, comma, after = display.rpartition(",")
    if comma and after.strip().rstrip(".").casefold() in NAME_SUFFIXES:  # "John Smith, Jr."
        display = before
    if "," in display:  # "Castro, Ana": the display name says best which part is given
        sources = [display.partition(",")[2]]
    elif family_first(display) or (display.split()[:1] and display.split()[0] in PARTICLES):
        return display
    else:
        # a given name split from a note before Kith left notes out ("pushy)" of "Ravi
        # (recruiter, pushy)", "gym" of "Mike, gym") is no name
        stored = given if given and not noted and not any(ch in given for ch in "()[]") else None
        if _titles_only(stored) and _courtesy(display):
            return " ".join(_capital(w, display) for w in display.split())
        sources = [spoken(stored or split_name(display)[0] or ""), display]
    return _first_of(sources, display, name)


def _first_of(sources: list[str], display: str, name: str) -> str:
    """The first name `_first_name` takes from the first of `sources` (the given name, the
    display name) with a word besides titles."""
    for number, source in enumerate(sources):
        words = [w for w in source.split() if w.rstrip(".").casefold() not in TITLES]
        if not words:
            continue
        if _possessive(words[0]):
            return ""  # "Leo's mum": whose relation, not a name
        if not _initial(words[0]):
            return _capital(words[0], display)
        # an initial: the next given name, not a family name ("P. Natarajan" is not Natarajan)
        given_words = words if number == 0 and len(sources) > 1 else words[:1]
        named = next((w for w in given_words if not _initial(w)), None)
        if named is not None:
            return _capital(named, display)
        whole = [w for w in full_name(name).split() if w.rstrip(".").casefold() not in TITLES]
        return " ".join(_capital(w, display) if w not in PARTICLES else w for w in whole)
    return display.split(maxsplit=1)[0] if display else ""


def _titles_only(given: str | None) -> bool:
    """Whether a stored given name has no name in it: none, or titles only ("Mr" of "Mr
    Smith", as a name's split stores it)."""
    return not given or all(w.rstrip(".").casefold() in TITLES for w in given.split())


def _courtesy(display: str) -> bool:
    """Whether a name is a courtesy title and one word, a family name ("Mr Smith", "Ms. Lee")."""
    words = display.split()
    return (
        len(words) == 2
        and words[0].rstrip(".").casefold() in COURTESY
        and not _initial(words[1])
        and not _possessive(words[1])
    )


def _possessive(word: str) -> bool:
    """A word that says whose someone is: "Leo's", "Leo’s"."""
    return len(word) > 2 and word.casefold().endswith(("'s", "’s"))


def _gone_by(nickname: str) -> str:
    """A nickname as a greeting says it, or "" when it reads as a label rather than a name
    they go by (trial 8: a phone's "Bobby the drunk", "gym guy"): without emoji, asides or a
    note after a mark ("Bobby - from the gym" → Bobby), the first of a list (a vCard's NICKNAME
    is one: "Bill, Billy" → Bill; "Bobby, gym" → Bobby), one word, or two that each open with
    a capital ("Big Rob", "Mary Jane")."""
    said = spoken(nickname).partition(",")[0]
    cut = note_start(said)
    words = (said[:cut] if cut is not None else said).split()
    if len(words) == 1:
        return words[0]
    letters = [next((ch for ch in w if ch.isalpha()), "") for w in words]
    capitals = all(ch and (ch.isupper() or ch.upper() == ch.lower()) for ch in letters)
    return " ".join(words) if len(words) == 2 and capitals else ""


def _initial(word: str) -> bool:
    """Whether a word of a name is an initial: one letter of a script with capitals, with or
    without its full stop ("P.", "J", "Æ"); "王" or "李" are names."""
    letters = word.rstrip(".")
    return len(letters) == 1 and letters.upper() != letters.lower()


def _capital(word: str, name: str) -> str:
    """A word of a name as a person would write it: with a capital first letter (and after a
    hyphen: "mary-jane" → Mary-Jane) when the whole name was typed in lower case; as typed
    otherwise ("JOHN", "van", "McKay"). A script without capitals is left as it is; a Turkish
    name (one with "ı" or "ğ") capitalises "i" as "İ" ("ilkay gündoğan" → İlkay)."""
    if not name.islower():
        return word
    turkish = "ı" in name or "ğ" in name
    return "-".join(_opened(part, turkish) for part in word.split("-"))


def _opened(part: str, turkish: bool) -> str:
    if turkish and part.startswith("i"):
        return "İ" + part[1:]
    return part[:1].title() + part[1:]


def full_name(name: str) -> str:
    """The name as said to someone else: "O'Brien, Patrick" → Patrick O'Brien, "🌻 Sunny Day"
    → Sunny Day, "Anna, met at AA" → Anna (a note after a comma: trial 7), "Bob DO NOT
    ANSWER" → Bob (a phone's label: `names.without_label`), "+41 79 123 45 67" as it is;
    "" when nothing of it can be said ("🌻", or "🌻, Jr.": a suffix or a title is not a
    name)."""
    said = turned_round(without_note(without_label(spoken(name)))).strip(CLOSING)
    words = said.replace(",", " ").split()
    named = any(w.rstrip(".").casefold() not in NAME_SUFFIXES | TITLES for w in words)
    return said if named and any(ch.isalnum() for ch in said) else ""


def called(name: str, given: str | None = None, nickname: str | None = None) -> str:
    """What someone else is told to call them (in an introduction): their first name, else
    their whole name as it can be said ("+41 79 123 45 67"), else NAMELESS for the user to
    fill in, never nothing (a line naming them would be left out)."""
    return first_name(name, given, nickname) or full_name(name) or NAMELESS


def _from_address(address: str) -> str:
    """The given name an address spells out before its separator ("jane.doe" → Jane), else
    "" (no greeting rather than "Hi jdoe@example.org,")."""
    local = address.partition("@")[0]
    first, *rest = re.split(r"[._+-]", local, maxsplit=1)
    if rest and first.isalpha() and len(first) > 1:
        return first.capitalize()
    return ""


def spoken(text: str) -> str:
    """The text without emoji, on one line: "🌻 Sunny  Day" → "Sunny Day", and what an emoji
    leaves of a word, a mark, with the word before it: "Ana 🌻, Jr." → "Ana, Jr."; without a
    note in brackets, as a phone keeps one in a contact's name ("Mike Jones (Tinder)" → Mike
    Jones: trial 6)."""
    said: list[str] = []
    for word in without_asides(text).split():
        bare = "".join(ch for ch in word if not emoji(ch))
        if said and bare and bare != word and not any(ch.isalnum() for ch in bare):
            said[-1] += bare
        elif bare:
            said.append(bare)
    return " ".join(said)
