"""How long each write transaction held SQLite's write lock, for finding the long ones.

Off unless `KITH_TRACE_WRITES` names a file: then every write transaction (and every slice of a
sliced import) appends one tab-separated line to it when it commits or rolls back: the wall
time it began, the process id, the command (`import`, `serve`, `log`...), how long it waited
for the lock, how long it held it, how much of that was the COMMIT itself (a WAL checkpoint
runs there), whether it was a slice, and the innermost Kith function outside the store that
ended it (for a slice: the step after which it committed). Several processes append to one
file, a line in one `write` each. `python -m kith.store.write_trace FILE [MS]` sums a trace
up: holds and waits by command and function, and the holds longer than MS (300).
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

TARGET = os.environ.get("KITH_TRACE_WRITES") or None
_SKIPPED = ("kith/store/connection.py", "kith/store/write_trace.py", "contextlib.py")


def command() -> str:
    """The Kith command this process runs (its first word that is not an option)."""
    words = sys.argv[1:]
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in ("--db", "--now", "--tz"):
            skip = True
            continue
        if not word.startswith("-"):
            return word
    return "?"


def opener() -> str:
    """The innermost Kith function outside the store's connection that is running."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if "/kith/" in name and not name.endswith(_SKIPPED):
            module = name.rsplit("/kith/", 1)[1].removesuffix(".py").replace("/", ".")
            return f"{module}.{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return "?"


@dataclass
class Span:
    """One write transaction (or slice) under way: when it asked for the lock and got it."""

    asked: float
    got: float
    wall: float


def begun(asked: float) -> Span | None:
    """The lock was just taken (having been asked for at `asked`); None when tracing is off."""
    if TARGET is None:
        return None
    return Span(asked, time.monotonic(), time.time())


def ended(span: Span | None, commit_began: float, outcome: str, *, sliced: bool) -> None:
    """The transaction ended (`outcome`: commit or rollback): one line to the trace, naming
    the Kith function that ended it (for a slice: the step after which it committed)."""
    if span is None or TARGET is None:
        return
    done = time.monotonic()
    fields = (
        f"{span.wall:.3f}",
        str(os.getpid()),
        command(),
        f"{(span.got - span.asked) * 1000:.1f}",
        f"{(done - span.got) * 1000:.1f}",
        f"{(done - commit_began) * 1000:.1f}",
        "slice" if sliced else "tx",
        outcome,
        opener(),
    )
    line = "\t".join(fields) + "\n"
    descriptor = os.open(TARGET, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)


@dataclass
class Line:
    """One line of the write trace: a command's waits and holds of the write lock."""

    began: float
    pid: int
    command: str
    waited: float
    held: float
    commit: float
    kind: str
    outcome: str
    where: str


def read(path: str) -> list[Line]:
    found = []
    with open(path, encoding="utf-8") as handle:
        for text in handle:
            parts = text.rstrip("\n").split("\t")
            if len(parts) != 9:
                continue
            found.append(
                Line(
                    float(parts[0]),
                    int(parts[1]),
                    parts[2],
                    float(parts[3]),
                    float(parts[4]),
                    float(parts[5]),
                    parts[6],
                    parts[7],
                    parts[8],
                )
            )
    return found


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def summary(lines: list[Line], over: float = 300.0) -> str:
    """Holds and waits by command and opener (ms), and every hold longer than `over` ms."""
    groups: dict[tuple[str, str, str], list[Line]] = defaultdict(list)
    for line in lines:
        groups[(line.command, line.kind, line.where)].append(line)
    out = [
        f"{'command':<10} {'kind':<5} {'n':>6} {'held p50':>8} {'p99':>7} {'max':>7} "
        f"{'commit max':>10} {'wait p99':>8} {'wait max':>8}  opener"
    ]
    for (name, kind, where), group in sorted(
        groups.items(), key=lambda item: -max(x.held for x in item[1])
    ):
        held = [x.held for x in group]
        waited = [x.waited for x in group]
        out.append(
            f"{name:<10} {kind:<5} {len(group):>6} {quantile(held, 0.5):>8.0f} "
            f"{quantile(held, 0.99):>7.0f} {max(held):>7.0f} "
            f"{max(x.commit for x in group):>10.0f} {quantile(waited, 0.99):>8.0f} "
            f"{max(waited):>8.0f}  {where}"
        )
    long = [x for x in lines if x.held > over]
    out.append(f"\n{len(long)} holds over {over:.0f} ms:")
    for line in sorted(long, key=lambda x: -x.held)[:40]:
        out.append(
            f"  {line.held:7.0f} ms (commit {line.commit:.0f}) {line.command} {line.kind} "
            f"{line.where}"
        )
    return "\n".join(out)


if __name__ == "__main__":
    print(summary(read(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 300.0))
