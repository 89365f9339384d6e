"""The weekly plan (science.md §5): whom to reach out to this week, why, and by which channel.

The plan is made once per ISO week (Monday start, in the user's zone) on the first `plan` or
`today` of that week, stored, and changed only by `kith plan --refresh` (or, while it holds
nobody, by the next `plan` or `today`: `_empty_chosen_again`; or where people picked were
deleted since: `_fill_freed`); done, skip and snooze change a pick's state. Making it reads
the stored layers (kept current first), the tie rows and the hooks (birthdays, follow-ups,
events, articles, news) — never the whole log."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from kith.clock import from_utc_text, to_utc_text
from kith.model import PersonHead
from kith.query import Query
from kith.relate import median_gap
from kith.relate.bounded import Terms, choose
from kith.relate.cadence import Override, is_young
from kith.relate.decay import decay_factor
from kith.relate.priority import (
    UNANSWERED_DAYS,
    Assessment,
    Candidate,
    awaits_reply,
    eligible,
    reachable,
)
from kith.relate.selection import BUDGET_RANGE, DEFAULT_BUDGET
from kith.relate.strength import (
    DORMANT_RECENCY,
    DORMANT_S_MAX,
    KIN_RECENCY_HALF_LIFE_DAYS,
    RECENCY_HALF_LIFE_DAYS,
    WARMTH_HALF_LIFE_DAYS,
    WARMTH_SCALE,
)
from kith.services.ties import layers
from kith.services.week import replies, resting, weeks
from kith.services.week.hooks import hooks
from kith.services.week.weeks import (
    MISS_WEEKS,
    aged,
    monday_of,
    replying,
    settle,
    span_of,
    week_key,
    written_to,
)
from kith.store import Store
from kith.store.week.plan import Facts, StoredPick, StoredWeek

TAG_CADENCE_PREFIX = "cadence.tag."
# R < 0.1 (dormant) needs this many days of silence at least: 2^(−d/60) < 0.1 ⇔ d > 199.3.
SILENT_DAYS = math.floor(RECENCY_HALF_LIFE_DAYS * math.log2(1 / DORMANT_RECENCY))


@dataclass(frozen=True)
class Pick:
    """One person in the week's plan, as stored, with their card's head."""

    person: PersonHead
    stored: StoredPick

    @property
    def reason_said(self) -> str:
        """The reason as the plan says it to the user (`kith plan`, `today`, the digest, the
        calendar): "(at risk)" added when the tie is at risk and the reason does not say so
        ("dormant tie worth reviving: last in touch Aug 2024 (at risk)"). The JSON faces give
        the stored reason and `at_risk` apart."""
        reason = self.stored.reason
        return f"{reason} (at risk)" if self.stored.at_risk and "at risk" not in reason else reason


@dataclass(frozen=True)
class Load:
    """What the closest layers ask of the week: the L1–L3 ties and the touches a week they
    need at their effective cadences, against the budget."""

    people: int
    touches: float
    budget: int

    @property
    def need(self) -> int:
        return math.floor(self.touches + 0.5)

    @property
    def over_budget(self) -> bool:
        return self.need > self.budget

    def advice(self) -> str | None:
        """Said once, plainly, when the load exceeds the budget."""
        if not self.over_budget:
            return None
        need, most = self.need, BUDGET_RANGE[1]
        said = f"Your closest {self.people} people need about {need} touches a week; "
        if self.budget >= most:
            return said + (
                f"your budget is {most}, the most — count the times you see them anyway with "
                "`kith log`, or give some a longer cadence (kith cadence NAME --ideal 14d)."
            )
        raise_to = f"{min(need, most)}{', the most' if need > most else ''}"
        return said + (
            f"your budget is {self.budget} — raise it (kith config set plan.budget {raise_to}), "
            "or count the times you see them anyway with `kith log`."
        )


@dataclass(frozen=True)
class Week:
    """The week's plan as stored: its days, when it was made, the budgets, the picks, and
    whether this call made it."""

    key: str  # ISO week, e.g. 2026-W47
    monday: date
    sunday: date
    made_at: datetime
    budget: int
    energy_budget: float | None
    picks: list[Pick]
    made_now: bool
    load: Load

    @property
    def energy_planned(self) -> float:
        return sum(
            pick.stored.energy for pick in self.picks if pick.stored.state in ("open", "done")
        )

    def open_picks(self) -> list[Pick]:
        return [pick for pick in self.picks if pick.stored.state == "open"]


def this_week(store: Store, now: datetime, refresh: bool = False) -> Week:
    """The stored plan of `now`'s week, made first if there is none (or with `refresh`)."""
    key = week_key(now.date())
    with store.checkpoints_deferred():  # the step's pages copied back once, with the week's
        return _this_week(store, now, key, refresh)


def _this_week(store: Store, now: datetime, key: str, refresh: bool) -> Week:
    layers.keep_current(store, now)  # a replay outside the write lock, when one is due
    with store.deriving():
        layers.advance(store, now)
        settle(store, now)  # first: a pick acted on is kept by a refresh, and no miss for F
        stored = store.plan.week(key)
        freed = store.plan.take_freed(key)  # by people deleted since (PlanRepo.release)
        made = stored is None or refresh
        if made:
            _make(store, now, key)
        elif not (made := _empty_chosen_again(store, now, key)):
            _fill_freed(store, now, key, freed)
        stored = store.plan.week(key)
        assert stored is not None
        kept = store.plan.picks(key)
        written = written_to(store, stored, kept, now, settled=True)  # the past weeks above
        picks = [replying(aged(p, stored.made_at, now), written, now) for p in kept]
        gone = store.plan.hidden([pick.person_id for pick in picks if pick.state == "open"])
        picks = [  # archived or muted since: out, and those shown numbered 1..n
            replace(pick, position=n)
            for n, pick in enumerate((p for p in picks if p.person_id not in gone), start=1)
        ]
        heads = store.people.heads([pick.person_id for pick in picks])
        load = load_of(store, now, stored.budget)
    monday = monday_of(now.date())
    return Week(
        key,
        monday,
        monday + timedelta(days=6),
        from_utc_text(stored.made_at),
        stored.budget,
        stored.energy_budget,
        [Pick(head, pick) for head, pick in zip(heads, picks, strict=True)],
        made,
        load,
    )


def unreachable(store: Store, week: Week) -> list[PersonHead]:
    """The week's open picks to meet in person because Kith holds no other way to them: no
    e-mail address, phone number or handle, and no message, call, video or social one used
    with them (`reachable`); read as the week is shown, so an address added since counts."""
    picks = [pick for pick in week.open_picks() if pick.stored.channel == "in_person"]
    ids = [pick.person.id for pick in picks]
    if not ids:
        return []
    with store.reading():
        kinds, used = store.plan.identity_kinds(ids), store.plan.channels(ids)
    return [
        pick.person
        for pick in picks
        if reachable(kinds.get(pick.person.id, ()), used.get(pick.person.id, {})) == {"in_person"}
    ]


def no_way(store: Store, week: Week) -> str | None:
    """What `kith plan` and `kith today` say once under the week, for the open picks met in
    person because Kith holds no other way to them (`unreachable`): who, and how to add one."""
    people = unreachable(store, week)
    if not people:
        return None
    import shlex

    names = ", ".join(person.name for person in people)
    name = shlex.quote(people[0].name) if len(people) == 1 else "NAME"
    return (
        f"No address or number for {names} (so: coffee): "
        f"`kith edit {name} --email ADDRESS` or `--phone NUMBER` adds one."
    )


def _empty_chosen_again(store: Store, now: datetime, key: str) -> bool:
    """A stored week that holds nobody is chosen again: it has no pick the user has seen, done,
    skipped or snoozed to keep, and the data may have changed since (contacts imported first
    make an empty week; the chats imported next make people due). True when it now holds
    someone: a plan newly made (its gift is chosen again with it)."""
    if store.plan.picks(key):
        return False
    _make(store, now, key)
    return bool(store.plan.picks(key))


def prepare(store: Store, now: datetime) -> None:
    """What the first `plan` or `today` after an import would otherwise pay: the layers brought
    current (replayed, when the import changed the past) and `now`'s week chosen if it is not
    yet, and everyone's mutual counts kept for the next weekly step (an import adds people and
    links, which makes the kept ones out of date). Run at the end of an import, which a person
    expects to take a while. When other writers kept changing the past while it replayed the
    layers, it leaves all of it to the next `plan` (a replay inside the write lock would hold
    them up for seconds)."""
    if layers.keep_current(store, now, locking=False).how == "busy":
        return
    this_week(store, now)
    with store.deriving():
        store.layers.keep_mutuals()
        prepared = layers.prepare(store, now)  # the next Monday's step, for its first command
    gift_ahead(store, now, prepared)


def gift_ahead(store: Store, now: datetime, prepared: bool) -> None:
    """The week's gift's inputs kept, and (when the next Monday's step is `prepared`) next
    week's gift chosen with that step's S (inside no transaction: each writes in its own)."""
    from kith.services.mesh import gift_ahead, gift_inputs  # numpy; the week's gift's inputs

    gift_inputs.keep(store)
    if prepared:
        with store.deriving():
            gift_ahead.keep(store, now)  # and next week's gift, with that step's S


def load_of(store: Store, now: datetime, budget: int) -> Load:
    """The L1–L3 ties' touches a week: 7 / effective cadence each (science.md §4)."""
    closest = store.plan.closest()
    facts = store.plan.facts(closest)
    tags = store.plan.tag_names(closest)
    tag_cadences, layer_days = _tag_cadences(store), layer_cadences(store)
    touches = 0.0
    for pid in closest:
        candidate = _candidate(facts[pid], tags.get(pid, []), {}, tag_cadences, layer_days, now)
        days = candidate.cadence().days
        touches += 7 / days if days else 0.0
    return Load(len(closest), round(touches, 1), budget)


def _make(store: Store, now: datetime, key: str) -> None:
    """Choose this week's picks and store them. Picks already done this week stay and use up
    the budget; the others are chosen again (a skip or a snooze is remembered elsewhere)."""
    budget = int(store.meta.setting("plan.budget") or DEFAULT_BUDGET)
    energy = store.meta.setting("plan.energy_budget")
    energy_budget = float(energy) if energy else None
    kept = [pick for pick in store.plan.picks(key) if pick.state == "done"]
    week = StoredWeek(key, to_utc_text(now), budget, energy_budget)
    store.plan.keep_chosen_at(key, {})  # every pick as of the week made now
    _save_with(store, now, week, kept, budget - len(kept))


def _fill_freed(store: Store, now: datetime, key: str, freed: int) -> None:
    """The places people deleted since the week was chosen held (an import undone, a merge of
    two people picked, `kith forget`: `PlanRepo.release`), chosen again now among those not in
    the week; every pick left stays as it is (open, done, skipped or snoozed), numbered 1..n in
    its order, each reason said as of now (the week is as of now: `_said_now`), and when each
    was chosen kept (`wrote_since_chosen` asks whether their note was recorded after). A week
    is stored numbered 1..n, so a gap in its numbers is a place freed too: a week stored before
    `release` counted them (session 14) is filled as well, unless the pick deleted was its last."""
    stored = store.plan.week(key)
    kept = store.plan.picks(key)
    if stored is None or not kept:
        return
    freed = max(freed, kept[-1].position - len(kept))  # picks() are in their order
    if freed <= 0:
        return
    chosen = store.plan.chosen_at(key)
    store.plan.keep_chosen_at(
        key, {pick.person_id: chosen.get(pick.person_id, stored.made_at) for pick in kept}
    )
    week = replace(stored, made_at=to_utc_text(now))
    _save_with(store, now, week, [_said_now(pick, stored.made_at, now) for pick in kept], freed)


def _said_now(pick: StoredPick, made_at: str, now: datetime) -> StoredPick:
    """A kept pick's reason said as of `now`, to be stored with a week made at `now`: a count
    of days (`aged` then adds only the days after it), "due Tue 24 Nov" once passed included
    ("overdue by 2 days"); any other reason stays as chosen (a day not passed yet, a birthday
    or an event are said from the day they name, not from when the week was made)."""
    said = aged(pick, made_at, now)
    return said if said.reason.startswith((weeks.WROTE_LAST, *weeks.OVERDUE)) else pick


def _save_with(
    store: Store, now: datetime, week: StoredWeek, kept: list[StoredPick], places: int
) -> None:
    """Store `week` with the `kept` picks, numbered 1..n in their order, and up to `places`
    more chosen now among everyone else (within what is left of the energy budget)."""
    spent = sum(pick.energy for pick in kept if pick.state in ("open", "done"))
    energy_left = None if week.energy_budget is None else max(0.0, week.energy_budget - spent)
    taken = {pick.person_id for pick in kept}
    chosen, candidates, details = _choose(store, now, taken, max(1, places), energy_left)
    if places <= 0:
        chosen = ()
    by_id = {candidate.person_id: candidate for candidate in candidates}
    fresh = [
        _stored(
            week.week, len(kept) + n, option, why(option, by_id[option.person_id], details, now)
        )
        for n, option in enumerate(chosen, start=1)
    ]
    renumbered = [replace(pick, position=n) for n, pick in enumerate(kept, start=1)]
    store.plan.save_week(week, renumbered + fresh)


def _choose(
    store: Store, now: datetime, taken: set[int], budget: int, energy_budget: float | None
) -> tuple[tuple[Assessment, ...], list[Candidate], dict[int, dict[str, str]]]:
    """The week's picks (relate.bounded over the pool judged on arrays, services/week/plan_pool):
    a Candidate is built, from its facts as `_eligible` builds it, only for those completed."""
    from kith.services.week.plan_pool import eligible_pool  # numpy: once a week

    details = hooks(store, now)
    tag_cadences, layer_days = _tag_cadences(store), layer_cadences(store)
    week = span_of(now)
    silent_since = now - timedelta(days=SILENT_DAYS)
    pool = eligible_pool(
        store,
        now,
        week,
        details,
        tag_cadences,
        layer_days,
        silent_since,
        {*taken, *resting.kept_out(store, now, week, details)},  # as snoozed (a skip's rest)
        lambda among: replies.owed(store, now, week, among),
    )
    owed = pool.owed
    sizes: dict[int, int] = {}  # the tags' holders, counted once for both calls
    misses = _misses(store, now)  # read once for both calls

    def complete(ids: list[int]) -> list[Candidate]:
        if not ids:  # no strong tie due
            return []
        facts, tags = store.plan.facts(ids), store.plan.tag_names(ids)
        rough = _rough(ids, facts, tags, details, (tag_cadences, layer_days), owed, now)
        rarest = store.plan.rarest_tags(ids, sizes)
        return _completed(store, rough, rarest, facts, now, misses)

    terms = Terms(now, budget, energy_budget, week)
    chosen, candidates = choose(pool.strong, pool.rest, complete, terms)
    return chosen, candidates, details


def _stored(key: str, position: int, option: Assessment, reason: str) -> StoredPick:
    return StoredPick(
        week=key,
        person_id=option.person_id,
        position=position,
        layer=option.layer,
        reason=reason,
        channel=option.channel.channel,
        upgrades=option.channel.upgrades,
        priority=round(option.priority, 4),
        energy=option.energy,
        at_risk=option.at_risk,
        state="open",
        state_at=None,
    )


# The reason's opening words (priority.reason) → the hook whose detail completes it.
REASON_HOOKS = {
    "a birthday coming up": "birthday",
    "a follow-up due": "follow_up",
    "an event with them coming up": "event",
    "an article for their interests": "article",
    "their recent news": "news",
}


def said_outside(reason: str) -> str:
    """The reason as it may leave this computer (an assistant's answer, a calendar feed): a
    news hook's detail is the user's own note (`kith note --kind news`), so only its opening
    words go; the other hooks' details (a promise, a birthday, an event, an article) may."""
    opening = reason.partition(": ")[0]
    return opening if REASON_HOOKS.get(opening) == "news" else reason


def why(
    option: Assessment,
    candidate: Candidate,
    details: dict[int, dict[str, str]],
    now: datetime,
) -> str:
    """The reason in one sentence, completed by what it refers to: "a follow-up due: you
    promised 'send her the paper'", "they wrote last, 12 days ago"."""
    reason = option.reason
    hook = REASON_HOOKS.get(reason)
    detail = details.get(option.person_id, {}).get(hook) if hook else None
    if detail:
        return f"{reason}: {detail}"
    last = candidate.last_contact
    if last is not None and reason == weeks.WROTE_LAST:
        return weeks.wrote_last(last, now)
    if last is not None and reason == "dormant tie worth reviving":
        return f"{reason}: last in touch {last.astimezone(now.tzinfo):%b %Y}"
    return reason


def candidates_for(
    store: Store, now: datetime
) -> tuple[list[Candidate], dict[int, dict[str, str]]]:
    """Every contact who may be eligible this week, as the queue sees them, and the detail of
    each one's hooks for the reason."""
    chosen, rarest, facts, details = _eligible(store, now)
    return _completed(store, chosen, rarest, facts, now), details


def _eligible(
    store: Store, now: datetime
) -> tuple[list[Candidate], dict[int, str], dict[int, Facts], dict[int, dict[str, str]]]:
    """The contacts eligible this week, before what only scoring needs (`_completed`), with
    their rarest tags and their facts, and the detail of the hooks."""
    details = hooks(store, now)
    tag_cadences = _tag_cadences(store)
    week = span_of(now)
    owed = replies.owed(store, now, week)
    pool = set(store.plan.pool(DORMANT_S_MAX, to_utc_text(now - timedelta(days=SILENT_DAYS))))
    pool.update(store.plan.contacts([*details, *store.plan.tagged(list(tag_cadences)), *owed]))
    ordered = sorted(pool)
    facts = store.plan.facts(ordered)
    tags = store.plan.tag_names(ordered)
    layer_days = layer_cadences(store)
    ordered = [pid for pid in ordered if pid in facts]
    rough = _rough(ordered, facts, tags, details, (tag_cadences, layer_days), owed, now)
    away = resting.resting_ids(store, now, week)
    rough = [replace(c, resting=True) if c.person_id in away else c for c in rough]
    chosen = [candidate for candidate in rough if eligible(candidate, now, week)]
    rarest = store.plan.rarest_tags([candidate.person_id for candidate in chosen])
    return chosen, rarest, facts, details


def _rough(
    ids: list[int],
    facts: dict[int, Facts],
    tags: dict[int, list[str]],
    details: dict[int, dict[str, str]],
    cadences: tuple[dict[str, Override], dict[str, float]],
    owed: Collection[int],
    now: datetime,
) -> list[Candidate]:
    """A Candidate of each of `ids` before what only scoring needs (`_completed`); `cadences`:
    the tag cadences and the layers'."""
    tag_cadences, layer_days = cadences
    return [
        _candidate(
            facts[pid],
            tags.get(pid, []),
            details.get(pid, {}),
            tag_cadences,
            layer_days,
            now,
            pid in owed,
        )
        for pid in ids
    ]


def _candidate(
    facts: Facts,
    tag_names: list[str],
    hooks: dict[str, str],
    tag_cadences: dict[str, Override],
    layer_days: dict[str, float],
    now: datetime,
    reply_owed: bool = False,
) -> Candidate:
    last = from_utc_text(facts.last_contact_at) if facts.last_contact_at else None
    layer = facts.layer or "L7"
    gap = (now - last).total_seconds() / 86_400 if last else None
    half = KIN_RECENCY_HALF_LIFE_DAYS if facts.kin else RECENCY_HALF_LIFE_DAYS
    override = Override(facts.cadence_days, facts.cadence_max_days) if facts.cadence_days else None
    return Candidate(
        person_id=facts.person_id,
        layer=layer,
        last_contact=last,
        has_history=last is not None,
        s_max=facts.s_max,
        recency=decay_factor(max(gap, 0.0), half) if gap is not None else 0.0,
        warmth=_warmth(facts, now),
        tau=_tau(facts.days, now),
        person_override=override,
        tag_overrides=tuple(tag_cadences[name] for name in tag_names if name in tag_cadences),
        one_way=last is not None and (facts.sent <= 0 or facts.received <= 0),
        pinned=facts.pinned,
        muted=facts.muted,
        snoozed=facts.snoozed_until is not None and from_utc_text(facts.snoozed_until) > now,
        hooks=frozenset(hooks),
        reply_owed=reply_owed,
        layer_days=layer_days.get(layer),
        young=is_young(
            _first_known(facts, now), now, two_way=facts.sent > 0 and facts.received > 0
        ),
    )


def _first_known(facts: Facts, now: datetime) -> datetime | None:
    """The earlier of the first interaction and `known since` (midnight in `now`'s zone)."""
    starts = [from_utc_text(facts.first_at)] if facts.first_at else []
    if facts.known_since:
        day = date.fromisoformat(facts.known_since[:10])
        starts.append(datetime.combine(day, time(), tzinfo=now.tzinfo))
    return min(starts, default=None)


def _warmth(facts: Facts, now: datetime) -> float:
    return warmth_at(facts.warmth, facts.warmth_as_of, now)


def warmth_at(warmth: float, as_of: str | None, now: datetime) -> float:
    """W at `now` from the tie row's warmth sum and the instant it is as of."""
    if as_of is None:
        return 0.0
    age = max(0.0, (now - from_utc_text(as_of)).total_seconds() / 86_400)
    return 1.0 - math.exp(-warmth * decay_factor(age, WARMTH_HALF_LIFE_DAYS) / WARMTH_SCALE)


def _tau(days: tuple[str, ...], now: datetime) -> float | None:
    today = now.astimezone(UTC).date()
    return median_gap([d for d in map(date.fromisoformat, days) if d <= today], today)


def _completed(
    store: Store,
    chosen: list[Candidate],
    rarest: dict[int, str],
    facts: dict[int, Facts],
    now: datetime,
    misses: dict[int, list[datetime]] | None = None,
) -> list[Candidate]:
    """The eligible candidates with what only scoring needs: who wrote last, misses (`_misses`,
    read here unless given), the channels used, and the circle (their stored circle, else
    their rarest tag, else their company)."""
    ids = [candidate.person_id for candidate in chosen]
    channels = store.plan.channels(ids)
    kinds = store.plan.identity_kinds(ids)
    circles = store.circles.of_people(ids) if store.plan.holds("circle") else {}
    misses = _misses(store, now) if misses is None else misses
    completed = []
    for candidate in chosen:
        pid = candidate.person_id
        latest = store.plan.latest(pid) if _recent(candidate, now) else None
        used = channels.get(pid, {})
        completed.append(
            replace(
                candidate,
                they_wrote_last=_unanswered(latest, candidate, now),
                misses=tuple(misses.get(pid, ())),
                channels=frozenset(used),
                last_channel=max(used, key=lambda c: used[c]) if used else None,
                reachable=reachable(kinds.get(pid, ()), used),
                circle=f"circle:{circles[pid]}"
                if pid in circles
                else (f"tag:{rarest[pid]}" if pid in rarest else _company(facts[pid])),
            )
        )
    return completed


def _recent(candidate: Candidate, now: datetime) -> bool:
    """In touch within the window where an unanswered note still asks for a reply."""
    last = candidate.last_contact
    return last is not None and (now - last).days <= UNANSWERED_DAYS


def awaiting_reply(store: Store, candidate: Candidate, now: datetime) -> bool:
    """Whether their latest interaction is a note of theirs that still asks for a reply."""
    if not _recent(candidate, now):
        return False
    with store.reading():
        latest = store.plan.latest(candidate.person_id)
    return _unanswered(latest, candidate, now)


def _unanswered(latest: tuple[str, str] | None, candidate: Candidate, now: datetime) -> bool:
    last = candidate.last_contact
    return latest is not None and last is not None and awaits_reply(*latest, last, now)


def _company(facts: Facts) -> str | None:
    return f"company:{facts.company.casefold()}" if facts.company else None


def _misses(store: Store, now: datetime) -> dict[int, list[datetime]]:
    """Skips, and picks left open at the end of their week, in the last 8 weeks."""
    since = now - timedelta(weeks=MISS_WEEKS)
    found: dict[int, list[datetime]] = {}
    for person, ats in store.plan.skips(to_utc_text(since)).items():
        found.setdefault(person, []).extend(from_utc_text(at) for at in ats)
    monday = monday_of(now.date())
    weeks = {
        week_key(monday - timedelta(weeks=k)): monday - timedelta(weeks=k - 1)
        for k in range(1, MISS_WEEKS + 1)
    }
    for person, keys in store.plan.undone(list(weeks)).items():
        ends = (datetime.combine(weeks[key], time(), tzinfo=now.tzinfo) for key in keys)
        found.setdefault(person, []).extend(ends)
    return found


def _tag_cadences(store: Store) -> dict[str, Override]:
    """`cadence.tag.<tag>` settings: "30d" or "30d/60d" (ideal, then maximum gap)."""
    found: dict[str, Override] = {}
    for key, value in store.meta.settings().items():
        if key.startswith(TAG_CADENCE_PREFIX):
            found[key[len(TAG_CADENCE_PREFIX) :]] = parse_cadence(value)
    return found


def layer_cadences(store: Store) -> dict[str, float]:
    settings = store.meta.settings()
    return {
        f"L{n}": parse_cadence(settings[f"cadence.L{n}"]).ideal_days
        for n in range(1, 7)
        if f"cadence.L{n}" in settings
    }


def parse_cadence(value: str) -> Override:
    """ "30d" → ideal 30 days; "30d/60d" → ideal 30, maximum 60."""
    ideal, _, most = value.partition("/")
    return Override(
        float(ideal.strip().rstrip("d")), float(most.strip().rstrip("d")) if most else None
    )


def query_inputs(store: Store, query: Query, now: datetime) -> dict[str, list[int]]:
    """What `layer:`, `due:` and `dormant:` need before the query runs: the layers brought
    current, and for each due: value asked, the ids of the people due."""
    if not query.needs_layers:
        return {}
    layers.keep_current(store, now)
    wanted = {term.value for term in query.values("due")}
    return {value: due_ids(store, now, value) for value in sorted(wanted)}


def due_ids(store: Store, now: datetime, when: str) -> list[int]:
    """People whose next contact is due: by the end of today (`today`, overdue included), by
    the end of this week (`week`), or before today (`overdue`), by their cadence (§4–5)."""
    today = now.date()
    last_day = {
        "today": today,
        "week": monday_of(today) + timedelta(days=6),
        "overdue": today - timedelta(days=1),
    }[when]
    found = []
    for candidate in candidates_of(store, now):
        due = due_day(candidate, now)
        if due is not None and due <= last_day:
            found.append(candidate.person_id)
    return found


def candidates_of(store: Store, now: datetime) -> list[Candidate]:
    """Every contact with a cadence (a layer L1–L6 or an override) as the plan sees them at
    `now`, without hooks, by id: what `due:` and the simulator's reports read."""
    tag_cadences = _tag_cadences(store)
    layer_days = layer_cadences(store)
    with store.reading():
        pool = set(store.plan.cadenced())
        pool.update(store.plan.contacts(store.plan.tagged(list(tag_cadences))))
        ordered = sorted(pool)
        facts = store.plan.facts(ordered)
        tags = store.plan.tag_names(ordered)
    return [
        _candidate(facts[pid], tags.get(pid, []), {}, tag_cadences, layer_days, now)
        for pid in ordered
    ]


def due_day(candidate: Candidate, now: datetime) -> date | None:
    """The day (in `now`'s zone) the next contact is due: last contact + cadence."""
    days = candidate.cadence().days
    if candidate.last_contact is None or days is None:
        return None
    return (candidate.last_contact + timedelta(days=days)).astimezone(now.tzinfo).date()


def candidate_of(store: Store, person_id: int, now: datetime) -> Candidate | None:
    """One person as the plan would see them now (None for a prospect or unknown id)."""
    with store.reading():
        facts = store.plan.facts([person_id]).get(person_id)
        tags = store.plan.tag_names([person_id]).get(person_id, [])
    if facts is None:
        return None
    found = _candidate(facts, tags, {}, _tag_cadences(store), layer_cadences(store), now)
    return replace(found, layer_known=facts.layer is not None)
