"""The rule that keeps something personal out of drafts (drafts/phrases._touches_personal),
over phrases built from the word families of lexicon.py (session 17, lows3): money and pay,
health, family trouble, the law, religion, sex and politics, in their common phrasings —
plurals, possessives, verb forms — are never said back, as a topic, as what they are working
on, or where you met; harmless phrases are. A heuristic still: these are its families."""

from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from kith.drafts.phrases import personal, topic, withheld

# (word, its plural or another form) of each family: nouns said with a possessive or an article
NOUNS = {
    "money": ("raise", "raises", "salary", "debt", "debts", "mortgage", "loan", "bonus"),
    "health": ("cancer", "diagnosis", "surgery", "depression", "chemo", "migraines", "flu"),
    "family": ("divorce", "breakup", "custody", "affair", "miscarriage", "marriage"),
    "legal": ("lawsuit", "lawsuits", "arrest", "court case", "lawyer", "probation", "visa"),
    "religion": ("church", "faith", "prayer", "prayers", "mosque", "bible study", "religion"),
    "sex": ("sex life", "sexuality", "dating app", "tinder date", "hookup"),
    "politics": ("politics", "vote", "election", "brexit", "protest", "activism"),
}
# verb forms said alone or with an object
VERBS = (
    "suing",
    "sued",
    "divorcing",
    "getting divorced",
    "voted",
    "voting",
    "praying",
    "grieving",
    "owes",
    "owing",
    "borrowed",
    "resigned",
    "quitting",
    "arrested",
    "diagnosed",
    "relapsed",
    "gambling",
    "evicted",
    "deported",
)
OWNED = ("pay", "health", "rent", "bills", "taxes", "relationship", "weight", "landlord")
OWNERS = ("his", "her", "their", "Tom's", "Ana’s")
ADJECTIVES = ("", "new ", "recent ", "ongoing ", "big ")
TAILS = ("", " again", " last week", " with Sam", " and the kids")
HARMLESS = (
    "a book on gardening",
    "a book on grief",
    "the marathon",
    "her new job",
    "his new bike",
    "the Rust meetup",
    "the Postgres migration",
    "her thesis on coral reefs",
    "the climbing trip",
    "your talk on CRDTs",
    "the film about divorce",
    "Apple Pay integration",
    "the health-tech meetup",
    "a striking design",
    "the dates for the conference",
    "the fire drill",
    "the terminal emulator",
    "the pillow fight",
    "the peace talks",
    "St Patrick's parade plans",
    "her new lab",
    "the coffee after the keynote",
)


@st.composite
def personal_phrases(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(("owned noun", "article noun", "verb", "owned word")))
    adjective = draw(st.sampled_from(ADJECTIVES))
    tail = draw(st.sampled_from(TAILS))
    if shape == "verb":
        return draw(st.sampled_from(VERBS)) + tail
    if shape == "owned word":
        return f"{draw(st.sampled_from(OWNERS))} {adjective}{draw(st.sampled_from(OWNED))}{tail}"
    family = draw(st.sampled_from(sorted(NOUNS)))
    noun = draw(st.sampled_from(NOUNS[family]))
    opener = draw(st.sampled_from((*OWNERS, "the", "a"))) if shape == "article noun" else "his"
    return f"{opener} {adjective}{noun}{tail}"


@seed(20261207)
@settings(max_examples=300, deadline=None)
@given(phrase=personal_phrases())
def test_a_personal_phrase_of_any_family_and_form_is_never_said_back(phrase: str) -> None:
    assert topic(phrase) is None, phrase
    assert withheld(phrase) == "it touches on something personal, which is theirs to share"
    assert personal(phrase)


def test_the_word_families_catch_what_slipped_through_before() -> None:
    for phrase in ("his raise", "her pay rise", "suing his landlord", "his new diet"):
        assert withheld(phrase) is not None, phrase
    # ... and what a work is about is as public as a talk's subject, unless it is theirs
    assert topic("a book on grief") == "a book on grief"
    assert withheld("a book on her grief") is not None
    assert withheld("a film about Tom's cancer") is not None


def test_harmless_phrases_are_still_said() -> None:
    assert [p for p in HARMLESS if withheld(p) is not None or personal(p)] == []
    assert topic("her new job") == "your new job"
    assert topic("a book on gardening") == "a book on gardening"
