"""A year of weekly plans, simulated: the demo network in a real SQLite file, driven through the
real services (plan, outreach, interactions) with `now` moved on week by week, under one of a
few user behaviours, and the figures issue 9 asks of the plan's judgement over time.

Each week starts on Monday 09:00 UTC with the week's plan; the organic user sees the inner
circle on Tuesday (`kith log`, outside the plan); on Thursday the user acts (`kith done`) on
the week's picks they choose to, passing over anyone already seen this week, and decides on the
people met at events that `today` lists; on Sunday evening `today` is read to see which picks
are still open.
Seeded: the same behaviour, seed and weeks give the same report."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kith.demo.profiles import DEFAULT_SEED, generate
from kith.records import InteractionRecord, Record
from kith.relate.layers import LAYERS
from kith.relate.priority import Candidate, rho
from kith.services import claims
from kith.services.imports import import_records
from kith.services.interactions import LogEntry, log_interaction
from kith.services.week import outreach, plan
from kith.store import Store, open_store

# The demo is built as of this Sunday; the first simulated week starts the next morning.
BUILT_AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
WEEKS = 52
# Ties are judged from this week on: the demo starts with overdue ties the plan must catch up.
WARM_UP_WEEKS = 8
KEPT_RHO = 2.0  # kept: never more than 2× the effective cadence
STRONG = ("L1", "L2", "L3")
SENT = frozenset({"out", "both"})
# The new user has their contacts and only this many days of mail.
NEW_USER_DAYS = 90
# The organic user sees an inner-circle tie once ρ passes a draw from this range.
ORGANIC_RHO = (0.6, 1.0)
# Someone met at an event is written to (else let go) at these odds.
DECIDE_TO_WRITE = 0.5


@dataclass(frozen=True)
class Behaviour:
    """How a simulated user treats the plan."""

    acts: float = 1.0  # the share of picks acted on
    away_weeks: int = 0  # ignores everything for this many weeks first
    organic: bool = False  # sees the inner circle outside the plan
    new_user: bool = False  # starts with imports only: contacts and three months of mail
    budget: int | None = None  # plan.budget, when not the default


BEHAVIOURS = {
    "acts on every pick": Behaviour(),
    "acts on every pick, budget 10": Behaviour(budget=10),
    "acts on half": Behaviour(acts=0.5),
    "away three weeks, then acts": Behaviour(away_weeks=3),
    "sees the inner circle organically": Behaviour(organic=True),
    "new user with only imports": Behaviour(new_user=True),
}


@dataclass
class Report:
    """The figures of one simulated run."""

    behaviour: str
    weeks: int
    first_week_picks: int = 0
    picks: int = 0
    acted: int = 0
    decided: int = 0  # people met at events written to or let go
    organic: int = 0
    ties: dict[str, int] = field(default_factory=dict)  # per layer: ties judged
    kept: dict[str, int] = field(default_factory=dict)  # per layer: within 2× all the time
    worst_rho: dict[str, float] = field(default_factory=dict)
    worst_gap_days: dict[str, float] = field(default_factory=dict)
    longest_wait_weeks: int = 0  # an overdue L1–L3 tie passed over for a lower-layer pick
    stale_picks: int = 0  # picks still open after the user was in touch with them
    empty_weeks_while_due: int = 0
    unresolved_acquaintances: int = 0

    def strong_kept_share(self) -> float:
        judged = sum(self.ties.get(layer, 0) for layer in STRONG)
        return sum(self.kept.get(layer, 0) for layer in STRONG) / judged if judged else 1.0

    def lines(self) -> list[str]:
        found = [
            f"picks {self.picks} (week one {self.first_week_picks}), acted on {self.acted}, "
            f"organic contacts {self.organic}, people met at events decided {self.decided}",
            f"L1–L3 kept within 2× cadence: {self.strong_kept_share():.0%}",
        ]
        for layer in LAYERS:
            if self.ties.get(layer):
                found.append(
                    f"{layer}: {self.kept[layer]}/{self.ties[layer]} kept within 2×, worst "
                    f"{self.worst_rho[layer]:.1f}× cadence ({self.worst_gap_days[layer]:.0f} d)"
                )
        found += [
            f"longest wait of an overdue L1–L3 tie behind lower-layer picks: "
            f"{self.longest_wait_weeks} weeks",
            f"picks shown after the person was contacted: {self.stale_picks}",
            f"weeks with an empty plan while someone was due: {self.empty_weeks_while_due}",
            f"acquaintances met at events never resolved: {self.unresolved_acquaintances}",
        ]
        return found


def simulate(name: str, weeks: int = WEEKS, seed: int = DEFAULT_SEED) -> Report:
    """One behaviour over `weeks` weeks on the demo network built with `seed`."""
    behaviour = BEHAVIOURS[name]
    with tempfile.TemporaryDirectory(prefix="kith-sim-") as folder:
        store = open_store(Path(folder) / "sim.db")
        try:
            build(store, behaviour, seed)
            return run(store, name, behaviour, weeks, random.Random(seed))
        finally:
            store.close()


def build(store: Store, behaviour: Behaviour, seed: int) -> None:
    """The demo network as of BUILT_AT, or for a new user only its last three months of mail."""
    records: Iterator[Record] = generate("demo", seed=seed, now=BUILT_AT)
    if behaviour.new_user:
        records = recent_only(records, BUILT_AT - timedelta(days=NEW_USER_DAYS))
    with store.transaction():
        import_records(store, records, kind="demo", path=None, now=BUILT_AT, strict=True)
    if behaviour.budget is not None:
        with store.transaction():
            store.meta.set_setting("plan.budget", str(behaviour.budget))


def recent_only(records: Iterator[Record], since: datetime) -> Iterator[Record]:
    """Every record but interactions before `since`: what imports alone would bring."""
    for record in records:
        if not isinstance(record, InteractionRecord) or record.at >= since:
            yield record


@dataclass
class Tracker:
    """What the weeks accumulate: each tie's worst ρ per layer, and waiting streaks."""

    worst: dict[tuple[int, str], tuple[float, float]] = field(default_factory=dict)
    waiting: dict[int, int] = field(default_factory=dict)


def run(store: Store, name: str, behaviour: Behaviour, weeks: int, rng: random.Random) -> Report:
    report, tracker = Report(name, weeks), Tracker()
    first_monday = BUILT_AT.replace(hour=9) + timedelta(days=1)
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        chosen = plan.this_week(store, monday)
        candidates = plan.candidates_of(store, monday)
        picks = [(p.person.id, p.stored.layer) for p in chosen.picks if p.stored.state == "open"]
        report.picks += len(picks)
        if week == 0:
            report.first_week_picks = len(picks)
        _judge(report, tracker, candidates, picks, monday, week)
        if behaviour.organic:
            _see_inner_circle(store, report, monday + timedelta(days=1), rng)
        if week >= behaviour.away_weeks:
            _act(store, report, behaviour, picks, monday, monday + timedelta(days=3), rng)
        report.stale_picks += _stale(store, monday, monday + timedelta(days=6, hours=11))
    _summarise(report, tracker)
    end = first_monday + timedelta(weeks=weeks)
    met = store.claims.candidates(BUILT_AT.date() - timedelta(days=365), end.date())
    report.unresolved_acquaintances = len({person for person, _ in met})
    return report


def _judge(
    report: Report,
    tracker: Tracker,
    candidates: list[Candidate],
    picks: list[tuple[int, str]],
    now: datetime,
    week: int,
) -> None:
    """This Monday's ρ for every tie, waits behind lower-layer picks, and an empty plan."""
    picked = {pid for pid, _ in picks}
    lower_picked = any(layer not in STRONG for _, layer in picks)
    due = False
    for candidate in candidates:
        ratio = rho(candidate, now)
        usable = not (candidate.muted or candidate.snoozed)
        due = due or (usable and ratio >= 1.0 and candidate.layer != "L7")
        overdue_strong = usable and candidate.layer in STRONG and ratio >= 1.0
        passed_over = overdue_strong and candidate.person_id not in picked and lower_picked
        streak = tracker.waiting.get(candidate.person_id, 0) + 1 if passed_over else 0
        tracker.waiting[candidate.person_id] = streak
        report.longest_wait_weeks = max(report.longest_wait_weeks, streak)
        if week >= WARM_UP_WEEKS and candidate.layer != "L7" and candidate.last_contact:
            key = (candidate.person_id, candidate.layer)
            gap = (now - candidate.last_contact).total_seconds() / 86_400
            old = tracker.worst.get(key, (0.0, 0.0))
            tracker.worst[key] = max(old, (ratio, gap))
    report.empty_weeks_while_due += bool(due and not picks)


def _act(
    store: Store,
    report: Report,
    behaviour: Behaviour,
    picks: list[tuple[int, str]],
    monday: datetime,
    when: datetime,
    rng: random.Random,
) -> None:
    """`kith done`, an hour apart, on the week's picks the user acts on, passing over anyone
    already in touch this week; then a decision on the people met at events `today` lists."""
    for n, (person_id, _) in enumerate(picks):
        if rng.random() < behaviour.acts and not _in_touch(store, person_id, monday):
            outreach.done(store, person_id, when + timedelta(hours=n))
            report.acted += 1
    for met in claims.undecided(store, when):
        if rng.random() < behaviour.acts:
            _decide(store, met.person.id, when, rng)
            report.decided += 1


def _decide(store: Store, person_id: int, when: datetime, rng: random.Random) -> None:
    """Someone met at an event: write to them, or let them go, at even odds."""
    if rng.random() < DECIDE_TO_WRITE:
        entry = LogEntry(summary="good to meet you", channel="email", direction="out")
        log_interaction(store, [person_id], entry, when)
    else:
        claims.let_go(store, person_id, when)


def _see_inner_circle(store: Store, report: Report, when: datetime, rng: random.Random) -> None:
    """Meet the L1–L3 ties whose ρ has passed a random point of their cadence (`kith log`)."""
    for candidate in plan.candidates_of(store, when):
        if candidate.layer in STRONG and rho(candidate, when) >= rng.uniform(*ORGANIC_RHO):
            entry = LogEntry(summary="saw them", channel="in_person")
            log_interaction(store, [candidate.person_id], entry, when)
            report.organic += 1


def _stale(store: Store, monday: datetime, sunday: datetime) -> int:
    """Open picks on Sunday evening for people the user was in touch with since Monday."""
    picks = outreach.today(store, sunday).picks
    return sum(_in_touch(store, pick.person.id, monday) for pick in picks)


def _in_touch(store: Store, person_id: int, since: datetime) -> bool:
    """Whether the user took part in an interaction with them (out or both) since `since`."""
    recent = store.interactions.for_person(person_id, limit=20)
    return any(i.at >= since and i.direction in SENT for i in recent)


def _summarise(report: Report, tracker: Tracker) -> None:
    for (_, layer), (ratio, gap) in tracker.worst.items():
        report.ties[layer] = report.ties.get(layer, 0) + 1
        report.kept[layer] = report.kept.get(layer, 0) + (ratio <= KEPT_RHO)
        report.worst_rho[layer] = max(report.worst_rho.get(layer, 0.0), ratio)
        report.worst_gap_days[layer] = max(report.worst_gap_days.get(layer, 0.0), gap)
