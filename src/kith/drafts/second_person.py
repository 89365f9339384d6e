"""Moving a phrase written about someone into the second person, to be said to them: "her talk"
→ "your talk", "she was" → "you were", "Priya's talk" → "your talk", "she works" → "you work".
Punctuation around each word is kept."""

from __future__ import annotations

import re

from kith.drafts import lexicon as lx

CORE = re.compile(r"^([^\w']*)(.*?)([^\w']*)$")


def bare(word: str) -> str:
    """A word folded, without the punctuation around it."""
    match = CORE.match(word)
    return (match.group(2) if match else word).casefold()


def second_person(words: list[str], names: tuple[str, ...]) -> list[str]:
    """Third person (and the person's own name) moved to "you", verbs made to agree;
    punctuation around each word kept."""
    shifted: list[str] = []
    named = {name.casefold() for name in names if name}
    expect_verb = False
    for index, word in enumerate(words):
        prefix, core, suffix = _split(word)
        folded = core.casefold()
        following = bare(words[index + 1]) if index + 1 < len(words) else ""
        if expect_verb and folded in lx.ADVERBS:
            shifted.append(word)
            continue
        if expect_verb:
            shifted.append(prefix + _agreeing(core) + suffix)
            expect_verb = False
            continue
        replaced, expect_verb = _shifted_word(core, folded, following, named, index)
        if suffix and replaced != core:
            expect_verb = False  # "(she)," ends the clause
        shifted.append(prefix + _cased(replaced, core) + suffix)
    return shifted


def _split(word: str) -> tuple[str, str, str]:
    match = CORE.match(word)
    return (match.group(1), match.group(2), match.group(3)) if match else ("", word, "")


def _cased(replaced: str, original: str) -> str:
    """The replacement in capitals where the original was ("HIS DEMO" → "YOUR DEMO"); a
    sentence's capital was lowered before, and a name's is no reason for "Your"."""
    if replaced != original and len(original) > 1 and original.isupper():
        return replaced.upper()
    return replaced


def _shifted_word(
    word: str, folded: str, following: str, named: set[str], index: int
) -> tuple[str, bool]:
    """One word in the second person, and whether a verb that must agree comes next."""
    if folded in lx.CONTRACTIONS:
        return lx.CONTRACTIONS[folded], False
    if folded in lx.SUBJECT_PRONOUNS:
        return "you", folded != "they"
    if folded == "her":
        at_end = not following or following in lx.AFTER_OBJECT
        return ("you" if at_end else "your"), False
    if folded in lx.POSSESSIVES:
        return lx.POSSESSIVES[folded], False
    if folded in lx.OBJECTS:
        return lx.OBJECTS[folded], False
    if folded in lx.REFLEXIVES:
        return lx.REFLEXIVES[folded], False
    bare = folded.removesuffix("'s").removesuffix("’s")
    if bare in named and bare != folded:
        return "your", False
    if folded in named:
        subject = index == 0 and following not in ("", *lx.AFTER_OBJECT)
        return "you", subject
    return word, False


def _agreeing(verb: str) -> str:
    """A third-person singular present verb as it goes with "you": works → work."""
    folded = verb.casefold()
    if folded in lx.AGREEMENT:
        return lx.AGREEMENT[folded]
    if folded in lx.AUXILIARIES or folded in lx.IRREGULAR_PAST or folded.endswith("ed"):
        return verb
    if folded.endswith("ies") and len(folded) > 4:
        return verb[:-3] + "y"
    if folded.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        return verb[:-2]
    if folded.endswith("s") and not folded.endswith("ss"):
        return verb[:-1]
    return verb
