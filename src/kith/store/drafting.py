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


@dataclass(frozen=True)
class Latest:
    direction: str
    topic: str | None
    kind: str
    at: str
    channel: str = "message"
    shared: bool = False  # others took part in it too
    subject: str | None = None  # an imported e-mail's subject, as they wrote it (never a note)


# Whether the interaction `i` has more than one participant (the user is none of them).
SHARED = (
    "EXISTS (SELECT 1 FROM participant o WHERE o.interaction_id = i.id "
    "AND o.person_id != p.person_id)"
)


class DraftingRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def unshared_articles(self, person_id: int) -> list[Article]:
        """Articles with at least one topic that this person has not been sent, newest first."""
        return [
            Article(int(r[0]), r[1], r[2], tuple(sorted(r[3].split("\x1f"))))
            for r in self.db.execute(UNSHARED_SQL, (person_id,))
        ]

    def latest_topic(self, person_id: int) -> tuple[str, bool] | None:
        """The topic of their newest interaction that has one (`kith log --topic`), and whether
        others took part in it too."""
        row = self.db.execute(
            f"SELECT i.topic, {SHARED} FROM interaction i "
            "JOIN participant p ON p.interaction_id = i.id "
            "WHERE p.person_id = ? AND i.topic IS NOT NULL AND i.topic != '' "
            "ORDER BY i.at DESC, i.id DESC LIMIT 1",
            (person_id,),
        ).fetchone()
        return None if row is None else (str(row[0]), bool(row[1]))

    def latest(self, person_id: int, mail: str = "") -> Latest | None:
        """Their newest interaction: its direction, topic, kind and instant; when it is an
        e-mail they sent, read from the source `mail` (whose summaries are the messages'
        subjects, `kith.sources.mail.ORIGIN`), its subject. Any other summary is the user's own
        words and is not read."""
        row = self.db.execute(
            f"SELECT i.direction, i.topic, i.kind, i.at, i.channel, {SHARED}, CASE WHEN "
            "i.source = ? AND i.channel = 'email' AND i.direction = 'in' THEN i.summary END "
            "FROM interaction i JOIN participant p ON p.interaction_id = i.id "
            "WHERE p.person_id = ? ORDER BY i.at DESC, i.id DESC LIMIT 1",
            (mail, person_id),
        ).fetchone()
        if row is None:
            return None
        topic = str(row[1]) if row[1] else None
        return Latest(
            str(row[0]), topic, str(row[2]), str(row[3]), str(row[4]), bool(row[5]), row[6]
        )

    def first_two(self, person_id: int) -> list[tuple[str, str]]:
        """(instant, channel) of their first two interactions, oldest first: whether their only
        one is the meeting a first draft follows."""
        rows = self.db.execute(
            "SELECT i.at, i.channel FROM interaction i "
            "JOIN participant p ON p.interaction_id = i.id "
            "WHERE p.person_id = ? ORDER BY i.at, i.id LIMIT 2",
            (person_id,),
        )
        return [(str(row[0]), str(row[1])) for row in rows]

    def added_by_hand(self, person_id: int) -> str | None:
        """When their card was made, if it was made by hand (`kith add`, the web's "Met
        someone new", `kith met`) rather than by an import; None when an import made it."""
        row = self.db.execute(
            "SELECT created_at FROM person WHERE id = ? AND run_id IS NULL", (person_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def met_about(self, person_id: int, event_id: int | None) -> str | None:
        """What stood out when you met them (`kith met --about`): at their met-at event first,
        else at the newest event that has a remark."""
        row = self.db.execute(
            "SELECT a.about FROM attendee a JOIN event e ON e.id = a.event_id "
            "WHERE a.person_id = ? AND a.about IS NOT NULL AND a.about != '' "
            "ORDER BY a.event_id IS NOT ?, e.day DESC, e.id DESC LIMIT 1",
            (person_id, event_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def upcoming_events(self, person_id: int, first: str, last: str) -> list[str]:
        """The events from day `first` to `last` (YYYY-MM-DD) that they attend, soonest first;
        not a meeting (as a calendar's are) where they are the only one Kith knows: that is an
        appointment of the two of you, not a gathering to ask them to (trial 7: "Will you be
        at Coffee? It would be good to catch up there.")."""
        rows = self.db.execute(
            "SELECT e.name FROM event e JOIN attendee a ON a.event_id = e.id "
            "WHERE a.person_id = ? AND e.day BETWEEN ? AND ? AND (e.kind IS NOT 'meeting' "
            "OR EXISTS (SELECT 1 FROM attendee o WHERE o.event_id = e.id AND o.person_id != ?)) "
            "ORDER BY e.day, e.id",
            (person_id, first, last, person_id),
        )
        return [str(row[0]) for row in rows]
