"""Dunbar layers L1–L7: the raw ranking and its hysteresis at weekly instants (science.md §4)."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kith.relate.cadence import DEFAULT_CADENCE_DAYS

LAYERS = ("L1", "L2", "L3", "L4", "L5", "L6", "L7")

# Cumulative layer sizes 1.5/5/15/50/150/500 (Zhou et al. 2005, Dunbar et al. 2015 [V];
# L6: Dunbar 2018 [R]); caps are ceilings, not quotas. L7 (every contact beyond 500) is uncapped.
LAYER_CAPS = {"L1": 2, "L2": 5, "L3": 15, "L4": 50, "L5": 150, "L6": 500}

# The least S to enter a layer [H], judged on S with S_behav read as a share of what the tie
# could attain today with its duration, channels and mutual contacts (strength.entry_strength),
# so a young, intense tie on one channel can be close (docs/science.md). L5–L7 have no floor.
LAYER_THRESHOLDS = {"L1": 0.85, "L2": 0.85, "L3": 0.6, "L4": 0.4}

# The outermost layer a tie reaches without qualifying (≥ 3 contact days, not one-way) [H].
UNQUALIFIED_CEILING = "L5"
# [H] No contact enters L1–L4 before it has interactions on this many different days.
QUALIFYING_DAYS = 3
# Contacts with no interaction at all are never above L6 [H].
NO_HISTORY_CEILING = "L6"
# A latent tie — one that never qualified (under 3 contact days, or one-way) and has been silent
# for a whole cadence of its ceiling layer (L5: a year) — is no part of the active network: its
# layer is L7, never due by cadence, and it falls there at once, without hysteresis (Dunbar's
# layers are defined by contact frequency; a tie with one or two contact days never had one).
# docs/science.md says why [H].
LATENT_LAYER = "L7"
LATENT_AFTER_DAYS = float(DEFAULT_CADENCE_DAYS[UNQUALIFIED_CEILING] or 0)
# A new contact starts at its raw layer, but never above L4 [H].
NEW_CONTACT_CEILING = "L4"

# Hysteresis [H]: promote after this many consecutive instants inside a layer above the current
# one; demote after this factor × c_L (in weekly instants) without qualifying for the current
# layer (inner-circle turnover is only 1–4% a year, Roy et al. 2022 [V]).
PROMOTE_AFTER_INSTANTS = 2
DEMOTE_CADENCE_FACTOR = 2
INSTANT_SPACING_DAYS = 7

# Report labels [H]: strong ties L1–L3, weak ties L4–L5, acquaintances / latent ties L6–L7.
TIE_LABELS = {
    "L1": "strong",
    "L2": "strong",
    "L3": "strong",
    "L4": "weak",
    "L5": "weak",
    "L6": "acquaintance",
    "L7": "acquaintance",
}


@dataclass(frozen=True)
class Tie:
    """What layering needs to know of one contact."""

    person_id: int
    strength: float  # S
    s_max: float  # the highest S in the last 5 years
    last_contact: datetime | None
    qualifies: bool  # interactions on ≥ 3 distinct days in a tie that is not one-way
    has_history: bool
    pinned: bool = False
    one_way: bool = False
    entry: float | None = None  # what the thresholds judge (strength.entry_strength), else S
    latent: bool = False  # unqualified and silent for LATENT_AFTER_DAYS (`is_latent`)


@dataclass(frozen=True)
class Standing:
    """One person's layer after hysteresis and the streak that may move it."""

    layer: str
    above: int = 0  # consecutive instants with the raw layer inside the current one
    below: int = 0  # consecutive instants with the raw layer outside the current one
    bound: str | None = None  # the layer held at every instant of the current streak


@dataclass(frozen=True)
class LayerState:
    """Every person's standing as of the latest evaluated instant (None before the first)."""

    instant: datetime | None = None
    standings: Mapping[int, Standing] = field(default_factory=dict)

    def layers(self) -> dict[int, str]:
        return {person: standing.layer for person, standing in self.standings.items()}


def layer_index(layer: str) -> int:
    """1 for L1 … 7 for L7: smaller is closer."""
    return LAYERS.index(layer) + 1


def tie_label(layer: str) -> str:
    """ "strong", "weak" or "acquaintance", for reports."""
    return TIE_LABELS[layer]


def is_latent(qualifies: bool, silent_days: float | None) -> bool:
    """Whether a tie is latent: it never qualified for L1–L4 and its latest interaction is at
    least LATENT_AFTER_DAYS (365) old; never without history (`silent_days` None)."""
    return not qualifies and silent_days is not None and silent_days >= LATENT_AFTER_DAYS


def raw_layers(ties: Iterable[Tie]) -> dict[int, str]:
    """Each person's layer before hysteresis: ties ranked (pinned first, then S, S_max, latest
    contact, id) fill the innermost layer whose threshold they meet and whose cumulative cap
    still has room."""
    placed = dict.fromkeys(LAYERS, 0)  # contacts placed in this layer or any inside it
    result: dict[int, str] = {}
    for tie in sorted(ties, key=_rank_key):
        layer = next(
            candidate
            for candidate in LAYERS[layer_index(_floor(tie)) - 1 :]
            if placed[candidate] < LAYER_CAPS.get(candidate, math.inf)
        )
        for outer in LAYERS[layer_index(layer) - 1 :]:
            placed[outer] += 1
        result[tie.person_id] = layer
    return result


def _rank_key(tie: Tie) -> tuple[bool, float, float, bool, float, int]:
    latest = tie.last_contact.timestamp() if tie.last_contact is not None else 0.0
    return (
        not tie.pinned,
        -tie.strength,
        -tie.s_max,
        tie.last_contact is None,
        -latest,
        tie.person_id,
    )


def _floor(tie: Tie) -> str:
    """The innermost layer a tie may enter, whatever the caps."""
    if not tie.has_history:
        return NO_HISTORY_CEILING
    if tie.latent:
        return LATENT_LAYER
    if not tie.qualifies or tie.one_way:
        return UNQUALIFIED_CEILING
    for layer, threshold in LAYER_THRESHOLDS.items():
        if (tie.entry if tie.entry is not None else tie.strength) >= threshold:
            return layer
    return UNQUALIFIED_CEILING


def demote_after_instants(layer: str) -> int | None:
    """2 × c_L expressed in weekly instants (c_L rounded up to whole weeks); None for L7."""
    days = DEFAULT_CADENCE_DAYS[layer]
    if days is None:
        return None
    return DEMOTE_CADENCE_FACTOR * math.ceil(days / INSTANT_SPACING_DAYS)


def advance(
    state: LayerState,
    raw: Mapping[int, str],
    instant: datetime,
    latent: Collection[int] = (),
) -> LayerState:
    """The state one instant later, from the raw layers at `instant`. People missing from `raw`
    leave; people new to it start at their raw layer, capped at L4; the `latent` fall at once."""
    if state.instant is not None and _utc(instant) <= _utc(state.instant):
        raise ValueError(f"instant {instant.isoformat()} is not after {state.instant.isoformat()}")
    standings = {
        person: _step(state.standings[person], layer, person in latent)
        if person in state.standings
        else Standing(_outermost(layer, NEW_CONTACT_CEILING))
        for person, layer in raw.items()
    }
    return LayerState(instant, standings)


def _step(standing: Standing, raw: str, latent: bool = False) -> Standing:
    """One instant for one person. A move goes to the layer held at every instant of its streak:
    the outermost raw layer seen while rising, the innermost while falling; a latent tie falls to
    its raw layer at once."""
    current, seen = layer_index(standing.layer), layer_index(raw)
    if seen == current:
        return Standing(standing.layer)
    if latent and seen > current:
        return Standing(raw)
    if seen < current:
        bound = raw if standing.above == 0 else _outermost(raw, standing.bound or raw)
        if standing.above + 1 >= PROMOTE_AFTER_INSTANTS:
            return Standing(bound)
        return Standing(standing.layer, above=standing.above + 1, bound=bound)
    bound = raw if standing.below == 0 else _innermost(raw, standing.bound or raw)
    limit = demote_after_instants(standing.layer)
    if limit is not None and standing.below + 1 >= limit:
        return Standing(bound)
    return Standing(standing.layer, below=standing.below + 1, bound=bound)


def _outermost(a: str, b: str) -> str:
    return a if layer_index(a) >= layer_index(b) else b


def _innermost(a: str, b: str) -> str:
    return a if layer_index(a) <= layer_index(b) else b


def replay(
    history: Iterable[tuple[datetime, Mapping[int, str]]], start: LayerState | None = None
) -> LayerState:
    """The state after every instant of `history` (raw layers by instant), in time order, so a
    rebuild reproduces what lazy advancing produced."""
    state = start if start is not None else LayerState()
    for instant, raw in sorted(history, key=lambda item: _utc(item[0])):
        state = advance(state, raw, instant)
    return state


def mondays_between(start: datetime, end: datetime, tz: tzinfo) -> list[datetime]:
    """The evaluation instants after `start` up to and including `end`: Mondays 00:00 in `tz`."""
    day = start.astimezone(tz).date()
    day += timedelta(days=-day.weekday())
    instants: list[datetime] = []
    while _utc(moment := _midnight(day, tz)) <= _utc(end):
        if _utc(moment) > _utc(start):
            instants.append(moment)
        day += timedelta(days=INSTANT_SPACING_DAYS)
    return instants


def _utc(moment: datetime) -> datetime:
    """Aware datetimes sharing a zone compare by wall clock; UTC compares them as instants."""
    return moment.astimezone(UTC)


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)
