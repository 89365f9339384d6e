"""The JSON shape of an import's report, as every face returns it."""

from __future__ import annotations

from typing import Any

from kith.services.imports import ImportReport


def report_json(report: ImportReport) -> dict[str, Any]:
    """One import's report as `kith import --json` and the web app's import page give it."""
    return {
        "path": report.path,
        "kind": report.kind,
        "dry_run": report.dry_run,
        "run_id": report.run_id,
        "found": report.found,
        "accounted": report.account_of_found(),
        "dated_by": dict(sorted(report.dated_by.items())),
        "created": dict(sorted(report.created.items())),
        "updated": dict(sorted(report.updated.items())),
        "unchanged": dict(sorted(report.unchanged.items())),
        "ignored": dict(sorted(report.ignored.items())),
        "read": dict(sorted(report.read.items())),
        "to_review": report.to_review,
        "matched_by_name": report.matched_by_name,
        "phones_without_country": report.phones_without_country,
        "skipped": [{"where": s.where, "reason": s.reason} for s in report.skipped],
        "actions": report.actions,
    }
