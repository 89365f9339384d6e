"""One batch of fetched headers applied by the mail importer's rules, with the folder's
checkpoint, in one transaction; the batches of one sync run share one import run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from kith.clock import to_utc_text
from kith.records import Record
from kith.services.importing.mail_plan import MailPlan, MailPlanner
from kith.services.importing.staging import report_plan, write_plan
from kith.services.imports import ImportReport
from kith.services.merging import suggest
from kith.store import Store
from kith.store.sync.mail_sync import FolderState

KIND = "imap"


class Batches:
    """Applies a run's batches; the import run is started by the first batch with mail."""

    def __init__(
        self,
        store: Store,
        source: str,
        report: ImportReport,
        me: frozenset[tuple[str, str]],
        now: datetime,
    ) -> None:
        self.store, self.source, self.report, self.me = store, source, report, me
        self.stamp = to_utc_text(now)
        self.run_id: int | None = None

    def state(self, folder: str) -> FolderState | None:
        return self.store.mail_sync.folder(self.source, folder)

    def apply(
        self, folder: str, uidvalidity: int, last_uid: int, records: Sequence[Record]
    ) -> MailPlan:
        """Plan and write `records`, and move the folder's checkpoint to `last_uid`."""
        store, stamp = self.store, self.stamp
        with store.transaction():
            if self.run_id is None:
                self.run_id = store.imports.start_run(KIND, self.report.path, stamp)
            plan = MailPlanner(store, self.me, KIND, self.report.path, stamp).run(records)
            ids = write_plan(store, plan, self.run_id, stamp)
            report_plan(self.report, plan, self.run_id)
            self.report.to_review += suggest(store, set(ids.values()), stamp)
            summary = json.dumps(self.report.summary(), sort_keys=True)
            store.imports.finish_run(self.run_id, stamp, summary)
            store.mail_sync.advance(self.source, folder, uidvalidity, last_uid, stamp)
        return plan

    def report_dry(self, plan: MailPlan) -> None:
        """A dry run's report: the one plan made over every batch, nothing written."""
        report_plan(self.report, plan, 0)
        self.report.run_id = None
