"""`kith export vcard [FILE]` without click: everyone's cards to FILE or standard output
(kith.cli.exports.export_vcard's command and kith.cli.fast_reads call `export_vcard_file`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kith.cli.render import emit_json, say
from kith.services.exports import vcard_export

if TYPE_CHECKING:
    from kith.cli.app import App


def export_vcard_file(app: App, file: Path | None) -> None:
    """The cards to `file` (mode 0600) with a line saying how many, or to standard output when
    there is none or it is `-` (the caller refuses --json then: nothing would say it)."""
    if file is None or str(file) == "-":
        vcard_export.write_vcards(app.store, sys.stdout, app.now)
        return
    count = vcard_export.export_vcards(app.store, file, app.now)
    report({"export": str(file), "people": count}, app, f"{people(count)} to {file}")


def report(payload: dict[str, object], app: App, text: str) -> None:
    if app.json:
        emit_json(payload)
    else:
        say(f"Exported {text}.")


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"
