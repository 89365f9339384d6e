"""How often each person should hear from the user: layer defaults, overrides, τ (§4–5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

# Default cadence c_L in days per layer (science.md §4). L1 [H] (innermost layer: Dunbar et al.
# 2015 [V]); L2 weekly, L3 monthly, L4 every six months (Dunbar 2021 [V]); L5 yearly (Hill &
# Dunbar 2003 [V]); L6 two years, opportunistic [H]; L7 none: never due (Dunbar 2021 [V]).
DEFAULT_CADENCE_DAYS: dict[str, int | None] = {
    "L1": 7,
    "L2": 7,
    "L3": 30,
    "L4": 180,
    "L5": 365,
    "L6": 730,
    "L7": None,
}

# A steady personal rhythm τ stretches the layer cadence to 0.8·τ, so it is not reported as
# overdue (science.md §4) [H].
TAU_CADENCE_FACTOR = 0.8

# A young tie — two-way, known for less than one volume half-life (90 days) — is due after
# warmth's half-life (14 days, [M]) while its layer's cadence is longer: it has no settled
# layer or rhythm yet, and new ties fade fastest (Burt 2000 [R]). docs/science.md has the
# measurement behind it.
YOUNG_TIE_DAYS = 90.0
YOUNG_CADENCE_DAYS = 14.0
# Only outside the closest layers, whose cadences (7 and 30 days) already keep a tie in view.
YOUNG_LAYERS = frozenset({"L4", "L5", "L6"})


@dataclass(frozen=True)
class Override:
    """A cadence the user set for a person or a tag: the ideal gap and, optionally, the maximum."""

    ideal_days: float
    max_days: float | None = None  # reaching it flags the person "at risk"


@dataclass(frozen=True)
class Cadence:
    """The cadence that ρ uses: None means never due; `source` says where it came from."""

    days: float | None
    max_days: float | None
    source: str  # "person", "tag", "layer" or "young"


def effective_layer_cadence(
    layer: str, tau: float | None, layer_days: float | None = None
) -> float | None:
    """max(c_L, 0.8·τ) when τ is defined, else c_L (the user's `cadence.L<n>` setting, else the
    default); None for a layer that is never due."""
    days = layer_days if layer_days is not None else DEFAULT_CADENCE_DAYS[layer]
    if days is None:
        return None
    if tau is None:
        return float(days)
    return max(float(days), TAU_CADENCE_FACTOR * tau)


def cadence_for(
    layer: str,
    person: Override | None = None,
    tags: Sequence[Override] = (),
    tau: float | None = None,
    layer_days: float | None = None,
    young: bool = False,
) -> Cadence:
    """The cadence for one person: a person override, else the shortest tag override, else the
    layer's (stretched by τ). An override is the user's explicit wish, so τ does not stretch it,
    and it makes even an L7 contact due. A young tie is due sooner (`YOUNG_CADENCE_DAYS`)."""
    if person is not None:
        return Cadence(person.ideal_days, person.max_days, "person")
    if tags:
        shortest = min(tags, key=lambda tag: tag.ideal_days)
        return Cadence(shortest.ideal_days, shortest.max_days, "tag")
    days = effective_layer_cadence(layer, tau, layer_days)
    if young and layer in YOUNG_LAYERS and days is not None:
        settling = max(YOUNG_CADENCE_DAYS, TAU_CADENCE_FACTOR * tau if tau else 0.0)
        if settling < days:
            return Cadence(settling, None, "young")
    return Cadence(days, None, "layer")


def is_young(first_known: datetime | None, now: datetime, *, two_way: bool) -> bool:
    """A two-way tie first known (first interaction, or known since) under 90 days ago."""
    if first_known is None or not two_way:
        return False
    return (now - first_known).total_seconds() / 86_400 < YOUNG_TIE_DAYS
