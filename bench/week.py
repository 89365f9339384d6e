"""Issue 15's limits on profile L: every read a person waits for, and the first command of a new
week and after an import, each as its median over fresh processes divided by a bare
`python -c pass` measured in the same run (reads: under 8×; the first commands: under 25×). The
first commands are also given in CPU time (the child's user + system time, from its rusage)
against the bare start's CPU time: on a shared machine it moves much less than the wall clock.

Each first command is timed beside bare starts of its own: on its fresh copy, after any
preparation a write left in the background has ended and a settle (the dirty pages synced, then
a short quiet), a bare start, the command, then (after the same wait and settle) a bare start
again, all with the command's environment. Its row divides the median of its commands by the
median of the bare starts beside them, and shows the spread (the fastest and the slowest run
against that median): a row whose slowest run is under the limit is clearly under it. The cold
week, at the line, gets more runs (`--cold-runs`). `--samples FILE` writes every timed child's
probe (bench/probe.py: CPU, context switches, run delay, blocks, steal) as JSON lines.

The reads run round-robin with the bare Python start, `--runs` times each after a warm-up. A new
week is simulated with `--now` (a week after the data's clock): each sample on its own copy of
the database, with the layers current at the data's clock first. "Kept" is the copy as this Kith
leaves a week behind it — an import at the data's clock, which replays the layers and keeps the
mutual counts the weekly step reads — and "cold" the copy as the generator left it (the first
week after an upgrade). Figures to read, not tests: nothing fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe import Beside, beside
from run import (
    BENCH_ENV,
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
FIRST_RUNS = 3  # each on a fresh copy of 470 MB
COLD_RUNS = 9  # the cold week's rows, at the line
# the rows of one scenario, the cold week: measured alike and `--cold-runs` times
COLD = (
    "today, first of a new week (cold)",
    "today, first of a new week (none prepared after it: before)",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    parser.add_argument(
        "--cold-runs", type=int, default=COLD_RUNS, help="runs of the cold week's rows"
    )
    parser.add_argument("--first-runs", type=int, default=FIRST_RUNS, help="of the others")
    parser.add_argument("--samples", type=Path, help="every first command's probes (JSON lines)")
    args = parser.parse_args()
    runs = Runs(args.first_runs, args.cold_runs)
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
        started = time.monotonic()
        firsts = {} if args.reads else first_commands(db, Path(scratch), runs, args.ahead_only)
        took = time.monotonic() - started
    print(
        f"\nProfile {args.profile}; bare `python -c pass` {python:.0f} ms, CPU {python_cpu:.0f} ms"
        f" (medians of {args.runs}, round-robin with the reads). The verdict is on wall time; CPU"
        " time (user + system) is what a shared machine's load moves least."
    )
    if samples:
        print("| command | ms (median) | × python | CPU ms | CPU × python | limit | verdict |")
        print("|---|---:|---:|---:|---:|---:|---|")
    for label, times in samples.items():
        print(
            line(
                label,
                statistics.median(times),
                python,
                statistics.median(cpus[label]),
                python_cpu,
                READ_LIMIT,
            )
        )
    if firsts:
        print_firsts(firsts, took)
    if args.samples is not None:
        write_samples(args.samples, firsts)


def print_firsts(firsts: dict[str, list[Beside]], took: float) -> None:
    """The first commands' table, each against the bare starts beside its runs, and where
    their wall time went."""
    print(
        f"\nFirst commands ({took:.0f} s): each × the median of the bare starts timed right"
        " before and after its own runs (the last column); the spread is its fastest and"
        " slowest run ÷ that median, wall."
    )
    print(
        "| command | ms (median) | × python | CPU ms | CPU × python | limit | verdict"
        " | runs | ms min–max | × python min–max | bare ms (beside) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for label, found in firsts.items():
        print(first_line(label, found, FIRST_LIMIT))
    print(
        "\nWhere their wall time went (medians, ms): the command's CPU, its wait for a CPU"
        " (run delay), the rest (waits on the disk: its fsyncs; on this process), this"
        " process's own run delay, the command's involuntary switches; the bare starts' wall,"
        " CPU and run delay. The largest steal (all CPUs) while a command ran, and the largest"
        " writeback in flight as one started (MB: the kernel writing dirty pages out)."
    )
    print(
        "| command | wall | CPU | run delay | other waits | parent delay | preempted"
        " | bare wall | bare CPU | bare run delay | steal (max) | writeback (max) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, found in firsts.items():
        print(where_line(label, found))


def write_samples(path: Path, firsts: dict[str, list[Beside]]) -> None:
    """Every first command's probes and its bare starts', a JSON line a run."""
    with path.open("a") as out:
        for label, found in firsts.items():
            for run in found:
                out.write(json.dumps({"label": label, **asdict(run)}) + "\n")


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


def first_line(label: str, found: list[Beside], limit: float) -> str:
    """A first command's row: as `line`, against the bare starts beside its own runs, with how
    many runs, their spread, and how many of them were over the limit."""
    walls = [run.command.wall_ms for run in found]
    bares = [bare.wall_ms for run in found for bare in run.bare]
    python = statistics.median(bares)
    cpu = statistics.median(run.command.cpu_ms for run in found)
    python_cpu = statistics.median(bare.cpu_ms for run in found for bare in run.bare)
    row = line(label, statistics.median(walls), python, cpu, python_cpu, limit)
    over = sum(wall / python >= limit for wall in walls)
    if 0 < over < len(walls):
        row = row.removesuffix(" |") + f" ({over} of {len(walls)} runs over) |"
    return (
        f"{row} {len(walls)} | {min(walls):.0f}–{max(walls):.0f} |"
        f" {min(walls) / python:.1f}–{max(walls) / python:.1f}× | {python:.1f} |"
    )


def where_line(label: str, found: list[Beside]) -> str:
    """A first command's row of where its wall time went (bench/probe.py's fields)."""
    commands = [run.command for run in found]
    bares = [bare for run in found for bare in run.bare]

    def median(values: list[float | None]) -> str:
        known = [value for value in values if value is not None]
        return f"{statistics.median(known):.0f}" if known else "?"

    return (
        f"| kith {label} | {median([c.wall_ms for c in commands])}"
        f" | {median([c.cpu_ms for c in commands])}"
        f" | {median([c.run_delay_ms for c in commands])}"
        f" | {median([c.wall_ms - c.cpu_ms - (c.run_delay_ms or 0.0) for c in commands])}"
        f" | {median([c.parent_delay_ms for c in commands])}"
        f" | {median([c.involuntary for c in commands])}"
        f" | {median([b.wall_ms for b in bares])} | {median([b.cpu_ms for b in bares])}"
        f" | {median([b.run_delay_ms for b in bares])}"
        f" | {max(c.steal_ms for c in commands):.0f}"
        f" | {max(c.writeback_kb for c in commands) / 1024:.0f} |"
    )


@dataclass(frozen=True)
class Runs:
    """How many runs a first command's row gets: the cold week's more."""

    others: int
    cold: int

    def of(self, label: str) -> int:
        return self.cold if label in COLD else self.others


def first_commands(
    db: Path, scratch: Path, runs: Runs, ahead_only: bool = False
) -> dict[str, list[Beside]]:
    """The first `today` and `plan` of a new week (kept and cold), and the first `today` after
    an import of one contact, and the first `today` of a week after an import and a `kith log`
    or edits (a new person, a new job, a log with two people: the step the import prepared is
    patched for them, migrations 0036 and 0039), each on a fresh copy, each run beside its bare
    starts; then `weeks_ahead`'s (alone with `ahead_only`)."""
    if ahead_only:
        return weeks_ahead(db, scratch, runs)
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
    found: dict[str, list[Beside]] = {label: [] for label in cases}
    for run in range(max(runs.others, runs.cold)):
        for label, (imported, writes, clock, command) in cases.items():
            if run >= runs.of(label):
                continue
            set_up(db, copy)
            if imported:
                run_once([*at_now, "import", str(card)])
            aside = {"KITH_PREPARE_AHEAD": "background"} if "aside" in label else None
            for write in writes:
                run_timed([*at_now, *write], aside)
            found[label].append(beside([*clock, command], BENCH_ENV, copy))
    return found | weeks_ahead(db, scratch, runs)


def set_up(db: Path, copy: Path) -> None:
    """A fresh copy with the layers current at the data's clock (a `plan` there): where every
    first command starts."""
    fresh_copy(db, copy)
    run_once([str(KITH), "--db", str(copy), "--now", NOW, "plan"])


# a week after NEXT_WEEK: the second new week, whose Monday NEXT_WEEK's first command prepares
WEEK_AFTER = "2026-12-06T10:00"
LATER_THAT_WEEK = "2026-11-29T11:00"  # an hour after NEXT_WEEK's first command


def weeks_ahead(db: Path, scratch: Path, runs: Runs) -> dict[str, list[Beside]]:
    """A week's first `today` with the next Monday prepared in the background after it
    (KITH_PREPARE_AHEAD, cli/ahead.py) or not, and the following week's first `today` after
    each; then a rating as the week's last command (it voids the prepared step and makes the
    layers stale), prepared again in the background after it or not, and the following week's
    first `today` after each. Every sample on a fresh copy, the layers current at the data's
    clock, the background preparation waited for before the next command is timed, each timed
    command beside its bare starts (a command's CPU is its own, not its detached
    preparation's). The case whose first command is the cold week runs `runs.cold` times."""
    copy = scratch / "ahead.db"
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
    found: dict[str, list[Beside]] = {}
    for run in range(max(runs.others, runs.cold)):
        for label, (mode, rated, following) in cases.items():
            if run >= runs.of(label):
                continue
            set_up(db, copy)
            if rated is None:
                first = beside(week_1, {**BENCH_ENV, "KITH_PREPARE_AHEAD": mode}, copy)
            else:  # the week's first command untimed; beside() waits for its preparation
                run_timed(week_1, {"KITH_PREPARE_AHEAD": mode})
                first = beside(rating, {**BENCH_ENV, "KITH_PREPARE_AHEAD": rated}, copy)
            found.setdefault(label, []).append(first)
            found.setdefault(following, []).append(beside(week_2, BENCH_ENV, copy))
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


if __name__ == "__main__":
    main()
