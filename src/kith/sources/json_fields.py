"""Typed fields of a parsed JSON object, for readers: a field that is missing or of the wrong
kind raises `Bad`, whose message is the reason the reader's `Skipped` gives for the entry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from kith.model import Birthday

T = TypeVar("T")
Entry = dict[str, Any]


class Bad(Exception):
    """An entry that cannot become a record; the message says why."""


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def as_object(raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise Bad(f"expected an object, found {kind_of(raw)}")
    return raw


def must(value: T | None, key: str) -> T:
    if value is None:
        raise Bad(f"{key} is missing")
    return value


def optional(entry: Entry, key: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise Bad(f"{key} should be text, not {kind_of(value)}")
    return value


def rating(entry: Entry, key: str) -> int | None:
    """A closeness rating: absent, null, or a whole number from 1 to 5."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise Bad(f"{key} should be a whole number from 1 to 5, not {value!r}")
    return int(value)


def required(entry: Entry, key: str) -> str:
    value = must(optional(entry, key), key)
    if not value.strip():
        raise Bad(f"{key} is empty")
    return value


def flag(entry: Entry, key: str, *, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise Bad(f"{key} should be true or false, not {kind_of(value)}")
    return value


def number(entry: Entry, key: str) -> int | None:
    value = entry.get(key)
    if value is not None and (type(value) is not int or value < 1):
        raise Bad(f"{key} should be a whole number of 1 or more, not {value!r}")
    return value


def one_of(entry: Entry, key: str, allowed: Sequence[str], default: str | None = None) -> str:
    return must(maybe_one_of(entry, key, allowed) or default, key)


def maybe_one_of(entry: Entry, key: str, allowed: Sequence[str]) -> str | None:
    value = optional(entry, key)
    if value is not None and value not in allowed:
        raise Bad(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


def texts(entry: Entry, key: str) -> tuple[str, ...]:
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise Bad(f"{key} should be a list of text")
    return tuple(values)


def each(entry: Entry, key: str, read: Callable[[Entry], T]) -> tuple[T, ...]:
    values = entry.get(key) or []
    if not isinstance(values, list):
        raise Bad(f"{key} should be a list, not {kind_of(values)}")
    found = []
    for index, value in enumerate(values):
        try:
            found.append(read(as_object(value)))
        except Bad as bad:
            raise Bad(f"{key}[{index}]: {bad}") from None
    return tuple(found)


def instant(entry: Entry, key: str) -> datetime | None:
    text = optional(entry, key)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Bad(f"{key} {text!r} is not a time such as 2026-11-22T10:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day(entry: Entry, key: str) -> date | None:
    text = optional(entry, key)
    try:
        return date.fromisoformat(text) if text is not None else None
    except ValueError:
        raise Bad(f"{key} {text!r} is not a date such as 2026-11-22") from None


def birthday(entry: Entry) -> Birthday | None:
    text = optional(entry, "birthday")
    try:
        return Birthday.parse(text) if text is not None else None
    except ValueError:
        raise Bad(f"birthday {text!r} is not a date such as 1815-12-10 or --12-10") from None
