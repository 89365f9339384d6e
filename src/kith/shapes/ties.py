"""The JSON shape of `kith why`: a tie explained, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.relate.strength import SHARE_E, SHARE_I, SHARE_L, SHARE_M, SHARE_Q, SHARE_R
from kith.services.ties import why as service
from kith.shapes.people import head_json

WEIGHTS = {
    "intensity": SHARE_I,
    "recency": SHARE_R,
    "duration": SHARE_L,
    "balance": SHARE_Q,
    "multiplexity": SHARE_M,
    "embeddedness": SHARE_E,
}
COMPONENTS = ("volume", *WEIGHTS)  # the parts of S, as `Strength` and the JSON name them
DIGITS = 4  # JSON carries scores to 4 decimals: an explanation, not a data export


def why_json(explained: service.Why) -> dict[str, Any]:
    """The contract's `why` object: strength, warmth, layer, due, components, and the rest."""
    s = explained.strength
    return {
        "person": head_json(explained.person),
        "strength": round(s.s, DIGITS),
        "warmth": round(explained.warmth, DIGITS),
        "layer": explained.queue.layer,
        "due": explained.due,
        "components": {key: round(getattr(s, key), DIGITS) for key in COMPONENTS},
        "weights": WEIGHTS,
        "s_behav": round(s.s_behav, DIGITS),
        "label": s.label,
        "rating": explained.inputs.rating,
        "s_max": round(explained.tie.s_max, DIGITS),
        "dormant": explained.dormant,
        "mutual_contacts": explained.inputs.mutual_contacts,
        "kin": explained.inputs.kin,
        "tau_days": explained.queue.tau,
        "cadence_days": explained.cadence.days,
        "rho": round(explained.rho, DIGITS),
        "at_risk": explained.at_risk,
        "rest": None
        if explained.rest is None
        else {"weeks": explained.rest.weeks, "back": explained.rest.back},
    }
