"""The give-first ledger: who gave, asked, thanked and introduced, in each direction; the warning
before an ask to someone the user has never given to; and ideas for what to give first.

Directions read from the user's side: `out` is something the user did, `in` something the
person did, and `both` (a conversation, e.g. a give logged over coffee) counts on both sides.
An introduction the user made (`introduction` in state introduced or followed_up) counts as an
`intro` out to each of the two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from kith.clock import to_utc_text
from kith.model import PersonHead
from kith.relate import matching
from kith.store import Store
from kith.store.mesh.ledger import GIVES, LEDGER_KINDS, Article, Entry, Offer

SIDES = {"out": ("out",), "in": ("in",), "both": ("out", "in")}
GIVING, TAKING = 0.75, 0.25  # science.md §8 item 7: the user gives > 75% / < 25%
IDEAS_SHOWN = 3  # in the warning; `kith ledger NAME` lists them all


@dataclass
class Side:
    """One kind in one direction: how many, and the newest entry."""

    count: int = 0
    latest: Entry | None = None


@dataclass
class Ledger:
    """One person's ledger: per kind, the user's side (`out`) and theirs (`in`)."""

    person: PersonHead
    sides: dict[str, dict[str, Side]]  # kind → {"out": Side, "in": Side}
    ideas: list[GiftIdea] = field(default_factory=list)

    def count(self, kinds: tuple[str, ...], side: str) -> int:
        return sum(self.sides[k][side].count for k in kinds)

    @property
    def balance(self) -> str:
        """One line: what each side gave and asked, gives counting introductions."""
        return f"You have {self._side('out')}; {self.person.name} has {self._side('in')}."

    def _side(self, side: str) -> str:
        given, asked = self.count(GIVES, side), self.count(("ask",), side)
        return f"{_times('given', given)} and {_times('asked', asked)}"


@dataclass(frozen=True)
class Row:
    """One person in the overview: gives (gives and intros), asks and thanks on each side."""

    person: PersonHead
    counts: dict[str, dict[str, int]]  # kind → {"out": n, "in": n}

    def gives(self, side: str) -> int:
        return sum(self.counts[k][side] for k in GIVES)

    @property
    def share(self) -> float | None:
        """The user's share of the gives between them; None when neither gave."""
        return _share(self.counts)


def _share(counts: dict[str, dict[str, int]]) -> float | None:
    mine = sum(counts[k]["out"] for k in GIVES)
    total = mine + sum(counts[k]["in"] for k in GIVES)
    return mine / total if total else None


@dataclass(frozen=True)
class Overview:
    """The ledger of everyone: its most lopsided rows and the shares of giving."""

    rows: list[Row]  # most lopsided first: the first `limit` of `total`
    with_gives: int  # people with a give either way: the share's denominator
    giving: int  # the user gave more than 75% of the gives
    taking: int  # the user gave less than 25% of the gives
    total: int = 0  # everyone with an entry


@dataclass(frozen=True)
class GiftIdea:
    """Something the user could give a person: an article on a topic they care about, or an
    introduction to another contact who offers what they need."""

    kind: str  # 'article' or 'introduction'
    because: str  # the interest, the work or the need it answers
    article: Article | None = None
    offer: Offer | None = None

    @property
    def sentence(self) -> str:
        if self.article is not None:
            title = (
                f'"{self.article.title}" ({self.article.url})'
                if self.article.title
                else self.article.url
            )
            return f"share {title}: {self.because}"
        assert self.offer is not None
        return f"introduce them to {self.offer.name}, who offers what they need: {self.offer.need}"


def person_ledger(store: Store, person_id: int) -> Ledger:
    """One person's ledger with every gift idea for them."""
    with store.reading():
        head = store.people.heads([person_id])[0]
        sides: dict[str, dict[str, Side]] = {k: {"out": Side(), "in": Side()} for k in LEDGER_KINDS}
        for entry, count in store.ledger.newest(person_id):
            for side in SIDES[entry.direction]:
                tally = sides[entry.kind][side]
                tally.count += count
                tally.latest = max(filter(None, (tally.latest, entry)), key=_recency)
        ideas = gift_ideas(store, person_id)
    return Ledger(head, sides, ideas)


def _recency(entry: Entry) -> tuple[datetime, bool, int]:
    """Newer last: by time, then a logged interaction after an introduction made at the same
    second, then by id."""
    logged = entry.interaction_id is not None
    return entry.at, logged, (entry.interaction_id if logged else entry.introduction_id) or 0


def overview(store: Store, limit: int | None = None) -> Overview:
    """Everyone (not archived) with a ledger entry, most lopsided first: by how far the user's
    share of the gives is from even, then by how many entries, then by name; people with asks
    or thanks but no gives come last. The first `limit` rows (all without one) with their
    person; the figures and `total` count everyone. Both read the totals migration 0029 keeps
    per person, indexed in this order but for the names: the people shown and those tied with
    the last of them are read, and put in order here."""
    with store.reading():
        everyone, *figures = store.ledger.balance(GIVING, TAKING)
        first: list[tuple[tuple[bool, float, int], int, dict[str, dict[str, int]]]] = []
        for person_id, totals in store.ledger.lopsided():
            counts = _by_kind(totals)
            key = _lopsided_first(counts, "", person_id)[:3]
            if limit is not None and len(first) >= limit and (not first or key != first[-1][0]):
                break
            first.append((key, person_id, counts))
        heads = store.people.heads([person_id for _, person_id, _ in first])
    found = sorted(
        zip(heads, first, strict=True),
        key=lambda pair: _lopsided_first(pair[1][2], pair[0].name, pair[0].id),
    )
    rows = [Row(head, counts) for head, (_, _, counts) in found[:limit]]
    with_gives, giving, taking = figures
    return Overview(rows, with_gives, giving, taking, total=everyone)


def balance(store: Store) -> tuple[int, int, int]:
    """The overview's last three figures without its rows: people with gives either way, and
    of them those the user gave more than 75% / less than 25% of the gives (for the report)."""
    with store.reading():
        _, with_gives, giving, taking = store.ledger.balance(GIVING, TAKING)
    return with_gives, giving, taking


def _by_kind(totals: tuple[int, ...]) -> dict[str, dict[str, int]]:
    """Stored totals (store.mesh.ledger.TOTAL_COLUMNS) → kind → {"out": n, "in": n}."""
    return {
        kind: {"out": totals[2 * k], "in": totals[2 * k + 1]} for k, kind in enumerate(LEDGER_KINDS)
    }


def give_first_warning(store: Store, person_id: int, now: datetime) -> str | None:
    """A warning before an ask to someone the user has never given to (no give or intro from
    the user, no introduction made of them, up to `now`), with up to three things to give
    first; None when the user has given to them before."""
    with store.reading():
        if store.ledger.has_given(person_id, to_utc_text(now)):
            return None
        name = store.people.heads([person_id])[0].name
        ideas = gift_ideas(store, person_id)
        reason = "" if ideas else no_ideas_reason(store, person_id)
    lines = [f"Give first: you have never given anything to {name} (a give or an intro)."]
    if not ideas:
        return "\n".join([*lines, f"No idea what to give yet: {reason}"])
    more = f' (`kith ledger "{name}"` lists all {len(ideas)})' if len(ideas) > IDEAS_SHOWN else ""
    lines.append(f"Something you could give first{more}:")
    lines += [f"  - {idea.sentence}" for idea in ideas[:IDEAS_SHOWN]]
    return "\n".join(lines)


def gift_ideas(store: Store, person_id: int) -> list[GiftIdea]:
    """What the user could give this person: saved articles not yet shared with them whose
    topics match an interest or what they are working on (newest saved first), then other
    contacts whose offers meet one of their needs (by need, then the one in touch most
    recently: an easier introduction to make)."""
    interests = store.ledger.interests(person_id)
    work = store.ledger.working_on(person_id)
    ideas = []
    for article in store.ledger.unshared_articles(person_id):
        because = _article_reason(article, interests, work)
        if because is not None:
            ideas.append(GiftIdea("article", because, article=article))
    for offer in offers(store, person_id):
        if offer.introduction_id is None:  # an introduction begun is no longer an idea
            ideas.append(GiftIdea("introduction", f"they need {offer.need}", offer=offer))
    return ideas


def offers(store: Store, person_id: int) -> list[Offer]:
    """Other contacts whose offers meet one of this person's needs, as `kith intros` matches a
    need to an offer (relate.matching), by need, then the one in touch most recently; each
    with the newest introduction between the two, if any."""
    needs = sorted(store.ledger.needs(person_id))
    texts = store.ledger.offer_texts()
    met = {(need, text) for need in needs for text in texts if _meets(need, text)}
    offerers = store.ledger.offerers(person_id, sorted({text for _, text in met}))
    found: list[Offer] = []
    for need in needs:
        named = {o.person_id for o in found if o.need == need}  # one line per need and person
        for offer in offerers:
            if (need, offer.offered) in met and offer.person_id not in named:
                named.add(offer.person_id)
                found.append(replace(offer, need=need))
    return found


def _meets(need: str, offered: str) -> bool:
    return need.casefold() == offered.casefold() or matching.meets(need, offered) >= matching.MATCH


def no_ideas_reason(store: Store, person_id: int) -> str:
    """Why `gift_ideas` found nothing, as the end of a sentence that says what would help: a
    contact who offers what they need and is already in an introduction with them is named,
    with where that introduction stands."""
    ledger = store.ledger
    taken = [o for o in offers(store, person_id) if o.introduction_id is not None]
    if taken:
        return f"no saved article matches their interests or work, and {_taken(store, taken)}."
    if ledger.interests(person_id) or ledger.working_on(person_id) or ledger.needs(person_id):
        return (
            "no saved article matches their interests or work, and no contact offers "
            "what they need."
        )
    return "record what they care about (`kith interest NAME TOPIC`, `kith need NAME NEED`)."


def _taken(store: Store, taken: list[Offer]) -> str:
    """ "no other contact offers what they need: Priya Natarajan, who offers “robotics jobs”,
    is in an introduction with them already (you introduced them)"."""
    from kith.services.mesh.introduce import standing  # with the drafts: not for every ledger

    said = []
    for offer in taken:
        assert offer.introduction_id is not None
        intro = store.introductions.get(offer.introduction_id)
        assert intro is not None
        names = store.people.refs([intro.a_id, intro.b_id])
        where = standing(intro, names[intro.a_id].name, names[intro.b_id].name)
        said.append(
            f"{offer.name}, who offers “{offer.offered}”, is in an introduction with them "
            f"already ({where})"
        )
    return "no other contact offers what they need: " + "; ".join(dict.fromkeys(said))


def _article_reason(article: Article, interests: list[str], work: list[str]) -> str | None:
    """Why this article suits them, or None: a topic that is one of their interests (or a
    whole word or phrase in one), else one found in what they are working on."""
    for topic in article.topics:
        for interest in interests:
            if _mentions(interest, topic):
                return f"on {topic}, one of their interests"
    for topic in article.topics:
        for text in work:
            if _mentions(text, topic):
                return f"on {topic}; they are working on {text}"
    return None


def _mentions(text: str, topic: str) -> bool:
    """Whether `topic` is in `text` as a whole word or phrase, ignoring case."""
    pattern = rf"(?<!\w){re.escape(topic.casefold())}(?!\w)"
    return re.search(pattern, text.casefold()) is not None


def _lopsided_first(
    counts: dict[str, dict[str, int]], name: str, person_id: int
) -> tuple[bool, float, int, str, int]:
    share = _share(counts)
    total = sum(n for sides in counts.values() for n in sides.values())
    distance = abs(share - 0.5) if share is not None else 0.0
    return (share is None, -distance, -total, name.casefold(), person_id)


def _times(verb: str, count: int) -> str:
    if count == 0:
        return f"never {verb}"
    return f"{verb} " + {1: "once", 2: "twice"}.get(count, f"{count} times")
