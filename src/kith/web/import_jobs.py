"""A confirmed import running in a worker thread, so a large file (a mailbox of 20,000
messages) never blocks the pages: its own store connection, the import service's progress
callback (the one `kith import` draws its bar with) counting records, one import at a time.
The app keeps the newest job, running or finished, for the progress page."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kith.errors import KithError, UserError
from kith.services.importing.paths import import_path
from kith.services.imports import ImportReport
from kith.services.undo import people_of_run
from kith.shapes.imports import report_json
from kith.store import open_store
from kith.web.uploads import Uploads

LOG = logging.getLogger("kith.web")
PEOPLE_SHOWN = 100  # people an import created, linked on the final report (the rest counted)
ALL_OR_NOTHING = "Nothing from it was imported (each file is all or nothing)."


def dry_run(
    store_path: Path, path: Path, now: datetime, me: Sequence[str] = ()
) -> list[ImportReport]:
    """What importing `path` would do, on a connection of its own (for a worker thread)."""
    store = open_store(store_path)
    try:
        return import_path(store, path, kind=None, now=now, dry_run=True, me=me)
    finally:
        store.close()


class Busy(UserError):
    """Another import is running."""


@dataclass
class ImportJob:
    staged: str
    filename: str
    started: float = field(default_factory=time.monotonic)
    state: str = "running"  # then "done" or "failed"
    records: int = 0  # read so far (the import service tells every 2,000 and at the end)
    ended: float | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    people_total: int = 0
    error: str | None = None

    def status(self) -> dict[str, Any]:
        """The progress page's dict and its JSON twin (a copy: the worker goes on writing)."""
        seconds = (self.ended or time.monotonic()) - self.started
        return {
            "file": self.filename,
            "state": self.state,
            "records": self.records,
            "seconds": round(seconds, 1),
            "per_second": round(self.records / seconds) if seconds > 0 else 0,
            "imports": list(self.reports),
            "people": list(self.people),
            "people_total": self.people_total,
            "error": self.error,
        }


class Importer:
    """Starts a job for a staged upload when none runs; the worker deletes the upload."""

    def __init__(self, store_path: Path, uploads: Uploads) -> None:
        self.store_path = store_path
        self.uploads = uploads
        self.job: ImportJob | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def running(self) -> bool:
        return self.job is not None and self.job.state == "running"

    def start(self, staged: str, path: Path, now: datetime) -> ImportJob:
        with self._lock:
            if self.running():
                raise Busy("An import is running; wait for it to finish (see its progress).")
            job = ImportJob(staged, self.uploads.name(staged))
            self.job = job
            self._thread = threading.Thread(
                target=self._run, args=(job, path, now), name="kith-import", daemon=True
            )
            self._thread.start()
        return job

    def _run(self, job: ImportJob, path: Path, now: datetime) -> None:
        def tick(count: int) -> None:
            job.records = count

        try:
            store = open_store(self.store_path)
            try:
                reports = import_path(store, path, kind=None, now=now, progress=tick)
                created = [p for r in reports if r.run_id for p in people_of_run(store, r.run_id)]
            finally:
                store.close()
            job.reports = [named(report_json(r), path, job.filename) for r in reports]
            job.people = [{"id": p.id, "name": p.name} for p in created[:PEOPLE_SHOWN]]
            job.people_total = len(created)
            job.state = "done"
        except KithError as error:
            job.error = f"{about_file(error, path, job.filename)} {ALL_OR_NOTHING} {_advice(error)}"
            job.state = "failed"
        except Exception as error:  # a fault in Kith: said, never a job stuck "running"
            LOG.error("import of an uploaded file failed: %s", type(error).__name__)
            job.error = (
                f"{job.filename}: Kith failed while importing it ({type(error).__name__}). "
                f"{ALL_OR_NOTHING} Try `kith import` on the file for the details, and report "
                "the problem."
            )
            job.state = "failed"
        finally:
            job.ended = time.monotonic()
            self.uploads.drop(job.staged)

    def close(self, wait: float = 5.0) -> None:
        """On shutdown: let a running import finish its transaction for a moment; past that
        the process ends and SQLite rolls the file's import back (all or nothing)."""
        if self._thread is not None:
            self._thread.join(wait)


def named(report: dict[str, Any], path: Path, filename: str) -> dict[str, Any]:
    """A report names the file as the user knows it, not the staged copy."""
    skipped = [
        {"where": renamed(s["where"], path, filename), "reason": s["reason"]}
        for s in report["skipped"]
    ]
    return report | {"path": renamed(report["path"] or "", path, filename), "skipped": skipped}


def renamed(text: str, path: Path, filename: str) -> str:
    return text.replace(str(path), filename).replace(path.name, filename)


def about_file(error: KithError, path: Path, filename: str) -> str:
    """The error's message naming the uploaded file (first, if the message did not)."""
    said = renamed(str(error), path, filename)
    return said if said.startswith(filename) else f"{filename}: {said}"


def _advice(error: KithError) -> str:
    if "which side is you" in str(error):
        return advice_for_mail()
    if "Kith reads" in str(error) or "recognise" in str(error):
        return (
            "Upload a kind of file Kith reads: a vCard, a CSV of contacts, mail, a calendar or "
            "a chat export."
        )
    return "Fix the file (or export it again) and upload it again."


def advice_for_mail() -> str:
    return (
        "Kith needs to know which side is you: set your e-mail addresses under Settings, "
        "My identities; then upload it again."
    )


CHAT_APPS = {"whatsapp": "WhatsApp", "signal": "Signal", "messenger": "Messenger"}


def needs_me_said(filename: str, kind: str) -> str:
    """Why `filename` (of `kind`, services.imports.needs_me) is not imported yet; what to set
    is the Import page's advice under it, said once (weblows: it was said twice)."""
    if kind not in CHAT_APPS:
        return f"{filename} holds mail or meetings, and Kith does not know which side is you yet."
    return f"{filename} is a {CHAT_APPS[kind]} chat, and Kith does not know which side is you yet."
