"""Turning a phrase the user typed about someone into words that can be said *to* them.

`kith met --about "her talk on CRDTs"` and `kith log --topic "the Postgres migration"` are
written about a person, in any shape: a noun phrase, a gerund, a clause in the first, second or
third person, with or without a verb. A draft is written to that person, so the phrase is moved
into the second person ("her talk" → "your talk", "she was on the panel" → "you were on the
panel") and then put into the frame that fits its shape:

| shape | example | claim-note sentence |
|---|---|---|
| a determiner first | "the panel on local-first" | I enjoyed the panel on local-first. |
| a bare topic | "CRDTs" | I enjoyed our chat about CRDTs. |
| a talk-like noun | "talk on sync engines" | I enjoyed the talk on sync engines. |
| a get-together | "coffee after the keynote" | I enjoyed our coffee after the keynote. |
| a gerund | "talking about Rust" | I enjoyed talking about Rust. |
| a prepositional phrase | "about CRDTs", "at the after-party" | I enjoyed our chat about CRDTs. |
| a past clause | "she was on the panel" | I'm glad you were on the panel. |
| a present clause | "she is hiring" | I'm glad to hear you are hiring. |
| a first-person present | "we both love maps" | We both love maps. |

Two shapes are never said back: a note to self ("follow up about the job": an instruction, a
to-do) and an observation of the person ("she seemed tired"). For those, `remark` returns no
sentence and says why, so that `kith met` can tell the user.

English only, by small word lists: a heuristic, tested on the phrases in
tests/fixtures/drafts/phrases.txt, not a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The pronouns that stand for the person a draft is written to, and their second-person forms.
SUBJECT_PRONOUNS = frozenset({"she", "he", "they"})
POSSESSIVES = {"her": "your", "his": "your", "their": "your", "hers": "yours", "theirs": "yours"}
OBJECTS = {"him": "you", "them": "you"}
REFLEXIVES = {"herself": "yourself", "himself": "yourself", "themselves": "yourself"}
CONTRACTIONS = {
    "she's": "you're",
    "he's": "you're",
    "they're": "you're",
    "she'd": "you'd",
    "he'd": "you'd",
    "they'd": "you'd",
    "she'll": "you'll",
    "he'll": "you'll",
    "they'll": "you'll",
    "she'd've": "you'd've",
}
# A third-person singular verb after "she"/"he", made to agree with "you".
AGREEMENT = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
# Words that may stand between a subject and its verb ("she also gave", "we both love").
ADVERBS = frozenset(
    {"also", "just", "really", "both", "all", "still", "recently", "already", "even", "never"}
    | {"actually", "kindly", "finally", "once", "often", "always", "then"}
)
# After "her": words that mean "her" was an object ("I met her at ...", "told her about").
AFTER_OBJECT = frozenset(
    {"at", "about", "on", "in", "for", "to", "with", "after", "before", "from", "and", "or"}
    | {"a", "an", "the", "that", "this", "some", "my", "our", "how", "why", "what", "again"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "your", "our", "my", "this", "that", "these", "those", "some", "yours"}
    | {"one", "two", "three", "several", "many", "all", "every", "another", "such", "no"}
)
PREPOSITIONS = frozenset(
    {"about", "on", "at", "in", "over", "during", "after", "before", "with", "around"}
)
FIRST_PERSON = frozenset({"i", "we", "i'm", "we're", "i've", "we've", "i'd", "we'd"})
CLAUSE_SUBJECTS = frozenset({"you", "you're", "you'd", "you'll", "you've", "it", "there", "it's"})
AUXILIARIES = frozenset(
    {"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could"}
    | {"did", "does", "do", "should", "might", "may", "must", "isn't", "wasn't", "aren't"}
    | {"weren't", "hasn't", "haven't", "hadn't", "won't", "can't", "didn't", "doesn't"}
    | {"don't", "shall"}
)
PRESENT_AUXILIARIES = frozenset(
    {"is", "are", "has", "have", "will", "can", "does", "do", "should", "might", "may", "must"}
    | {"isn't", "aren't", "hasn't", "haven't", "won't", "can't", "doesn't", "don't", "shall"}
)
# Irregular past forms common in what people write after meeting someone.
IRREGULAR_PAST = frozenset(
    {"gave", "told", "said", "spoke", "took", "made", "came", "went", "got", "met", "saw"}
    | {"brought", "wrote", "taught", "ran", "built", "won", "knew", "thought", "found", "left"}
    | {"lost", "sent", "bought", "sat", "stood", "held", "led", "put", "began", "drew", "grew"}
    | {"flew", "ate", "drank", "sang", "kept", "meant", "paid", "sold", "spent", "understood"}
    | {"heard", "let", "set", "blew", "broke", "chose", "forgot", "hid", "hit", "lent", "rode"}
    | {"shook", "showed", "shut", "threw", "wore", "woke", "dug", "fed", "fought", "hung"}
)
# Words that sound like verbs of appearance: "she seemed low" is an observation, not a remark.
APPEARANCE = frozenset(
    {"seemed", "seems", "looked", "looks", "appeared", "appears", "felt", "feels", "sounded"}
    | {"sounds", "smelled", "smells"}
)
# First words of a note to self: an instruction is a to-do, not something to say to someone.
INSTRUCTIONS = frozenset(
    {"follow", "ask", "send", "introduce", "call", "email", "e-mail", "remember", "check"}
    | {"invite", "remind", "text", "ping", "reply", "write", "book", "schedule", "find"}
    | {"don't", "do", "todo", "to-do", "must", "should", "need", "try", "look", "get"}
)
# Nouns for something one of you presented: "I enjoyed the talk on ...".
PRESENTED = frozenset(
    {"talk", "keynote", "demo", "workshop", "presentation", "panel", "session", "lecture"}
    | {"tutorial", "lightning", "paper", "poster", "slides", "question", "questions", "pitch"}
    | {"story", "stories", "joke", "jokes", "performance", "reading", "speech", "answer"}
)
# Nouns for time spent together: "I enjoyed our coffee after the keynote".
TOGETHER = frozenset(
    {"chat", "conversation", "coffee", "lunch", "dinner", "breakfast", "drinks", "drink"}
    | {"walk", "discussion", "talks", "run", "hike", "ride", "game", "dance", "catch-up"}
    | {"exchange", "debate", "brainstorm", "call", "meal", "beer", "tea", "chats"}
)
# Words ending in -ing that are nouns, not gerunds.
NOT_GERUNDS = frozenset(
    {"thing", "something", "nothing", "anything", "everything", "evening", "morning", "spring"}
    | {"string", "ring", "king", "wing", "sibling", "wedding", "pudding", "ceiling", "ping"}
    | {"during", "bring", "sing", "sting", "swing", "thing's"}
)
# Irregular past forms that are as often participles ("edits made offline", "a book read").
PARTICIPLES = frozenset(
    {"made", "met", "built", "found", "left", "lost", "sent", "bought", "held", "led", "put"}
    | {"kept", "meant", "paid", "sold", "spent", "understood", "heard", "let", "set", "hit"}
    | {"lent", "dug", "fed", "fought", "hung", "shut", "showed", "sat", "stood", "taught"}
    | {"brought", "thought", "told", "said", "won", "got", "known", "shown", "given"}
)
# Words after which a verb belongs to an embedded clause, not to the phrase itself.
EMBEDDING = frozenset(
    {"how", "why", "what", "which", "who", "whom", "whose", "that", "if", "whether", "when"}
    | {"where", "while", "because"}
)
PRONOUNS_BEFORE_RELATIVE = frozenset({"you", "i", "we", "they", "she", "he"})
# Past verbs done together: "talked about Rust" → "I'm glad we talked about Rust".
MUTUAL = frozenset(
    {"talked", "chatted", "discussed", "spoke", "argued", "laughed", "walked", "shared"}
    | {"exchanged", "bonded", "agreed", "danced", "ate", "drank", "sat", "played", "worked"}
    | {"hiked", "ran", "joked", "brainstormed", "compared", "swapped", "traded"}
)
# "introduced by Bob": a past participle with its agent is something done to the two of you.
PASSIVE_AFTER = frozenset({"by", "through", "via"})
# Words that judge the person: "funny", "great energy" are the user's to keep.
JUDGEMENTS = frozenset(
    {"great", "funny", "smart", "nice", "kind", "lovely", "interesting", "brilliant", "sharp"}
    | {"friendly", "shy", "quiet", "loud", "rude", "awkward", "boring", "weird", "tired"}
    | {"clever", "impressive", "cool", "charming", "warm", "arrogant", "cute", "hot", "odd"}
    | {"annoying", "pushy", "sweet", "intense", "strange", "good", "bad", "young", "old"}
    | {"very", "really", "super", "so", "quite", "bit", "a", "little", "kinda", "pretty"}
    | {"guy", "woman", "man", "person", "girl", "lady", "dude", "fellow", "character"}
    | {"energy", "vibe", "vibes", "type", "chap", "bloke", "gal"}
)
TRAILING = " \t.,;:!-—–"
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Remark:
    """A phrase about someone, made sayable to them.

    `sentence`: a whole sentence for a claim note, or None when it must not be said.
    `noun_phrase`: the phrase in the second person when it works as the object of "enjoyed"
    or "about" (else None). `withheld`: why nothing is said, for the user.
    """

    sentence: str | None
    noun_phrase: str | None
    withheld: str | None = None


def remark(phrase: str, names: tuple[str, ...] = ()) -> Remark:
    """The claim-note sentence for `phrase`, written about someone called one of `names`."""
    words = _words(phrase)
    if not words:
        return Remark(None, None)
    if _is_instruction(words):
        return Remark(None, None, "it reads as a note to yourself (a to-do)")
    words = _second_person(words, names)
    if any(word.casefold() in APPEARANCE for word in words):
        return Remark(None, None, "it describes how they seemed, which is yours to keep")
    if all(word.casefold() in JUDGEMENTS for word in words):
        return Remark(None, None, "it describes them, which is yours to keep")
    clause = _clause(words) or _past_without_subject(words)
    if clause is not None:
        return Remark(clause, None)
    noun_phrase = _noun_phrase(words)
    return Remark(_enjoyed(words, noun_phrase), noun_phrase)


def topic(phrase: str, names: tuple[str, ...] = ()) -> str | None:
    """`phrase` as what "our chat about …" can end with, in the second person; None for a
    clause or a note to self, which "about" cannot take."""
    words = _words(phrase)
    if not words or _is_instruction(words):
        return None
    words = _second_person(words, names)
    if _clause(words) is not None or any(w.casefold() in APPEARANCE for w in words):
        return None
    if words[0].casefold() == "about":
        words = words[1:]
    elif words[0].casefold() in PREPOSITIONS or _past_without_subject(words):
        return None
    if all(word.casefold() in JUDGEMENTS for word in words):
        return None
    return " ".join(words) or None


def _words(phrase: str) -> list[str]:
    """The phrase's words, trailing punctuation gone and a sentence's capital lowered."""
    text = " ".join(phrase.split()).strip(TRAILING).strip('"“”')
    words = WORD.findall(text)
    if words and _lowerable(words[0]):
        words[0] = words[0][0].lower() + words[0][1:]
    return words


def _lowerable(word: str) -> bool:
    """A capital that only starts a sentence: "Her talk", "Talking", not "Rust" or "I"."""
    folded = word.casefold()
    if word == "I" or word.startswith("I'") or word.isupper():
        return False
    known = (
        folded in DETERMINERS
        or folded in POSSESSIVES
        or folded in SUBJECT_PRONOUNS
        or folded in CONTRACTIONS
        or folded in PREPOSITIONS
        or folded in FIRST_PERSON
        or folded in CLAUSE_SUBJECTS
        or folded in PRESENTED
        or folded in TOGETHER
        or folded in INSTRUCTIONS
    )
    return known or _is_gerund(folded)


def _is_instruction(words: list[str]) -> bool:
    first = words[0].casefold()
    if first in ("follow", "check", "look") and len(words) > 1:
        return words[1].casefold() in ("up", "in", "out", "into", "back", "at", "for")
    if first in ("call", "talk", "run", "walk", "dance", "drink", "text", "email", "e-mail"):
        return len(words) > 1 and words[1].casefold() in ("her", "him", "them", "back")
    return first in INSTRUCTIONS - {"call", "text", "email", "e-mail", "look", "check"}


def _second_person(words: list[str], names: tuple[str, ...]) -> list[str]:
    """Third person (and the person's own name) moved to "you", verbs made to agree."""
    shifted: list[str] = []
    named = {name.casefold() for name in names if name}
    expect_verb = False
    for index, word in enumerate(words):
        folded = word.casefold()
        following = words[index + 1].casefold() if index + 1 < len(words) else ""
        if expect_verb and folded in ADVERBS:
            shifted.append(word)
            continue
        if expect_verb:
            shifted.append(_agreeing(word))
            expect_verb = False
            continue
        replaced, expect_verb = _shifted_word(word, folded, following, named, index)
        shifted.append(replaced)
    return shifted


def _shifted_word(
    word: str, folded: str, following: str, named: set[str], index: int
) -> tuple[str, bool]:
    """One word in the second person, and whether a verb that must agree comes next."""
    if folded in CONTRACTIONS:
        return CONTRACTIONS[folded], False
    if folded in SUBJECT_PRONOUNS:
        return "you", folded != "they"
    if folded == "her":
        at_end = not following or following in AFTER_OBJECT
        return ("you" if at_end else "your"), False
    if folded in POSSESSIVES:
        return POSSESSIVES[folded], False
    if folded in OBJECTS:
        return OBJECTS[folded], False
    if folded in REFLEXIVES:
        return REFLEXIVES[folded], False
    bare = folded.removesuffix("'s").removesuffix("’s")
    if bare in named and bare != folded:
        return "your", False
    if folded in named:
        subject = index == 0 and following not in ("", *AFTER_OBJECT)
        return "you", subject
    return word, False


def _agreeing(verb: str) -> str:
    """A third-person singular present verb as it goes with "you": works → work."""
    folded = verb.casefold()
    if folded in AGREEMENT:
        return AGREEMENT[folded]
    if folded in AUXILIARIES or folded in IRREGULAR_PAST or folded.endswith("ed"):
        return verb
    if folded.endswith("ies") and len(folded) > 4:
        return verb[:-3] + "y"
    if folded.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        return verb[:-2]
    if folded.endswith("s") and not folded.endswith("ss"):
        return verb[:-1]
    return verb


def _clause(words: list[str]) -> str | None:
    """The sentence for a clause, or None when the words are no clause."""
    folded = [w.casefold() for w in words]
    subject_end = _subject_end(folded)
    if subject_end is None:
        return None
    verb = _verb_after(folded, subject_end)
    if verb is None:
        return None
    text = " ".join(words)
    if folded[0] in FIRST_PERSON and not _past(verb):
        return _capitalised(text) + "."
    if _past(verb):
        return f"I'm glad {text}."
    return f"I'm glad to hear {text}."


def _past_without_subject(words: list[str]) -> str | None:
    """ "met her at the bar" → "I'm glad I met you at the bar"; "talked about Rust" → "we";
    "introduced by Bob" → "we were"."""
    first = words[0].casefold()
    if not (first in IRREGULAR_PAST or (first.endswith("ed") and len(first) > 4)):
        return None
    following = words[1].casefold() if len(words) > 1 else ""
    text = " ".join(words)
    if following in PASSIVE_AFTER:
        return f"I'm glad we were {text}."
    if first in MUTUAL and following != "you":
        return f"I'm glad we {text}."
    return f"I'm glad I {text}."


def _subject_end(folded: list[str]) -> int | None:
    """Where the clause's subject ends (the index after it), if the words open with one."""
    first = folded[0]
    if first in FIRST_PERSON or first in CLAUSE_SUBJECTS:
        return 1
    if first in DETERMINERS or first in POSSESSIVES:
        modified = False  # past a preposition, "made" is more likely "edits made offline"
        for index, word in enumerate(folded[1:], start=1):
            if word in EMBEDDING:
                return None  # "a chat about how it can work": the verb is not the phrase's
            if folded[index - 1] in PRONOUNS_BEFORE_RELATIVE:
                continue  # "the talk you gave": a relative clause inside the noun phrase
            modified = modified or word in PREPOSITIONS or _is_gerund(word)
            past = word in IRREGULAR_PAST and not (modified and word in PARTICIPLES)
            if word in AUXILIARIES or past or word in APPEARANCE:
                return index
        return None
    return None


def _verb_after(folded: list[str], start: int) -> str | None:
    """The first verb at `start`, after any adverbs; contractions count as their verb."""
    if start == 1 and "'" in folded[0] and folded[0] not in ("i'm",):
        return _contracted(folded[0])
    if folded[0] == "i'm":
        return "am"
    index = start
    while index < len(folded) and folded[index] in ADVERBS:
        index += 1
    if index >= len(folded):
        return None
    word = folded[index]
    if word in AUXILIARIES or word in IRREGULAR_PAST or word.endswith("ed"):
        return word
    if word.endswith("s") and folded[0] in ("it", "there"):
        return word
    if folded[0] in FIRST_PERSON or folded[0].startswith("you"):
        return word if _could_be_verb(word) else None
    return None


def _contracted(word: str) -> str:
    """The verb hidden in "you're", "we've", "it's"."""
    tail = word.split("'", 1)[1]
    return {"re": "are", "ve": "have", "d": "would", "ll": "will", "s": "is", "m": "am"}.get(
        tail, "is"
    )


def _could_be_verb(word: str) -> bool:
    """After "I", "we" or "you" almost any word is a verb: not a determiner or preposition."""
    return word not in DETERMINERS and word not in PREPOSITIONS and word.isalpha()


def _past(verb: str) -> bool:
    return (
        verb in ("was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't")
        or verb in IRREGULAR_PAST
        or (verb.endswith("ed") and verb not in PRESENT_AUXILIARIES)
    )


def _noun_phrase(words: list[str]) -> str:
    if words[0].casefold() == "about":
        words = words[1:] or words
    return " ".join(words)


def _enjoyed(words: list[str], noun_phrase: str) -> str:
    """ "I enjoyed …" with the frame the noun phrase's first word asks for."""
    first = words[0].casefold()
    if _is_gerund(first):
        return f"I enjoyed {noun_phrase}."
    if first in DETERMINERS:
        head = _head_noun([w.casefold() for w in words[1:]])
        return f"I enjoyed {noun_phrase}." if head else f"I enjoyed our chat about {noun_phrase}."
    if first in JUDGEMENTS and _head_noun([w.casefold() for w in words[1:]]):
        return f"I enjoyed our {noun_phrase}."
    if first in PREPOSITIONS:
        return f"I enjoyed our chat {' '.join(words)}."
    if first in PRESENTED:
        return f"I enjoyed the {noun_phrase}."
    if first in TOGETHER:
        return f"I enjoyed our {noun_phrase}."
    return f"I enjoyed our chat about {noun_phrase}."


def _head_noun(folded: list[str]) -> str | None:
    """A talk-like or together-like noun before the phrase's first preposition."""
    for word in folded:
        if word in PREPOSITIONS or word in EMBEDDING:
            return None
        if word in PRESENTED or word in TOGETHER:
            return word
    return None


def _is_gerund(folded: str) -> bool:
    return folded.endswith("ing") and len(folded) > 4 and folded not in NOT_GERUNDS


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text
