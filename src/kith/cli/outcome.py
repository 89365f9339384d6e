"""How a command ends, with click or without: Kith's errors as one-line messages and the
contract's exit codes, the store closed, the next Monday's step prepared after the output.
kith.cli.main's group runs every command through `guarded`; kith.cli.fast_reads runs the reads
it takes without click through it too."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kith.cli.render import echo, emit_json
from kith.errors import Ambiguous, KithError, RecordsSkipped, explained
from kith.store import SQLiteError, explain

if TYPE_CHECKING:
    from kith.cli.app import App

INTERRUPTED = (
    "Interrupted: nothing half-written was kept (a write under way, an import's included, is "
    "taken back whole; `kith imports` lists the imports that came in). Run the command again."
)


def guarded(app: Callable[[], App], body: Callable[[], object]) -> int | None:
    """Run `body`; None when it ended well, else the exit code of the error it reported.
    `app`: the call's App, asked for only once the body began (the group's callback makes it)."""
    ahead = None
    try:
        body()
        ahead = app().ahead()
    except (KithError, SQLiteError) as raised:
        if app().debug:
            raise
        error = raised if isinstance(raised, KithError) else explain(raised, app().db_path)
        report(error, app())
        return error.exit_code
    except KeyboardInterrupt:  # Ctrl-C: every write is a transaction (an import, journaled)
        if app().debug:
            raise
        echo(f"Error: {INTERRUPTED}", err=True)
        return 1
    finally:
        app().close()
        if ahead is not None:  # the next Monday's step, once the output is written
            from kith.cli import ahead as preparing

            preparing.run(ahead)
    return None


def report(error: KithError, app: App) -> None:
    if isinstance(error, Ambiguous) and app.json:
        emit_json(
            {
                "error": "ambiguous",
                "message": str(error),
                "candidates": [{"id": c.id, "name": c.name} for c in error.candidates],
            }
        )
    # an import that finished but skipped records (exit 6) did its work: not an error's word
    label = "Note" if isinstance(error, RecordsSkipped) else "Error"
    echo(f"{label}: {explained(error)}", err=True)
