"""save, saved and share: articles worth sharing, who would care, and sharing one as a give."""

from __future__ import annotations

import json

import pytest

from kith.store import Store
from kith.store.articles import topic_matches, topic_words
from tests.conftest import Kith

URL = "https://example.org/duckdb"


@pytest.fixture
def readers(kith: Kith) -> Kith:
    """Ada and Grace care about Python (Grace was in touch last), Linus works on a Rust book,
    Tim likes trust (not rust); a prospect and an archived contact like Python too."""
    kith("add", "Ada Lovelace", "--interest", "python", "--interest", "Machine Learning")
    kith("add", "Grace Hopper", "--interest", "python")
    kith("add", "Linus Torvalds", "--working-on", "a Rust book")
    kith("add", "Tim Trust", "--interest", "trust")
    kith("add", "Pat Prospect", "--interest", "python", "--prospect")
    kith("add", "Arch Ived", "--interest", "python")
    kith("archive", "Arch")
    kith("log", "Ada", "coffee", "--when", "2026-11-01")
    kith("log", "Grace", "call", "-c", "call", "--when", "2026-11-15")
    return kith


def test_saving_an_article_then_saving_it_again_changes_only_what_is_given(kith: Kith) -> None:
    first = kith("save", URL, "--title", "DuckDB  at scale", "--topics", "Python, ML, python")
    assert first.output == "Saved #1 DuckDB at scale; topics: ml, python.\n"
    again = kith("save", URL, "--topics", "data engineering, python")
    assert again.output == (
        "Updated #1 (topics): DuckDB at scale; topics: data engineering, python.\n"
    )
    assert kith("save", URL, "--title", "DuckDB at scale").output == (
        "Already saved as #1 DuckDB at scale; nothing changed.\n"
    )
    renamed = kith("save", URL, "--title", "DuckDB, fast", "--note", "for the data people")
    assert renamed.output == (
        "Updated #1 (title, note): DuckDB, fast; topics: data engineering, python.\n"
    )
    bare = kith("save", "http://example.org/other")
    assert bare.output == (
        'Saved #2 http://example.org/other; no topics (--topics "a, b" finds readers).\n'
    )


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "example.org/post", "https://", "http:// x"]
)
def test_an_address_that_is_not_an_http_url_is_refused_and_nothing_is_saved(
    kith: Kith, url: str
) -> None:
    result = kith("save", url)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {url!r} is not a web address; give the whole URL, starting with http:// or "
        "https:// (e.g. https://example.org/post).\n"
    )
    assert json.loads(kith("saved", "--json").output) == {"articles": [], "total": 0}


def test_saved_lists_articles_newest_first_with_topics_and_times_shared(kith: Kith) -> None:
    kith("save", URL, "--title", "DuckDB at scale", "--topics", "python")
    kith("save", "https://example.org/rust", "--topics", "rust", "--note", "for Linus")
    assert kith("saved").output == (
        "id  title            url                         topics  shared\n"
        "#2                   https://example.org/rust    rust    0\n"
        "#1  DuckDB at scale  https://example.org/duckdb  python  0\n"
    )
    assert json.loads(kith("saved", "--json").output) == {
        "articles": [
            {
                "id": 2,
                "url": "https://example.org/rust",
                "title": None,
                "note": "for Linus",
                "topics": ["rust"],
                "saved_at": "2026-11-22T10:00:00Z",
                "times_shared": 0,
            },
            {
                "id": 1,
                "url": URL,
                "title": "DuckDB at scale",
                "note": None,
                "topics": ["python"],
                "saved_at": "2026-11-22T10:00:00Z",
                "times_shared": 0,
            },
        ],
        "total": 2,
    }


def test_saved_without_articles_says_how_to_save_one(kith: Kith) -> None:
    assert kith("saved").output == "No saved articles; `kith save URL --topics ...` keeps one.\n"


def test_share_lists_contacts_by_topics_matched_then_by_most_recent_contact(
    readers: Kith,
) -> None:
    readers("save", URL, "--title", "DuckDB at scale", "--topics", "python, learning, rust")
    assert readers("share", URL).output == (
        "#1 DuckDB at scale; topics: learning, python, rust\n"
        "id  name            topics            because" + " " * 39 + "last contact\n"
        "1   Ada Lovelace    learning, python  interest: Machine Learning; interest: python"
        "  2026-11-01\n"
        "2   Grace Hopper    python            interest: python" + " " * 30 + "2026-11-15\n"
        "3   Linus Torvalds  rust              working on: a Rust book\n"
    )
    assert readers("share", "#1", "--limit", "1").output.splitlines()[-1].startswith("1   Ada")


def test_share_json_has_the_article_the_people_and_what_matched(readers: Kith) -> None:
    readers("save", URL, "--topics", "rust")
    payload = json.loads(readers("share", "1", "--json").output)
    assert payload["article"]["topics"] == ["rust"]
    assert payload["total"] == 1
    assert payload["shared_with"] == []
    [linus] = payload["people"]
    assert linus["person"]["name"] == "Linus Torvalds"
    assert set(linus["person"]) >= {"id", "uid", "name", "emails", "phones", "company", "tags"}
    assert linus["topics"] == ["rust"]
    assert linus["matches"] == [{"topic": "rust", "source": "working_on", "text": "a Rust book"}]


def test_an_article_without_topics_or_readers_says_so(readers: Kith) -> None:
    readers("save", URL)
    readers("save", "https://example.org/knit", "--topics", "knitting")
    assert readers("share", "1").output == (
        f"#1 {URL}; topics: none\n"
        'No topics, so nobody matches: `kith save URL --topics "a, b"` adds them.\n'
    )
    assert readers("share", "2").output == (
        "#2 https://example.org/knit; topics: knitting\n"
        'Nobody\'s interests or "working on" match these topics.\n'
    )


def test_sharing_with_someone_records_it_logs_a_give_and_leaves_them_out_next_time(
    readers: Kith,
) -> None:
    readers("save", URL, "--title", "DuckDB at scale", "--topics", "python")
    shared = readers("share", URL, "--with", "Grace")
    assert shared.output == (
        "Shared #1 DuckDB at scale with Grace Hopper; logged a give by email (#3).\n"
    )
    assert readers("interactions", "Grace").output.splitlines()[1].split() == [
        "3", "2026-11-22", "10:00", "Grace", "Hopper", "email", "out", "give", "shared",
        "DuckDB", "at", "scale",
    ]  # fmt: skip
    assert readers("share", "1").output == (
        "#1 DuckDB at scale; topics: python\n"
        "id  name          topics  because           last contact\n"
        "1   Ada Lovelace  python  interest: python  2026-11-01\n"
        "Already shared with: Grace Hopper (2026-11-22).\n"
    )
    assert json.loads(readers("saved", "--json").output)["articles"][0]["times_shared"] == 1


def test_share_with_json_gives_the_article_the_person_and_the_interaction(readers: Kith) -> None:
    readers("save", URL, "--topics", "python")
    payload = json.loads(readers("share", "1", "--with", "Ada", "-c", "message", "--json").output)
    assert payload["article"]["times_shared"] == 1
    assert payload["person"]["name"] == "Ada Lovelace"
    interaction = payload["interaction"]
    del interaction["participants"][0]["uid"]
    assert interaction == {
        "id": 3,
        "at": "2026-11-22T10:00:00Z",
        "channel": "message",
        "direction": "out",
        "kind": "give",
        "summary": f"shared {URL}",
        "notes": None,
        "topic": None,
        "duration": None,
        "event": None,
        "participants": [{"id": 1, "name": "Ada Lovelace"}],
        "source": "manual",
    }


def test_sharing_twice_with_the_same_person_is_refused_and_logs_nothing_more(
    readers: Kith,
) -> None:
    readers("save", URL, "--title", "DuckDB at scale", "--topics", "python")
    readers("share", "1", "--with", "Ada")
    again = readers("share", "1", "--with", "Ada")
    assert again.exit_code == 1
    assert again.output == (
        "Error: DuckDB at scale (#1) was already shared with Ada Lovelace on 2026-11-22; "
        "nobody gets it twice.\n"
    )
    listed = json.loads(readers("interactions", "Ada", "--json").output)
    assert [i["summary"] for i in listed["interactions"]] == ["shared DuckDB at scale", "coffee"]


@pytest.mark.parametrize("ref", ["7", "#7", "https://example.org/unknown"])
def test_an_unknown_article_is_not_found(readers: Kith, ref: str) -> None:
    readers("save", URL)
    result = readers("share", ref)
    assert result.exit_code == 3
    assert result.output == (
        f"Error: No saved article is {ref!r}; `kith saved` lists them with ids, "
        "`kith save URL` saves one.\n"
    )


def test_sharing_with_an_unknown_name_is_not_found_and_records_nothing(readers: Kith) -> None:
    readers("save", URL)
    assert readers("share", "1", "--with", "Nobody Atall").exit_code == 3
    assert json.loads(readers("saved", "--json").output)["articles"][0]["times_shared"] == 0


@pytest.mark.parametrize(
    ("topic", "phrase", "matches"),
    [
        ("python", "Python", True),
        ("learning", "Machine Learning", True),
        ("machine learning for climate", "machine learning", True),
        ("rust", "trust", False),
        ("data", "a book on data contracts", True),
        ("c", "c++", False),
        ("open-source", "open source", True),
        ("cafe", "Café culture", True),
    ],
)
def test_a_topic_matches_equal_phrases_or_whole_words_inside_one_another(
    topic: str, phrase: str, matches: bool
) -> None:
    assert topic_matches(topic_words(topic), topic_words(phrase)) is matches


def test_the_plans_hook_gives_each_person_their_best_article_not_yet_shared(
    readers: Kith, store: Store
) -> None:
    readers("save", "https://example.org/one", "--topics", "python")
    readers("save", "https://example.org/two", "--topics", "python, machine learning")
    readers("save", "https://example.org/three", "--topics", "python")
    readers("share", "2", "--with", "Grace")
    hooks = store.articles.people_with_matching_articles([1, 2, 3, 4])
    assert {pid: (h.article.id, h.topics) for pid, h in hooks.items()} == {
        1: (2, ("machine learning", "python")),  # the most topics
        2: (3, ("python",)),  # #2 went to Grace already; then the newest: #3 (id breaks ties)
    }
    readers("share", "2", "--with", "Ada")
    assert store.articles.people_with_matching_articles([1])[1].article.id == 3


def test_on_the_demo_network_an_article_on_sailing_finds_the_sailors(kith: Kith) -> None:
    kith("demo")
    kith("save", "https://example.org/boats", "--title", "Sailing on a budget",
         "--topics", "sailing, garden")  # fmt: skip
    assert kith("share", "https://example.org/boats").output == (
        "#1 Sailing on a budget; topics: garden, sailing\n"
        "id   name               topics           because                                "
        "            last contact\n"
        "101  Ayaka Kato         garden, sailing  working on: a community garden;"
        " interest: sailing  2026-05-15\n"
        "119  Hui Zhu            sailing          interest: sailing                      "
        "            2026-11-06\n"
        "100  Zuzanna Pawlak     sailing          interest: sailing                      "
        "            2026-11-02\n"
        "78   Joon-young Wu      garden           working on: a community garden         "
        "            2026-10-26\n"
        "124  Tao Weiß           sailing          interest: sailing                      "
        "            2026-10-03\n"
        "87   Tarek Haddadin     garden           working on: a community garden         "
        "            2026-09-11\n"
        "118  Bo Huang           sailing          interest: sailing                      "
        "            2026-06-20\n"
        "104  Stefano Santoro    sailing          interest: sailing                      "
        "            2026-06-08\n"
        "122  Oluwaseun Adeyemi  sailing          interest: sailing                      "
        "            2026-03-16\n"
        "48   Raúl Costa         sailing          interest: sailing                      "
        "            2025-03-20\n"
    )
    kith("share", "1", "--with", "Ayaka Kato")
    listed = json.loads(kith("share", "1", "--json").output)
    assert listed["total"] == 9
    assert [s["person"]["name"] for s in listed["shared_with"]] == ["Ayaka Kato"]
