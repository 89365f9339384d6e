"""Articles worth sharing: saved links and their topics, whom each was shared with, and whose
interests or "working on" match them (the weekly plan's article hook).

A topic matches a phrase (an interest, the latest "working on") when, both reduced to folded
words (`topic_words`), they are equal or one holds the other as a run of whole words:
`learning` matches `machine learning`, `data` matches `a book on data contracts`, `rust` does
not match `trust`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kith.clock import from_utc_text
from kith.names import fold
from kith.store.rows import chunks, placeholders

WORD = re.compile(r"[^\W_]+[+#]*")  # letters and digits, keeping c++ and c# whole

ARTICLE_SQL = """
SELECT a.id, a.url, a.title, a.note, a.saved_at,
       (SELECT group_concat(topic, char(10)) FROM
          (SELECT topic FROM article_topic t WHERE t.article_id = a.id ORDER BY topic)),
       (SELECT count(*) FROM article_share s WHERE s.article_id = a.id)
  FROM article a"""

# Each contact's interests and their latest "working on", as (person, source, text).
PHRASES_SQL = """
SELECT f.person_id, 'interest', f.text FROM facet f JOIN person p ON p.id = f.person_id
 WHERE f.kind = 'interest' {where}
UNION ALL
SELECT w.person_id, 'working_on', w.text FROM working_on w JOIN person p ON p.id = w.person_id
 WHERE w.id = (SELECT v.id FROM working_on v WHERE v.person_id = w.person_id
                ORDER BY v.as_of DESC, v.id DESC LIMIT 1) {where}"""
CONTACTS = "AND p.kind = 'contact' AND p.archived = 0"


def topic_words(text: str) -> str:
    """`Machine-Learning!` → `machine learning`: folded words, as topics are stored and matched."""
    return " ".join(WORD.findall(fold(text)))


def topic_matches(topic: str, phrase: str) -> bool:
    """Equal, or one holds the other as whole words (both already reduced by `topic_words`)."""
    if not topic or not phrase:
        return False
    padded_topic, padded_phrase = f" {topic} ", f" {phrase} "
    return padded_topic in padded_phrase or padded_phrase in padded_topic


@dataclass(frozen=True)
class Article:
    """A saved article: its link, title, note, topics and how often it was shared."""

    id: int
    url: str
    title: str | None
    note: str | None
    saved_at: datetime
    topics: tuple[str, ...]  # stored as `topic_words`, alphabetical
    times_shared: int

    @property
    def label(self) -> str:
        """The title, or the URL when it has none."""
        return self.title or self.url


@dataclass(frozen=True)
class Match:
    """One of the article's topics, matched by one of a person's phrases."""

    topic: str
    source: str  # "interest" or "working_on"
    text: str  # the interest or "working on" as the card has it


@dataclass(frozen=True)
class ArticleHook:
    """The best article not yet shared with a person, and why it fits them."""

    article: Article
    matches: tuple[Match, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.topic for m in self.matches))


class ArticleRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    # articles ------------------------------------------------------------------------------

    def get(self, article_id: int) -> Article | None:
        row = self.db.execute(f"{ARTICLE_SQL} WHERE a.id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def by_url(self, url: str) -> Article | None:
        row = self.db.execute(f"{ARTICLE_SQL} WHERE a.url = ?", (url,)).fetchone()
        return _article(row) if row else None

    def all(self) -> list[Article]:
        """Every saved article, newest first."""
        rows = self.db.execute(f"{ARTICLE_SQL} ORDER BY a.saved_at DESC, a.id DESC")
        return [_article(row) for row in rows]

    def insert(self, url: str, title: str | None, note: str | None, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO article (url, title, note, saved_at) VALUES (?, ?, ?, ?)",
            (url, title, note, now),
        )
        return int(cursor.lastrowid or 0)

    def update(self, article_id: int, title: str | None, note: str | None) -> None:
        self.db.execute(
            "UPDATE article SET title = ?, note = ? WHERE id = ?", (title, note, article_id)
        )

    def set_topics(self, article_id: int, topics: Iterable[str]) -> None:
        """Replace the article's topics (already reduced by `topic_words`)."""
        self.db.execute("DELETE FROM article_topic WHERE article_id = ?", (article_id,))
        self.db.executemany(
            "INSERT OR IGNORE INTO article_topic (article_id, topic) VALUES (?, ?)",
            [(article_id, topic) for topic in topics],
        )

    # shares --------------------------------------------------------------------------------

    def share(self, article_id: int, person_id: int, at: str, interaction_id: int | None) -> None:
        self.db.execute(
            "INSERT INTO article_share (article_id, person_id, at, interaction_id) "
            "VALUES (?, ?, ?, ?)",
            (article_id, person_id, at, interaction_id),
        )

    def shares(self, article_id: int) -> list[tuple[int, datetime]]:
        """Whom the article was shared with and when, in the order it happened."""
        rows = self.db.execute(
            "SELECT person_id, at FROM article_share WHERE article_id = ? ORDER BY at, person_id",
            (article_id,),
        )
        return [(int(r[0]), from_utc_text(r[1])) for r in rows]

    # who would care ------------------------------------------------------------------------

    def interested_contacts(self, article: Article) -> dict[int, tuple[Match, ...]]:
        """Contacts (not prospects, not archived) whose interests or latest "working on" match
        one of the article's topics, with what matched; those it was shared with left out."""
        shared = {person_id for person_id, _ in self.shares(article.id)}
        found = _matches([article], self.db.execute(PHRASES_SQL.format(where=CONTACTS)))
        return {pid: matches[article.id] for pid, matches in found.items() if pid not in shared}

    def people_with_matching_articles(self, person_ids: Sequence[int]) -> dict[int, ArticleHook]:
        """For the weekly plan's hook: each of these people's best article not yet shared with
        them, if any matches their interests or latest "working on". Best: the most topics
        matched, then the most recently saved."""
        articles = self.all()  # newest first: `max` keeps the first of equals
        found: dict[int, dict[int, tuple[Match, ...]]] = {}
        for chunk in chunks(list(person_ids)):
            where = f"AND p.id IN ({placeholders(len(chunk))})"
            rows = self.db.execute(PHRASES_SQL.format(where=where), [*chunk, *chunk])
            found.update(_matches(articles, rows))
        shared = self._shared_pairs(list(found))
        by_id = {a.id: a for a in articles}
        hooks: dict[int, ArticleHook] = {}
        for person_id, by_article in found.items():
            fits = [(aid, m) for aid, m in by_article.items() if (aid, person_id) not in shared]
            if fits:
                aid, matches = max(fits, key=lambda fit: _hook_rank(by_id[fit[0]], fit[1]))
                hooks[person_id] = ArticleHook(by_id[aid], matches)
        return hooks

    def _shared_pairs(self, person_ids: list[int]) -> set[tuple[int, int]]:
        pairs: set[tuple[int, int]] = set()
        for chunk in chunks(person_ids):
            rows = self.db.execute(
                "SELECT article_id, person_id FROM article_share "
                f"WHERE person_id IN ({placeholders(len(chunk))})",
                chunk,
            )
            pairs.update((int(r[0]), int(r[1])) for r in rows)
        return pairs


def _hook_rank(article: Article, matches: tuple[Match, ...]) -> tuple[int, str, int]:
    saved = article.saved_at.isoformat()
    return (len({m.topic for m in matches}), saved, article.id)


def _matches(
    articles: Sequence[Article], phrases: Iterable[tuple[int, str, str]]
) -> dict[int, dict[int, tuple[Match, ...]]]:
    """person → article → the matches between its topics and the person's phrases."""
    found: dict[int, dict[int, list[Match]]] = {}
    for person_id, source, text in phrases:
        words = topic_words(text)
        for article in articles:
            for topic in article.topics:
                if topic_matches(topic, words):
                    found.setdefault(person_id, {}).setdefault(article.id, []).append(
                        Match(topic, source, text)
                    )
    return {
        pid: {aid: tuple(sorted(ms, key=_match_order)) for aid, ms in by_article.items()}
        for pid, by_article in found.items()
    }


def _match_order(match: Match) -> tuple[str, str, str]:
    return (match.topic, match.source, fold(match.text))


def _article(row: tuple[object, ...]) -> Article:
    topics = str(row[5]).split("\n") if row[5] else []
    return Article(
        id=int(str(row[0])),
        url=str(row[1]),
        title=None if row[2] is None else str(row[2]),
        note=None if row[3] is None else str(row[3]),
        saved_at=from_utc_text(str(row[4])),
        topics=tuple(topics),
        times_shared=int(str(row[6])),
    )
