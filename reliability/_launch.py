"""Kith commands in processes of their own, forked from a server that has already imported Kith.

A `python -m kith` pays Python's start-up and Kith's imports (most of a second on a shared
2-core machine) before it touches the database; the crash proof starts thousands. Here they
are forked from multiprocessing's fork server, which imported every Kith module once
(PRELOAD): each command is still a process of its own, with its own SQLite connections, run by
`kith.cli.main.main` exactly as `python -m kith` runs it, killed with SIGKILL like any process
— only the start-up is shared. Its output goes to files beside the database, not to a pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from multiprocessing import forkserver
from multiprocessing.connection import wait as wait_for
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from kith.cli.main import main as kith_main

PRELOAD = ["reliability._preload"]
_CONTEXT: list[ForkServerContext] = []

# Whoever reads a command's exit status from the fork server holds this lock. The status is 8
# bytes on a pipe, read once: multiprocessing reads it in `poll()`, and `Process.start()` polls
# every other child still running (multiprocessing.process._cleanup). Two threads reading one
# pipe at once, one gets the status and the other the end of the pipe, which multiprocessing
# takes for a fork server that died (exit status 255) and may keep instead of the real one: the
# crash proof's two threads lost 6 statuses so (without the lock, 4 threads running 200 commands
# as tests/test_reliability_launch.py does lost 23 of them).
STATUS = threading.Lock()


def context() -> ForkServerContext:
    if not _CONTEXT:
        found = multiprocessing.get_context("forkserver")
        found.set_forkserver_preload(PRELOAD)
        _CONTEXT.append(found)
    return _CONTEXT[0]


def _command(
    argv: list[str], out: str, err: str, env: dict[str, str], dies_at: Sequence[str] = ()
) -> None:
    """In the forked child: `kith ARGV` with its output in files; exits with its exit code
    (or is killed where `dies_at` says)."""
    os.environ.update(env)
    for fd, name in ((1, out), (2, err)):
        os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    code: object = 0
    try:
        _die_at(dies_at, f"{out}.died")
        kith_main(argv)
    except SystemExit as done:
        code = done.code
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


def _die_at(names: Sequence[str], mark: str) -> None:
    """In the forked child: each function named ("module:function") replaced, wherever a module
    holds it, by one that writes `mark` (a file: the point was reached) and SIGKILLs this
    process as it is called: the crash proof's kills at a moment it chooses (after a command's
    last commit, before what it prepares), which random moments rarely hit. Only this child is
    changed; Kith's code is not."""

    def die(*_: object, **__: object) -> None:
        Path(mark).touch()
        os.kill(os.getpid(), signal.SIGKILL)

    for name in names:
        where, function = name.split(":")
        target = getattr(sys.modules[where], function)
        held = [(m, key) for m in list(sys.modules.values()) for key, v in _items(m) if v is target]
        if not held:
            raise RuntimeError(f"{name}: no module holds it")
        for module, key in held:
            setattr(module, key, die)


def _items(module: object) -> list[tuple[str, object]]:
    found = getattr(module, "__dict__", None)
    return list(found.items()) if isinstance(found, dict) else []


class Child:
    """A forked command, answering as much of subprocess.Popen as the proofs use."""

    def __init__(self, process: BaseProcess) -> None:
        self.process = process

    @property
    def pid(self) -> int:
        return int(self.process.pid or 0)

    def poll(self) -> int | None:
        with STATUS:
            return self.process.exitcode

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            # it may have ended (and been reaped) since its status was read: nothing to kill
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, number)

    def wait(self, timeout: float | None = None) -> int:
        """Its exit status, once it has ended (the pipe ready, then read under the lock)."""
        wait_for([self.process.sentinel], timeout)
        code = self.poll()
        if code is None:
            raise subprocess.TimeoutExpired("kith", timeout or 0.0)
        if code == STATUS_LOST:
            self._gone()
        return code

    def _gone(self, patience: float = 300.0) -> None:
        """Wait until the process has really ended (its status lost, it may still run)."""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{self.pid}/stat") as stat:
                    if stat.read().rsplit(")", 1)[1].split()[0] == "Z":  # ended, not yet reaped
                        return
            except FileNotFoundError:
                return
            time.sleep(0.05)


# multiprocessing's answer when the fork server could not say how a command ended (it had
# itself ended: it is started again for the next command, and SERVERS counts them)
STATUS_LOST = 255
SERVERS: set[int] = set()


def launch(
    argv: Sequence[str],
    logs: Path,
    env: dict[str, str] | None = None,
    dies_at: Sequence[str] = (),
) -> Child:
    """Start `kith ARGV` (stdout and stderr in logs.out, logs.err); the running process. It
    kills itself when it calls one of `dies_at` ("module:function", see _die_at)."""
    child = context().Process(
        target=_command,
        args=(list(argv), f"{logs}.out", f"{logs}.err", env or {}, tuple(dies_at)),
        daemon=False,
    )
    with STATUS:  # start() polls the other children (see STATUS)
        child.start()
    SERVERS.add(int(forkserver._forkserver._forkserver_pid or 0))
    return Child(child)


def status_lost(code: int, err: str) -> bool:
    """Whether the command's exit status was lost with the fork server (nothing on stderr)."""
    return code == STATUS_LOST and not err.strip()


def run(argv: Sequence[str], logs: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `kith ARGV` to its end: its exit code, stdout and stderr."""
    code = launch(argv, logs, env).wait()
    return code, *(Path(f"{logs}.{end}").read_text(errors="replace") for end in ("out", "err"))
