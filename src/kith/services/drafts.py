"""Drafting a message to one person: what Kith knows about them, rendered from the user's
template for that kind (see kith.drafts.render for the template rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from kith.drafts.render import Draft, DraftContext, render
from kith.drafts.texts import shipped, user_template
from kith.errors import UserError
from kith.model import Person
from kith.names import fold
from kith.services import settings
from kith.store import Store
from kith.store.drafting import Article

CLAIM = "claim"


@dataclass(frozen=True)
class Drafted:
    person: Person
    kind: str
    draft: Draft
    limit: int | None  # claim.max_chars for a claim note, else None

    @property
    def email(self) -> str | None:
        return self.person.emails[0] if self.person.emails else None


def draft(store: Store, person_id: int, kind: str, folder: Path | None) -> Drafted:
    """The `kind` draft for this person; `folder` holds the user's templates (None: defaults)."""
    template = template_for(folder, kind)
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        context = context_of(store, person, with_article=kind == "share")
        limit = claim_limit(store) if kind == CLAIM else None
    return Drafted(person, kind, render(template, context, kind, limit), limit)


def template_for(folder: Path | None, kind: str) -> str:
    return user_template(folder, kind) if folder is not None else shipped(kind)


def claim_limit(store: Store) -> int:
    """`claim.max_chars`: 200 (LinkedIn's note limit on a free account), 300 on Premium."""
    return int(settings.get(store, "claim.max_chars") or 200)


def context_of(store: Store, person: Person, with_article: bool = False) -> DraftContext:
    """Everything a template may use about `person` (loaded with detail)."""
    latest = store.interactions.for_person(person.id, limit=1)
    working_on = person.working_on[0].text if person.working_on else ""
    met = met_at(person)
    context = DraftContext(
        first_name=first_name(person),
        met_at=met,
        how_met=how_met(person.how_met, met),
        working_on=working_on,
        last_topic=latest[0].summary if latest else "",
        interest=person.interests[0] if person.interests else "",
        my_name=store.meta.setting("me.name") or "",
    )
    if not with_article:
        return context
    return _with_article(context, store, person, working_on)


def first_name(person: Person) -> str:
    """Their given name, else the first word of their display name."""
    return (person.given_name or "").strip() or person.name.split()[0]


def met_at(person: Person) -> str:
    return person.met_event or person.met_where or ""


def how_met(text: str | None, met: str) -> str:
    """The newest `;`-separated part of "how we met" that says more than where: a part that
    opens with "met" ("met at PyCon") or only names the event adds nothing to $met_at."""
    for part in reversed((text or "").split(";")):
        folded = fold(part)
        if folded and not folded.startswith("met ") and folded != fold(met):
            return part.strip()
    return ""


def _with_article(
    context: DraftContext, store: Store, person: Person, working_on: str
) -> DraftContext:
    found = matching_article(
        store.drafting.unshared_articles(person.id), person.interests, working_on
    )
    if found is None:
        raise UserError(_no_article(person))
    article, topic = found
    title = article.title or ""
    return replace(context, article_title=title, article_url=article.url, article_topic=topic)


def matching_article(
    articles: list[Article], interests: list[str], working_on: str
) -> tuple[Article, str] | None:
    """The newest article with a topic equal to one of their interests (case-insensitive) or
    found as whole words in what they are working on; with the topic that matched."""
    wanted = {i.casefold() for i in interests}
    doing = working_on.casefold()
    for article in articles:
        for topic in article.topics:
            words = rf"(?<!\w){re.escape(topic.casefold())}(?!\w)"
            if topic.casefold() in wanted or re.search(words, doing):
                return article, topic
    return None


def _no_article(person: Person) -> str:
    topics = ", ".join(person.interests)
    about = f"{person.name}'s interests ({topics})" if topics else f"{person.name}'s interests"
    first = person.interests[0] if person.interests else "TOPIC"
    example = f'"{first}"' if " " in first else first
    return (
        f"No saved article you have not yet shared matches {about} or what they are working on; "
        f"save one with `kith save URL --topics {example}`"
        + ("." if topics else f', and `kith interest "{person.name}" TOPIC` records theirs.')
    )
