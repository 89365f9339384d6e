"""Turning a phrase the user typed about someone into words that can be said *to* them, or
deciding that it must not be said at all.

`kith met --about "her talk on CRDTs"` and `kith log --topic "the Postgres migration"` are
written about a person, in any shape. A draft is written to that person, so the phrase is moved
into the second person ("her talk" → "your talk", "she was on the panel" → "you were on the
panel") and put into the frame its shape needs:

| shape | example | claim-note sentence |
|---|---|---|
| a noun phrase | "the panel on local-first" | I enjoyed the panel on local-first. |
| a bare topic | "CRDTs" | I enjoyed our chat about CRDTs. |
| something presented | "talk on sync engines" | I enjoyed the talk on sync engines. |
| time together | "coffee after the keynote" | I enjoyed our coffee after the keynote. |
| a gerund | "talking about Rust" | I enjoyed talking about Rust. |
| a place or topic | "about CRDTs", "at the after-party" | I enjoyed our chat at the after-party. |
| a shared event, past | "she gave the keynote" | I'm glad you gave the keynote. |

Users type notes to themselves where a remark was asked for, so the rule is to say back only
what has one of those shapes and nothing of the user's own in it: no judgement of the person
("kind of boring", "funny guy"), no instruction or intention ("follow up about the job",
"maybe hire her", "potential client"), no question, nothing personal (health, family, money,
work trouble: "her cancer diagnosis", "quitting his job"), no news about them that is theirs to
share ("she just had a baby", "he is looking for a job"), no other language. For those,
`remark` returns no sentence and says why, so that `kith met` can tell the user.

English only, by the word lists of kith.drafts.lexicon: a heuristic, tested on the phrases in
tests/fixtures/drafts/phrases.txt, not a parser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kith.drafts import lexicon as lx
from kith.drafts.emoji import emoji
from kith.drafts.second_person import bare, second_person
from kith.names import ASIDE, SPACED_MARK

QUOTES = "\"'“”‘’«»"
EDGES = " \t.,;:!-—–…()[]{}" + QUOTES
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
    said = without_reaction(phrase)
    if not said and _words(phrase):
        return Remark(None, None, _only_reaction(phrase))
    words = _words(said)
    if not words:
        return Remark(None, None)
    why = _withheld(said, words)
    if why:
        return Remark(None, None, why)
    words = second_person(words, names)
    while len(words) > 1 and bare(words[0]) in lx.ADVERBS:
        words = words[1:]  # "also his demo"
    if not _happened([bare(w) for w in words]):
        return Remark(None, None, NOT_AN_EVENT)
    sentence, noun_phrase = _shaped(words)
    if sentence is None:
        return Remark(None, None, NOT_AN_EVENT)
    if len(sentence) > lx.MAX_REMARK_CHARS:
        return Remark(
            None, None, f"it is too long for a claim note (keep it under {lx.MAX_REMARK_CHARS})"
        )
    return Remark(sentence, noun_phrase)


NOT_AN_EVENT = (
    "Kith says back only what happened between you there (a talk, a demo, a question, a "
    "coffee), not what was said or who they are"
)


def _happened(folded: list[str]) -> bool:
    """Whether the phrase tells what happened between you at the event, which may be said
    back: something presented (a talk and its subject are public), time spent together, or a
    shown verb with where it happened. What was talked about, news and descriptions are the
    two people's own."""
    head_at = next((i for i, w in enumerate(folded) if w in lx.PRESENTED | lx.TOGETHER), None)
    topic_at = next((i for i, w in enumerate(folded) if w in lx.TOPIC_MARKERS), None)
    if head_at is not None and folded[head_at] in lx.PRESENTED:
        return topic_at is None or topic_at > head_at
    if topic_at is not None:
        return False
    verbs = [w for w in folded if w in lx.IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4)]
    if any(v not in lx.SHOWN_VERBS for v in verbs):
        return False
    if head_at is not None:
        return True
    if folded[0] in lx.DONE_TOGETHER:
        return folded[1:] == ["together"]
    if folded[0] in lx.PLACE_WORDS and folded[0] not in ("on", "by", "via", "through"):
        return not verbs  # "at the after-party", "during the break": where you met
    return bool(verbs) and any(w in lx.PLACE_WORDS for w in folded)


# Why a topic of a log with several people is not said when it says "her", "his", "they", …
SHARED_PRONOUN = (
    'it was logged with several people, and "{word}" could be any of them; name whom it is '
    'about: "Lena\'s new flat" is said to Lena as "your new flat", to the others as written'
)


def topic(phrase: str, names: tuple[str, ...] = (), shared: bool = False) -> str | None:
    """`phrase` as what "our chat about …" can end with, in the second person; None for
    anything `remark` would not say, or for a clause, which "about" cannot take. A topic
    `shared` by several people is not said when it speaks of someone as "her" or "his": it is
    theirs, not necessarily this person's (trial 4: "your new flat" to a guest at a
    housewarming)."""
    phrase = without_reaction(phrase)
    words = _words(phrase)
    if not words or _withheld(phrase, words) or (shared and _pronoun(words)):
        return None
    words = second_person(words, names)
    first = bare(words[0])
    if first in lx.TOPIC_MARKERS:  # "about …", "re: …" (a mail's subject, trial 6)
        words = words[1:]
    elif (
        first in lx.PREPOSITIONS
        or _clause(words) is not None
        or _past_without_subject(words) is not None
    ):
        return None
    if not words or not _topic_like(words):
        return None
    return " ".join(words)


def topic_withheld(phrase: str, names: tuple[str, ...] = (), shared: bool = False) -> str | None:
    """Why `topic` will not say this phrase, in words for the user; None when it will."""
    if _words(phrase) and not without_reaction(phrase):
        return _only_reaction(phrase)
    phrase = without_reaction(phrase)
    words = _words(phrase)
    if not words or topic(phrase, names, shared) is not None:
        return None
    pronoun = _pronoun(words) if shared else None
    return (
        _withheld(phrase, words)
        or (SHARED_PRONOUN.format(word=pronoun) if pronoun else None)
        or (
            'drafts say "our chat about …", which needs a noun phrase such as "the Postgres '
            'migration", not a sentence'
        )
    )


def withheld(phrase: str) -> str | None:
    """Why `phrase`, said of them in any shape (what they are working on), must not be said
    back to them, if it must not: the rule a topic follows, without the topic's shape."""
    words = _words(without_reaction(phrase))
    return _withheld(phrase, words) if words else None


# A reaction of the user's at a phrase's end is theirs, not the topic's (trial 7: "I enjoyed
# our chat about the garden 🙄."): a word of one ("lol", "ugh", "haha", "smh"), an emoticon
# (":)", "xD", "<3", "^^"), an action in asterisks ("*he cried*", "*eye roll*"), a run of two
# or more "!" or "?" ("!!!", "?!"), and emoji, by their Unicode category (drafts/emoji.py).
REACTION_WORD = re.compile(
    r"l+o+l+z?|lmf?a+o+|rofl|(?:a?ha){2,}h?|(?:he){2,}|u+g+h+|meh|omf?g+|wtf|ffs|fml|smh|sigh"
    r"|yikes|oo+f|oops|jk|a+r+g+h+|ya+y|woo+(?:hoo+)?|phew|whew|eek|e+w+|yuck|blah|bleh|kek",
    re.IGNORECASE,
)
EMOTICON = re.compile(
    r"[:;=][-'^o]?[()\[\]DPpOo/\\|*3@$]+|[xX]D+|</?3+|\^[_.-]?\^|-_-|[Tt]_[Tt]|[oO]_[oO]"
)
ACTION = re.compile(r"(?:^|\s)\*(?:[^*\s]|[^*\s][^*]*[^*\s])\*$")  # "*he cried*", "*eye roll*"
CRIES = re.compile(r"[!?‽⁈⁉]{2,}$")  # "!!!", "???", "?!": one "?" still asks a question
REACTION_ONLY = "it is only a reaction of yours (a word such as lol, an emoji, an action)"


def _only_reaction(phrase: str) -> str:
    """Why a phrase that is all reaction ("lol", "?!", "*he cried*") is not said back."""
    why = _withheld(phrase, _words(phrase))
    return REACTION_ONLY if why is None or why in (NOTED, NOTED_ELSE) else why


def without_reaction(phrase: str) -> str:
    """`phrase` without the user's reactions at its end, one after another ("the launch!!!
    ugh" → the launch, "the garden 🙄 lol" → the garden, "*he cried*" → ""), with the mark
    that set them off ("the garden, lol" → the garden); its lines kept apart (a note on a line
    of its own stays one: trial 8). A reaction word right after a word
    that needs one more ("Legends of LOL", "the LOL") is part of the phrase."""
    text = "\n".join(" ".join(line.split()) for line in phrase.splitlines() if line.strip())
    while text:
        cut = _reaction_at(text)
        if cut is None:
            return text
        text = text[:cut].rstrip(" ,;:-–—…~")
    return text


def _reaction_at(text: str) -> int | None:
    """Where a reaction ending `text` starts, if one does."""
    end = len(text)
    while end and emoji(text[end - 1]):
        end -= 1
    if end < len(text):
        return end
    for pattern in (ACTION, CRIES):
        found = pattern.search(text)
        if found:
            return found.start()
    before, _, last = text.rpartition(" ")
    word = last.rstrip(".!")
    previous = bare(before.rpartition(" ")[2]) if before else ""
    if previous in lx.PREPOSITIONS | lx.DETERMINERS | lx.GRAMMAR:
        return None
    if REACTION_WORD.fullmatch(word) or EMOTICON.fullmatch(word):
        return len(before)
    return None


def _pronoun(words: list[str]) -> str | None:
    """The first word that speaks of someone in the third person ("her", "his", "they"), which
    `second_person` would say as "you"."""
    moved = second_person(words, ())
    return next((bare(w) for w, said in zip(words, moved, strict=True) if said != w), None)


def in_second_person(text: str, names: tuple[str, ...] = ()) -> str:
    """Any text (what they are working on) with the third person moved to "you", without a
    reaction of the user's at its end."""
    words = _words(without_reaction(text))
    return " ".join(second_person(words, names)) if words else ""


def _words(phrase: str) -> list[str]:
    """The phrase's words: asides in brackets, outer punctuation and a wrapping pair of quotes
    gone, a sentence's capital lowered, and Title Case words of grammar ("Her Talk On GPUs")
    made plain."""
    text = " ".join(ASIDE.sub(" ", phrase).split()) if not _wrapped(phrase.strip()) else phrase
    text = " ".join(text.split())
    text = text.strip(EDGES) if _wrapped(text) else text.rstrip(" \t.,;:!-—–…").lstrip(" \t…")
    words = WORD.findall(text)
    if words and _lowerable(words[0]):
        words[0] = words[0][0].lower() + words[0][1:]
    return [words[0], *(_plain(w) for w in words[1:])] if words else words


def _plain(word: str) -> str:
    """A Title Case word of grammar or a common noun in lower case: "Talk" → "talk"."""
    folded = bare(word)
    common = lx.PRESENTED | lx.TOGETHER | lx.PREPOSITIONS | lx.DETERMINERS | lx.GRAMMAR
    return word.lower() if word.istitle() and folded in common else word


def _wrapped(text: str) -> bool:
    """Whether quotes or brackets wrap the whole phrase ("(her talk on ZFS)")."""
    pairs = {'"': '"', "“": "”", "'": "'", "(": ")", "[": "]", "…": "…", "‘": "’"}
    return len(text) > 1 and pairs.get(text[0]) == text[-1]


def _lowerable(word: str) -> bool:
    """A capital that only starts a sentence: "Her talk", "Talking", not "Rust" or "I"."""
    folded = bare(word)
    if word == "I" or word.startswith("I'") or word.isupper():
        return False
    known = (
        folded in lx.DETERMINERS
        or folded in lx.POSSESSIVES
        or folded in lx.SUBJECT_PRONOUNS
        or folded in lx.CONTRACTIONS
        or folded in lx.PREPOSITIONS
        or folded in lx.FIRST_PERSON
        or folded in lx.CLAUSE_SUBJECTS
        or folded in lx.PRESENTED
        or folded in lx.TOGETHER
        or folded in lx.INSTRUCTIONS
    )
    return known or _is_gerund(folded)


def _withheld(phrase: str, words: list[str]) -> str | None:
    """Why the phrase is the user's own and must not be said back, if it is."""
    folded = [bare(w) for w in words]
    checks = (
        (not any(any(c.isalnum() for c in w) for w in folded), "it has no words to say back"),
        (all(w in lx.SLIGHT for w in folded), "it is too slight to say back"),
        ("?" in phrase, "it reads as a question to yourself"),
        (_is_instruction(folded), "it reads as a note to yourself (a to-do)"),
        (any(w in lx.INTENTIONS for w in folded), "it reads as a note to yourself"),
        (_touches_personal(words), PERSONAL),
        (secret(phrase, surprise=False), "it says it is a secret, which is yours to keep"),
        (any(w in lx.NEGATIVE for w in folded), "it judges them, which is yours to keep"),
        (any(w in lx.APPEARANCE for w in folded), "it describes how they seemed"),
        (_describes_them(folded), "it describes them, which is yours to keep"),
        (
            sum(w in lx.FOREIGN for w in folded) >= 2
            or any(w in lx.FOREIGN_POSSESSIVES for w in folded)
            or any(_unread_script(w) for w in folded),
            "Kith reshapes English phrases only",
        ),
        (_emoji_before_words(phrase), EMOJI_NOTE),
        (noted(phrase), NOTED),
        (noted_else(phrase), NOTED_ELSE),
    )
    return next((why for holds, why in checks if holds), None)


PERSONAL = "it touches on something personal, which is theirs to share"
NOTED = "it reads as a note to yourself after a dash, a comma or a semicolon"
EMOJI_NOTE = "it reads as a note to yourself after an emoji"
# What sets a note to yourself off the words before it: a dash, a slash or a bar between
# spaces, an em dash, or a semicolon ("the launch - he screwed it up", "the launch; he is lying").
NOTE_MARK = re.compile(rf"{SPACED_MARK}|\s(?:--|//|\|)\s|—|;")  # a name's marks and more
# Words that make what follows a comma a list rather than a note ("CRDTs, sync and Postgres").
LISTED = frozenset({"and", "or", "&", "plus", "nor"})
NOTED_ELSE = (
    "it reads as a note to yourself after a full stop, an arrow or another mark, a bracket "
    "left open or on a line of its own"
)
# [H] What else sets a note to yourself off (trial 8): a mark of its own between words ("the
# launch -> he lied", "~", "*", "=>"; "&" and "+" join a list), and the end of a sentence with
# more after it ("the launch. He screwed it up", "the launch... idiot", "the launch! he lied").
LOOSE_MARK = re.compile(r"(?<=\S)\s+[-–—/|\\~*<>=•·:!?.…^→⇒]+\s+(?=\S)")
SENTENCE_END = re.compile(r"(?<=\w)(?:(?:\.{2,}|…)\s*|[.!?]+\s+)(?=\S)")
# [H] A mark no topic or name needs, or one out of place (trial 8: "the launch* he lied", "the
# launch # he lied", "the launch) he lied", 'the launch" he lied'): a star, a tilde, a caret, a
# bar, a backslash, an equals sign, a bullet or an arrow ("->", "<-", "→") anywhere; a bracket
# or brace left after the asides are gone; a dash, slash or underscore not inside a word
# ("local-first", "CI/CD", "snake_case" are); a "#", "@", "$", "%" or "'" alone, "%" after no
# number, "$" before none, "!" or a colon between letters; a word opened by a full stop (not
# ".NET"), a colon, a semicolon, "!", "?" or "…". (An angle bracket alone between spaces is a
# LOOSE_MARK; "<sync>" is a word.)
STRAY = re.compile(
    r"[*~^|\\=§¶†‡•·→⇒←⟶➜✓✗{}()\[\]]|-+>|<-+"
    r"|(?<!\w)[-–/_]|[-–/_](?!\w)"
    r"|(?<!\S)[#@$%'’‘]+(?!\S)"
    r"|`|(?<!\d)%|\$(?!\d)|@(?!\w)|!(?=\w)|(?<=[^\W\d_]):(?=[^\W\d_])"
    r"|(?<!\S)(?:[:;!?…]|\.(?![A-Z]))"
)
# A clause joined on by a list's word or a mark: "the launch & he lied", "the launch and she
# cried", "Marathon training, he is slow" (a title keeps what follows a comma otherwise).
JOINED_CLAUSE = re.compile(
    r"(?:[,:;&+]|(?:^|\s)(?:and|but|or|so|then|because))\s*(?:he|she|they|i|we|you|it)\s+\w",
    re.IGNORECASE,
)
# Words that open a note to yourself ("the launch btw he lied", "the launch, fyi: …").
NOTE_WORDS = frozenset({"btw", "fyi", "tbh", "imo", "imho", "nb", "ps", "p.s", "fwiw", "ftr"})
# A full stop that ends a word and no sentence: "Dr. Kim's talk", "CRDTs vs. OT", "Acme Inc.";
# "U.S." and "J." are told by their dots and their length.
ABBREVIATION = re.compile(
    r"dr|mrs?|ms|mx|prof|st|mt|ft|vs?|inc|ltd|co|corp|[js]r|nos?|vol|etc|approx|dept|univ|rev"
    r"|gen|capt|lt|col|sgt|fr|ave|rd|blvd|eds?|fig|cf|al|est|feat|min|max",
    re.IGNORECASE,
)


def note_start(text: str) -> int | None:
    """Where a note to yourself begins in `text` (on one line, asides gone), by the marks
    trial 7 knew (NOTE_MARK) or those after it (trial 8): a loose or stray mark, a quote left
    open, a word that opens a note, a clause joined on, a sentence's end; None when there is
    none."""
    marks = (NOTE_MARK, LOOSE_MARK, STRAY, JOINED_CLAUSE)
    found = [m.start() for m in (mark.search(text) for mark in marks) if m]
    found += [m.start() for m in WORD.finditer(text) if bare(m.group(0)) in NOTE_WORDS][:1]
    quote = _unbalanced_quote(text)
    found += [] if quote is None else [quote]
    for end in SENTENCE_END.finditer(text):
        word = re.search(r"[\w.]+$", text[: end.start()])
        token = word.group(0) if word else ""
        single_stop = text[end.start() : end.end()].strip() == "."
        if single_stop and ("." in token or len(token) == 1 or ABBREVIATION.fullmatch(token)):
            continue  # an abbreviation's or an initial's full stop
        found.append(end.start())
        break
    return min(found, default=None)


def _unbalanced_quote(text: str) -> int | None:
    """Where a quote opens that nothing closes ('the launch" he lied'), else None."""
    for opening, closing in (('"', '"'), ("“", "”"), ("«", "»")):
        count = text.count(opening)
        if count % 2 if opening == closing else count != text.count(closing):
            return text.find(opening) if opening in text else text.find(closing)
    return None


def first_line(text: str) -> str:
    """The first line of `text` that says something: what follows on another line is a note
    ("Board dinner\nbring the contract")."""
    return next((line for line in text.splitlines() if line.strip()), "")


def one_line(text: str) -> str:
    """`text` on one line, as a topic, a remark or an article's title is kept: each line's
    spaces made one, and a line break kept as " / ", which drafts read as opening a note
    ("the launch\nhe screwed it up" → "the launch / he screwed it up": trial 8)."""
    return " / ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def noted_else(phrase: str) -> bool:
    """Whether `phrase` carries a note to yourself that `noted` does not see (trial 8): after
    a loose mark or a sentence's end, after a bracket left open, or on a line of its own."""
    if sum(1 for line in phrase.splitlines() if line.strip()) > 1:
        return True
    text = " ".join(ASIDE.sub(" ", phrase).split())
    text = text.rstrip(" \t.,;:!-—–…").lstrip(" \t…")  # the edges `_words` leaves out
    return note_start(text) is not None


def before_note(name: str) -> str:
    """A name (an event's, a place's) without a note to yourself after a mark, as calendars
    are full of (trial 7): "Tom dinner — private" → Tom dinner, "Board dinner, pitch him on
    the merger" → Board dinner; nothing after a colon ("FYI: Tom late again"), which may
    open the note or the name."""
    text = " ".join(name.split())
    if ": " in text:
        return ""
    cut = note_start(text)
    return (text[:cut] if cut is not None else text).partition(",")[0].strip()


def noted(phrase: str) -> bool:
    """Whether `phrase` carries a note to yourself after a mark (trial 7: "I enjoyed our chat
    about the launch; you are lying about the numbers."): a dash, slash, bar or semicolon; a
    colon after anything but "re" or "about" ("the launch: his fault"); a comma that opens
    no list ("the launch, he was wrong", "his talk, way too long"; not "CRDTs, sync and
    Postgres"). Asides in brackets are left out first: they are never said."""
    text = " ".join(ASIDE.sub(" ", phrase).split())
    if NOTE_MARK.search(text):
        return True
    head, colon, tail = text.partition(": ")
    if colon and tail.strip() and head.casefold() not in lx.TOPIC_MARKERS:
        return True
    _, comma, tail = text.partition(",")
    return bool(comma and tail.strip()) and not LISTED & set(tail.casefold().split())


def _emoji_before_words(text: str) -> bool:
    """Whether an emoji stands between words, setting what follows off as a dash would ("the
    launch 😡 he screwed it up"): its reactions at the end are gone before this is asked."""
    words = [any(ch.isalnum() for ch in word) for word in text.split()]
    marks = [n for n, word in enumerate(text.split()) if not words[n] and any(map(emoji, word))]
    return any(any(words[:n]) and any(words[n + 1 :]) for n in marks)


def personal(phrase: str) -> bool:
    """Whether `phrase` (a place: "the AA meeting", "the oncology ward") speaks of something
    personal; unlike `withheld`, another language or a name's script is no reason here."""
    return _touches_personal(_words(phrase))


def secret(phrase: str, surprise: bool = True) -> bool:
    """Whether `phrase` says it is kept from someone, in its asides too: "her startup
    (confidential)", and (`surprise`, for an event's name) "Surprise party for Tom", "Tom's
    40th (a surprise!)"; not "Office Secret Santa"."""
    lowered = " ".join(bare(w) for w in WORD.findall(phrase.casefold()))
    for game in lx.OPEN_SECRETS:
        lowered = lowered.replace(game, " ")
    words = lx.SECRECY | lx.SURPRISES if surprise else lx.SECRECY
    return any(w in words for w in lowered.split()) or any(p in lowered for p in lx.SECRECY_PHRASES)


def _touches_personal(words: list[str]) -> bool:
    """Whether the words speak of something personal (lexicon.PERSONAL_WORDS and its
    families): a word of one in any of its forms ("debts", "lawyer's", "sued", "divorcing"),
    a phrase of one ("pay rise", "panic attacks"), a word that is personal when it is theirs
    ("his pay", "her new diet"), a stem in another language; except in the subject of a work
    that is nobody's ("a book on grief", "the film about divorce"), which is as public as a
    talk's. Word lists, not understanding: a heuristic (docs/cli.md, "What a draft may
    quote")."""
    folded = [bare(w) for w in words]
    public = _public_subject(words, folded) | _in_titles(folded)
    kept = [w for n, w in enumerate(folded) if n not in public]
    owners = [_owner(w) for w in kept]  # "wife's job" is about her wife
    return (
        any(_personal(w) for w in owners)
        or _phrases().search(" ".join(kept)) is not None
        or any(w.startswith(lx.SENSITIVE_STEMS) for w in owners)
        or _owned(folded)
    )


def _in_titles(folded: list[str]) -> set[int]:
    """The places of the words of a title (lexicon.TITLES): "star wars" is a film, not a war."""
    found: set[int] = set()
    for title in lx.TITLES:
        words = title.split()
        for n in range(len(folded) - len(words) + 1):
            if folded[n : n + len(words)] == words:
                found.update(range(n, n + len(words)))
    return found


def _personal(word: str) -> bool:
    """A word of something personal, its plural ("debts", "panic attacks") or, for a verb of
    one, any of its forms ("sued", "suing", "sues", "miscarried")."""
    if word in lx.PERSONAL_WORDS or word.startswith(lx.SENSITIVE_PREFIXES):
        return True
    if word in lx.HEALTH_MORE or word.endswith(lx.HEALTH_ENDINGS):
        return True
    return any(base in lx.PERSONAL_WORDS for base in _singulars(word)) or any(
        base in lx.SENSITIVE_VERBS for base in _bases(word)
    )


def _singulars(word: str) -> tuple[str, ...]:
    """What `word` is the plural of, if it is one: "debts" → debt, "parties" → party."""
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    return (word[:-1],) if word.endswith("s") and not word.endswith("ss") else ()


def _bases(word: str) -> tuple[str, ...]:
    """The base forms a verb form may be of: "sued" → sue, "suing" → su/sue, "stopped" →
    stop, "dying" → die, "miscarried" → miscarry."""
    found: list[str] = list(_singulars(word))
    if word.endswith("ying"):
        found.append(word[:-4] + "ie")
    if word.endswith("ing") and len(word) > 4:
        stem = word[:-3]
        found += [stem, stem + "e"] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
    if word.endswith("ied"):
        found.append(word[:-3] + "y")
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        found += [stem, word[:-1]] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
    return tuple(found)


def _owned(folded: list[str]) -> bool:
    """Whether something personal when it is theirs follows "his", "her", "their" or someone's
    ("his pay", "her new diet", "Tom's rent"), within the words before a preposition."""
    for n, word in enumerate(folded):
        if word not in lx.POSSESSIVES and not (word.endswith(("'s", "’s")) and len(word) > 2):
            continue
        for after in folded[n + 1 : n + 4]:
            if after in lx.PREPOSITIONS or after in lx.DETERMINERS or after in lx.GRAMMAR:
                break
            if after in lx.OWNED or any(base in lx.OWNED for base in _singulars(after)):
                return True
    return False


def _public_subject(words: list[str], folded: list[str]) -> set[int]:
    """The places of the words that are the subject of a work ("a book on grief": grief), when
    nothing in it makes it someone's own: "her", "my", a name's "Tom's"."""
    for n, word in enumerate(folded[:-2]):
        if word not in lx.WORKS or folded[n + 1] not in ("on", "about", "of", "into"):
            continue
        subject = range(n + 2, len(folded))
        owned = any(
            folded[i] in lx.OWNERS
            or folded[i] in lx.POSSESSIVES
            or (folded[i].endswith(("'s", "’s")) and words[i][:1].isupper())
            for i in subject
        )
        return set() if owned else set(subject)
    return set()


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern[str]:
    """lexicon.SENSITIVE_PHRASES and HEALTH_PHRASES as whole words, the last in a plural or
    verb form too."""
    alternatives = "|".join(re.escape(p) for p in lx.SENSITIVE_PHRASES + lx.HEALTH_PHRASES)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|es|ing|ed)?(?![\w-])")


def _unread_script(word: str) -> bool:
    """A word with a letter outside the Latin script (Chinese, Cyrillic, Arabic, …), which no
    word list of Kith's reads: "他的新工作" is "his new job" (trial 5)."""
    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in word)


def _owner(word: str) -> str:
    """The word without a possessive ending: "husband's" → husband, "kids'" → kids."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def _describes_them(folded: list[str]) -> bool:
    """Praise or plain description of the person ("funny guy", "great at karaoke",
    "really smart"), not of something you shared ("a great chat")."""
    if all(w in lx.JUDGEMENTS or w in lx.PRAISE for w in folded):
        return True
    return folded[0] in lx.PRAISE and _head_noun(folded) is None


def _is_instruction(folded: list[str]) -> bool:
    first = folded[0]
    following = folded[1] if len(folded) > 1 else ""
    if first in ("follow", "check", "look") and following:
        return following in ("up", "in", "out", "into", "back", "at", "for", "if")
    if first in ("call", "talk", "run", "walk", "dance", "drink", "text", "email", "e-mail"):
        return following in ("her", "him", "them", "back")
    if first == "i" and following in ("should", "must", "need", "want", "will", "'ll"):
        return True
    return first in lx.INSTRUCTIONS - {"call", "text", "email", "e-mail", "look", "check"}


def _shaped(words: list[str]) -> tuple[str | None, str | None]:
    """The sentence (and the noun phrase, when it is one) for a phrase that passed the checks;
    (None, None) for a shape that may not be said back."""
    clause = _clause(words)
    if clause is not None:
        return (clause or None), None
    past = _past_without_subject(words)
    if past is not None:
        return (past or None), None
    folded = [bare(w) for w in words]
    if folded[0] in lx.VERBS_3RD or not _topic_like(words):
        return None, None
    noun_phrase = " ".join(words[1:] if folded[0] == "about" and len(words) > 1 else words)
    return _enjoyed(words, noun_phrase), noun_phrase


def _topic_like(words: list[str]) -> bool:
    """A phrase with no verb of its own (its first word may be a gerund; "the talk you gave"
    has a relative clause, not a verb of its own)."""
    folded = [bare(w) for w in words]
    start = 1 if _is_gerund(folded[0]) else 0
    verbs = lx.VERBS_3RD | lx.VERB_BASES | lx.IRREGULAR_PAST - lx.PARTICIPLES
    own = [
        w
        for n, w in enumerate(folded[start:], start=start)
        if w in verbs
        and not (n and folded[n - 1] in lx.PRONOUNS_BEFORE_RELATIVE)
        and not _plural_noun(folded, n)
    ]
    return not own and folded[0] not in lx.FIRST_PERSON


def _plural_noun(folded: list[str], n: int) -> bool:
    """Whether the word at `n`, spelt as a verb ("plans"), is a plural noun there: after a word
    that is not its subject and before nothing (or an emoji) or a preposition ("Ramadan
    plans", "the peace talks on Gaza"), not "she plans a trip" or "the team plans a launch"
    (trial 5)."""
    after = next((w for w in folded[n + 1 :] if any(ch.isalnum() for ch in w)), None)
    subjects = lx.SUBJECT_PRONOUNS | lx.FIRST_PERSON | lx.CLAUSE_SUBJECTS
    return (
        folded[n] in lx.PLURAL_NOUNS
        and n > 0
        and folded[n - 1] not in subjects
        and (after is None or after in lx.PREPOSITIONS | {"for"})
    )


def _clause(words: list[str]) -> str | None:
    """The sentence for a clause; "" for a clause that may not be said; None for no clause."""
    folded = [bare(w) for w in words]
    subject_end = _subject_end(folded)
    if subject_end is None:
        return None
    verb = _verb_after(folded, subject_end)
    if verb is None:
        return None
    text = " ".join(words)
    if folded[0] in lx.FIRST_PERSON and not _past(verb):
        shared = folded[0] == "we" and ("both" in folded or verb in ("share", "love", "like"))
        return _capitalised(text) + "." if shared else ""
    shared_event = verb in lx.EVENT_VERBS or folded[0] == "we"  # "we both missed the bus"
    if _past(verb) and shared_event and _copula_allowed(folded, verb):
        return f"I'm glad {text}."
    return ""  # news about them, or a present fact: theirs to share


def _copula_allowed(folded: list[str], verb: str) -> bool:
    """ "was/were" only as "on/at the <event noun>": "you were on the panel"."""
    if verb not in ("was", "were"):
        return True
    index = folded.index(verb)
    rest = folded[index + 1 : index + 4]
    return len(rest) >= 2 and rest[0] in ("on", "at") and _head_noun(rest[1:]) is not None


def _past_without_subject(words: list[str]) -> str | None:
    """ "met her at the bar" → "I'm glad I met you at the bar"; "helped me fix it" → "you";
    "talked about Rust" → "we"; "introduced by Bob" → "we were". "" when the verb is not one
    of a shared event; None when the words do not open with a past verb."""
    folded = [bare(w) for w in words]
    first = folded[0]
    contracted = first.endswith(("'d", "’d")) and len(first) > 2  # "DM'd me"
    if not (first in lx.IRREGULAR_PAST or (first.endswith("ed") and len(first) > 4)):
        return "" if contracted else None
    following = folded[1] if len(folded) > 1 else ""
    text = " ".join(words)
    if first == "met" and following in lx.PASSIVE_AFTER:
        return f"I'm glad we met through {' '.join(words[2:])}."
    if following in lx.PASSIVE_AFTER:
        return f"I'm glad we were {text}."
    if first not in lx.EVENT_VERBS:
        return ""
    if following == "me":
        return f"I'm glad you {text}."
    if first in lx.MUTUAL or (first == "met" and following != "you"):
        return f"I'm glad we {text}."
    return f"I'm glad I {text}."


def _subject_end(folded: list[str]) -> int | None:
    """Where the clause's subject ends (the index after it), if the words open with one."""
    first = folded[0]
    if first in lx.FIRST_PERSON or first in lx.CLAUSE_SUBJECTS:
        return 1
    if first in lx.DETERMINERS or first in lx.POSSESSIVES:
        modified = False  # past a preposition, "made" is more likely "edits made offline"
        for index, word in enumerate(folded[1:], start=1):
            if word in lx.EMBEDDING:
                return None  # "a chat about how it can work": the verb is not the phrase's
            if folded[index - 1] in lx.PRONOUNS_BEFORE_RELATIVE:
                continue  # "the talk you gave": a relative clause inside the noun phrase
            modified = modified or word in lx.PREPOSITIONS or _is_gerund(word)
            past = word in lx.IRREGULAR_PAST and not (modified and word in lx.PARTICIPLES)
            if word in lx.AUXILIARIES or past or word in lx.APPEARANCE:
                return index
        return None
    return None


def _verb_after(folded: list[str], start: int) -> str | None:
    """The first verb at `start`, after any adverbs; contractions count as their verb."""
    if folded[0] == "i'm":
        return "am"
    if start == 1 and "'" in folded[0]:
        return _contracted(folded[0])
    index = start
    while index < len(folded) and folded[index] in lx.ADVERBS:
        index += 1
    if index >= len(folded):
        return None
    word = folded[index]
    if word in lx.AUXILIARIES or word in lx.IRREGULAR_PAST or word.endswith("ed"):
        return word
    if word.endswith("s") and folded[0] in ("it", "there"):
        return word
    if folded[0] in lx.FIRST_PERSON or folded[0].startswith("you"):
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
    return word not in lx.DETERMINERS and word not in lx.PREPOSITIONS and word.isalpha()


def _past(verb: str) -> bool:
    return (
        verb in ("was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't")
        or verb in lx.IRREGULAR_PAST
        or (verb.endswith("ed") and verb not in lx.PRESENT_AUXILIARIES)
    )


def _enjoyed(words: list[str], noun_phrase: str) -> str:
    """ "I enjoyed …" with the frame the noun phrase's first word asks for."""
    folded = [bare(w) for w in words]
    first = folded[0]
    if _is_gerund(first) and len(words) > 1:
        return f"I enjoyed {noun_phrase}."
    if first.endswith(("'s", "’s")) or first in lx.DETERMINERS or first in lx.PRAISE:
        head = _head_noun(folded[1:])
        if head and first in lx.PRAISE:
            return f"I enjoyed our {noun_phrase}."
        return f"I enjoyed {noun_phrase}." if head else f"I enjoyed our chat about {noun_phrase}."
    if first in lx.PREPOSITIONS and first != "about":
        return f"I enjoyed our chat {' '.join(words)}."
    if first in lx.PRESENTED:
        return f"I enjoyed the {noun_phrase}."
    if first in lx.TOGETHER:
        return f"I enjoyed our {noun_phrase}."
    return f"I enjoyed our chat about {noun_phrase}."


def _head_noun(folded: list[str]) -> str | None:
    """A talk-like or together-like noun before the phrase's first preposition."""
    for word in folded:
        if word in lx.PREPOSITIONS or word in lx.EMBEDDING:
            return None
        if word in lx.PRESENTED or word in lx.TOGETHER:
            return word
    return None


def _is_gerund(folded: str) -> bool:
    return folded.endswith("ing") and len(folded) > 4 and folded not in lx.NOT_GERUNDS


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text
