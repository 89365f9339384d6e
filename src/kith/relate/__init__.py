"""The pure domain of ties: channel weights, decayed sums, tie strength, warmth and rhythm."""

from __future__ import annotations

from kith.relate.decay import Decayed, decayed_sum
from kith.relate.strength import (
    Event,
    Strength,
    is_dormant,
    median_gap,
    record_peak,
    s_max,
    tie_strength,
    warmth,
)
from kith.relate.weights import channel_weight

__all__ = [
    "Decayed",
    "Event",
    "Strength",
    "channel_weight",
    "decayed_sum",
    "is_dormant",
    "median_gap",
    "record_peak",
    "s_max",
    "tie_strength",
    "warmth",
]
