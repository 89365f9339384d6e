"""The next Monday's step prepared after the command that stepped the layers to a new Monday
(services/week_ahead.py), once its output is written, so that the person never waits for it:
like git's `gc --auto`, in a process detached from the command (a new session; its stdin,
stdout and stderr /dev/null, so that a caller reading the command's output through a pipe — a
shell's `$(kith today)`, subprocess.run — has it all and its end at once). The command exits
with its own code straight away; the detached process prints nothing, and a failure in it is
only the next week's first command stepping cold, as it would have.

Not only after the step: after any command that leaves the week with nothing prepared (an
edit that voided it, a preparation that gave up, the first week after an upgrade; App.ahead).
Detached preparations of one file take turns (`_turn`): one works, one waits, others end.

KITH_PREPARE_AHEAD chooses: `background` (the default for a program run on its own streams,
on POSIX), `inline` (in the command's own process, after its output: scripts and tests that
must see it done when the command returns) or `off` (the default inside a test runner that
captured the streams, such as click's CliRunner)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

# Tests only: a FIFO the detached process opens and reads one byte from before it works out the
# step, and another before it keeps it; it writes what it did to the path with ".done" added.
GATE_ENV = "KITH_PREPARE_AHEAD_GATE"
SIDE_SUFFIX = "-ahead"  # beside the database, as SQLite's "-wal": the preparations' turns


@dataclass(frozen=True)
class Ahead:
    """What the preparation opens: the database (as the command opened it) and the clock."""

    db_path: Path
    private_dir: bool
    now: datetime


def mode() -> str:
    from kith.services.week_ahead import chosen_mode

    chosen = chosen_mode()
    if chosen is not None:
        return chosen
    own_streams = sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__
    return "background" if own_streams and hasattr(os, "fork") else "off"


def run(ahead: Ahead) -> None:
    """Prepare as the mode says (after the command closed its store)."""
    chosen = mode()
    if chosen == "inline":
        _prepare(ahead, None)
    elif chosen == "background" and hasattr(os, "fork") and hasattr(os, "setsid"):
        _detach(ahead)


def _detach(ahead: Ahead) -> None:
    """Run the preparation in a grandchild in a session of its own (the child exits at once,
    so nothing is left for this process to reap, however long it lives)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed pipe: the command ends as Python ends it
    try:
        child = os.fork()
    except OSError:
        return  # no process to spare: next week's first command steps cold
    if child:
        os.waitpid(child, 0)
        return
    try:
        os.setsid()
        if os.fork() == 0:
            _quiet()
            gc.enable()  # off in a one-shot command (kith.cli.entry)
            if _turn(ahead.db_path):
                _prepare(ahead, os.environ.get(GATE_ENV))
    except BaseException:  # nothing of the preparation may reach the person
        pass
    os._exit(0)  # never back into the command: its output is written, its exit is the parent's


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


def _quiet() -> None:
    """stdin, stdout and stderr on /dev/null: no pipe of the caller's is held open."""
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)


def _prepare(ahead: Ahead, gate: str | None) -> None:
    """Open the store, bring the layers current and prepare (services/week_ahead.again);
    whatever fails is left (the next week steps cold)."""
    from kith.services import week_ahead
    from kith.store import open_store

    outcome = "failed"
    try:
        store = open_store(ahead.db_path, private_dir=ahead.private_dir)
        try:
            outcome = week_ahead.again(store, ahead.now, _gate(gate) if gate else None)
        finally:
            store.close()
    except Exception:  # a courtesy, never an error of the command's
        pass
    if gate:
        Path(gate + ".done").write_text(outcome)


def _gate(path: str) -> Callable[[str], None]:
    """Each gate waits for one byte on the FIFO, opened once (at the first gate)."""
    held: list[BinaryIO] = []

    def wait(_: str) -> None:
        if not held:
            held.append(open(path, "rb", buffering=0))  # noqa: SIM115 — open till the end
        held[0].read(1)

    return wait
