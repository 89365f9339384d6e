"""The heavy half of keeping layers current (services/ties/layers.py decides when): a full replay
of every weekly instant from the log, or steps from the tie rows, on numpy arrays."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

import numpy as np

from kith.clock import to_utc_text
from kith.relate.layers import LAYERS, mondays_between
from kith.relate.month_peaks import MonthPeaks
from kith.relate.network import (
    DAY,
    NO_LAYER,
    Bools,
    Floats,
    Ints,
    Peaks,
    Standings,
    Ties,
    floors,
    rank_order,
    raw_layer_codes,
    step,
    strengths,
    take_in,
)
from kith.relate.strength import MULTIPLEXITY_WINDOW_DAYS, S_MAX_MONTHS
from kith.store import Store
from kith.store.week.layers import People, StateRow, StoredState, positions, streaks, week_of
from kith.store.week.peaks import Columns

if TYPE_CHECKING:
    from kith.services.ties.layers import Kept

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Replayed:
    """A full replay worked out, not yet saved."""

    last: str  # the instant it stands at
    months: list[int]
    rows: list[StateRow]
    instants: int


def replay(store: Store, now: datetime, zone: tzinfo) -> Kept:
    """Every instant from the first contact's entry up to `now`, from the log."""
    return save(store, replayed(store, now, zone))


def replayed(store: Store, now: datetime, zone: tzinfo) -> Replayed:
    """A full replay worked out by reads alone (in a snapshot, outside the write lock)."""
    people = store.layers.people(zone)
    if len(people.ids) == 0:
        return Replayed(to_utc_text(latest_monday(now, zone)), [], [], 0)
    start = datetime.fromtimestamp(float(people.entry.min()) - 1, UTC)
    instants = mondays_between(start, now, zone)
    block = store.layers.log(people.ids)
    ties = _ties(people, instants[0] if instants else now)
    standings, peaks = Standings.empty(len(people.ids)), Peaks.empty(len(people.ids))
    previous = -np.inf
    latest = np.zeros(len(people.ids))
    for moment in instants:
        at = moment.timestamp()
        take_in(ties, block.between(previous, at), at)
        latest = _evaluate(ties, standings, peaks, moment)
        previous = at
    last = to_utc_text(instants[-1] if instants else latest_monday(now, zone))
    rows = list(_rows(people, standings, peaks, instants, latest))
    return Replayed(last, peaks.months.tolist(), rows, len(instants))


def save(store: Store, made: Replayed) -> Kept:
    """Store a replay (inside the caller's transaction), and everyone's mutual counts with it."""
    store.layers.save(made.last, made.months, made.rows)
    store.layers.keep_mutuals()
    return _kept("replayed", made.instants, made.last if made.rows else None)


def latest_monday(now: datetime, zone: tzinfo) -> datetime:
    """The latest evaluation instant at or before `now`: what an empty state is as of."""
    return mondays_between(now - timedelta(days=8), now, zone)[-1]


def step_from_ties(store: Store, start: datetime, due: list[datetime], zone: tzinfo) -> Kept:
    """The due Mondays from the tie rows, the state written where it changed: rows new or in
    another layer whole; of rows that kept their layer, the counters and S_max (the layer's
    index untouched), and S; the peaks by the month (store/week/peaks.py)
    (tests/test_week_step_exact.py holds it to the step it replaced)."""
    months = {_month(moment) for moment in due}
    within = months.pop() if len(months) == 1 else None  # one month: its column alone is read
    people, ties, stored, standings, peaks = _step_inputs(store, due, zone, month=within)
    before = _Before.of(people, standings, stored, due)
    latest, s_max = _steps(ties, standings, peaks, due)
    last = to_utc_text(due[-1])
    moved = before.changed(standings, s_max, week_of(last))
    # (the rows' peaks are not written: `columns` are)
    rows = _rows(people, standings, peaks, due, latest, moved.whole, s_max, with_peaks=False)
    kept = _rows(people, standings, peaks, due, latest, moved.numbers, s_max, with_peaks=False)
    state = standings.layer != NO_LAYER  # the people the state holds: their peaks are kept
    rest = peaks.rest if isinstance(peaks, MonthPeaks) else None
    columns = Columns(
        people.ids,
        peaks.values,
        state,
        stored.held,
        before.columns.tolist(),
        peaks.months.tolist(),
        rest,
    )
    updates = zip(latest[moved.strength].tolist(), people.ids[moved.strength].tolist(), strict=True)
    gone = before.gone(standings)
    store.layers.write_changes(last, peaks.months.tolist(), rows, updates, gone, kept, columns)
    return _kept("advanced", len(due), last)


def prepare_step(store: Store, target: datetime, zone: tzinfo, stamp: str) -> None:
    """The step to `target` worked out ahead from the tie rows as they stand (the arithmetic
    of step_from_ties, exact under the same condition), its whole state kept beside the
    current one with `stamp` (store/week/layers.py `keep_prepared`), for the first command of that
    week to promote, and what its raw layers were ranked from, for a patch (layer_patch)."""
    keep_step(store, worked_step(store, target, zone), stamp)


@dataclass(frozen=True)
class Step:
    """A step worked out ahead (`worked_step`), before it is kept (`keep_step`)."""

    target: datetime
    rows: list[StateRow]
    months: list[int]
    ties: Ties
    peaks: Peaks


def worked_step(store: Store, target: datetime, zone: tzinfo, *, keep: bool = True) -> Step:
    """prepare_step's arithmetic, reading only (inside the caller's read, or its write);
    `keep`: keep everyone's mutual counts when they were counted again (a writer)."""
    people, ties, _, standings, peaks = _step_inputs(store, [target], zone, keep)
    latest, s_max = _steps(ties, standings, peaks, [target])
    rows = list(_rows(people, standings, peaks, [target], latest, s_max=s_max))
    return Step(target, rows, peaks.months.tolist(), ties, peaks)


def keep_step(store: Store, step: Step, stamp: str) -> None:
    """Keep a step worked out ahead, with `stamp` (inside the caller's write)."""
    store.layers.keep_prepared(stamp, step.months, step.rows)
    from kith.services.ties.layer_patch import keep_ranking  # (it imports this module)

    keep_ranking(store, stamp, step.ties, step.peaks, step.target)


def _step_inputs(
    store: Store, due: list[datetime], zone: tzinfo, keep: bool = True, month: int | None = None
) -> tuple[People, Ties, StoredState, Standings, Peaks]:
    """What a step reads: everyone's inputs, their ties as of the first instant, the stored
    state and its arrays (`keep`: everyone's mutual counts kept when counted again; `month`:
    every due instant in it, so of the peaks only its column and the rest's max may be read,
    relate/month_peaks.py)."""
    people = store.layers.people(zone, keep=keep, ties=False)  # the first interactions: sums
    ties = _current_ties(store, people, due[0], due)
    stored = store.layers.stored(month=month)
    standings, peaks = _load(store, people, stored)
    return people, ties, stored, standings, peaks


def _steps(
    ties: Ties, standings: Standings, peaks: Peaks, due: list[datetime]
) -> tuple[Floats, Floats]:
    """Every due instant in turn; S and S_max at the last."""
    latest, s_max = np.zeros(len(ties.ids)), np.zeros(len(ties.ids))
    for moment in due:
        latest, s_max = _scored(ties, standings, peaks, moment)
    return latest, s_max


@dataclass(frozen=True)
class _Moved:
    """What a step changed, by row: `whole` (new rows, or in another layer: every table), and
    of the rows that kept their layer, `numbers` (the counters or S_max) and `strength` (S: all
    of them), each written alone (the peaks: by the month, store/week/peaks.py)."""

    whole: Bools
    numbers: Bools
    strength: Bools


@dataclass(frozen=True)
class _Before:
    """The stored state as arrays aligned with `people` (what `_load` read), to find the rows a
    step changed without a tuple for every row: the layer (the row is written whole), the
    counters as kept (the week each streak began, migration 0052: a streak that goes on is no
    change) or S_max moved. S is not read: it moves for nearly everyone each
    week (28,534 of 28,580 rows on profile L), so every row that is not written whole takes
    an update of S."""

    ids: Ints
    stored: Bools  # a row is stored for this person
    standings: tuple[Ints, Ints, Ints, Ints]
    s_max: Floats
    columns: Ints  # the peaks' columns the step's instants fold S into (no other moves)
    others: list[int]  # stored rows of people no longer among `people`
    week: int  # the week the stored counters were kept as of

    @classmethod
    def of(
        cls,
        people: People,
        standings: Standings,
        rows: StoredState,
        due: list[datetime],
    ) -> _Before:
        n = len(people.ids)
        columns = np.array(sorted({_month(moment) % S_MAX_MONTHS for moment in due}), np.int64)
        stored = np.zeros(n, bool)
        s_max = np.zeros(n)
        at, known = positions(people.ids, rows.ids)
        stored[at] = True
        s_max[at] = rows.s_max[known]
        others: list[int] = rows.ids[~known].tolist()
        return cls(
            people.ids,
            stored,
            (
                standings.layer.copy(),
                standings.above.copy(),
                standings.below.copy(),
                standings.bound.copy(),
            ),
            s_max,
            columns,
            others,
            rows.week,
        )

    def changed(self, standings: Standings, s_max: Floats, week: int) -> _Moved:
        """The rows to write whole (new, or in another layer), and of the others those whose
        counters as kept as of `week` (the step's last), the bound or S_max moved, and all of
        them for S (each in its own table, migration 0044)."""
        kept = standings.layer != NO_LAYER
        whole = kept & (~self.stored | (standings.layer != self.standings[0]))
        numbers = (s_max != self.s_max) | (standings.bound != self.standings[3])
        for old, new in zip(self.standings[1:3], (standings.above, standings.below), strict=True):
            numbers |= streaks(old, self.week) != streaks(new, week)
        rest = kept & ~whole
        return _Moved(whole, rest & numbers, rest)

    def gone(self, standings: Standings) -> list[int]:
        """Stored rows to delete: people no longer contacts, or no longer in the state."""
        dropped = self.stored & (standings.layer == NO_LAYER)
        dropped_ids: list[int] = self.ids[dropped].tolist()
        return self.others + dropped_ids


def current_strengths(store: Store, now: datetime, zone: tzinfo) -> dict[int, float]:
    """S (science.md §2) of every contact at `now`, from the tie rows: one numpy pass."""
    people = store.layers.people(zone, ties=False)  # the first interactions: _current_ties
    scores = strengths(_current_ties(store, people, now, [now]), now.timestamp())
    return dict(zip(people.ids.tolist(), scores.s.tolist(), strict=True))


def strengths_of(store: Store, ids: Sequence[int], now: datetime, zone: tzinfo) -> dict[int, float]:
    """S at `now` of these contacts only (their rows alone are read)."""
    people = store.layers.people(zone, only=ids, ties=False)
    scores = strengths(_current_ties(store, people, now, [now], only=True), now.timestamp())
    return dict(zip(people.ids.tolist(), scores.s.tolist(), strict=True))


def _current_ties(
    store: Store, people: People, first: datetime, instants: Sequence[datetime], only: bool = False
) -> Ties:
    """Ties as of `first`, from the stored decayed sums (no pass over the log), for strengths()
    at `instants` (the channels used within its window at each: what it reads of them); each
    one's entry the earlier of `people`'s and the tie row's first interaction (`people` read
    without the tie rows holds the creation alone)."""
    ties = _ties(people, first)
    # the windows' starts as strengths() works them out at each instant, to the bit
    windows = [moment.timestamp() - MULTIPLEXITY_WINDOW_DAYS * DAY for moment in instants]
    sums = store.layers.sums(people.ids, windows, only=only)
    at = first.timestamp()
    history = np.isfinite(sums.last)
    since = np.where(history, (at - np.where(history, sums.last, at)) / DAY, 0.0)
    half = ties.volume_half_life()
    volume = np.where(people.kin, sums.kin_volume, sums.volume)
    ties.volume = volume * np.exp2(-since / half)
    ties.sent = sums.sent * np.exp2(-since / 365.0)
    ties.received = sums.received * np.exp2(-since / 365.0)
    ties.first, ties.last, ties.channel_last = sums.first, sums.last, sums.channel_last
    ties.entry = np.minimum(people.entry, np.where(np.isnan(sums.first), np.inf, sums.first))
    ties.days, ties.last_day = sums.days, sums.last_day
    return ties


def _ties(people: People, first: datetime) -> Ties:
    return Ties(
        ids=people.ids,
        kin=people.kin,
        rating=people.rating,
        mutual=people.mutual,
        known_since=people.known_since,
        pinned=people.pinned,
        entry=people.entry,
        at=first.timestamp(),
    )


def _evaluate(ties: Ties, standings: Standings, peaks: Peaks, moment: datetime) -> Floats:
    """One weekly instant: S for all, S_max, the raw layers, one hysteresis step; S (0 without
    history) is returned, to be stored for the last instant."""
    return _scored(ties, standings, peaks, moment)[0]


def _scored(
    ties: Ties, standings: Standings, peaks: Peaks, moment: datetime
) -> tuple[Floats, Floats]:
    """`_evaluate`, and S_max at that instant with S."""
    at = moment.timestamp()
    scores = strengths(ties, at)
    s = np.where(scores.has_history, scores.s, 0.0)
    s_max = peaks.record(_month(moment), s)
    members = ties.entry <= at
    raw = raw_layer_codes(rank_order(ties, scores, s_max), floors(scores), members)
    step(standings, raw, scores.latent)
    return s, s_max


def _month(moment: datetime) -> int:
    return moment.year * 12 + moment.month - 1


def _rows(
    people: People,
    standings: Standings,
    peaks: Peaks,
    instants: list[datetime],
    strength: Floats,
    only: Bools | None = None,
    s_max: Floats | None = None,
    with_peaks: bool = True,
) -> Iterator[StateRow]:
    """The state's rows (those in the state; `only`: of these people alone), built column by
    column (`s_max`: S_max at the last instant, when it is at hand; without `with_peaks`, None
    for the peaks: the caller writes them by the month)."""
    if s_max is None:
        s_max = peaks.s_max(_month(instants[-1])) if instants else np.zeros(len(people.ids))
    chosen = standings.layer != NO_LAYER
    kept = np.flatnonzero(chosen if only is None else chosen & only)
    names = np.array([None, *LAYERS], object)
    blobs: list[bytes | None] = [None] * len(kept)
    if with_peaks:
        values = peaks.values[kept]
        held: list[bool] = np.asarray(values.any(axis=1), bool).tolist()
        blobs = [row.tobytes() if any_ else None for row, any_ in zip(values, held, strict=True)]
    return zip(
        people.ids[kept].tolist(),
        names[standings.layer[kept]].tolist(),
        standings.above[kept].tolist(),
        standings.below[kept].tolist(),
        names[standings.bound[kept]].tolist(),
        s_max[kept].tolist(),
        blobs,
        strength[kept].tolist(),
        strict=True,
    )


def _load(store: Store, people: People, rows: StoredState) -> tuple[Standings, Peaks]:
    """The stored state (`rows`) as arrays aligned with `people`; people not in it start
    outside."""
    n = len(people.ids)
    standings = Standings.empty(n)
    months = store.layers.months()
    at, known = positions(people.ids, rows.ids)
    standings.layer[at] = rows.layer[known]
    standings.above[at] = rows.above[known]
    standings.below[at] = rows.below[known]
    standings.bound[at] = rows.bound[known]
    where, held = positions(people.ids, rows.held)
    values = rows.values if held.all() else rows.values[held]  # no copy first
    if rows.month is not None:  # the month's column and the rest's max (StoredState)
        within = MonthPeaks.within(n, months, rows.month)
        within.values[where, rows.month % S_MAX_MONTHS] = values[:, 0]
        within.rest[where] = values[:, 1]
        return standings, within
    peaks = Peaks.empty(n)
    if months:
        peaks.months[:] = months
    peaks.values[where] = values
    return standings, peaks


def _kept(how: str, instants: int, instant: str | None) -> Kept:
    from kith.services.ties.layers import Kept

    return Kept(how, instants, instant)
