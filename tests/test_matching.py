"""Matching the phrases people write: needs, offers and interests (kith.relate.matching)."""

from __future__ import annotations

from pathlib import Path

from kith.relate import matching

PAIRS = Path(__file__).parent / "fixtures" / "phrase_pairs.tsv"
SCORERS = {
    "meets": matching.meets,
    "answers": matching.answers,
    "interest": matching.shared_interest,
}


def labelled() -> list[tuple[str, str, str, bool]]:
    lines = [line for line in PAIRS.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [(m, a, b, y == "1") for m, a, b, y in (line.split("\t") for line in lines[1:])]


def test_the_labelled_set_has_fifty_pairs_or_more_of_both_kinds() -> None:
    pairs = labelled()
    assert len(pairs) >= 50
    assert sum(1 for *_, y in pairs if y) >= 20
    assert sum(1 for *_, y in pairs if not y) >= 20


def test_matching_reaches_its_recorded_precision_and_recall_on_the_labelled_set() -> None:
    guesses = [(SCORERS[m](a, b) >= matching.MATCH, y) for m, a, b, y in labelled()]
    true_pos = sum(1 for g, y in guesses if g and y)
    precision = true_pos / sum(1 for g, _ in guesses if g)
    recall = true_pos / sum(1 for _, y in guesses if y)
    assert (round(precision, 2), round(recall, 2)) == (0.97, 0.97)


def test_hiring_answers_looking_for_a_role_on_the_same_topic_only() -> None:
    assert matching.answers("hiring a data engineer", "looking for a data role") > 0.9
    assert matching.answers("hiring a data engineer", "looking for a design role") < 0.5
    assert matching.answers("hiring a data engineer", "hiring a data engineer") == 0


def test_a_need_is_met_by_an_offer_in_other_words() -> None:
    assert matching.meets("investor intros", "introductions to VCs") >= matching.MATCH
    assert matching.meets("press coverage", "introductions to journalists") >= matching.MATCH
    assert matching.meets("rust mentoring", "Go mentoring") < matching.MATCH


def test_a_phrase_reads_as_roles_and_topic_stems() -> None:
    read = matching.read("Hiring two Data Engineers, quietly!")
    assert read.roles == frozenset({"hire"})
    assert read.topics == frozenset({"data", "engin"})  # "quietly" stems to a stopword


STEMS_ALONE = """
import json, sys
from kith.relate import matching
alone = matching._stemmer()
stand_in = ("snowballstemmer", matching.STAND_IN)
left = sorted(name for name in sys.modules if name.partition(".")[0] in stand_in)
import snowballstemmer
package = snowballstemmer.stemmer("english")
words = sys.stdin.read().split()
print(json.dumps([left, type(alone).__name__, [alone.stemWord(w) for w in words],
                  [package.stemWord(w) for w in words]]))
"""


def test_the_english_stemmer_imported_alone_stems_every_word_as_the_package_does() -> None:
    import json
    import subprocess
    import sys

    words = sorted(
        {w for _, a, b, _ in labelled() for w in matching.words(f"{a} {b}")}
        | {w for key in [*matching.SYNONYMS, *matching.ROLE_PHRASES] for w in key.split()}
        | {"engineering", "quietly", "hires", "mentoring", "fundraising", "generously"}
    )
    ran = subprocess.run(
        [sys.executable, "-c", STEMS_ALONE],
        input=" ".join(words),
        capture_output=True,
        text=True,
        check=True,
    )
    left, kind, alone, package = json.loads(ran.stdout)
    assert left == []  # nothing of the stand-in's import is left for `import snowballstemmer`
    assert kind == "EnglishStemmer"
    assert len(words) > 150
    assert alone == package
    assert alone[words.index("engineering")] == "engin"


def old_read(text: str) -> matching.Phrase:
    """matching.read before it compiled a pattern only for a phrase the text holds (kept to
    compare)."""
    import re

    found = " ".join(matching.words(text))
    roles = set()
    for phrase in sorted(matching.ROLE_PHRASES, key=len, reverse=True):
        pattern = rf"\b{re.escape(phrase)}\b"
        if re.search(pattern, found):
            roles.add(matching.ROLE_PHRASES[phrase])
            found = re.sub(pattern, " ", found)
    for key in (k for k in sorted(matching.SYNONYMS, key=len, reverse=True) if " " in k):
        found = re.sub(rf"\b{re.escape(key)}\b", matching.SYNONYMS[key], found)
    topics = set()
    for word in found.split():
        if word in matching.STOPWORDS:
            continue
        stem = matching._stem(matching._synonyms().get(matching._stem(word), word))
        if stem in matching.ROLE_STEMS:
            roles.add(matching.ROLE_STEMS[stem])
        elif stem not in matching.STOPWORDS:
            topics.add(stem)
    return matching.Phrase(text, frozenset(roles), frozenset(topics))


def test_a_phrase_reads_as_it_did_when_every_pattern_was_tried() -> None:
    texts = [t for _, a, b, _ in labelled() for t in (a, b)] + [
        *matching.ROLE_PHRASES,
        *matching.SYNONYMS,
        "Looking to hire a front-end dev, open roles: machine learning & back end",
        "reopen roles",  # holds "open role" inside a word: no role
        "seed rounds; pre-seed round; Series A",
        "co-founder for a start up in user experience (user interface)",
        "c++ and c# programmers, job hunting",
        "open  position open position",
        "machine learning machine learning",
        "",
    ]
    read = [(p.roles, p.topics) for p in map(matching.read, texts)]
    assert read == [(p.roles, p.topics) for p in map(old_read, texts)]
    assert len(texts) > 190
    assert matching.read("reopen roles").roles == frozenset({"job"})  # "roles" stems to role
    assert matching.read("seed rounds; pre-seed round").roles == frozenset({"raise"})


STEMS_AT_ONCE = """
import json, sys, threading
sys.setswitchinterval(1e-6)  # threads switch every few steps: any window between two is met
from kith.relate import matching
words = sys.stdin.read().split()
start = threading.Barrier(8)
stems, errors = [], []
def stem_all():
    start.wait()
    try:
        stems.append([matching._stem(word) for word in words])
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
threads = [threading.Thread(target=stem_all) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps([errors, stems]))
"""


def test_threads_stemming_at_once_each_get_the_packages_stems() -> None:
    """The web app matches phrases on the request's thread and in its background threads (the
    week ahead's gift, the stored report) at once: the stemmer's first import put a stand-in
    package in sys.modules that another thread took for the real one (a 500 on /api/plan),
    and one stemmer's state shared between threads mixed their words."""
    import json
    import subprocess
    import sys

    import snowballstemmer

    package = snowballstemmer.stemmer("english")
    words = sorted(
        {w for _, a, b, _ in labelled() for w in matching.words(f"{a} {b}")}
        | {"engineering", "quietly", "hires", "mentoring", "fundraising", "generously"}
    )
    for attempt in range(3):  # each a fresh process: its first import is the one raced
        ran = subprocess.run(
            [sys.executable, "-c", STEMS_AT_ONCE],
            input=" ".join(words),
            capture_output=True,
            text=True,
            check=True,
        )
        errors, stems = json.loads(ran.stdout)
        assert (attempt, errors) == (attempt, [])
        assert len(stems) == 8
        assert all(found == [package.stemWord(w) for w in words] for found in stems)
