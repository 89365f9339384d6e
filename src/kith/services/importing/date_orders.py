"""The day/month order a chat file was imported with, remembered by the file's content.

A WhatsApp or Signal export whose dates never show a number above 12 cannot say whether the day
or the month comes first, so the user says (`--date-order dmy|mdy`). Importing the same file
again in the other order would log its conversations a second time on other dates, so the order
given is kept in the run's summary with the file's SHA-256: a re-import without `--date-order`
uses it, and one with the other order is refused until the run that created the conversations
is undone. An order given for a file whose own dates decide (a day above 12) changes nothing,
so it is not kept: the summary holds only the order the file was read in because it was said.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from kith.errors import UserError
from kith.services.undo import import_runs
from kith.sources import registry
from kith.store import Store

CHUNK = 1 << 20


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def decides_itself(kind: str, path: Path, now: datetime, region: str | None) -> bool:
    """Whether the file's own dates tell the day/month order (a day above 12, or dates that
    run forward in one order only): read without an order, its reader does not refuse."""
    probe = registry.records(kind, path, now, date_order=None, region=region)
    try:
        next(iter(probe), None)
    except UserError:
        return False
    finally:
        close = getattr(probe, "close", None)
        if close is not None:
            close()
    return True


def remembered(
    store: Store, path: Path, given: str | None, *, kind: str, now: datetime, region: str | None
) -> tuple[str, str | None]:
    """The file's hash and the order it must be read in: `given`, or the one an earlier (not
    undone) import of the same content used; a different `given` is refused. None when the
    file's own dates decide (then whatever was given changes nothing and is not kept, so a
    run remembers only an order that decided how the file was read). The file is read ahead
    for that only when an order was given or remembered."""
    sha = content_hash(path)
    earlier = next(
        (
            run
            for run in import_runs(store)
            # (a run that created nothing holds no conversation on those dates)
            if not run.undone_at
            and run.summary.get("sha256") == sha
            and run.summary.get("date_order")
            and run.created
        ),
        None,
    )
    if (given is None and earlier is None) or decides_itself(kind, path, now, region):
        return sha, None
    if earlier is None:
        return sha, given
    used = str(earlier.summary["date_order"])
    if given and given != used:
        raise UserError(
            f"{path}: this file was imported in run {earlier.id} with --date-order {used}; "
            f"reading it as {given} would log its conversations again on other dates. "
            f"Import it with --date-order {used}, or first undo that run "
            f"(kith import --undo {earlier.id}) and import it again."
        )
    return sha, used
