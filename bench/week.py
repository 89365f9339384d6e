"""Issue 15's limits on profile L: every read a person waits for, and the first command of a new
week and after an import, each as its median over fresh processes divided by a bare
`python -c pass` measured in the same run (reads: under 8×; the first commands: under 25×). The
first commands are also given in CPU time (the child's user + system time, from its rusage)
against the bare start's CPU time: on a shared machine it moves much less than the wall clock.

The reads run round-robin with the bare Python start, `--runs` times each after a warm-up. A new
week is simulated with `--now` (a week after the data's clock): each sample on its own copy of
the database, with the layers current at the data's clock first. "Kept" is the copy as this Kith
leaves a week behind it — an import at the data's clock, which replays the layers and keeps the
mutual counts the weekly step reads — and "cold" the copy as the generator left it (the first
week after an upgrade). Figures to read, not tests: nothing fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (
    DATA,
    KITH,
    NEXT_WEEK,
    NOW,
    PYTHON,
    build,
    fresh_copy,
    pick_people,
    read_only,
    run_once,
    run_timed,
)

READ_LIMIT, FIRST_LIMIT = 8.0, 25.0
FIRST_RUNS = 3  # each on a fresh copy of 400 MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="L")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per read (median)")
    parser.add_argument("--first-only", action="store_true", help="the first commands alone")
    parser.add_argument(
        "--reads", action="store_true", help="only the reads (not the first commands of a week)"
    )
    parser.add_argument(
        "--ahead-only",
        action="store_true",
        help="the first commands of a week after the one before prepared it, alone",
    )
    args = parser.parse_args()
    db = DATA / f"{args.profile}.db"
    build(args.profile, db)
    busiest, someone = pick_people(db)
    reads = {
        f"show NAME (most interactions: {busiest})": ["show", busiest],
        f"show NAME ({someone})": ["show", someone],
        "search WORD (kintsugi)": ["search", "kintsugi"],
        f"search NAME ({someone})": ["search", someone],
        "list --limit 50": ["list", "--limit", "50"],
        "plan (the week's stored plan)": ["plan"],
        "today": ["today"],
        f"why NAME ({busiest})": ["why", busiest],
        f"why NAME ({someone})": ["why", someone],
        "ledger (everyone: the first 50)": ["ledger"],
        f"ledger NAME ({busiest})": ["ledger", busiest],
        f'log NAME "..." ({someone})': ["log", someone, "bench"],
    }
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        copy = Path(scratch) / "copy.db"
        fresh_copy(db, copy)
        kith = [str(KITH), "--db", str(copy), "--now", NOW]
        run_once([*kith, "plan"])  # the week made, as a person finds it on their second read
        argvs = {"python -c pass": [str(PYTHON), "-c", "pass"]}
        argvs |= {label: [*kith, *argv] for label, argv in reads.items()}
        samples: dict[str, list[float]] = {label: [] for label in argvs}
        if args.first_only or args.ahead_only:
            argvs = {"python -c pass": argvs["python -c pass"]}
            samples = {"python -c pass": []}
        cpus: dict[str, list[float]] = {label: [] for label in argvs}
        for argv in argvs.values():
            run_once(argv)
        for _ in range(args.runs):
            for label, argv in argvs.items():
                timed = run_timed(argv)
                samples[label].append(timed.wall_ms)
                cpus[label].append(timed.cpu_ms)
        python = statistics.median(samples.pop("python -c pass"))
        python_cpu = statistics.median(cpus.pop("python -c pass"))
        timings = {} if args.reads else first_commands(db, Path(scratch), args.ahead_only)
        firsts = {label: [wall for wall, _ in found] for label, found in timings.items()}
    print(
        f"\nProfile {args.profile}; bare `python -c pass` {python:.0f} ms, CPU {python_cpu:.0f} ms"
        f" (medians of {args.runs}). The verdict is on wall time; CPU time (user + system) is"
        " what a shared machine's load moves least."
    )
    print("| command | ms (median) | × python | CPU ms | CPU × python | limit | verdict |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for label, times in [*samples.items(), *firsts.items()]:
        limit = READ_LIMIT if label in samples else FIRST_LIMIT
        cpu_times = cpus.get(label) or [cpu for _, cpu in timings[label]]
        print(
            line(
                label,
                statistics.median(times),
                python,
                statistics.median(cpu_times),
                python_cpu,
                limit,
            )
        )


def line(
    label: str, wall: float, python: float, cpu: float, python_cpu: float, limit: float
) -> str:
    """A table row: the wall median and its multiple of the bare start, the same in CPU time,
    the limit and whether the wall figure holds."""
    verdict = "holds" if wall / python < limit else "OVER"
    return (
        f"| kith {label} | {wall:.0f} | {wall / python:.1f}× | {cpu:.0f} |"
        f" {cpu / python_cpu:.1f}× | {limit:.0f}× | {verdict} |"
    )


def first_commands(
    db: Path, scratch: Path, ahead_only: bool = False
) -> dict[str, list[tuple[float, float]]]:
    """The first `today` and `plan` of a new week (kept and cold), and the first `today` after
    an import of one contact, and the first `today` of a week after an import and a `kith log`
    or edits (a new person, a new job, a log with two people: the step the import prepared is
    patched for them, migrations 0036 and 0039), each on a fresh copy: (wall, CPU) milliseconds
    of each run; then `weeks_ahead`'s (alone with `ahead_only`)."""
    if ahead_only:
        return weeks_ahead(db, scratch)
    copy = scratch / "first.db"
    card = scratch / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bench Week\r\nEND:VCARD\r\n")
    at_now = [str(KITH), "--db", str(copy), "--now", NOW]
    next_week = [str(KITH), "--db", str(copy), "--now", NEXT_WEEK]
    log = (("log", "Bench Week", "Coffee"),)
    edits = (
        ("add", "Bench Newcomer"),
        ("edit", "Bench Week", "--company", "Bench Works"),
        ("log", "Bench Week", "Bench Newcomer", "Dinner"),
    )
    # (after the data's clock: an import or not, then writes; the command's clock, it)
    cases: dict[str, tuple[bool, tuple[tuple[str, ...], ...], list[str], str]] = {
        "today, first of a new week (kept)": (True, (), next_week, "today"),
        "plan, first of a new week (kept)": (True, (), next_week, "plan"),
        "today, first of a new week (cold)": (False, (), next_week, "today"),
        # a log after the import names its person: the step is patched for them and promoted
        "today, first of a new week (a log since the import)": (True, log, next_week, "today"),
        "today, first of a new week (an edit since the import)": (True, edits, next_week, "today"),
        # the same, each write followed by the preparation it starts (as a person's are, by
        # default): the step patched aside, the week's first command promotes it
        "today, first of a new week (a log since the import, patched aside after it)": (
            True,
            log,
            next_week,
            "today",
        ),
        "today, first of a new week (an edit since the import, patched aside after it)": (
            True,
            edits,
            next_week,
            "today",
        ),
        "today, first after an import (one vCard)": (True, (), at_now, "today"),
    }
    found: dict[str, list[tuple[float, float]]] = {label: [] for label in cases}
    for _ in range(FIRST_RUNS):
        for label, (imported, writes, clock, command) in cases.items():
            fresh_copy(db, copy)
            run_once([*at_now, "plan"])  # the layers current at the data's clock
            if imported:
                run_once([*at_now, "import", str(card)])
            aside = {"KITH_PREPARE_AHEAD": "background"} if "aside" in label else None
            for write in writes:
                run_timed([*at_now, *write], aside)
            detached_ended(copy)
            ran = run_timed([*clock, command])
            found[label].append((ran.wall_ms, ran.cpu_ms))
    return found | weeks_ahead(db, scratch)


# a week after NEXT_WEEK: the second new week, whose Monday NEXT_WEEK's first command prepares
WEEK_AFTER = "2026-12-06T10:00"
LATER_THAT_WEEK = "2026-11-29T11:00"  # an hour after NEXT_WEEK's first command


def weeks_ahead(db: Path, scratch: Path) -> dict[str, list[tuple[float, float]]]:
    """A week's first `today` with the next Monday prepared in the background after it
    (KITH_PREPARE_AHEAD, cli/ahead.py) or not, and the following week's first `today` after
    each; then a rating as the week's last command (it voids the prepared step and makes the
    layers stale), prepared again in the background after it or not, and the following week's
    first `today` after each. Every sample on a fresh copy, the layers current at the data's
    clock, the background preparation waited for before the next command is timed (wall, CPU
    ms; a command's CPU is its own, not its detached preparation's)."""
    copy = scratch / "ahead.db"
    at_now = [str(KITH), "--db", str(copy), "--now", NOW]
    week_1 = [str(KITH), "--db", str(copy), "--now", NEXT_WEEK, "today"]
    week_2 = [str(KITH), "--db", str(copy), "--now", WEEK_AFTER, "today"]
    rating = [str(KITH), "--db", str(copy), "--now", LATER_THAT_WEEK, "rate", *a_rating(db)]
    # the week's first command's mode, then the rating's (None: no rating), what follows
    cases = {
        "today, first of a new week (none prepared after it: before)": (
            "off",
            None,
            "today, first of the week after (cold: before)",
        ),
        "today, first of a new week (the next prepared in the background after it)": (
            "background",
            None,
            "today, first of the week after (the week before's first command prepared it)",
        ),
        "rate, the last command of a week (nothing prepared again after it: before)": (
            "background",
            "off",
            "today, first of the week after (a rating last in the week before: before)",
        ),
        "rate, the last command of a week (prepared again in the background after it)": (
            "background",
            "background",
            "today, first of the week after (a rating last in the week before, prepared again)",
        ),
    }
    found: dict[str, list[tuple[float, float]]] = {}
    for _ in range(FIRST_RUNS):
        for label, (mode, rated, following) in cases.items():
            fresh_copy(db, copy)
            run_once([*at_now, "plan"])  # the layers current at the data's clock
            first = run_timed(week_1, {"KITH_PREPARE_AHEAD": mode})
            detached_ended(copy)
            if rated is not None:
                first = run_timed(rating, {"KITH_PREPARE_AHEAD": rated})
                detached_ended(copy)
            found.setdefault(label, []).append((first.wall_ms, first.cpu_ms))
            ran = run_timed(week_2)
            found.setdefault(following, []).append((ran.wall_ms, ran.cpu_ms))
    return found


def a_rating(db: Path) -> list[str]:
    """A contact from the middle of the list (by id, as `#id`) and a closeness they do not
    have: a rating that changes it, so that it voids the prepared step."""
    with closing(read_only(db)) as connection:
        person, closeness = connection.execute(
            "SELECT id, closeness FROM person WHERE kind = 'contact' AND archived = 0 "
            "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM person)"
        ).fetchone()
    return [f"#{person}", "4" if closeness == 3 else "3"]


def detached_ended(copy: Path, patience: float = 600.0) -> None:
    """Until no process but this one names `copy` on its command line (the preparation a
    command left in the background keeps the command's)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        running = False
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == os.getpid():
                continue
            try:
                line = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            running = running or str(copy).encode() in line
        if not running:
            return
        time.sleep(0.05)
    raise RuntimeError("the preparation in the background did not end")


if __name__ == "__main__":
    main()
