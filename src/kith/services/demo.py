"""Building the demo network (or a benchmark profile) into a database, without touching real data.

A database built by `build_demo` carries the fact `demo` (profile, seed, clock, generator version).
Only such a database, an empty one, or one the user gave up with `--force` is ever replaced.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from kith.clock import to_utc_text
from kith.demo.profiles import GENERATOR_VERSION, generate, profile_named
from kith.errors import UserError
from kith.services.imports import ImportReport, Progress, counted, import_records
from kith.store import Store

DEMO_FACT = "demo"
SIDECARS = ("-wal", "-shm")
PROGRESS_EVERY = 10_000  # records between two progress reports


@dataclass(frozen=True)
class DemoStamp:
    """What a demo database was built from: enough to rebuild it, and to know it is a demo."""

    profile: str
    seed: int
    now: str  # the clock it was built with, UTC
    version: int  # kith.demo's GENERATOR_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def demo_stamp(store: Store) -> DemoStamp | None:
    """The stamp of a demo database; None for any other database."""
    text = store.meta.fact(DEMO_FACT)
    if text is None:
        return None
    values = json.loads(text)
    return DemoStamp(values["profile"], values["seed"], values["now"], values["version"])


def must_replace(store: Store, force: bool) -> bool:
    """Whether the file has to go before a build: it is a demo, or `force` gives it up.

    An empty database is built into as it is. Any other database is refused.
    """
    is_demo = demo_stamp(store) is not None
    if store.meta.is_empty() and not is_demo:
        return False
    if is_demo or force:
        return True
    raise UserError(
        f"{store.path} holds people or interactions and is not a demo database; Kith has not "
        "changed it. Build the demo elsewhere (`kith --demo demo` or --db PATH), or add --force "
        "to replace everything in it with the demo."
    )


def set_aside(path: Path, now: datetime) -> Path:
    """Move a demo database Kith refused (damaged, or from a newer Kith) and its -wal/-shm out of
    the way, to `demo.db.refused-<UTC time>` beside it, so a new demo can be built: what it held
    is fictional, but it is kept, not deleted. The kept name."""
    kept = path.with_name(f"{path.name}.refused-{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}")
    for suffix in ("", *SIDECARS):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(f"{kept}{suffix}")
    return kept


def remove_database(path: Path) -> None:
    """Delete a database file and its -wal/-shm; the caller has closed every connection to it."""
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo(
    store: Store,
    *,
    profile: str,
    seed: int,
    now: datetime,
    progress: Progress | None = None,
) -> tuple[DemoStamp, ImportReport]:
    """Generate `profile` with `seed` as of `now` and import it in one transaction.

    Any record the import would skip is a bug in the generator: nothing is kept then (strict).
    """
    chosen = profile_named(profile)
    stamp = DemoStamp(chosen.name, seed, to_utc_text(now), GENERATOR_VERSION)
    records = generate(chosen.name, seed=seed, now=now)
    if progress is not None:
        records = counted(records, progress, PROGRESS_EVERY)
    with store.transaction():
        report = import_records(store, records, kind="demo", path=None, now=now, strict=True)
        store.meta.set_fact(DEMO_FACT, stamp.to_json())
    return stamp, report
