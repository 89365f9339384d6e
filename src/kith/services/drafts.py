"""Drafting a message to one person: what Kith may say to them, rendered from the user's
template for that kind in the form the channel wants (see kith.drafts.render for the rules).

A draft is sent by the user, under their own name, to the person it names. It may quote only
what is meant to be said back: their first name, where you met, what stood out when you met
(`kith met --about`), what they are working on, their interests, the topic you gave an
interaction (`kith log --topic`), an event you will both attend, an article, and your name.
It never quotes an interaction's summary or notes, "how we met", a note, a follow-up, a need
or an offer, tags, or anything Kith wrote for itself (docs/cli.md, "What a draft may quote").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from kith.drafts import phrases
from kith.drafts.render import Draft, DraftContext, Form, render
from kith.drafts.texts import TemplateState, shipped, template_states, user_template
from kith.errors import UserError
from kith.model import Person
from kith.services import settings
from kith.store import Store
from kith.store.drafting import Article
from kith.store.plan import StoredPick

CLAIM = "claim"
REPLY = "reply"
# [H] Lengths that suit each channel: an e-mail read in under a minute; a text message of two
# SMS segments (2 × 160 characters); a LinkedIn note at claim.max_chars (200 free, 300 Premium).
EMAIL_MAX_CHARS = 1000
MESSAGE_MAX_CHARS = 320
DEFAULT_CLAIM_CHARS = 200
# A call, a video call or a coffee is proposed in a short message.
INVITES = {"call": "a call", "video": "a video call", "in_person": "a coffee"}
SPOKEN = frozenset(INVITES)
UPCOMING_DAYS = 14
# The plan's reason (its opening words) → the draft it calls for; anything else is a check-in.
REASON_KINDS = (
    ("they wrote", REPLY),
    ("dormant", "reconnect"),
    ("an article", "share"),
    ("a birthday", "birthday"),
    ("met at", CLAIM),
)
# What a reply to an ask offers to help with: "it" once the topic is named, else their question.
ASKED, ASKED_NAMED = "your question", "it"


class NothingToShare(UserError):
    """No saved article matches them that they have not had."""


@dataclass(frozen=True)
class Drafted:
    person: Person
    kind: str
    channel: str
    draft: Draft
    limit: int | None  # the most characters the channel takes

    @property
    def email(self) -> str | None:
        return self.person.emails[0] if self.person.emails else None

    @property
    def signed(self) -> bool:
        return self.draft.signed


def kind_for(reason: str) -> str:
    """The draft a plan pick's reason calls for."""
    return next((kind for opening, kind in REASON_KINDS if reason.startswith(opening)), "checkin")


def draft(
    store: Store,
    person_id: int,
    kind: str,
    folder: Path | None,
    now: datetime,
    channel: str = "email",
    invite: str | None = None,
) -> Drafted:
    """The `kind` draft for this person, for `channel`; `folder` holds the user's templates
    (None: the defaults); `invite` proposes a call or a coffee (by default, when the channel
    is one)."""
    template = template_for(folder, kind)
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        context = context_of(store, person, now, kind)
        form = form_for(store, kind, channel)
    context = replace(context, invite=INVITES.get(invite or channel, ""))
    return Drafted(person, kind, channel, render(template, context, kind, form), form.max_chars)


PATH_ASK = "path_ask"


def path_ask(
    store: Store,
    person_id: int,
    target: str,
    via: str,
    folder: Path | None,
    now: datetime,
    channel: str = "email",
) -> Drafted:
    """The ask to the first person on a warm path: an introduction to `target`, or to `via`
    (the next person on the way) when that is someone else; names only, nothing private."""
    template = template_for(folder, PATH_ASK)
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        context = context_of(store, person, now, PATH_ASK)
        form = form_for(store, PATH_ASK, channel)
    context = replace(context, target=target, via="" if via == target else via)
    drafted = render(template, context, PATH_ASK, form)
    return Drafted(person, PATH_ASK, channel, drafted, form.max_chars)


def for_picks(
    store: Store, picks: list[StoredPick], folder: Path | None, now: datetime
) -> dict[int, Drafted]:
    """Each pick's draft: the kind its reason calls for, in the form of its channel, proposing
    the call or coffee the plan suggests."""
    return {pick.person_id: _for_pick(store, pick, folder, now) for pick in picks}


def _for_pick(store: Store, pick: StoredPick, folder: Path | None, now: datetime) -> Drafted:
    invite = pick.channel if pick.channel in SPOKEN else next(iter(pick.upgrades), None)
    kind = kind_for(pick.reason)
    try:
        return draft(store, pick.person_id, kind, folder, now, pick.channel, invite)
    except NothingToShare:  # shared since the plan was made: a check-in instead
        return draft(store, pick.person_id, "checkin", folder, now, pick.channel, invite)


def templates(folder: Path) -> list[TemplateState]:
    """The user's templates: where each is, and whether it is the default, edited or old."""
    return template_states(folder)


def template_for(folder: Path | None, kind: str) -> str:
    return user_template(folder, kind) if folder is not None else shipped(kind)


def claim_limit(store: Store) -> int:
    """`claim.max_chars`: 200 (LinkedIn's note limit on a free account), 300 on Premium."""
    return int(settings.get(store, "claim.max_chars") or DEFAULT_CLAIM_CHARS)


def form_for(store: Store, kind: str, channel: str) -> Form:
    """What the channel wants: e-mail a subject and paragraphs; a text message a few lines;
    a LinkedIn message and every claim note claim.max_chars."""
    if kind == CLAIM:
        return Form(subject=channel == "email", separator=" ", max_chars=claim_limit(store))
    if channel == "social":
        return Form(subject=False, max_chars=claim_limit(store))
    if channel == "email":
        return Form(max_chars=EMAIL_MAX_CHARS)
    return Form(subject=False, separator="\n", max_chars=MESSAGE_MAX_CHARS)


def context_of(store: Store, person: Person, now: datetime, kind: str = "checkin") -> DraftContext:
    """Everything a `kind` template may say to `person` (loaded with detail)."""
    names = names_of(person)
    met_event_id = store.people.met_ids(person.id)[1]
    met = phrases.remark(store.drafting.met_about(person.id, met_event_id) or "", names)
    today = now.date()
    context = DraftContext(
        first_name=first_name(person),
        met_at=met_at(person),
        met_remark=met.sentence or "",
        met_about=met.noun_phrase or "",
        working_on=person.working_on[0].text if person.working_on else "",
        interest=person.interests[0] if person.interests else "",
        upcoming_event=store.drafting.upcoming_event(
            person.id, today.isoformat(), (today + timedelta(days=UPCOMING_DAYS)).isoformat()
        )
        or "",
        my_name=store.meta.setting("me.name") or "",
    )
    if kind == REPLY:
        return _replying(context, store, person, names)
    topic = phrases.topic(store.drafting.latest_topic(person.id) or "", names) or ""
    if topic.casefold() == context.working_on.casefold():
        topic = ""  # "how is your work on X going?" says it already
    context = replace(context, topic=topic)
    return _with_article(context, store, person) if kind == "share" else context


def _replying(
    context: DraftContext, store: Store, person: Person, names: tuple[str, ...]
) -> DraftContext:
    """A reply speaks of their latest message only: its topic, and what they asked."""
    latest = store.drafting.latest_message(person.id)
    if latest is None:
        return context
    topic = phrases.topic(latest[0] or "", names) or ""
    request = (ASKED_NAMED if topic else ASKED) if latest[1] == "ask" else ""
    return replace(context, topic=topic, request=request)


def names_of(person: Person) -> tuple[str, ...]:
    """What a phrase about them may call them: "Priya's talk" is "your talk" to Priya."""
    found = (person.name, first_name(person), person.nickname or "", person.given_name or "")
    return tuple(dict.fromkeys(name for name in found if name))


def first_name(person: Person) -> str:
    """Their given name, else the first word of their display name."""
    return (person.given_name or "").strip() or person.name.split()[0]


def met_at(person: Person) -> str:
    return person.met_event or person.met_where or ""


def _with_article(context: DraftContext, store: Store, person: Person) -> DraftContext:
    found = matching_article(
        store.drafting.unshared_articles(person.id), person.interests, context.working_on
    )
    if found is None:
        raise NothingToShare(_no_article(person))
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
