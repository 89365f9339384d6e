"""`kith export json [FILE]` without click: the whole database as one Kith JSON document to FILE
or standard output (kith.cli.exports.data's command and kith.cli.fast_reads call
`export_json_file`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kith.cli.render import emit_json, say
from kith.services.exports import transfer
from kith.vocab import counted

if TYPE_CHECKING:
    from kith.cli.app import App


def export_json_file(app: App, file: Path | None) -> None:
    """The document to `file` (mode 0600) with a line saying what it holds, or to standard output
    when there is none or it is `-`."""
    if file is None or str(file) == "-":
        transfer.write_export(app.store, sys.stdout, app.now)
        return
    counts = transfer.export_file(app.store, file, app.now)
    if app.json:
        emit_json({"export": str(file), "counts": counts})
        return
    say(f"Exported {counted(counts)} to {file}.")
