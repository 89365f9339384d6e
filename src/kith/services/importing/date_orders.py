"""The day/month order a chat file was imported with, remembered by the file's content.

A WhatsApp or Signal export whose dates never show a number above 12 cannot say whether the day
or the month comes first, so the user says (`--date-order dmy|mdy`). Importing the same file
again in the other order would log its conversations a second time on other dates, so the order
given is kept in the run's summary with the file's SHA-256: a re-import without `--date-order`
uses it, and one with the other order is refused until the run that created the conversations
is undone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kith.errors import UserError
from kith.services.undo import import_runs
from kith.store import Store

CHUNK = 1 << 20


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def remembered(store: Store, path: Path, given: str | None) -> tuple[str, str | None]:
    """The file's hash and the order to read it in: `given`, or the one an earlier (not undone)
    import of the same content used; a different `given` is refused."""
    sha = content_hash(path)
    for run in import_runs(store):
        used = run.summary.get("date_order")
        if run.undone_at or run.summary.get("sha256") != sha or not used or not run.created:
            continue  # (a run that created nothing holds no conversation on those dates)
        if given and given != used:
            raise UserError(
                f"{path}: this file was imported in run {run.id} with --date-order {used}; "
                f"reading it as {given} would log its conversations again on other dates. "
                f"Import it with --date-order {used}, or first undo that run "
                f"(kith import --undo {run.id}) and import it again."
            )
        return sha, used
    return sha, given
