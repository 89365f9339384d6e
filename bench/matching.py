"""Precision and recall of phrase matching (kith.relate.matching) on the labelled pairs of
tests/fixtures/phrase_pairs.tsv, next to exact matching of the normalised phrase (what the
ledger's gift ideas did before), for docs/benchmarks.md.

Run: .venv/bin/python bench/matching.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kith.relate import matching

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "phrase_pairs.tsv"
SCORERS: dict[str, Callable[[str, str], float]] = {
    "meets": matching.meets,
    "answers": matching.answers,
    "interest": matching.shared_interest,
}


def load() -> list[tuple[str, str, str, bool]]:
    lines = [line for line in PAIRS.read_text("utf-8").splitlines() if not line.startswith("#")]
    rows = [line.split("\t") for line in lines[1:]]  # after the header
    return [(m, a, b, y == "1") for m, a, b, y in rows]


def exact(mode: str, a: str, b: str) -> bool:
    return mode != "answers" and " ".join(matching.words(a)) == " ".join(matching.words(b))


def kith(mode: str, a: str, b: str) -> bool:
    return SCORERS[mode](a, b) >= matching.MATCH


def figures(guess: Callable[[str, str, str], bool], pairs: list[tuple[str, str, str, bool]]):
    tp = sum(1 for m, a, b, y in pairs if y and guess(m, a, b))
    fp = sum(1 for m, a, b, y in pairs if not y and guess(m, a, b))
    fn = sum(1 for m, a, b, y in pairs if y and not guess(m, a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    return precision, tp / (tp + fn), tp, fp, fn


def main() -> None:
    pairs = load()
    matches = sum(1 for *_, y in pairs if y)
    print(f"{len(pairs)} labelled pairs ({matches} matches, {len(pairs) - matches} not)")
    print("| method | precision | recall | true pos. | false pos. | false neg. |")
    print("|---|---|---|---|---|---|")
    for name, guess in (("exact normalised phrase", exact), ("kith.relate.matching", kith)):
        p, r, tp, fp, fn = figures(guess, pairs)
        print(f"| {name} | {p:.2f} | {r:.2f} | {tp} | {fp} | {fn} |")
    for m, a, b, y in pairs:
        if kith(m, a, b) != y:
            print(f"  wrong ({m}, labelled {'match' if y else 'no match'}): {a!r} / {b!r}")


if __name__ == "__main__":
    main()
