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
