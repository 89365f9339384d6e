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
from datetime import date, datetime, timedelta
from pathlib import Path

from kith.clock import birthday_in, from_utc_text, next_birthday
from kith.drafts import greeting, phrases
from kith.drafts import lexicon as lx
from kith.drafts.render import Draft, DraftContext, Form, render
from kith.drafts.texts import (
    TemplateState,
    shipped,
    template_path,
    template_states,
    user_template,
)
from kith.errors import UserError
from kith.model import Person
from kith.names import fold, without_asides
from kith.relate.priority import awaits_reply
from kith.relate.strength import DORMANT_RECENCY, recency_since
from kith.services import settings
from kith.services.week.hooks import BIRTHDAY_DAYS
from kith.sources import mail
from kith.store import Store
from kith.store.drafting import Article, Latest
from kith.store.week.plan import StoredPick

CLAIM = "claim"
# Where a draft can go: each sets its form and length (`event` is not a way to send one).
CHANNELS = ("email", "message", "social", "call", "video", "in_person")
REPLY = "reply"
RECONNECT = "reconnect"
INTRODUCE = "introduce"  # an introduction's message to both sides at once
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
    ("dormant", RECONNECT),
    ("an article", "share"),
    ("a birthday", "birthday"),
    ("met at", CLAIM),
)
REPLY_LATE_DAYS = 7  # [H] a reply this late says sorry
APOLOGY = "Sorry to be slow to reply."
BIRTHDAY_AHEAD_DAYS = 6  # a wish names the weekday this close; a week ahead, the date
BELATED_DAYS = 7
PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "during", "after", "before", "near", "by"})
# A place that is a gathering is where you meet someone "at" ("at the JS meetup", trial 6), as
# is an event ("at Local-first night"); any other "in" ("in Bristol", "in the Foundry").
GATHERINGS = frozenset(
    {"meetup", "meet-up", "party", "conference", "summit", "wedding", "event", "meeting"}
    | {"festival", "hackathon", "gala", "reception", "barbecue", "bbq", "concert", "retreat"}
    | {"offsite", "fair", "expo", "launch", "class", "course", "seminar", "webinar", "gig"}
    | {"night", "camp", "bootcamp", "sprint", "match", "meet", "game", "show", "convention"}
)
# What a reply to an ask offers to help with: "it" once the topic is named, else their question.
ASKED, ASKED_NAMED = "your question", "it"


class NothingToShare(UserError):
    """No saved article matches them that they have not had."""


class NothingToReply(UserError):
    """Their latest interaction is not a message from them."""


class NotMetYet(UserError):
    """No kind asked for a prospect never in touch: every kind greets someone you know."""


class NoBirthdayNear(UserError):
    """A birthday wish asked for someone whose known birthday is not within a week either side."""


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


def default_channel(store: Store, person_id: int, kind: str) -> str:
    """A claim note goes on LinkedIn. Anything else goes by e-mail to someone with an address
    and by message to someone reachable only by phone or a chat handle (Signal, Telegram); for
    someone with both, the way your latest exchange went (a chat or a call: a message)."""
    if kind == CLAIM:
        return "social"
    with store.reading():
        person = store.people.get(person_id)
        latest = store.drafting.latest(person_id)
    if person is None:
        return "email"
    kinds = {identity.kind for identity in person.identities}
    by_mail = bool(person.emails) or "email" in kinds
    by_message = bool(person.phones) or bool(kinds & {"phone", "handle"})
    if by_message and (not by_mail or (latest is not None and latest.channel in TALKED)):
        return "message"
    return "email"


TALKED = frozenset({"message", "call", "video"})  # a latest exchange that makes a message fitting


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
    names: dict[str, str] | None = None,
    private: bool = True,
) -> Drafted:
    """The `kind` draft for this person, for `channel`; `folder` holds the user's templates
    (None: the defaults); `invite` proposes a call or a coffee (by default, when the channel
    is one); `names` fills placeholders that name other people (a warm path's `target`);
    without `private` (an assistant not shown the log), a reply quotes no e-mail's subject."""
    template = template_for(folder, kind)
    with store.reading():
        person = store.people.get(person_id)
        assert person is not None
        context = context_of(store, person, now, kind, private)
        form = form_for(store, kind, channel)
    context = replace(context, invite=INVITES.get(invite or channel, ""), **(names or {}))
    drafted = render(template, context, template_name(folder, kind), form)
    return Drafted(person, kind, channel, drafted, form.max_chars)


def between(
    store: Store,
    to_id: int,
    other_id: int,
    kind: str,
    folder: Path | None,
    helps: tuple[bool, bool] = (False, False),
) -> Drafted:
    """An introduction's `kind` message (render.INTRO_KINDS) to `to_id` about `other_id`, by
    e-mail, or as a text message to someone Kith has a number for and no address (the
    introduction itself, to both at once, stays an e-mail). It may say both names and the
    user's, and who could help whom (`helps`: whether the recipient could help the other, and
    the other the recipient), nothing else: not the recipient's own context (the introduction
    goes to both at once), never a need, an offer or the reason."""
    template = template_for(folder, kind)
    with store.reading():
        person, other = store.people.get(to_id), store.people.get(other_id)
        assert person is not None
        assert other is not None
        context = DraftContext(  # to both at once, each is named, not only greeted
            first_name=called(person) if kind == INTRODUCE else first_name(person),
            other_name=greeting.full_name(other.name) or greeting.NAMELESS,
            other_first_name=called(other),
            my_name=store.meta.setting("me.name") or "",
            favour=_favour(helps, called(other)),
        )
    texted = kind != INTRODUCE and not person.emails and bool(person.phones)
    channel = "message" if texted else "email"
    form = Form(subject=not texted, separator="\n" if texted else "\n\n", max_chars=EMAIL_MAX_CHARS)
    drafted = render(template, context, template_name(folder, kind), form)
    return Drafted(person, kind, channel, drafted, form.max_chars)


def _favour(helps: tuple[bool, bool], other: str) -> str:
    """Who could help whom, in the words of an introduction's ask: never "each other" for a
    one-way favour."""
    gives, gets = helps
    if gives and gets:
        return "you two could help each other"
    if gets:
        return f"{other} could help you"
    return f"you could help {other}" if gives else ""


PATH_ASK = "path_ask"


def path_ask(
    store: Store,
    person_id: int,
    target: str,
    via: str,
    folder: Path | None,
    now: datetime,
    channel: str | None = None,
) -> Drafted:
    """The ask to the first person on a warm path: an introduction to `target`, or to `via`
    (the next person on the way) when that is someone else; names only, nothing private. By
    default it goes as `kith draft` writes to them (default_channel): a text message to
    someone Kith has a number for and no address (trial 5: an e-mail to Grace, phone only)."""
    names = {
        "target": greeting.full_name(target),
        "via": "" if via == target else greeting.full_name(via),
    }
    chosen = channel or default_channel(store, person_id, PATH_ASK)
    return draft(store, person_id, PATH_ASK, folder, now, chosen, names=names)


def for_picks(
    store: Store,
    picks: list[StoredPick],
    folder: Path | None,
    now: datetime,
    private: bool = True,
) -> dict[int, Drafted]:
    """Each pick's draft: the kind its reason calls for, in the form of its channel, proposing
    the call or coffee the plan suggests (`private`: as `draft`)."""
    return {pick.person_id: _for_pick(store, pick, folder, now, None, private) for pick in picks}


def _for_pick(
    store: Store,
    pick: StoredPick,
    folder: Path | None,
    now: datetime,
    channel: str | None = None,
    private: bool = True,
) -> Drafted:
    chosen = channel or pick.channel
    invite = chosen if chosen in SPOKEN else next(iter(pick.upgrades), None)
    with store.reading():
        latest = store.drafting.latest(pick.person_id)
    kind = kind_for(pick.reason)
    if kind == "checkin" and _awaits_reply(latest, now):
        kind = REPLY  # due for another reason, but waiting on an answer: the answer comes first
    # "you came to mind today, so a quick hello" fits neither years of silence nor a first meeting
    plain = RECONNECT if _long_silent(store, pick.person_id, latest, now) else "checkin"
    if plain == "checkin":
        with store.reading():
            person = store.people.get(pick.person_id)
        if person is not None and first_meeting(store, person, now):
            plain = CLAIM
    if kind == "checkin":
        kind = plain
    try:
        return draft(store, pick.person_id, kind, folder, now, chosen, invite, private=private)
    except (NothingToShare, NothingToReply, NoBirthdayNear):  # since then: the plain one instead
        return draft(store, pick.person_id, plain, folder, now, chosen, invite, private=private)


def asked_for(
    store: Store,
    person_id: int,
    kind: str | None,
    folder: Path | None,
    now: datetime,
    channel: str | None = None,
    private: bool = True,
) -> Drafted:
    """`kith draft NAME [--kind K] [--channel C]` for every face: the `kind` draft in `channel`
    (default: default_channel's), or without a kind the one Kith would choose (_unasked);
    `private`: as `draft`."""
    if kind is None:
        return _unasked(store, person_id, folder, now, channel, private)
    chosen = channel or default_channel(store, person_id, kind)
    return draft(store, person_id, kind, folder, now, chosen, private=private)


def _unasked(
    store: Store,
    person_id: int,
    folder: Path | None,
    now: datetime,
    channel: str | None,
    private: bool = True,
) -> Drafted:
    """The draft when no kind is asked: an open pick of this week's plan gets the one `kith
    plan --drafts` writes (in its channel unless another is asked); anyone else a reply when
    their latest message waits for one, a birthday wish in the week around it, a reconnect
    after a long silence (_long_silent), a claim note right after a first meeting
    (first_meeting), else a check-in."""
    from kith.services.week.weeks import week_key

    with store.reading():
        picks = store.plan.picks(week_key(now.date()))
        latest = store.drafting.latest(person_id)
        person = store.people.get(person_id)
    pick = next((p for p in picks if p.person_id == person_id and p.state == "open"), None)
    if pick is not None:
        return _for_pick(store, pick, folder, now, channel, private)
    if person is not None and person.kind == "prospect" and latest is None:
        raise NotMetYet(_not_met_yet(person))
    if _awaits_reply(latest, now):
        kind = REPLY
    elif person is not None and birthday_wish(person, now.date()):
        kind = "birthday"
    elif _long_silent(store, person_id, latest, now):
        kind = RECONNECT
    elif person is not None and first_meeting(store, person, now):
        kind = CLAIM  # "good to meet you", as `kith met` writes it
    else:
        kind = "checkin"
    # a first meeting's note goes where a check-in would, not to LinkedIn as `kith claim`'s
    chosen = channel or default_channel(store, person_id, "checkin" if kind == CLAIM else kind)
    return draft(store, person_id, kind, folder, now, chosen, private=private)


# A first meeting's draft says "good to meet you" this long after it: as long as `kith claim`
# and the plan raise someone met at an event (claims.DECIDE_DAYS).
FIRST_MEETING_DAYS = 28
MEETING_CHANNELS = frozenset({"in_person", "event"})


def first_meeting(store: Store, person: Person, now: datetime) -> bool:
    """Whether a draft to them should read as after a first meeting ("good to meet you", the
    claim template, as `kith met` writes it) rather than "you came to mind today" (trial 5: the
    phone's "Met someone new"): their only interaction is a meeting (in person or at an event;
    none, when `kith met` recorded the event), in the last four weeks, and you had not known
    them before it (`--known-since`). Where you said nothing of how, where or at which event
    you met, their card must also have been made by hand no earlier than the day before that
    meeting (`kith add` and `kith log` of it): someone in your address book before, or from an
    import (an address book, a mailbox), is someone you know. How or where you met saying it
    was long ago ("at school", "since 2015") or a family tie makes it no first meeting; a card
    made by hand with how you met and nothing logged met you the day it was made (trial6 #12)."""
    if _known_long(person.how_met, now) or _known_long(person.met_where, now):
        return False  # "at school", "old friend from uni", "since 2015": not a new face
    with store.reading():
        met_event_id = store.people.met_ids(person.id)[1]
        said = bool(person.how_met or person.met_where or met_event_id)
        made = store.drafting.added_by_hand(person.id)
        seen = store.drafting.first_two(person.id)
        event = store.events.get(met_event_id) if met_event_id is not None and not seen else None
        kin = store.ties.is_kin(person.id)
    if kin or len(seen) > 1 or (seen and seen[0][1] not in MEETING_CHANNELS):
        return False
    if seen:
        day = _local_day(seen[0][0], now)
    elif event is not None:
        day = event.day
    elif said and made is not None:  # `kith add --met coffee`, nothing logged: met that day
        day = _local_day(made, now)
    else:
        return False
    if person.known_since is not None and person.known_since < day:
        return False
    if not said and (made is None or _local_day(made, now) < day - timedelta(days=1)):
        return False  # an import's, or in your contacts before the meeting
    return 0 <= (now.date() - day).days <= FIRST_MEETING_DAYS


# How you met, in words that say it was long ago: an old friend is no new face [H]. A year
# before this one counts too ("since 2015"; "PyCon 2026" is this year's).
KNOWN_LONG = re.compile(
    r"\b(school|schooldays|uni|university|college|childhood|grew up|growing up|old|former|ex|"
    r"years|decades?|since|for ages|family|cousins?)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _known_long(said: str | None, now: datetime) -> bool:
    """Whether how or where you met says you have known them long ("at school", "an old friend",
    "since 2015", "through family")."""
    if not said:
        return False
    return bool(KNOWN_LONG.search(said)) or any(int(y) < now.year for y in YEAR.findall(said))


def _local_day(instant: str, now: datetime) -> date:
    return from_utc_text(instant).astimezone(now.tzinfo).date()


def _not_met_yet(person: Person) -> str:
    """Trial 5: "Hi Linus, You came to mind today, so a quick hello." to a stranger."""
    return (
        f"{person.name} is someone you want to meet, and you have not been in touch yet: a "
        "check-in would greet them as someone you know. Ask whoever can introduce you: "
        f'kith path "{person.name}" drafts that ask (or --kind checkin writes one anyway).'
    )


def _long_silent(store: Store, person_id: int, latest: Latest | None, now: datetime) -> bool:
    """Whether their latest interaction is `long_ago` (no interaction: a first message, not a
    reconnection)."""
    if latest is None:
        return False
    with store.reading():
        kin = store.ties.is_kin(person_id)
    return long_ago(from_utc_text(latest.at), now, kin=kin)


def long_ago(latest: datetime, now: datetime, *, kin: bool) -> bool:
    """Whether a silence since `latest` calls for a reconnect rather than a check-in: recency R
    (science.md §2) below the dormancy threshold, as for a dormant tie but whatever the tie's
    strength was. That is 199.3 days without contact (kin, whose recency fades half as fast:
    398.6 days)."""
    return recency_since(latest, now, kin=kin) < DORMANT_RECENCY


def _awaits_reply(latest: Latest | None, now: datetime) -> bool:
    return latest is not None and awaits_reply(
        latest.direction, latest.channel, from_utc_text(latest.at), now
    )


def templates(folder: Path) -> list[TemplateState]:
    """The user's templates: where each is, and whether it is the default, edited or old."""
    return template_states(folder)


def template_name(folder: Path | None, kind: str) -> str:
    """How an error names the template: "the checkin template (~/…/templates/checkin.txt)"."""
    if folder is None:
        return f"{kind} template"
    return f"{kind} template ({template_path(folder, kind)})"


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


def context_of(
    store: Store, person: Person, now: datetime, kind: str = "checkin", private: bool = True
) -> DraftContext:
    """Everything a `kind` template may say to `person` (loaded with detail); `private`: as
    `draft`."""
    names = names_of(person)
    met_event_id = store.people.met_ids(person.id)[1]
    met = phrases.remark(store.drafting.met_about(person.id, met_event_id) or "", names)
    today = now.date()
    working_on = sayable_work(person)
    ahead = (today + timedelta(days=UPCOMING_DAYS)).isoformat()
    soon = store.drafting.upcoming_events(person.id, today.isoformat(), ahead)
    context = DraftContext(
        first_name=first_name(person),
        met_at=_event(person.met_event, names),
        met_where=_where(person.met_where),
        met_remark=met.sentence or "",
        met_about=met.noun_phrase or "",
        working_on=phrases.in_second_person(working_on, names),
        their_work=their_work(phrases.in_second_person(working_on, names)),
        interest=next((i for i in person.interests if not phrases.personal(i)), ""),
        upcoming_event=next((said for said in (_event(e, names) for e in soon) if said), ""),
        birthday_wish=birthday_wish(person, today),
        my_name=store.meta.setting("me.name") or "",
    )
    if kind == REPLY:
        return _replying(context, store, person, names, now, private)
    if kind == "birthday" and person.birthday is not None and not context.birthday_wish:
        raise NoBirthdayNear(_no_birthday_near(person, today))
    if kind == "checkin":
        today_, in_touch = _in_touch(store, person.id, now)
        context = replace(context, in_touch_today=today_, in_touch=in_touch)
    said, shared = store.drafting.latest_topic(person.id) or ("", False)
    topic = phrases.topic(said, names, shared) or ""
    if topic.casefold() == context.working_on.casefold():
        topic = ""  # "how is your work on X going?" says it already
    context = replace(context, topic=topic)
    return _with_article(context, store, person) if kind == "share" else context


# how a check-in speaks of your exchange earlier today, by its channel: "Good to … today."
TODAY = {"call": "talk", "video": "talk", "in_person": "see you", "event": "see you"}


def _in_touch(store: Store, person_id: int, now: datetime) -> tuple[str, str]:
    """What a check-in says of your latest exchange when it was today (not later than `now`),
    and with its day, also after a call or a meeting yesterday: someone you just spoke to or saw
    is not told "you came to mind today" (a person would write a follow-up). ("talk", "talk
    today"), ("", "see you yesterday"); ("", "") otherwise. A written exchange yesterday says
    nothing ("Good to be in touch yesterday" reads oddly)."""
    latest = store.drafting.latest(person_id)
    if latest is None:
        return "", ""
    at = from_utc_text(latest.at)
    days = (now.date() - at.astimezone(now.tzinfo).date()).days
    if at > now or days not in (0, 1) or (days == 1 and latest.channel not in TODAY):
        return "", ""
    said = TODAY.get(latest.channel, "be in touch")
    return (said, f"{said} today") if days == 0 else ("", f"{said} yesterday")


# what a reply thanks them for, by the channel of their latest interaction: what happened
RECEIVED = {
    "email": "your e-mail",
    "message": "your message",
    "social": "your message",
    "call": "your call",
    "video": "the video call",
    "in_person": "meeting up",
    "event": "the chat at the event",
}


def _replying(
    context: DraftContext,
    store: Store,
    person: Person,
    names: tuple[str, ...],
    now: datetime,
    private: bool = True,
) -> DraftContext:
    """A reply speaks of their latest message only: its topic, what they asked, and sorry
    when it has waited a week or more. Nothing to reply to is an error."""
    latest = store.drafting.latest(person.id, mail.ORIGIN if private else "")
    if latest is None or latest.direction != "in":
        raise NothingToReply(_nothing_to_reply(person, latest))
    topic = phrases.topic(latest.topic or "", names, latest.shared) or ""
    request = (ASKED_NAMED if topic else ASKED) if latest.kind == "ask" else ""
    waited = (now - from_utc_text(latest.at)).days >= REPLY_LATE_DAYS
    received = RECEIVED.get(latest.channel, "your message")
    return replace(
        context,
        topic=topic,
        request=request,
        apology=APOLOGY if waited else "",
        received=received,
        their_subject=_their_subject(latest.subject),
    )


_REPLIED = re.compile(r"^(?:re\s*:\s*)+", re.IGNORECASE)


def _their_subject(subject: str | None) -> str:
    """The subject of their e-mail a reply answers, without the "Re:" a reply puts back
    ("Re: Re: the talk" → "the talk"); empty when Kith has none."""
    if subject is None or subject == mail.NO_SUBJECT:
        return ""
    return _REPLIED.sub("", subject).strip()


def _nothing_to_reply(person: Person, latest: Latest | None) -> str:
    if latest is None:
        return (
            f"{person.name} has not written to you yet: there is nothing to reply to. "
            f'Draft a check-in instead: kith draft "{person.name}" --kind checkin.'
        )
    return (
        f"You wrote last to {person.name} ({latest.at[:10]}): there is nothing to reply to. "
        f'Draft a check-in instead: kith draft "{person.name}" --kind checkin.'
    )


def _no_birthday_near(person: Person, today: date) -> str:
    """Why no wish is written: "Happy birthday!" months away from the day would be wrong."""
    assert person.birthday is not None
    day = next_birthday(person.birthday.month, person.birthday.day, today)
    return (
        f"{person.name}'s birthday is on {day:%A} {day.day} {day:%B}, in {(day - today).days} "
        "days: a wish is written from a week before it to a week after. Draft a check-in "
        f'instead: kith draft "{person.name}" --kind checkin.'
    )


def sayable_work(person: Person) -> str:
    """What they are working on (the newest), when a draft may ask after it: not something
    personal, a note to yourself or another language, which a topic would not say either
    ("How is your divorce going?", trial 5)."""
    text = person.working_on[0].text if person.working_on else ""
    return "" if phrases.withheld(text) else text


ARTICLES = frozenset({"a", "an", "the"})


def their_work(working_on: str) -> str:
    """How a draft speaks of it: "your work on the migration", but "your thesis on typing"
    rather than "your work on your thesis on typing". Articles alone ("a a", "the") name no
    work: nothing is said."""
    if not working_on or not set(working_on.casefold().split()) - ARTICLES:
        return ""
    return working_on if working_on.casefold().startswith("your ") else f"your work on {working_on}"


def birthday_wish(person: Person, today: date) -> str:
    """ "Happy birthday!" on the day; "Happy birthday for Friday!" within the six days ahead;
    "An early happy birthday for Monday 14 December!" a week ahead, as far as the plan's hook
    looks; "A belated happy birthday!" up to a week after; else nothing (the line's fallback)."""
    if person.birthday is None:
        return ""
    month, day_of_month = person.birthday.month, person.birthday.day
    ahead = (next_birthday(month, day_of_month, today) - today).days
    behind = (today - birthday_in(today.year, month, day_of_month)).days
    day = today + timedelta(days=ahead)
    if ahead == 0:
        return "Happy birthday!"
    if ahead <= BIRTHDAY_AHEAD_DAYS:
        return f"Happy birthday for {'tomorrow' if ahead == 1 else f'{day:%A}'}!"
    if ahead <= BIRTHDAY_DAYS:
        return f"An early happy birthday for {day:%A} {day.day} {day:%B}!"
    if 0 < behind <= BELATED_DAYS:
        return "A belated happy birthday!"
    return ""


def _event(name: str | None, names: tuple[str, ...] = ()) -> str:
    """An event's name as a draft may say it: not a personal one ("Will you be at Dad's
    funeral? It would be good to catch up there.", trial 5), nor a surprise ("Surprise party
    for Tom", to Tom), and without a note in brackets ("Board dinner (pitch him on the
    merger)": trial 6) or after a dash or a comma ("Tom - fire him": trial 7), a full stop, an
    arrow or on a second line ("Board dinner. He is broke": trial 8); nor one named
    after them (`names`: "Will you be at Coffee with Lena?" to Lena, at Zoë's farewell to
    Zoë), which is theirs or the two of you's."""
    said = phrases.before_note(without_asides(phrases.first_line(name or "")))
    if not said or phrases.personal(said) or phrases.secret(name or ""):
        return ""
    folded = fold(said)
    named = (re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", folded) for n in names if fold(n))
    return "" if any(named) else said


def _where(place: str | None) -> str:
    """Where you met, as it follows "good to meet you": "in Bristol", "at the JS meetup" (a
    gathering), or as given when it
    opens with its own preposition ("at the Foundry"); nothing when the place is personal
    ("the AA meeting", "the oncology ward": trial 5), and never a note in brackets ("the
    Foundry (he was drunk)": trial 6) or after a dash ("the gym / he hit on me": trial 7)."""
    text = phrases.before_note(without_asides(phrases.first_line(place or "")))
    if not text or phrases.personal(text):
        return ""
    words = text.casefold().split()
    if words[0] in PLACE_PREPOSITIONS:
        return text
    gathering = words[-1].strip(".,;:!") in GATHERINGS | lx.PRESENTED | lx.TOGETHER
    return f"at {text}" if gathering else f"in {text}"


def names_of(person: Person) -> tuple[str, ...]:
    """What a phrase about them may call them: "Priya's talk" is "your talk" to Priya."""
    found = (person.name, first_name(person), person.nickname or "", person.given_name or "")
    return tuple(dict.fromkeys(name for name in found if name))


def first_name(person: Person) -> str:
    """What a greeting calls them (kith.drafts.greeting): "Dr. Kim" → Kim, "🌻 Sunny" → Sunny."""
    return greeting.first_name(person.name, person.given_name, person.nickname)


def called(person: Person) -> str:
    """What someone else is told to call them: their first name, else their name as it can be
    said, else a prompt to fill in ("[their name]" for "🌻")."""
    return greeting.called(person.name, person.given_name, person.nickname)


def _with_article(context: DraftContext, store: Store, person: Person) -> DraftContext:
    """The article to share and why it suits them, said as it is: the interest it matched, or
    their work it touches (then the closing "I hope your work on … is going well" would say it
    twice, so $their_work is left unsaid)."""
    found = matching_article(
        store.drafting.unshared_articles(person.id), person.interests, context.working_on
    )
    if found is None:
        raise NothingToShare(_no_article(person))
    article, match = found
    shared = replace(
        context,
        article_title=_title(article.title),
        article_url=article.url,
        article_topic=match.topic,
    )
    if match.interest is not None:
        return replace(shared, article_interest=_said_interest(match.interest, person))
    return replace(shared, article_work=context.their_work, their_work="")


def _title(title: str | None) -> str:
    """An article's title as a share says it (its subject too): without a note in brackets or
    after a dash, a full stop or an arrow, or on a second line, as `kith save --title` is typed
    ("Marathon training (for Bo, he is slow)", "Marathon training - send to Bo": trial 7;
    "Marathon training. For Bo": trial 8); a subtitle after a colon stays."""
    text = without_asides(phrases.first_line(title or ""))
    cut = phrases.note_start(text)
    return (text[:cut] if cut is not None else text).strip()


def _said_interest(interest: str, person: Person) -> str:
    """An interest as a share says it to them: in the second person ("his startup scene" →
    "your startup scene", trial 6), and not at all when a topic of those words would not be
    said (something personal, a note to yourself: "her IVF journey")."""
    if phrases.withheld(interest):
        return ""
    return phrases.in_second_person(interest, names_of(person))


@dataclass(frozen=True)
class Match:
    """Why an article suits someone: its `topic` is one of their interests (`interest`, as
    recorded for them) or is found in what they are working on (`interest` None)."""

    topic: str
    interest: str | None


def matching_article(
    articles: list[Article], interests: list[str], working_on: str
) -> tuple[Article, Match] | None:
    """The newest article with a topic that matches one of their interests or what they are
    working on as `kith share` and the plan match them (`topic_matches`: the same folded words,
    or one holding the other: "Machine-Learning" is "machine learning", trial 6); with the
    match (an interest first)."""
    from kith.store.articles import topic_matches, topic_words  # only a share needs it

    wanted = [(topic_words(interest), interest) for interest in interests]
    doing = topic_words(working_on)
    for article in articles:
        for topic in article.topics:
            interest = next((i for words, i in wanted if topic_matches(topic, words)), None)
            if interest is not None:
                return article, Match(topic, " ".join(interest.split()))
        for topic in article.topics:
            if topic_matches(topic, doing):
                return article, Match(topic, None)
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
