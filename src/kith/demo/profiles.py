"""The profiles one generator makes: the demo network and the benchmark sizes S, M and L."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from kith.demo.scale import scale_records
from kith.demo.story import demo_records
from kith.errors import UserError
from kith.records import Record

# Bump when the same seed, profile and clock would give different records: benchmarks rebuild
# their databases when the version they were built with differs.
GENERATOR_VERSION = 2
DEFAULT_SEED = 7


@dataclass(frozen=True)
class Profile:
    name: str
    people: int
    interactions: int | None  # None: the demo's rhythms decide (about 2,000)
    description: str


PROFILES = {
    profile.name: profile
    for profile in (
        Profile("demo", 150, None, "six circles, the six archetypes, events and introductions"),
        Profile("S", 200, 4_000, "a small benchmark network"),
        Profile("M", 5_000, 100_000, "a medium benchmark network"),
        Profile("L", 30_000, 1_000_000, "a large benchmark network"),
    )
}


def profile_named(name: str) -> Profile:
    found = PROFILES.get(name) or PROFILES.get(name.upper())
    if found is None:
        raise UserError(f"Unknown demo profile {name!r}; use one of {', '.join(PROFILES)}.")
    return found


def generate(profile: str, *, seed: int = DEFAULT_SEED, now: datetime) -> Iterator[Record]:
    """The records of `profile`, lazily: the same seed and `now` give the same records.

    `now` must be an aware datetime; nothing generated is after it or more than five years
    before it. People come first, then events, interactions and the ties between people.
    """
    if now.tzinfo is None:
        raise ValueError("generate() needs an aware `now`")
    chosen = profile_named(profile)
    if chosen.interactions is None:
        return demo_records(seed, now)
    return scale_records(chosen.people, chosen.interactions, seed, now)
