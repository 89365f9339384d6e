"""Records to JSON text and back, for staging a large import in the database between runs.

Every record is a frozen dataclass whose sequences are tuples; dates and datetimes are tagged,
nested dataclasses (Party, Identity, Address, ...) carry their type's name.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

from kith import model, records

TYPES: dict[str, type[Any]] = {
    cls.__name__: cls
    for module in (records, model)
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}


def dumps(record: records.Record) -> str:
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> records.Record:
    decoded: records.Record = json.loads(text, object_hook=_hook)
    return decoded


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$t": type(value).__name__, **fields}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


def _hook(value: dict[str, Any]) -> Any:
    """Each JSON object as it is parsed, innermost first: tagged values become what they were.
    Sequences inside a record are tuples (records are frozen)."""
    if "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if "$d" in value:
        return date.fromisoformat(value["$d"])
    cls = TYPES[value.pop("$t")]
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in value.items()})
