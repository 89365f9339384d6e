"""What `kith search` prints, without click: kith.cli.find's command and kith.cli.fast_reads
both call `print_search`."""

from __future__ import annotations

from kith.cli.app import App
from kith.cli.render import emit_json, say, table
from kith.services import browse
from kith.shapes.people import head_json


def print_search(app: App, text: tuple[str, ...], limit: int = browse.SEARCH_LIMIT) -> None:
    results = browse.search(app.store, " ".join(text), limit)
    if app.json:
        emit_json(
            {
                "results": [
                    {"person": head_json(r.person), "score": r.score, "matched": r.matched}
                    for r in results
                ],
                "total": len(results),
            }
        )
        return
    if not results:
        say("Nothing found.")
        return
    table(
        ["id", "name", "company", "found in"],
        [
            [str(r.person.id), r.person.name, r.person.company or "", ", ".join(r.matched)]
            for r in results
        ],
    )
