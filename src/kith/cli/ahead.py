"""The next Monday's step prepared after the command that stepped the layers to a new Monday
(services/week/week_ahead.py), once its output is written, so that the person never waits for it:
like git's `gc --auto`, in a process detached from the command (a new session; its stdin,
stdout and stderr /dev/null, so that a caller reading the command's output through a pipe — a
shell's `$(kith today)`, subprocess.run — has it all and its end at once). The command exits
with its own code straight away; the detached process prints nothing, and a failure in it is
only the next week's first command stepping cold, as it would have.

Not only after the step: after any command that leaves the week with nothing prepared (an
edit that voided it, a preparation that gave up, the first week after an upgrade; App.ahead).
The detached process is a new interpreter (`python -m kith.cli.ahead DB PRIVATE NOW`, started
with posix_spawn), not a fork of the command: the command pays well under a millisecond to
start it (a fork and its copy-on-write of the command's pages were several), the preparation
pays an interpreter's start-up, in the background.
Detached preparations of one file take turns (`_turn`): one works, one waits, others end.

KITH_PREPARE_AHEAD chooses: `background` (the default for a program run on its own streams,
on POSIX), `inline` (in the command's own process, after its output: scripts and tests that
must see it done when the command returns) or `off` (the default inside a test runner that
captured the streams, such as click's CliRunner)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from kith.store import Store

# Tests only: a FIFO the detached process opens and reads one byte from before it works out the
# step, and another before it keeps it; it writes what it did to the path with ".done" added.
GATE_ENV = "KITH_PREPARE_AHEAD_GATE"
SIDE_SUFFIX = "-ahead"  # beside the database, as SQLite's "-wal": the preparations' turns
PRIVATE = "private"  # the detached process's second argument: the data directory's own file


@dataclass(frozen=True)
class Ahead:
    """What the preparation opens: the database (as the command opened it) and the clock."""

    db_path: Path
    private_dir: bool
    now: datetime


def mode() -> str:
    from kith.services.week.week_ahead import chosen_mode

    chosen = chosen_mode()
    if chosen is not None:
        return chosen
    own_streams = sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__
    return "background" if own_streams and hasattr(os, "fork") else "off"


def run(ahead: Ahead) -> None:
    """Prepare as the mode says (after the command closed its store)."""
    chosen = mode()
    if chosen == "inline":
        _prepare(ahead.db_path, ahead.private_dir, lambda _: ahead.now, None)
    elif chosen == "background" and hasattr(os, "posix_spawn"):
        _detach(ahead)


def _detach(ahead: Ahead) -> None:
    """Start the preparation in a new interpreter in a session of its own, and leave it (a
    CLI exits at once, and init reaps it; posix_spawn, not subprocess, whose import alone is
    ~3 ms of the command's)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed pipe: the command ends as Python ends it
    private = PRIVATE if ahead.private_dir else "shared"
    argv = [sys.executable, "-m", "kith.cli.ahead", str(ahead.db_path), private]
    quiet = [(os.POSIX_SPAWN_OPEN, stream, os.devnull, os.O_RDWR, 0) for stream in (0, 1, 2)]
    try:
        os.posix_spawn(
            sys.executable,
            [*argv, ahead.now.isoformat()],
            os.environ,
            file_actions=quiet,
            setsid=True,
        )
    except OSError:
        return  # no process to spare: next week's first command steps cold


def detached(argv: list[str]) -> None:
    """The detached process: DB, PRIVATE or not, the command's clock as ISO (read again in the
    file's zone, as the command read it); it waits its turn, prepares, and ends."""
    db_path, private, given = Path(argv[0]), argv[1] == PRIVATE, argv[2]
    if not _turn(db_path):
        return

    def now_of(store: Store) -> datetime:
        from kith import clock

        return clock.face_now(given, clock.zone(store.meta.setting("timezone")))

    _prepare(db_path, private, now_of, os.environ.get(GATE_ENV))


def _turn(db_path: Path) -> bool:
    """Wait for this preparation's turn: at most one works on a file and one waits (locks on
    bytes of the file's side file "-ahead", held until the process ends). A third finds the
    place taken and ends at once: the one waiting reads the file after this command's writes,
    as it has not begun (it leaves its place only once its turn came)."""
    import fcntl

    try:
        side = os.open(f"{db_path}{SIDE_SUFFIX}", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return True  # no side file where the database is: prepare without waiting
    try:
        fcntl.lockf(side, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)  # the place in the queue
    except OSError:
        return False
    fcntl.lockf(side, fcntl.LOCK_EX, 1, 1)  # the turn: once the one working ends
    fcntl.lockf(side, fcntl.LOCK_UN, 1, 0)
    return True


def _prepare(
    db_path: Path, private_dir: bool, now_of: Callable[[Store], datetime], gate: str | None
) -> None:
    """Open the store, bring the layers current and prepare (services/week/week_ahead.again);
    whatever fails is left (the next week steps cold)."""
    from kith.services.week import week_ahead
    from kith.store import open_store

    outcome = "failed"
    try:
        store = open_store(db_path, private_dir=private_dir)
        try:
            waits = _gate(gate) if gate else None
            outcome = week_ahead.again(store, now_of(store), waits)
        finally:
            store.close()
    except Exception:  # a courtesy, never an error of the command's
        pass
    if gate:  # whole or not at all: a test that sees the file reads what was done
        Path(gate + ".part").write_text(outcome)
        Path(gate + ".part").replace(gate + ".done")


def _gate(path: str) -> Callable[[str], None]:
    """Each gate waits for one byte on the FIFO, opened once (at the first gate)."""
    held: list[BinaryIO] = []

    def wait(_: str) -> None:
        if not held:
            held.append(open(path, "rb", buffering=0))  # noqa: SIM115 — open till the end
        held[0].read(1)

    return wait


if __name__ == "__main__":
    from kith.cli.entry import one_blas_thread

    one_blas_thread(os.environ)
    detached(sys.argv[1:])
