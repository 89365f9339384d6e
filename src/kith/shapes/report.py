"""The JSON shape of `kith report`: every figure with its values, summary and advice."""

from __future__ import annotations

from typing import Any

from kith.services.mesh.report import Report


def report_json(made: Report) -> dict[str, Any]:
    return {
        "at": made.at,
        "contacts": made.contacts,
        "figures": {
            f.key: {"title": f.title, **f.values, "summary": f.summary, "advice": f.advice}
            for f in made.figures
        },
    }
