"""People you want to meet, and referrals: who suggested whom, whether you followed up, and
whether you thanked the person who suggested it.

Both are read from the log, never guessed: a wish came true (`met_at`) with the first
interaction with that person on or after the day you added them; a referral was followed up
with the first interaction with the person suggested on or after the day of the referral, and
the referrer was thanked by an interaction of kind `thanks` with them on or after the day you
met (or by `kith refer --thanked`). Days are the user's, in `now`'s zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from kith.clock import to_utc_text
from kith.controls import refuse
from kith.errors import Candidate, NotFound, UserError
from kith.identities import guess_kind
from kith.model import PersonDraft, PersonHead
from kith.names import fold
from kith.services.resolve import resolve
from kith.store import Store
from kith.store.mesh.referrals import ReferralRow, WantRow

LOOKALIKE_RATIO = 0.8  # "Priya Gutpa" vs "Priya Gupta": 0.91 (a typo, worth a warning)
NOT_CONTACTED, TO_THANK, THANKED = "not_contacted", "to_thank", "thanked"


def day_start(moment: datetime, now: datetime) -> str:
    """The stored form of the start of `moment`'s day in the user's zone (`now`'s)."""
    local = moment.astimezone(now.tzinfo).date()
    return to_utc_text(datetime.combine(local, time(), tzinfo=now.tzinfo))


@dataclass(frozen=True)
class Newcomer:
    """The person a name stands for, created as a prospect when nobody had that name."""

    person_id: int
    created: bool
    close_names: tuple[str, ...] = ()  # when created: existing names close to it, to check


def person_to_meet(store: Store, name: str, now: datetime, company: str | None = None) -> Newcomer:
    """The person called `name`, or a new prospect with that name (and company)."""
    try:
        person_id = resolve(store, name)
    except NotFound as missing:
        if name.strip().startswith("#") or guess_kind(name):
            raise
        from kith.services.people import add_person  # adding: not the reads' import

        draft = PersonDraft(name=name, company=company, kind="prospect")
        created = add_person(store, draft, now, same_name=True)
        return Newcomer(created.id, True, _lookalikes(name, missing.suggestions))
    head = store.people.heads([person_id])[0]
    if company and (head.company or "").casefold() != company.strip().casefold():
        raise UserError(
            f"{name!r} is {head.name} (#{head.id}), of {head.company or 'no company'}, not "
            f'{company}; for someone new, `kith add "Full Name" --prospect --company '
            f'"{company}"`, then `kith want #ID`.'
        )
    return Newcomer(person_id, False)


def _lookalikes(name: str, suggestions: list[Candidate]) -> tuple[str, ...]:
    """Existing names so close to the new one that it may be a typo."""
    from difflib import SequenceMatcher  # a new prospect only: not the reads' import

    key = fold(name)
    return tuple(
        c.name
        for c in suggestions
        if SequenceMatcher(None, key, fold(c.name)).ratio() >= LOOKALIKE_RATIO
    )


@dataclass(frozen=True)
class Wish:
    """Someone on the want-to-meet list."""

    person: PersonHead
    why: str | None
    since: datetime
    met_at: datetime | None
    referred_by: tuple[PersonHead, ...]


@dataclass(frozen=True)
class Wanted:
    """The outcome of `kith want`: the wish and the newcomer."""

    wish: Wish
    added: bool  # False: they were on the list already
    newcomer: Newcomer


def want(
    store: Store, name: str, now: datetime, why: str | None = None, company: str | None = None
) -> Wanted:
    """Put someone on the want-to-meet list, creating them as a prospect if unknown.
    Wanting them again changes only the reason, when one is given."""
    refuse([("name", name), ("reason", why), ("company", company)])
    why = " ".join(why.split()) if why else None
    with store.transaction():
        newcomer = person_to_meet(store, name, now, company)
        added = store.referrals.want(newcomer.person_id, why, to_utc_text(now))
        if not added and why:
            store.referrals.set_why(newcomer.person_id, why)
        return Wanted(_wish(store, newcomer.person_id, now), added, newcomer)


def wants(store: Store, now: datetime) -> list[Wish]:
    """The want-to-meet list, oldest wish first."""
    with store.reading():
        return _wishes(store, store.referrals.wants(), now)


def wish_of(store: Store, person_id: int, now: datetime) -> Wish | None:
    """The person's wish on the want-to-meet list; None when they are not on it."""
    with store.reading():
        row = store.referrals.wanted(person_id)
        return None if row is None else _wishes(store, [row], now)[0]


def _wish(store: Store, person_id: int, now: datetime) -> Wish:
    row = store.referrals.wanted(person_id)
    if row is None:
        raise NotFound(f"#{person_id} is not on the want-to-meet list.")
    return _wishes(store, [row], now)[0]


def _wishes(store: Store, rows: list[WantRow], now: datetime) -> list[Wish]:
    heads = {h.id: h for h in store.people.heads([r.person_id for r in rows])}
    referrers = store.referrals.referrers_of(list(heads))
    named = sorted({i for ids in referrers.values() for i in ids})
    referrer_heads = {h.id: h for h in store.people.heads(named)}
    return [
        Wish(
            heads[r.person_id],
            r.why,
            r.created_at,
            r.met_at
            or store.referrals.first_contact_since(r.person_id, day_start(r.created_at, now)),
            tuple(referrer_heads[i] for i in dict.fromkeys(referrers.get(r.person_id, []))),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Referral:
    """A referral and where it stands."""

    id: int
    referrer: PersonHead
    referred: PersonHead
    note: str | None
    created_at: datetime
    met_at: datetime | None  # followed up: the first contact with `referred` since
    thanked_at: datetime | None

    @property
    def state(self) -> str:
        """not_contacted, to_thank (met, not thanked yet) or thanked."""
        if self.met_at is None:
            return NOT_CONTACTED
        return TO_THANK if self.thanked_at is None else THANKED


def referrals(store: Store, now: datetime, pending: bool = False) -> list[Referral]:
    """Every referral, oldest first, with its state; `pending`: those not yet thanked."""
    with store.reading():
        rows = store.referrals.all()
        ids = sorted({i for r in rows for i in (r.referrer_id, r.referred_id)})
        heads = {h.id: h for h in store.people.heads(ids)}
        found = [_referral(store, row, heads, now) for row in rows]
    return [r for r in found if r.state != THANKED] if pending else found


def _referral(
    store: Store, row: ReferralRow, heads: dict[int, PersonHead], now: datetime
) -> Referral:
    log = store.referrals
    met = row.followed_up_at or log.first_contact_since(
        row.referred_id, day_start(row.created_at, now)
    )
    thanked = row.thanked_at
    if thanked is None and met is not None:
        thanked = log.first_contact_since(row.referrer_id, day_start(met, now), "thanks")
    return Referral(
        row.id,
        heads[row.referrer_id],
        heads[row.referred_id],
        row.note,
        row.created_at,
        met,
        thanked,
    )


@dataclass(frozen=True)
class Referred:
    """The outcome of `kith refer`: the referral, the newcomer, the want-to-meet list."""

    referral: Referral
    added: bool  # False: this referrer had suggested this person before
    newcomer: Newcomer
    wished: bool  # put on the want-to-meet list now (False: they were on it)


def refer(
    store: Store, referrer_id: int, name: str, now: datetime, note: str | None = None
) -> Referred:
    """Record that the referrer suggested you meet `name` (a new prospect if unknown), and put
    that person on the want-to-meet list. Recording it again changes only the note."""
    note = " ".join(note.split()) if note else None
    with store.transaction():
        newcomer = person_to_meet(store, name, now)
        if newcomer.person_id == referrer_id:
            raise UserError("Someone cannot suggest that you meet themselves.")
        before = store.referrals.between(referrer_id, newcomer.person_id)
        if before:
            referral_id = before[0].id
            if note:
                store.referrals.set_note(referral_id, note)
        else:
            referral_id = store.relations.add_referral(
                referrer_id, newcomer.person_id, note, to_utc_text(now)
            )
        referrer = store.people.heads([referrer_id])[0]
        why = f"suggested by {referrer.name}"
        wished = store.referrals.want(newcomer.person_id, why, to_utc_text(now))
        return Referred(_one(store, referral_id, now), not before, newcomer, wished)


def mark_thanked(store: Store, referrer_id: int, referred_id: int, now: datetime) -> Referral:
    """Record that you thanked the referrer for suggesting this person."""
    with store.transaction():
        found = store.referrals.between(referrer_id, referred_id)
        if not found:
            heads = {h.id: h.name for h in store.people.heads([referrer_id, referred_id])}
            raise UserError(
                f"No referral of {heads[referred_id]} by {heads[referrer_id]} is recorded; "
                f"`kith refer` records one."
            )
        for row in found:
            if row.thanked_at is None:
                store.referrals.set_thanked(row.id, to_utc_text(now))
        return _one(store, found[0].id, now)


def _one(store: Store, referral_id: int, now: datetime) -> Referral:
    row = store.referrals.get(referral_id)
    if row is None:
        raise NotFound(f"No referral has the id {referral_id}.")
    heads = {h.id: h for h in store.people.heads([row.referrer_id, row.referred_id])}
    return _referral(store, row, heads, now)


@dataclass(frozen=True)
class Reminder:
    """A referral that needs something from you: `follow_up` (reach out to the person
    suggested) or `thank` (you met them: thank the person who suggested it), in a sentence."""

    referral: Referral
    action: str
    text: str


def referral_reminders(store: Store, now: datetime) -> list[Reminder]:
    """For the digest and `today`: referrals not yet followed up, and people to thank."""
    return [_reminder(r, now) for r in referrals(store, now, pending=True)]


def _reminder(r: Referral, now: datetime) -> Reminder:
    if r.state == NOT_CONTACTED:
        text = f"Reach out to {r.referred.name}: {r.referrer.name} suggested you meet."
        return Reminder(r, "follow_up", text)
    day = r.met_at.astimezone(now.tzinfo).date().isoformat() if r.met_at else ""
    text = f"Thank {r.referrer.name}: you met {r.referred.name} on {day} through them."
    return Reminder(r, "thank", text)


def pending_thanks(store: Store, now: datetime) -> list[Referral]:
    """Referrals you followed up (you met the person) without thanking the referrer yet."""
    return [r for r in referrals(store, now) if r.state == TO_THANK]
