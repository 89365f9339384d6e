"""Articles worth sharing: save one with its topics, list them, find who would care, share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from kith.clock import to_utc_text
from kith.controls import refuse
from kith.drafts.phrases import one_line
from kith.errors import NotFound, UserError
from kith.model import Interaction, PersonHead
from kith.names import fold
from kith.services.interactions import LogEntry, log_interaction
from kith.store import Store
from kith.store.articles import Article, Match, topic_words

NEVER = datetime.min.replace(tzinfo=UTC)  # sorts people never contacted last


def check_url(url: str) -> str:
    """The URL as given, trimmed, if it is a web address (http or https, with a host)."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        raise UserError(
            f"{url!r} is not a web address; give the whole URL, starting with http:// or "
            "https:// (e.g. https://example.org/post)."
        )
    return text


def parse_topics(text: str) -> tuple[str, ...]:
    """`"ML, Climate, ml"` → `("climate", "ml")`: comma-separated, folded, each once."""
    return tuple(sorted({topic_words(part) for part in text.split(",")} - {""}))


@dataclass(frozen=True)
class Saved:
    article: Article
    created: bool
    changed: tuple[str, ...]  # what a second save changed: "title", "topics", "note"


def save(
    store: Store,
    url: str,
    now: datetime,
    title: str | None = None,
    topics: str | None = None,
    note: str | None = None,
) -> Saved:
    """Save an article; saving the same URL again changes only what is given."""
    refuse([("link", url), ("title", title), ("topic", topics), ("note", note)])
    url = check_url(url)
    title, note = _clean(title), _clean(note)
    wanted = None if topics is None else parse_topics(topics)
    with store.transaction():
        found = store.articles.by_url(url)
        if found is None:
            article_id = store.articles.insert(url, title, note, to_utc_text(now))
            store.articles.set_topics(article_id, wanted or ())
            return Saved(_article(store, article_id), True, ())
        changed = _changes(found, title, wanted, note)
        if "title" in changed or "note" in changed:
            store.articles.update(found.id, title or found.title, note or found.note)
        if wanted is not None and "topics" in changed:
            store.articles.set_topics(found.id, wanted)
        return Saved(_article(store, found.id), False, changed)


def _changes(
    found: Article, title: str | None, topics: tuple[str, ...] | None, note: str | None
) -> tuple[str, ...]:
    changes = {
        "title": title is not None and title != found.title,
        "topics": topics is not None and topics != found.topics,
        "note": note is not None and note != found.note,
    }
    return tuple(name for name, changed in changes.items() if changed)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return one_line(text) or None


def saved(store: Store) -> list[Article]:
    """Every saved article, newest first."""
    return store.articles.all()


def find_article(store: Store, ref: str) -> Article:
    """An article by `#ID`, `ID` or its exact URL."""
    text = ref.strip()
    digits = text.removeprefix("#")
    found = store.articles.get(int(digits)) if digits.isdigit() else store.articles.by_url(text)
    if found is None:
        raise NotFound(
            f"No saved article is {ref!r}; `kith saved` lists them with ids, "
            "`kith save URL` saves one."
        )
    return found


@dataclass(frozen=True)
class Reader:
    """Someone who would care about an article, and why."""

    person: PersonHead
    matches: tuple[Match, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.topic for m in self.matches))


@dataclass(frozen=True)
class Audience:
    article: Article
    readers: list[Reader]  # best first
    shared_with: list[tuple[PersonHead, datetime]]  # already shared: left out of `readers`


def audience(store: Store, article_id: int) -> Audience:
    """Contacts whose interests or "working on" match the article's topics, ranked by how
    many topics match, then by last contact (most recent first), then by name."""
    with store.reading():
        article = _article(store, article_id)
        interested = store.articles.interested_contacts(article)
        heads = store.people.heads(list(interested))
        shares = store.articles.shares(article_id)
        shared_heads = {h.id: h for h in store.people.heads([pid for pid, _ in shares])}
    readers = sorted((Reader(h, interested[h.id]) for h in heads), key=_reader_rank)
    return Audience(article, readers, [(shared_heads[pid], at) for pid, at in shares])


def _reader_rank(reader: Reader) -> tuple[int, float, str, int]:
    last = reader.person.last_contact_at or NEVER
    return (-len(reader.topics), -last.timestamp(), fold(reader.person.name), reader.person.id)


@dataclass(frozen=True)
class Shared:
    article: Article
    person: PersonHead
    interaction: Interaction


def share(
    store: Store, article_id: int, person_id: int, now: datetime, channel: str = "email"
) -> Shared:
    """Record that the article went to this person, and log it as something you gave."""
    with store.transaction():
        article = _article(store, article_id)
        person = store.people.heads([person_id])[0]
        before = dict(store.articles.shares(article_id)).get(person_id)
        if before is not None:
            raise UserError(
                f"{article.label} (#{article.id}) was already shared with {person.name} on "
                f"{before.astimezone(now.tzinfo).date().isoformat()}; nobody gets it twice."
            )
        entry = LogEntry(summary=f"shared {article.label}", channel=channel, kind="give")
        interaction = log_interaction(store, [person_id], entry, now)
        store.articles.share(article_id, person_id, to_utc_text(now), interaction.id)
        return Shared(_article(store, article_id), person, interaction)


def _article(store: Store, article_id: int) -> Article:
    found = store.articles.get(article_id)
    if found is None:
        raise NotFound(f"No saved article has the id #{article_id}; `kith saved` lists them.")
    return found
