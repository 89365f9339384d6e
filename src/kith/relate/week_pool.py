"""Who is eligible this week, for the whole pool in one pass (issue 15): τ, the cadence, ρ and
the eligibility rules of priority.py worked out from the pool's rows as they are read, and the
bound on priority bounded.py orders the rest by, so that a Candidate is built only for those the
choice completes.

priority.py, cadence.py and strength.median_gap are the reference, and this gives the same
floats: the same operations in the same order (gaps in whole microseconds, as a timedelta's
total_seconds gives them; τ a median of whole days). No numpy: the first command of a week
would pay ~50 ms to import it for arithmetic a plain loop does as fast on ten thousand rows.
τ is worked out only for those who have a cadence (a layer that is due, an override), as nothing
else reads it, and of those only where it can change the cadence or decides who is at risk
(`_cadence`). tests/test_week_pool.py holds it to the reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from operator import sub
from typing import Any

from kith.relate.bounded import Completion, Entry, in_completion_order, wrote_last_bound
from kith.relate.cadence import (
    DEFAULT_CADENCE_DAYS,
    TAU_CADENCE_FACTOR,
    YOUNG_CADENCE_DAYS,
    YOUNG_LAYERS,
    YOUNG_TIE_DAYS,
)
from kith.relate.decay import decay_factor
from kith.relate.layers import LAYERS
from kith.relate.priority import (
    AT_RISK_RHO,
    AT_RISK_TAU_MULTIPLE,
    ELIGIBLE_RHO,
    THEY_WROTE_LAST_BONUS,
    UNANSWERED_DAYS,
    Span,
    value,
)
from kith.relate.selection import DUE_RHO, STRONG_LAYERS
from kith.relate.strength import (
    DORMANT_RECENCY,
    DORMANT_S_MAX,
    KIN_RECENCY_HALF_LIFE_DAYS,
    RECENCY_HALF_LIFE_DAYS,
    RHYTHM_DAYS_KEPT,
    RHYTHM_FLOOR_DAYS,
    RHYTHM_MIN_GAPS,
    RHYTHM_WINDOW_DAYS,
    median_of,
)

MICROS = 1_000_000
DAY_MICROS = 86_400 * MICROS
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# A pool row, as store.plan.pool_rows reads it (instants in whole seconds since the epoch):
# id, layer (None while the layers do not know them: L7), S_max, the latest interaction, pinned,
# snoozed until, the person's own cadence and its maximum, the tie row's warmth and the instant it
# is as of, sent, received, the contact days ("YYYY-MM-DD YYYY-MM-DD …"), kin, the first
# interaction, known since (YYYY-MM-DD).
Row = Sequence[Any]


@dataclass(frozen=True)
class Moment:
    """What the pool is judged under: the instant, the week, the layers' cadences (the user's
    settings), who has a hook, each tag-cadenced person's shortest tag cadence (days, maximum),
    whether a pinned tie's warmth (the row's warmth and its instant) is below
    PINNED_WARMTH_BELOW at `now`, and who of the rows judged a reply owed makes eligible
    (services/week/replies.py; those outside the near rows come with `judged_apart`'s `others`).
    `unsure`: rows whose reply owed is not known yet (those it makes eligible are among them),
    `replies(ids)` telling which of `ids` it makes eligible when asked (`settled`; apart, only
    where the choice reaches them)."""

    now: datetime
    week: Span
    layer_days: dict[str, float]
    hooked: Collection[int]
    tagged: dict[int, tuple[float, float | None]]
    cool: Callable[[float, str | None], bool]
    owed: Collection[int] = ()
    unsure: Collection[int] = ()
    replies: Callable[[list[int]], Collection[int]] | None = None

    def settled(self, ids: Collection[int] | None = None) -> Moment:
        """The Moment with the replies owed of the unsure among `ids` (None: of all) known."""
        asked = sorted(self.unsure if ids is None else set(ids) & set(self.unsure))
        if not asked:
            return self
        assert self.replies is not None
        owed = {*self.owed, *self.replies(asked)}
        return replace(self, owed=owed, unsure=set(self.unsure).difference(asked))

    @cached_property
    def rhythm(self) -> Rhythm:
        """τ at `now` (each day's text read once for all the rows judged at it)."""
        return Rhythm(self.now.astimezone(UTC).date())

    @cached_property
    def young(self) -> Young:
        return Young(self.now)


@dataclass(frozen=True)
class Judged:
    """The pool judged: the L1–L3 ties due this week (the selection's first pass), by id, and
    everyone else eligible as (bound, ρ, id) in the order bounded.choose completes them in."""

    strong: list[int]
    rest: Sequence[Entry]


def judged(rows: Sequence[Row], at: Moment) -> Judged:
    """priority.eligible for every row at `at.now`, and the bound of those eligible."""
    strong, rest = _judged(rows, at.settled())
    return Judged(strong, in_completion_order(rest))


def judged_apart(
    near: Sequence[Row],
    far: Callable[[], Sequence[Row]],
    at: Moment,
    others: Callable[[], tuple[Sequence[Row], Collection[int]]] | None = None,
    weak: Callable[[], tuple[Sequence[Row], Collection[int]]] | None = None,
) -> Judged:
    """`judged` of `near` and `far()` together (each by id, none in both), with `far` read and
    judged only when the choice reaches where its people could come (bounded.Completion). The
    far rows are those with no cadence of their own and outside L1–L6, neither pinned nor
    hooked nor tag-cadenced: with no cadence (L7 has none) their ρ is 0, none is due or at
    risk, and each one eligible is a dormant tie outside the layers, all of one bound, below
    which the choice rarely goes (profile L: ~7,000 of the pool's ~10,000 rows, and the choice
    is settled within the first ~130 of the ~1,100 others).

    `others()`, when given, is a third part made only when reached: the rows of those outside
    both whom a reply owed makes eligible, with their ids (`at.owed` holds those among
    `near`). They too are outside L1–L6, with no cadence, pin or hook, and in touch within 90
    days (so not dormant): all of one bound, a reply's in L7 (profile L: ~2,000 people).

    `weak()`, when given, is one more, made only when the choice reaches WEAK_UPPER: the L6
    ties neither pinned nor hooked nor cadenced of their own or by a tag, with those of them a
    reply owed makes eligible (profile L: ~2,500 rows).

    The near rows `at.unsure` names (whose reply owed is not asked yet) are judged as if owed,
    which can only raise their bound and make more of them eligible, and asked only where the
    choice reaches them (`_unsure_parts`); the strong ties due among them at once. So is τ of
    the near rows eligible, if at all, by being at risk by τ alone (`_when_at_risk`)."""
    if _layer_days("L7", at.layer_days) is not None:  # an L7 cadence: judged all at once
        at = at.settled()
        rows, owed = [*near, *far()], set(at.owed)
        for part in (others, weak):
            if part is not None:
                more, ids = part()
                rows, owed = [*rows, *more], owed | set(ids)
        return judged(sorted(rows, key=lambda row: row[0]), replace(at, owed=owed))
    unsure = set(at.unsure)
    sure = [row for row in near if row[0] not in unsure] if unsure else near
    hanging: list[Entry] = []
    strong, rest = _judged(sure, replace(at, unsure=()), hanging)
    parts = _when_at_risk(hanging, sure, at)
    if unsure:
        due, asked = _unsure_parts([row for row in near if row[0] in unsure], at)
        strong, parts = sorted([*strong, *due]), [*parts, *asked]
    upper = max(wrote_last_bound(0.0, "L7", dormant, False, False) for dormant in (True, False))

    def later() -> list[Entry]:
        more_strong, more = _judged(far(), at)
        assert not more_strong  # as said above: outside L1–L3,
        assert all(entry[0] <= upper for entry in more)  # and of one bound at most
        return more

    parts.append((upper, later))
    if others is not None:
        replies = others
        owed_upper = wrote_last_bound(0.0, "L7", False, False, False, True)

        def replying() -> list[Entry]:
            rows, ids = replies()
            more_strong, more = _judged(rows, replace(at, owed=ids))
            assert not more_strong
            assert all(entry[0] <= owed_upper for entry in more)
            return more

        parts.append((owed_upper, replying))
    if weak is not None:
        parts.append((WEAK_UPPER, _weak_part(weak, at)))
    return Judged(strong, Completion(rest, parts))


# the highest bound of an L6 tie neither pinned nor hooked: dormant, U at most 1, they wrote last
WEAK_UPPER = value("L6", dormant=True) * 1.0 * (1.0 + THEY_WROTE_LAST_BONUS)


def _weak_part(
    weak: Callable[[], tuple[Sequence[Row], Collection[int]]], at: Moment
) -> Callable[[], list[Entry]]:
    """The weak rows (L6 ties neither pinned nor hooked, nor with a cadence of their own or a
    tag's) judged, with those of them a reply owed makes eligible, when the choice reaches
    WEAK_UPPER (profile L: ~2,500 rows, ~0.4 where the choice settles at ~0.55)."""

    def make() -> list[Entry]:
        rows, owed = weak()
        due, found = _judged(rows, replace(at, owed=set(owed), unsure=()))
        assert not due  # L6: never strong
        assert all(entry[0] <= WEAK_UPPER for entry in found)
        return found

    return make


Part = tuple[float, Callable[[], list[Entry]]]  # a Completion's later part: (upper, make)
PART_FIRST = 16  # entries settled in a first later part (by bound), doubled in each after


def _unsure_parts(rows: Sequence[Row], at: Moment) -> tuple[list[int], list[Part]]:
    """The strong ties due among `rows` (their replies owed asked at once: completing them
    reads it), and the others judged as if a reply were owed, in parts by that bound
    (`_in_parts`), each part's replies owed asked and its rows judged again when the choice
    reaches its highest bound (a reply owed can only raise a bound: `urgency`'s
    floor, and make a row eligible, never the reverse). Outside the strong layers each is
    judged at the shortest cadence τ could leave it (`_judged`'s `least`: a bound at least its
    own, τ worked out only for the parts reached; profile L's cold week: ~600 rows, none
    reached)."""
    rows_of = {row[0]: row for row in rows}
    as_owed = replace(at, owed={*at.owed, *at.unsure}, unsure=())
    due, hoped = _judged(rows, as_owed, least=True)
    if due:
        at.settled(due)  # asked, so that they are known when completed

    def asked(chunk: list[Entry]) -> list[Entry]:  # their replies owed asked, judged again
        some = [rows_of[pid] for _, _, pid in chunk]
        due, found = _judged(some, at.settled([row[0] for row in some]))
        assert not due  # strong or not does not hang on a reply owed
        return found

    return due, _in_parts(hoped, asked)


def _when_at_risk(hanging: list[Entry], rows: Sequence[Row], at: Moment) -> list[Part]:
    """The entries whose eligibility hangs on τ (of `rows`), in parts by bound, each part's τ
    worked out when the choice reaches it (profile L: ~1,300 L6 ties, of bounds the choice
    never reaches), as `_judged` would have."""
    if not hanging:
        return []
    tau_of, now_us = at.rhythm.tau, _micros(at.now)
    wanted = {entry[2] for entry in hanging}
    days = {row[0]: (row[12], row[3]) for row in rows if row[0] in wanted}

    def at_risk(chunk: list[Entry]) -> list[Entry]:
        found = []
        for entry in chunk:
            text, last = days[entry[2]]
            gap = (now_us - last * MICROS) / MICROS / 86_400  # as _judged works it out
            if _at_risk_later(UNWORKED, text, gap, tau_of):
                found.append(entry)
        return found

    return _in_parts(hanging, at_risk)


def _in_parts(entries: list[Entry], settle: Callable[[list[Entry]], list[Entry]]) -> list[Part]:
    """`entries` (each a bound at least its own once settled) in Completion's later parts:
    PART_FIRST of the highest bounds, twice as many, …, each made by `settle` (which keeps
    those that stay, each with a bound at most the one it had) when the choice reaches it."""
    ordered = in_completion_order(entries)
    parts: list[Part] = []
    size, taken = PART_FIRST, 0
    while taken < len(ordered):
        chunk = ordered[taken : taken + size]
        taken, size = taken + len(chunk), size * 2
        parts.append((chunk[0][0], _settling(chunk, settle)))
    return parts


def _settling(
    chunk: list[Entry], settle: Callable[[list[Entry]], list[Entry]]
) -> Callable[[], list[Entry]]:
    def make() -> list[Entry]:
        found = settle(chunk)
        assert all(entry[0] <= chunk[0][0] for entry in found)
        return found

    return make


def _judged(
    rows: Sequence[Row], at: Moment, hanging: list[Entry] | None = None, least: bool = False
) -> tuple[list[int], list[Entry]]:
    """The strong ties due (by id) and everyone else eligible, unordered; with `hanging`, the
    entries of those whose eligibility hangs on τ not worked out yet (at risk by τ alone:
    `_at_risk_later`) are put there, τ left for `_when_at_risk`. With `least`, for rows all
    owed a reply (all eligible, so only ρ and the bound count outside the strong layers): ρ of
    a layer's cadence outside them at the shortest τ could leave it (`_cadence`), so at least
    the row's own ρ and bound (`urgency` grows with ρ)."""
    now_us = _micros(at.now)
    start_us, end_us = _micros(at.week.start), _micros(at.week.end)
    tau_of, young = at.rhythm.tau, at.young
    base = {name: _layer_days(name, at.layer_days) for name in LAYERS}
    tagged, hooked, cool, owed = at.tagged, at.hooked, at.cool, at.owed
    strong: list[int] = []
    rest: list[tuple[float, float, int]] = []
    bounds: dict[tuple[float, str, bool, bool, bool, bool, bool], float] = {}
    unanswered_us = now_us - (UNANSWERED_DAYS + 1) * DAY_MICROS  # awaits_reply's window
    hung: list[Entry] = [] if hanging is None else hanging
    for row in rows:
        pid, name, s_max, last, pinned, snoozed_until, own = row[:7]
        if snoozed_until is not None and snoozed_until * MICROS > now_us:
            continue
        two_way = row[10] > 0 and row[11] > 0
        if last is not None and (last * MICROS >= start_us or not (two_way or pinned)):
            continue  # touched this week; one-way
        name = name or "L7"
        tag, days_of_layer = tagged.get(pid), base[name]
        days, most, tau = (  # τ: nothing else reads it
            _cadence(
                row, name, tag, days_of_layer, tau_of, young, least and name not in STRONG_LAYERS
            )
            if last is not None and (own or tag or days_of_layer is not None)
            else (None, None, None)
        )
        gap = 0.0  # read only with a cadence
        if last is None:
            rho, falls, dormant, at_risk, writes = 0.0, False, False, False, False
        else:
            last_us = last * MICROS
            writes = last_us > unanswered_us  # they may have written last, unanswered
            gap = (now_us - last_us) / MICROS / 86_400
            half = KIN_RECENCY_HALF_LIFE_DAYS if row[13] else RECENCY_HALF_LIFE_DAYS
            dormant = s_max >= DORMANT_S_MAX and decay_factor(max(gap, 0.0), half) < DORMANT_RECENCY
            if days is None:
                rho, falls, at_risk = 0.0, False, False
            else:
                rho = gap / days
                falls = _falls_due(last_us, days, end_us)
                at_risk = (
                    (tau is not None and gap >= AT_RISK_TAU_MULTIPLE * tau)  # False if NaN
                    or (most is not None and gap >= most)
                    or rho >= AT_RISK_RHO
                )
        hooks, replied = pid in hooked, pid in owed
        by_tau = not (
            rho >= ELIGIBLE_RHO
            or falls
            or dormant
            or hooks
            or replied
            or (pinned and cool(row[8], row[9]))
            or at_risk
        )  # eligible, if at all, by τ alone
        hangs = by_tau and hanging is not None and tau is not None and math.isnan(tau)
        if by_tau and not hangs and not _at_risk_later(tau, row[12], gap, tau_of):
            continue
        if name in STRONG_LAYERS and (falls or rho >= DUE_RHO):  # (never one that hangs)
            strong.append(pid)
            continue
        key = (rho, name, dormant, bool(pinned), hooks, replied, writes)
        bound = bounds.get(key)
        if bound is None:  # the dormant ties outside the layers share one
            bound = bounds[key] = wrote_last_bound(*key)
        (hung if hangs else rest).append((bound, rho, pid))
    return strong, rest


def _at_risk_later(
    tau: float | None, days: str | None, gap: float, tau_of: Callable[[str | None], float | None]
) -> bool:
    """Whether a tie whose τ was not worked out (UNWORKED: NaN) is at risk by τ alone, from
    its contact `days` and the `gap` since the last; False when τ was worked out (the caller
    asked already) or there is no cadence (None)."""
    if tau is None or not math.isnan(tau):
        return False
    found = tau_of(days)
    return found is not None and gap >= AT_RISK_TAU_MULTIPLE * found


def _cadence(
    row: Row,
    name: str,
    tag: tuple[float, float | None] | None,
    days: float | None,
    tau_of: Callable[[str | None], float | None],
    young: Young,
    least: bool = False,
) -> tuple[float | None, float | None, float | None]:
    """cadence_for of one row with a cadence (its own, a tag's, or its layer's `days`): the
    days, the maximum gap, and τ — NaN, not worked out, when it cannot change the cadence
    (only whether the tie is at risk, which the caller works out only if that decides). With
    `least`, a layer's cadence is the shortest τ could leave it, τ not worked out: `days`
    (τ only lengthens it), a young tie's the shorter of it and YOUNG_CADENCE_DAYS."""
    if row[6]:
        return row[6], row[7], UNWORKED
    if tag is not None:
        return tag[0], tag[1], UNWORKED
    assert days is not None
    young_layer = row[10] > 0 and row[11] > 0 and name in YOUNG_LAYERS
    if (least or days >= LONGEST_TAU_CADENCE) and not (young_layer and young(row[14], row[15])):
        return days, None, UNWORKED  # τ could not lengthen it, nor is it young
    if least:  # young: the settling cadence, at least YOUNG_CADENCE_DAYS, if shorter
        return min(days, YOUNG_CADENCE_DAYS), None, UNWORKED
    tau = tau_of(row[12])
    days = days if tau is None else max(days, TAU_CADENCE_FACTOR * tau)
    if young_layer:  # a young tie's, when shorter
        settling = (
            YOUNG_CADENCE_DAYS if tau is None else max(YOUNG_CADENCE_DAYS, TAU_CADENCE_FACTOR * tau)
        )
        if settling < days and young(row[14], row[15]):
            return settling, None, tau
    return days, None, tau


UNWORKED = math.nan  # τ not worked out (NaN: unequal to itself)
# τ is a median of gaps within the window (each at most RHYTHM_WINDOW_DAYS), so it stretches no
# cadence this long (L6's two years: most of the pool); then it only tells who is at risk
LONGEST_TAU_CADENCE = TAU_CADENCE_FACTOR * RHYTHM_WINDOW_DAYS


def _layer_days(name: str, layer_days: dict[str, float]) -> float | None:
    """A layer's cadence (the user's setting, else the default); None for a layer never due."""
    days = layer_days.get(name, DEFAULT_CADENCE_DAYS[name])
    return None if days is None else float(days)


def _falls_due(last_us: int, days: float, end_us: int) -> bool:
    """The last contact plus the cadence before the week's end, in whole microseconds as a
    timedelta rounds them (half to even); within a microsecond of it, with datetimes."""
    at = last_us + round(days * DAY_MICROS)
    if abs(at - end_us) < 2:
        moment = EPOCH + timedelta(microseconds=last_us)
        return moment + timedelta(days=days) < EPOCH + timedelta(microseconds=end_us)
    return at < end_us


def _micros(moment: datetime) -> int:
    """An aware instant as whole microseconds since the epoch (exact, as timedelta is)."""
    return (moment - EPOCH) // timedelta(microseconds=1)


class Rhythm:
    """strength.median_gap of stored contact days ("YYYY-MM-DD YYYY-MM-DD …") at `today`, each
    distinct day's text read once."""

    def __init__(self, today: date) -> None:
        self.today = today.toordinal()
        self.since = self.today - RHYTHM_WINDOW_DAYS
        self.ordinals = _Ordinals()

    def tau(self, text: str | None) -> float | None:
        """τ of one row's days; None with fewer than RHYTHM_MIN_GAPS gaps."""
        if not text:
            return None
        days = list(map(self.ordinals.__getitem__, text.split()))
        gaps = list(map(sub, days[1:], days[:-1]))  # each later day less the one before
        if days[0] < self.since or days[-1] > self.today or (gaps and min(gaps) <= 0):
            since, today = self.since, self.today  # not all in the window, distinct, in order
            days = sorted({day for day in days if since <= day <= today})
            gaps = list(map(sub, days[1:], days[:-1]))
        if len(gaps) < RHYTHM_MIN_GAPS:
            return None
        return max(RHYTHM_FLOOR_DAYS, median_of(gaps[-(RHYTHM_DAYS_KEPT - 1) :]))


class _Ordinals(dict[str, int]):
    def __missing__(self, text: str) -> int:
        found = self[text] = date.fromisoformat(text).toordinal()
        return found


class Young:
    """cadence.is_young of a two-way tie at `now`: first known (the first interaction, or
    midnight of `known since` in now's zone) under YOUNG_TIE_DAYS ago."""

    def __init__(self, now: datetime) -> None:
        self.now_us = _micros(now)
        self.zone = now.tzinfo
        self.midnights: dict[str, int] = {}

    def __call__(self, first: int | None, known: str | None) -> bool:
        starts = [first * MICROS] if first is not None else []
        if starts and not self._since(starts[0]):
            return False  # first in touch long ago: known since, if earlier, is older still
        if known:
            starts.append(self._midnight(known[:10]))
        return bool(starts) and self._since(min(starts))

    def _since(self, start: int) -> bool:
        """Whether `start` (µs since the epoch) is under YOUNG_TIE_DAYS before `now`."""
        return (self.now_us - start) / MICROS / 86_400 < YOUNG_TIE_DAYS

    def _midnight(self, day: str) -> int:
        found = self.midnights.get(day)
        if found is None:
            moment = datetime.combine(date.fromisoformat(day), datetime.min.time(), self.zone)
            found = self.midnights[day] = _micros(moment)
        return found
