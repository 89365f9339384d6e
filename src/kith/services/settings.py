"""`kith config`: the settings contract.md names, checked before they are stored."""

from __future__ import annotations

import math
import re
import zoneinfo
from collections.abc import Callable, Mapping
from functools import cache

from kith.clock import duration_days, zone
from kith.errors import UserError
from kith.identities import email, guess_kind, linkedin
from kith.relate.cadence import DEFAULT_CADENCE_DAYS
from kith.relate.priority import ENERGY_COSTS
from kith.store import Store
from kith.store.kept import DEFAULT_KEEP
from kith.vocab import CHANNELS

DEFAULTS = {
    "plan.budget": "5",
    "claim.max_chars": "200",
    "backups.keep": str(DEFAULT_KEEP),
    "chats.match_names": "on",
}


def _integer(low: int, high: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise UserError(f"Expected a whole number from {low} to {high}, not {value!r}.")
        return str(int(value))

    return check


def _number(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < math.inf:  # nan and inf fail this too
        raise UserError(f"Expected a number of 0 or more, not {value!r}.")
    return value.strip()


def _emails(value: str) -> str:
    return ",".join(email(part) for part in re.split(r"[,\s]+", value) if part)


def _phones(value: str) -> str:
    """Your own numbers, for chats and SMS: kept as typed, each checked to look like one."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    for part in parts:
        if guess_kind(part) != "phone":
            raise UserError(f"me.phones takes phone numbers, comma-separated, not {part!r}.")
    return ",".join(parts)


def _region(value: str) -> str:
    from phonenumbers import SUPPORTED_REGIONS  # only when the setting is changed

    if value.strip().upper() not in SUPPORTED_REGIONS:
        raise UserError(
            f"phone.default_region takes a two-letter country code such as GB, not {value!r}."
        )
    return value.strip().upper()


def _text(value: str) -> str:
    if not value.strip():
        raise UserError("Expected some text, not an empty value.")
    return value.strip()


def _on_off(value: str) -> str:
    text = value.strip().casefold()
    if text not in ("on", "off"):
        raise UserError(f"Expected on or off, not {value!r}.")
    return text


def _timezone(value: str) -> str:
    zone(value.strip())
    return value.strip()


def _days(value: str) -> str:
    """A cadence, stored in days: 30d, 6w, 3m, 1y or a bare number of days; more than 0."""
    text = value.strip()
    days = duration_days(text if not text.isdigit() else f"{text}d")
    if not days:
        raise UserError(f"A cadence is a number of days such as 30d (or 6w, 3m), not {value!r}.")
    return f"{days}d"


CHECKS: dict[str, Callable[[str], str]] = {
    "me.emails": _emails,
    "me.linkedin": linkedin,
    "me.name": _text,
    "me.phones": _phones,
    "phone.default_region": _region,
    "timezone": _timezone,
    "plan.budget": _integer(1, 10),
    "plan.energy_budget": _number,
    "claim.max_chars": _integer(50, 3000),
    "backups.keep": _integer(1, 1000),
    "chats.match_names": _on_off,
    **{f"energy.{c}": _number for c in CHANNELS},
    **{f"cadence.L{n}": _days for n in range(1, 7)},
}


def _gaps(value: str) -> str:
    """A tag cadence: the ideal gap, and optionally the maximum after a slash (30d/60d)."""
    ideal, slash, most = value.partition("/")
    if not slash:
        return _days(ideal)
    if not most.strip():
        raise UserError(f"A cadence is 30d, or 30d/60d with a maximum gap, not {value!r}.")
    return f"{_days(ideal)}/{_days(most)}"


PATTERNS: dict[str, Callable[[str], str]] = {r"cadence\.tag\.[\w.-]+": _gaps}


def check(key: str, value: str) -> str:
    if key in CHECKS:
        return CHECKS[key](value)
    for pattern, checker in PATTERNS.items():
        if re.fullmatch(pattern, key):
            return checker(value)
    from difflib import get_close_matches  # only on this error path

    under = [known for known in sorted(CHECKS) if known.startswith(f"{key}.")]  # "me"
    if under:
        listed = ", ".join(under[:-1]) + f" and {under[-1]}" if len(under) > 1 else under[0]
        raise UserError(
            f"{key!r} is a group of settings, not one: {listed} "
            "(`kith config list --all` shows every one)."
        )
    close = get_close_matches(key, sorted(CHECKS), n=3, cutoff=0.75)
    if close:
        meant = " or ".join(close)
        raise UserError(
            f"Unknown setting {key!r}; did you mean {meant}? "
            "(`kith config list --all` shows every one)."
        )
    known = ", ".join(sorted(CHECKS)[:8])
    raise UserError(
        f"Unknown setting {key!r}; known settings include {known}, ... "
        "(`kith config list --all` shows every one)."
    )


def get(store: Store, key: str) -> str | None:
    check_key(key)
    value = store.meta.setting(key)
    return value if value is not None else DEFAULTS.get(key)


def check_key(key: str) -> None:
    if key not in CHECKS and not any(re.fullmatch(p, key) for p in PATTERNS):
        check(key, "")


class SettingsRefused(UserError):
    """Some of several values were refused: `problems` holds each key's reason; none was kept."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        reasons = [f"{key}: {reason}" for key, reason in problems.items()]
        super().__init__(next(iter(problems.values())) if len(reasons) == 1 else "; ".join(reasons))
        self.problems = dict(problems)


def set_value(store: Store, key: str, value: str | None) -> str | None:
    return set_values(store, {key: value})[key]


def set_values(store: Store, values: Mapping[str, str | None]) -> dict[str, str | None]:
    """Several settings at once, all or none: each checked as `kith config set` checks it (None
    unsets); any refused raises SettingsRefused with every reason, and nothing is stored."""
    stored: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for key, value in values.items():
        try:
            if value is None:
                check_key(key)
            stored[key] = check(key, value) if value is not None else None
        except UserError as refused:
            problems[key] = str(refused)
    if problems:
        raise SettingsRefused(problems)
    with store.transaction():
        for key, value in stored.items():
            store.meta.set_setting(key, value)
    return stored


def all_settings(store: Store, include_unset: bool = False) -> dict[str, str | None]:
    values: dict[str, str | None] = {**DEFAULTS, **store.meta.settings()}
    if include_unset:
        for key in CHECKS:
            values.setdefault(key, None)
    return dict(sorted(values.items()))


def defaults() -> dict[str, str]:
    """What each setting is when unset, where it has a value of its own (the plan's budget,
    the energy a touch costs per channel, the layers' cadences)."""
    found = dict(DEFAULTS)
    found.update({f"energy.{c}": f"{cost:g}" for c, cost in ENERGY_COSTS.items()})
    for layer, days in DEFAULT_CADENCE_DAYS.items():
        if days is not None and f"cadence.{layer}" in CHECKS:
            found[f"cadence.{layer}"] = f"{days}d"
    return found


@cache
def time_zones() -> tuple[str, ...]:
    """The IANA zones `timezone` takes."""
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


@cache
def regions() -> tuple[str, ...]:
    """The two-letter regions `phone.default_region` takes for numbers written without +."""
    import phonenumbers  # large: only when asked

    return tuple(sorted(phonenumbers.SUPPORTED_REGIONS))
