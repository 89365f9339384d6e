"""Matching the phrases people write about needs, offers and interests, pure: "hiring a data
engineer" meets "looking for a data role", "raising a seed round" meets "angel investing".

A phrase becomes a `Phrase`: its roles (hiring, looking for work, raising, investing, mentoring,
being mentored, ...: each in a family of roles that answer each other) and its topic words,
normalised (case, accents, punctuation), stemmed (Snowball's English stemmer) and put through a
small table of synonyms ("ml" is "machine learning", "dev" is "engineer"). Two phrases match when
their roles agree and their topics overlap; a need meets another's need only when their roles
answer each other (hiring ↔ looking for a role). Measured on tests/fixtures/phrase_pairs.tsv
(docs/benchmarks.md); docs/science.md says why there is no embedding model.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from kith.names import fold

# [H] The least score that counts as a match; a role agreed with no topic to compare scores
# ROLE_ONLY, and a role agreed adds ROLE_FLOOR under the topic's overlap.
MATCH = 0.6
ROLE_ONLY = 0.75
ROLE_FLOOR = 0.5

# Roles, each in a family whose members answer each other: a need for one is met by an offer of
# the same family, and two needs meet when their roles differ within a family. A role names
# what the phrase speaks of ("a mentor", "mentoring": mentor; "a mentee": mentee).
FAMILIES = {
    "hire": "jobs",
    "job": "jobs",
    "raise": "capital",
    "invest": "capital",
    "mentee": "mentoring",
    "mentor": "mentoring",
    "client": "work",
    "provider": "work",
    "cofounder": "founding",
    "learner": "teaching",
    "teacher": "teaching",
}
# Phrases (of normalised words) that name a role, longest first when read.
ROLE_PHRASES = {
    "looking to hire": "hire",
    "open role": "hire",
    "open roles": "hire",
    "open position": "hire",
    "open positions": "hire",
    "job opening": "hire",
    "job openings": "hire",
    "growing the team": "hire",
    "building a team": "hire",
    "looking for a job": "job",
    "looking for a role": "job",
    "looking for work": "job",
    "job search": "job",
    "job hunt": "job",
    "job hunting": "job",
    "open to work": "job",
    "next role": "job",
    "new role": "job",
    "new job": "job",
    "career change": "job",
    "career move": "job",
    "seed round": "raise",
    "series a": "raise",
    "pre seed": "raise",
    "deal flow": "invest",
    "venture capital": "invest",
    "co founder": "cofounder",
    "founding partner": "cofounder",
}
# Single stems that name a role.
ROLE_STEMS = {
    "hire": "hire",
    "recruit": "hire",
    "headcount": "hire",
    "job": "job",
    "role": "job",
    "posit": "job",
    "jobseek": "job",
    "rais": "raise",
    "fundrais": "raise",
    "fund": "raise",
    "invest": "invest",
    "investor": "invest",
    "angel": "invest",
    "vc": "invest",
    "mentor": "mentor",
    "mente": "mentee",
    "client": "client",
    "custom": "client",
    "freelanc": "provider",
    "contract": "provider",
    "consult": "provider",
    "cofound": "cofounder",
    "learn": "learner",
    "teach": "teacher",
    "tutor": "teacher",
}
# Words that say nothing about the topic.
_STOP = """a an the for to of in on at with and or by from into about as my our their his her its
    some someone somebody anyone people person who that this these those can could would help
    helping need needs needed needing want wants wanted looking look seeking seek find finding
    get getting new good great more any intro intros introduction introductions advice tips
    work working is are be being i we they you it one two few quiet discreet confidential
    urgent urgently small big first"""
STOPWORDS = frozenset(_STOP.split())
# Topic synonyms: each key (normalised words) is read as its value, a single canonical word;
# a one-word key also stands for its other forms ("journalists" as "journalist").
SYNONYMS = {
    "machine learning": "ml",
    "ai": "ml",
    "artificial intelligence": "ml",
    "user experience": "ux",
    "user interface": "ui",
    "front end": "frontend",
    "back end": "backend",
    "data scientist": "datascience",
    "data science": "datascience",
    "start up": "startup",
    "dev": "engineer",
    "developer": "engineer",
    "programmer": "engineer",
    "programming": "engineer",
    "coder": "engineer",
    "swe": "engineer",
    "lawyer": "legal",
    "attorney": "legal",
    "law": "legal",
    "accountant": "accounting",
    "bookkeeping": "accounting",
    "designer": "design",
    "k8s": "kubernetes",
    "postgresql": "postgres",
    "db": "database",
    "analytics": "data",
    "analyst": "data",
    "speaker": "talk",
    "speaking": "talk",
    "tester": "test",
    "aws": "cloud",
    "gcp": "cloud",
    "azure": "cloud",
    "pr": "press",
    "media": "press",
    "journalist": "press",
    "vcs": "vc",
}
_WORD = re.compile(r"[a-z0-9+#]+")


@dataclass(frozen=True)
class Phrase:
    """A phrase read for matching: its roles and its topic stems."""

    text: str
    roles: frozenset[str]
    topics: frozenset[str]


# The package name the English stemmer's module is imported under (`_stemmer`): no other import
# names it, so none can take the stand-in for snowballstemmer itself.
STAND_IN = "_kith_snowballstemmer"
# One word stemmed at a time: a Snowball stemmer keeps the word it works on in itself, and the
# web app matches phrases in several threads at once (a request, the week ahead, the report).
_STEMMING = threading.Lock()


@cache
def _stemmer() -> Any:
    """Snowball's English stemmer, imported at the first phrase read (under _STEMMING): only
    commands that match phrases need it. `snowballstemmer.stemmer("english")` itself, but
    without the package's `__init__`, which imports its 36 languages' stemmers (about twice a
    bare Python start in instructions, the most of `kith ledger NAME`'s matching): the English
    module is imported from the package's files under a stand-in package of its own name
    (STAND_IN), and none of them is left in sys.modules after (a later `import snowballstemmer`
    imports the package as usual). When PyStemmer is installed the package's `stemmer` is
    PyStemmer's, and is taken as before."""
    import sys
    from importlib.machinery import PathFinder

    package = PathFinder.find_spec("snowballstemmer")
    locations = package.submodule_search_locations if package is not None else None
    if "snowballstemmer" in sys.modules or not locations or PathFinder.find_spec("Stemmer"):
        import snowballstemmer

        return snowballstemmer.stemmer("english")
    stand_in = ModuleType(STAND_IN)
    stand_in.__path__ = list(locations)
    sys.modules[STAND_IN] = stand_in
    try:
        english = __import__(f"{STAND_IN}.english_stemmer", fromlist=("EnglishStemmer",))
    finally:
        for name in [n for n in sys.modules if n.partition(".")[0] == STAND_IN]:
            del sys.modules[name]
    return english.EnglishStemmer()


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation ("Co-founder's" → co founder s)."""
    return _WORD.findall(fold(text).replace("'", " "))


@cache
def read(text: str) -> Phrase:
    """The phrase's roles and topic stems."""
    found = " ".join(words(text))
    roles = set()
    # a pattern is compiled only for a phrase the text holds (a pattern of it matches nowhere
    # else): most texts hold none, and compiling each of them was most of a phrase's first read
    for phrase in sorted(ROLE_PHRASES, key=len, reverse=True):
        pattern = rf"\b{re.escape(phrase)}\b"
        if phrase in found and re.search(pattern, found):
            roles.add(ROLE_PHRASES[phrase])
            found = re.sub(pattern, " ", found)
    for key in (k for k in sorted(SYNONYMS, key=len, reverse=True) if " " in k):
        if key in found:
            found = re.sub(rf"\b{re.escape(key)}\b", SYNONYMS[key], found)
    topics = set()
    for word in found.split():
        if word in STOPWORDS:
            continue
        stem = _stem(_synonyms().get(_stem(word), word))
        if stem in ROLE_STEMS:
            roles.add(ROLE_STEMS[stem])
        elif stem not in STOPWORDS:
            topics.add(stem)
    return Phrase(text, frozenset(roles), frozenset(topics))


def _stem(word: str) -> str:
    with _STEMMING:
        return str(_stemmer().stemWord(word))


@cache
def _synonyms() -> dict[str, str]:
    """One-word synonyms by the stem of the key, so that every form of it is read alike."""
    return {_stem(key): value for key, value in SYNONYMS.items() if " " not in key}


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How far two topic sets agree: the mean of Dice and the overlap coefficient, so that
    "data engineering" inside "data engineering hires" counts nearly whole."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return 0.5 * (2 * shared / (len(a) + len(b)) + shared / min(len(a), len(b)))


def _families(roles: frozenset[str]) -> frozenset[str]:
    return frozenset(FAMILIES[r] for r in roles)


def meets(need: str, offer: str) -> float:
    """How well an offer meets a need, in [0, 1]: roles of the same family (or none on a side)
    and overlapping topics."""
    return _score(read(need), read(offer), answering=False)


def answers(need: str, other_need: str) -> float:
    """How well two needs answer each other, in [0, 1]: only when their roles are different
    members of one family (hiring ↔ looking for a role, raising ↔ investing)."""
    return _score(read(need), read(other_need), answering=True)


def shared_interest(a: str, b: str) -> float:
    """How far two interests are the same interest, in [0, 1]."""
    return overlap(read(a).topics | read(a).roles, read(b).topics | read(b).roles)


def _score(p: Phrase, q: Phrase, answering: bool) -> float:
    if answering:
        agreed = any(
            FAMILIES[r] == FAMILIES[s] and r != s for r in p.roles for s in q.roles
        ) and not (p.roles & q.roles)
        if not agreed:
            return 0.0
    elif p.roles and q.roles:
        if not _families(p.roles) & _families(q.roles):
            return 0.0
        agreed = True
    else:
        agreed = False
    topic = overlap(p.topics, q.topics)
    if not agreed:
        return topic
    if not p.topics or not q.topics:
        return ROLE_ONLY
    return ROLE_FLOOR + (1 - ROLE_FLOOR) * topic if topic > 0 else ROLE_FLOOR * 0.8


def best(pairs: Iterable[tuple[str, str]], score: str = "meets") -> tuple[float, str, str]:
    """The best-scoring (score, left, right) among `pairs` by `meets`, `answers` or
    `shared_interest`; (0, "", "") when there are none."""
    scorer = {"meets": meets, "answers": answers, "shared_interest": shared_interest}[score]
    found = (0.0, "", "")
    for left, right in pairs:
        value = scorer(left, right)
        if value > found[0]:
            found = (value, left, right)
    return found
