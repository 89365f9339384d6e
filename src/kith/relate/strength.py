"""Tie strength S, warmth W, dormancy and rhythm: the pure scores of science.md §2, §3 and §5."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from kith.relate.decay import age_days, decay_factor, decayed_sum
from kith.relate.weights import channel_weight
from kith.vocab import CHANNELS, DIRECTIONS

# [H] Half-life of the decayed volume D, in days; kin fade twice as slowly.
VOLUME_HALF_LIFE_DAYS = 90.0
KIN_VOLUME_HALF_LIFE_DAYS = 180.0
# [H] I = 1 − exp(−D/6): six fresh weight-1 interactions bring intensity to 63%.
INTENSITY_SCALE = 6.0
# [H] Half-life of recency R, in days, from the latest interaction; kin 120.
RECENCY_HALF_LIFE_DAYS = 60.0
KIN_RECENCY_HALF_LIFE_DAYS = 120.0
# [H] Months known = days / 30.4; duration L is full at 60 months (ln(1 + 60) / ln(61) = 1).
DAYS_PER_MONTH = 30.4
DURATION_FULL_MONTHS = 60.0
# [H] Balance Q counts events (not weights), each decayed with this half-life in days.
BALANCE_HALF_LIFE_DAYS = 365.0
# [H] Multiplexity M = (distinct channels in this many days − 1) / 2, clamped to [0, 1].
MULTIPLEXITY_WINDOW_DAYS = 365.0
MULTIPLEXITY_SPAN = 2.0
# [H] Embeddedness E is full at 20 mutual contacts (ln(1 + 20) / ln(21) = 1).
EMBEDDEDNESS_FULL = 20.0
# [R] Shares of S_behav: intensity and intimacy carry about half of Gilbert & Karahalios' (2009)
# predictive power, duration about a sixth, structure about 4%; recency is the top single predictor
# [R] and reciprocity the top persistence predictor (Hidalgo & Rodriguez-Sickert 2008 [V]).
SHARE_I, SHARE_R, SHARE_L, SHARE_Q, SHARE_M, SHARE_E = 0.35, 0.20, 0.15, 0.15, 0.10, 0.05
# [V] One-way contact is no relationship (Nudge, Connect the Dots): S_behav is capped here when
# the user writes and nothing comes back.
ONE_WAY_CAP = 0.2
# [M] Someone who keeps writing without a logged answer is capped less: see docs/science.md.
ONE_WAY_IN_CAP = 0.4
# [R] The user's own closeness rating is the best indicator, so it carries 60% of S.
RATING_SHARE = 0.6
# [H] The closeness scale a user rates on: 1 (distant) to 5 (closest).
RATINGS = range(1, 6)
# [M] Warmth W: a 14-day half-life had the smallest worst-case loss predicting the next contact
# on public message, e-mail and call data; [H] W = 1 − exp(−sum / 3).
WARMTH_HALF_LIFE_DAYS = 14.0
WARMTH_SCALE = 3.0
# [V] Dormant ties (Levin, Walter & Murnighan 2011): once strong (S_max ≥ 0.6), now silent.
DORMANT_S_MAX = 0.6
DORMANT_RECENCY = 0.1
# [H] S_max is the highest S over the last 5 years, kept as 60 monthly maxima.
S_MAX_MONTHS = 60
# [H] Rhythm τ: median gap between distinct interaction days within 24 months (730 days), from the
# latest 25 such days, defined with at least 3 gaps, never under a day.
RHYTHM_WINDOW_DAYS = 730
RHYTHM_DAYS_KEPT = 25
RHYTHM_MIN_GAPS = 3
RHYTHM_FLOOR_DAYS = 1.0

# [H] Labels for ties without a two-way history (§2); a one-way tie is no relationship yet.
NO_HISTORY = "no history"
ONE_WAY_OUT = "one-way (out)"
ONE_WAY_IN = "one-way (in)"
# [H] Directions that count as the user writing, and as hearing back: `both` is one of each (§1).
SENDS = frozenset({"out", "both"})
RECEIVES = frozenset({"in", "both"})


@dataclass(frozen=True)
class Event:
    """One interaction as tie strength sees it; `weight` overrides the channel weight w_c."""

    at: datetime
    channel: str
    direction: str
    others: int = 1
    weight: float | None = None

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}; use one of {', '.join(CHANNELS)}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}; use out, in or both")
        if self.others < 0:
            raise ValueError(f"others must be 0 or more, not {self.others}")

    def w(self, *, unit_weights: bool = False) -> float:
        """This event's weight: the override, else 1 with `unit_weights`, else w_c (§1)."""
        if self.weight is not None:
            return self.weight
        return 1.0 if unit_weights else channel_weight(self.channel, self.others)


@dataclass(frozen=True)
class Strength:
    """S and its parts: volume D, intensity I, recency R, duration L, balance Q,
    multiplexity M, embeddedness E, and a label for ties with no or one-way history."""

    s: float
    s_behav: float
    volume: float
    intensity: float
    recency: float
    duration: float
    balance: float
    multiplexity: float
    embeddedness: float
    label: str | None


def tie_strength(
    events: Iterable[Event],
    now: datetime,
    *,
    known_since: date | None = None,
    mutual_contacts: int = 0,
    rating: int | None = None,
    kin: bool = False,
    unit_weights: bool = False,
) -> Strength:
    """S per science.md §2 as of `now`; ValueError for an event after `now`."""
    history = past(events, now)
    if not history:
        return no_history(rating)
    d = volume(history, now, kin=kin, unit_weights=unit_weights)
    r = recency(history, now, kin=kin)
    dur, q = duration(history, now, known_since), balance(history, now)
    m = multiplexity(history, now)
    return combined(d, r, dur, q, m, mutual_contacts, one_way_label(history), rating)


def no_history(rating: int | None) -> Strength:
    """S of a tie without any interaction: the rating's share alone."""
    return Strength(rated(rating, 0.0), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, NO_HISTORY)


def combined(
    d: float,
    r: float,
    dur: float,
    q: float,
    m: float,
    mutual_contacts: int,
    label: str | None,
    rating: int | None,
) -> Strength:
    """S from volume D and the parts, however they were summed (from the log's events, or from
    the sums the store keeps per tie): intensity from D, E from the mutual contacts, the cap of
    a one-way tie (`label`) and the rating."""
    i, e = intensity(d), embeddedness(mutual_contacts)
    s_behav = SHARE_I * i + SHARE_R * r + SHARE_L * dur + SHARE_Q * q + SHARE_M * m + SHARE_E * e
    if label is not None:
        s_behav = min(s_behav, one_way_cap(label))
    return Strength(rated(rating, s_behav), s_behav, d, i, r, dur, q, m, e, label)


def past(events: Iterable[Event], now: datetime) -> list[Event]:
    """The events as a list, refusing any after `now` (interactions are never in the future)."""
    history = list(events)
    for event in history:
        age_days(event.at, now)
    return history


def volume(history: Sequence[Event], now: datetime, *, kin: bool, unit_weights: bool) -> float:
    """D = Σ w_c·2^(−age/90) over contact days (`by_day`), half-life 180 days for kin."""
    half_life = KIN_VOLUME_HALF_LIFE_DAYS if kin else VOLUME_HALF_LIFE_DAYS
    points = by_day((e.at, e.channel, e.w(unit_weights=unit_weights)) for e in history)
    return decayed_sum(points, now, half_life)


def intensity(d: float) -> float:
    """I = 1 − exp(−D/6), saturating."""
    return 1.0 - math.exp(-d / INTENSITY_SCALE)


def recency(history: Sequence[Event], now: datetime, *, kin: bool) -> float:
    """R = 2^(−days since the latest interaction / 60), 120 for kin; 0 without history."""
    if not history:
        return 0.0
    return recency_since(max(event.at for event in history), now, kin=kin)


def recency_since(latest: datetime, now: datetime, *, kin: bool) -> float:
    """R from the latest interaction."""
    half_life = KIN_RECENCY_HALF_LIFE_DAYS if kin else RECENCY_HALF_LIFE_DAYS
    return decay_factor(age_days(latest, now), half_life)


def duration(history: Sequence[Event], now: datetime, known_since: date | None) -> float:
    """L = min(1, ln(1 + months) / ln(61)), from the earlier of the first interaction and
    `known_since` (a date is read as midnight in `now`'s zone)."""
    starts = [event.at for event in history]
    if known_since is not None:
        starts.append(as_moment(known_since, now))
    if not starts:
        return 0.0
    return duration_from(min(starts), now)


def duration_from(start: datetime, now: datetime) -> float:
    """L from the start of the tie (the earlier of the first interaction and `known_since`)."""
    months = age_days(start, now) / DAYS_PER_MONTH
    return min(1.0, math.log1p(months) / math.log1p(DURATION_FULL_MONTHS))


def as_moment(day: date, now: datetime) -> datetime:
    """`day` as a datetime comparable with `now`: a date becomes its midnight in `now`'s zone."""
    if isinstance(day, datetime):
        return day
    return datetime.combine(day, time(), tzinfo=now.tzinfo)


def balance(history: Sequence[Event], now: datetime) -> float:
    """Q = 1 − |n_out − n_in| / (n_out + n_in) over events decayed 2^(−age/365); 0 if none.
    A `both` event counts as one out and one in."""
    ages = [(e.direction, age_days(e.at, now)) for e in history]
    n_out = sum(decay_factor(a, BALANCE_HALF_LIFE_DAYS) for d, a in ages if d in SENDS)
    n_in = sum(decay_factor(a, BALANCE_HALF_LIFE_DAYS) for d, a in ages if d in RECEIVES)
    return balance_of(n_out, n_in)


def balance_of(n_out: float, n_in: float) -> float:
    """Q from the decayed counts out and in."""
    if n_out + n_in == 0:
        return 0.0
    return 1.0 - abs(n_out - n_in) / (n_out + n_in)


def multiplexity(history: Sequence[Event], now: datetime) -> float:
    """M = clamp((distinct channels in the last 365 days − 1) / 2, 0, 1)."""
    channels = {e.channel for e in history if age_days(e.at, now) <= MULTIPLEXITY_WINDOW_DAYS}
    return multiplexity_of(len(channels))


def multiplexity_of(channels: int) -> float:
    """M from the count of distinct channels used in the window."""
    return min(1.0, max(0.0, (channels - 1) / MULTIPLEXITY_SPAN))


def embeddedness(mutual_contacts: int) -> float:
    """E = min(1, ln(1 + mutual contacts) / ln(21))."""
    if mutual_contacts < 0:
        raise ValueError(f"mutual contacts must be 0 or more, not {mutual_contacts}")
    return min(1.0, math.log1p(mutual_contacts) / math.log1p(EMBEDDEDNESS_FULL))


def one_way_label(history: Sequence[Event]) -> str | None:
    """ "one-way (out)" when nothing came back, "one-way (in)" when nothing went out, else None."""
    sends = any(event.direction in SENDS for event in history)
    return one_way_of(sends, any(event.direction in RECEIVES for event in history))


def one_way_of(sends: bool, receives: bool) -> str | None:
    """The one-way label of a history with any interaction out (`sends`) and any back."""
    if not receives:
        return ONE_WAY_OUT
    if not sends:
        return ONE_WAY_IN
    return None


def attainable(duration: float, multiplexity: float, embeddedness: float) -> float:
    """The most S_behav a tie could have today with its duration, channels and mutual contacts,
    were intensity, recency and balance full: 1.0 for an old, multiplex, embedded tie, 0.75 for
    a three-month tie on one channel."""
    return (
        SHARE_I
        + SHARE_R
        + SHARE_Q
        + SHARE_L * duration
        + SHARE_M * multiplexity
        + SHARE_E * embeddedness
    )


def entry_strength(s_behav: float, reach: float, rating: int | None) -> float:
    """What the layer thresholds judge: S with S_behav read as a share of what the tie could
    attain today (`attainable`), so a young or single-channel tie is judged by how close it is,
    not by how long it has lasted; the rating weighs as in S."""
    return rated(rating, min(1.0, s_behav / reach) if reach > 0 else 0.0)


def one_way_cap(label: str) -> float:
    """The cap on S_behav of a one-way tie: outbound-only ties are capped harder than inbound."""
    return ONE_WAY_IN_CAP if label == ONE_WAY_IN else ONE_WAY_CAP


def rated(rating: int | None, s_behav: float) -> float:
    """S: S_behav alone, or 0.6·(K − 1)/4 + 0.4·S_behav when the user rated closeness K in 1..5."""
    if rating is None:
        return s_behav
    if rating not in RATINGS:
        raise ValueError(f"a closeness rating is 1 to 5, not {rating}")
    top = RATINGS[-1] - RATINGS[0]
    return RATING_SHARE * (rating - RATINGS[0]) / top + (1 - RATING_SHARE) * s_behav


def warmth(events: Iterable[Event], now: datetime) -> float:
    """W = 1 − exp(−Σ w_c·2^(−age/14) / 3) over contact days: short memory, for scheduling
    only (§3). A day's messages on one channel are one contact (`by_day`)."""
    points = by_day((event.at, event.channel, event.w()) for event in events)
    return warmth_of(decayed_sum(points, now, WARMTH_HALF_LIFE_DAYS))


def warmth_of(total: float) -> float:
    """W from the sum Σ w_c·2^(−age/14) as of now."""
    return 1.0 - math.exp(-total / WARMTH_SCALE)


def by_day(events: Iterable[tuple[datetime, str, float]]) -> list[tuple[datetime, float]]:
    """One point per UTC day and channel: the day's first interaction on it, with its weight.
    Forty messages in one evening are one conversation, not forty touches (docs/science.md)."""
    days: dict[tuple[date, str], tuple[datetime, float]] = {}
    for at, channel, weight in events:
        key = (at.astimezone(UTC).date(), channel)
        if key not in days or at < days[key][0]:
            days[key] = (at, weight)
    return list(days.values())


def is_dormant(s_max: float, r: float, *, has_history: bool) -> bool:
    """Once strong, now silent: S_max ≥ 0.6 and R < 0.1, and never without history."""
    return has_history and s_max >= DORMANT_S_MAX and r < DORMANT_RECENCY


def month_key(moment: date) -> str:
    """The month a moment falls in, as YYYY-MM."""
    return f"{moment.year:04d}-{moment.month:02d}"


def months_between(earlier: str, later: str) -> int:
    """Whole months from one YYYY-MM key to another."""
    (y0, m0), (y1, m1) = (map(int, key.split("-")) for key in (earlier, later))
    return (y1 - y0) * 12 + (m1 - m0)


def record_peak(peaks: Mapping[str, float], at: datetime, s: float) -> dict[str, float]:
    """The monthly maxima of S with `s`, seen at `at`, folded in; only the latest 60 months kept."""
    key = month_key(at)
    updated = {**peaks, key: max(s, peaks.get(key, s))}
    newest = max(updated)
    return {k: v for k, v in updated.items() if months_between(k, newest) < S_MAX_MONTHS}


def s_max(peaks: Mapping[str, float], now: datetime) -> float:
    """S_max: the highest monthly maximum in the 60 months up to `now`'s month; 0 without any."""
    current = month_key(now)
    recent = [v for k, v in peaks.items() if 0 <= months_between(k, current) < S_MAX_MONTHS]
    return max(recent, default=0.0)


def median_gap(days: Sequence[date], today: date) -> float | None:
    """τ (§5): the median gap in days between distinct interaction days in the last 24 months,
    from the latest 25 of them; None with fewer than 3 gaps. ValueError for a day after `today`."""
    if any(day > today for day in days):
        raise ValueError(f"an interaction day is after {today.isoformat()}")
    since = today - timedelta(days=RHYTHM_WINDOW_DAYS)
    recent = sorted({day for day in days if day >= since})[-RHYTHM_DAYS_KEPT:]
    gaps = [(later - earlier).days for earlier, later in pairwise(recent)]
    if len(gaps) < RHYTHM_MIN_GAPS:
        return None
    return max(RHYTHM_FLOOR_DAYS, median_of(gaps))


def median_of(values: list[int]) -> float:
    """statistics.median's value, without its generality (a week's choice asks it 10,000
    times): the middle one, or the mean of the middle two."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[half])
    return (ordered[half - 1] + ordered[half]) / 2
