"""What drafts read beyond the card: saved articles not yet shared with a person."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# Newest saved first; each article once, its topics joined by a unit separator (a topic may
# hold spaces or commas).
UNSHARED_SQL = """
SELECT a.id, a.url, a.title, group_concat(t.topic, char(31))
  FROM article a JOIN article_topic t ON t.article_id = a.id
 WHERE NOT EXISTS (SELECT 1 FROM article_share s WHERE s.article_id = a.id AND s.person_id = ?)
 GROUP BY a.id
 ORDER BY a.saved_at DESC, a.id DESC"""


@dataclass(frozen=True)
class Article:
    id: int
    url: str
    title: str | None
    topics: tuple[str, ...]  # lower-cased, sorted


class DraftingRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def unshared_articles(self, person_id: int) -> list[Article]:
        """Articles with at least one topic that this person has not been sent, newest first."""
        return [
            Article(int(r[0]), r[1], r[2], tuple(sorted(r[3].split("\x1f"))))
            for r in self.db.execute(UNSHARED_SQL, (person_id,))
        ]
