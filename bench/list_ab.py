"""Two Kith programs timed on the same command, alternating, fresh processes (issue 15).

    python bench/list_ab.py A_KITH B_KITH --db FILE [--runs 20] [-- ARGS...]

For a change measured on a machine other work shares: each round runs A then B (B then A on
odd rounds), stdout to a file as peer_bench does, and the medians of wall and CPU time (user +
system, from wait4) are printed with B ÷ A; a ratio measured in one run moves less with the
load than either time. ARGS default to `list` (everyone). The environment is the caller's, with
peer_bench's COLUMNS, TERM and LANG."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `argv`, its stdout to a file."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help="the first kith program (e.g. main's .venv/bin/kith)")
    parser.add_argument("b", help="the second kith program")
    parser.add_argument("--db", required=True, help="the database both read")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("args", nargs="*", default=["list"])
    given = parser.parse_args()
    env = {**os.environ, "COLUMNS": "120", "TERM": "dumb", "LANG": "C.UTF-8"}
    env.pop("KITH_DB", None)
    programs = {"A": given.a, "B": given.b}
    times: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for round_ in range(given.runs):
        for key in ("A", "B") if round_ % 2 == 0 else ("B", "A"):
            argv = [programs[key], "--db", given.db, *given.args]
            times[key].append(once(argv, env))
    medians = {
        key: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for key, found in times.items()
    }
    for key, (wall, cpu) in medians.items():
        print(f"{key}: wall {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms  ({programs[key]})")
    (wall_a, cpu_a), (wall_b, cpu_b) = medians["A"], medians["B"]
    print(f"B ÷ A: wall {wall_b / wall_a:.2f}, CPU {cpu_b / cpu_a:.2f} (medians of {given.runs})")


if __name__ == "__main__":
    main()
