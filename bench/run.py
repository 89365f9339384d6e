"""Kith's benchmarks: build a generated network once, then time commands in fresh processes.

`make bench` runs profile L (30,000 people, 1,000,000 interactions); `bench/run.py --profile M` is
quicker. Each command is the median of `--runs` fresh processes (after one warm-up; the runs of
all commands interleave), printed in milliseconds with the fastest run, as a ratio to a bare
`python -c pass` measured in the same run, and as a ratio to its target, with the child's peak
memory. These are figures to read, not tests: nothing fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kith.demo.profiles import DEFAULT_SEED, GENERATOR_VERSION, PROFILES
from kith.demo.vocabulary import RARE_TAG, RARE_WORD
from probe import Beside, beside, run_probed

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = Path(sys.executable)  # `make bench` runs the venv's python: the same interpreter as kith
KITH = PYTHON.parent / "kith"
NOW = "2026-11-22T10:00"
NEXT_WEEK = "2026-11-29T10:00"  # a Sunday a week on: the layers step one Monday
BUILD_TARGET_S = 60.0
REBUILD_TARGET_MS = 60_000.0
ONCE_RUNS = 3  # the weekly and on-demand cases each take seconds on L: fewer runs
FAST_MS, SLOW_MS, MEMORY_MB = 150.0, 300.0, 100.0
INTROS_MS = 3000.0  # issue 10: `kith intros` under 3 s on L
PATH_MS = 1000.0  # kith path: issue 10's target
EXPORT_TARGET_MS = 60_000.0  # [H] the whole mesh to a file, on demand
WHOLE_MS = 30_000.0  # every person and interaction to a file (issue 15: 5x faster than before)
PROSPECT = (
    "Hedy Lamarr"  # added to the copy, suggested by someone: a target known only through them
)


# "Nothing gets slower" (issue 15): each command's median as a multiple of a bare Python start in
# docs/benchmarks.md's table of 2026-12-06 (quiet machine, bare Python 12 ms), the baseline the
# report divides by. Rows added since have the figure the issue or the project's notes gave.
BEFORE_VS_PYTHON = {
    "kith --help": 6.8,
    "kith show NAME (most interactions: Mateo Mercier)": 10.4,
    "kith search kintsugi (the 1% word)": 12.2,
    "kith search NAME (Nuria Jankowski)": 8.8,
    "kith list tag:mentor (the 1% tag)": 9.4,
    'kith log NAME "..." --when "last friday"': 10.4,
    "kith list channel:email since:90d": 24.4,
    "kith plan (the week's stored plan)": 24.6,
    "kith plan --drafts (a draft for each pick)": 23.4,
    "kith draft NAME (Mateo Mercier)": 12.1,
    "kith why NAME (Mateo Mercier)": 19.9,
    "kith why NAME (Nuria Jankowski)": 11.7,
    "kith today": 18.7,
    "kith list layer:L3": 19.4,
    "kith list due:week": 27.0,
    "kith intros (introductions to suggest)": 197.0,
    "kith show NAME (Nuria Jankowski)": 12.3,
    "kith path NAME (most interactions: Mateo Mercier)": 22.7,
    "kith path NAME (Nuria Jankowski)": 21.5,
    "kith path NAME (a prospect Nuria Jankowski suggested)": 24.0,
    "kith path --company ORG (Cobalt Health Partners (Bristol): 80 people)": 29.0,
    "kith wants (one prospect, with its best path)": 25.3,
    "first kith plan of a new week": 373.5,
    "kith plan --refresh": 276.4,
    "kith export graph (graphml)": 545.4,
    "kith rebuild": 1556.2,
    "kith ledger (everyone: the first 50)": 1900 / 12,  # the issue: every row, 1.9 s on L
    "kith calendar export (every birthday)": 2500 / 12,  # the issue: 2.5 s on L
}


@dataclass(frozen=True)
class Case:
    label: str
    argv: list[str]  # after `kith --db DB --now NOW`
    target_ms: float = FAST_MS
    on_copy: bool = False  # runs on the copy (it writes, or needs what `prepare` adds)


@dataclass(frozen=True)
class Figure:
    label: str
    ms: float  # the median
    peak_mb: float
    target_ms: float
    fastest_ms: float
    python_ms: float | None = None  # the bare starts timed beside its runs, if they were

    def vs_python(self, base_ms: float) -> float:
        """Its median ÷ the bare starts beside its runs, else ÷ the run's baseline."""
        return self.ms / (self.python_ms or base_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="L", choices=[p for p in PROFILES if p != "demo"])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median)")
    args = parser.parse_args()
    db = DATA / f"{args.profile}.db"
    built_in = build(args.profile, db)
    baseline, figures = measure_all(plan_cases(db), db, args.runs)
    figures += weekly_figures(db)
    report(args.profile, db, built_in, baseline, figures)
    print()
    for line in first_page_by_size(args.profile, db, args.runs):
        print(line)


SMALLER = {"L": "M", "M": "S", "S": "S"}  # the size beside which the first page is timed
PAGE_GROWTH = 1.25  # issue 15: `--limit` independent of size; [H] a quarter for the count


def first_page_by_size(profile: str, db: Path, runs: int) -> list[str]:
    """`kith list --limit 50` on this profile and on a smaller one (built if need be), run
    round-robin: its median wall and CPU time at each size and their ratio. Independent of
    size means a ratio near 1 where the people are 6 times as many (L ÷ M). The page itself
    walks an index and stops at 50 (tests/test_query_plans.py); the total it prints ("50 of
    30,000") counts that index's entries, the one part that grows."""
    small = SMALLER[profile]
    small_db = DATA / f"{small}.db"
    build(small, small_db)
    sizes = {small: small_db, profile: db}
    argvs = {
        name: [str(KITH), "--db", str(path), "--now", NOW, "list", "--limit", "50"]
        for name, path in sizes.items()
    }
    timed: dict[str, list[Timed]] = {name: [] for name in argvs}
    for argv in argvs.values():
        run_timed(argv)  # warm the page cache (and migrate a database built before)
    for _ in range(runs):
        for name, argv in argvs.items():
            timed[name].append(run_timed(argv))
    wall = {name: statistics.median(t.wall_ms for t in found) for name, found in timed.items()}
    cpu = {name: statistics.median(t.cpu_ms for t in found) for name, found in timed.items()}
    people = {name: PROFILES[name].people for name in argvs}
    lines = [
        f"kith list --limit 50 at {name} ({people[name]:,} people): {wall[name]:.0f} ms wall, "
        f"{cpu[name]:.0f} ms CPU (median of {runs})"
        for name in argvs
    ]
    if small == profile:
        return [*lines, "(no smaller profile to compare with)"]
    for what, figures in (("wall", wall), ("CPU", cpu)):
        ratio = figures[profile] / figures[small]
        held = "holds" if ratio <= PAGE_GROWTH else "OVER"
        lines.append(
            f"{held}: kith list --limit 50, {profile} ÷ {small} ({what}): {ratio:.2f} with "
            f"{people[profile] / people[small]:.0f}x the people (limit {PAGE_GROWTH})"
        )
    return lines


def build(profile: str, db: Path) -> float | None:
    """Build `profile` into `db` unless the same generator already built it; seconds taken."""
    if db.exists() and stamp_of(db) == (profile, DEFAULT_SEED, GENERATOR_VERSION):
        return None
    DATA.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"Building profile {profile} into {db} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [str(KITH), "--db", str(db), "--now", NOW, "demo", "--profile", profile],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def stamp_of(db: Path) -> tuple[str, int, int] | None:
    """(profile, seed, generator version) of a demo database, read without changing it."""
    try:
        with closing(read_only(db)) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    values = json.loads(row[0])
    return values["profile"], values["seed"], values["version"]


def read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)


def plan_cases(db: Path) -> list[Case]:
    busiest, someone = pick_people(db)
    organisation, staff = pick_organisation(db)
    return [
        Case("kith --help", ["--help"]),
        Case(f"kith show NAME (most interactions: {busiest})", ["show", busiest]),
        Case(f"kith search {RARE_WORD} (the 1% word)", ["search", RARE_WORD]),
        Case(f"kith search NAME ({someone})", ["search", someone]),
        Case(f"kith list tag:{RARE_TAG} (the 1% tag)", ["list", f"tag:{RARE_TAG}"]),
        Case(
            'kith log NAME "..." --when "last friday"',
            ["log", someone, "bench", "-w", "last friday"],
        ),
        Case("kith list channel:email since:90d", ["list", "channel:email", "since:90d"], SLOW_MS),
        Case("kith plan (the week's stored plan)", ["plan"], SLOW_MS),
        Case("kith plan --drafts (a draft for each pick)", ["plan", "--drafts"], SLOW_MS),
        Case(f"kith draft NAME ({busiest})", ["draft", busiest]),
        Case(f"kith why NAME ({busiest})", ["why", busiest], SLOW_MS),
        Case(f"kith why NAME ({someone})", ["why", someone], SLOW_MS),
        Case("kith today", ["today"], SLOW_MS),
        Case("kith list layer:L3", ["list", "layer:L3"], SLOW_MS),
        Case("kith list due:week", ["list", "due:week"], SLOW_MS),
        Case("kith intros (introductions to suggest)", ["intros"], INTROS_MS),
        Case(f"kith show NAME ({someone})", ["show", someone]),
        Case(f"kith path NAME (most interactions: {busiest})", ["path", busiest], PATH_MS),
        Case(f"kith path NAME ({someone})", ["path", someone], PATH_MS),
        Case(f"kith path NAME (a prospect {someone} suggested)", ["path", PROSPECT], PATH_MS, True),
        Case(
            f"kith path --company ORG ({organisation}: {staff} people)",
            ["path", "--company", organisation],
            PATH_MS,
        ),
        Case("kith wants (one prospect, with its best path)", ["wants"], PATH_MS, True),
        # issue 15: every read a person waits for, and what a whole-network command costs
        Case("kith list (every contact)", ["list"], SLOW_MS),
        Case("kith list --limit 50", ["list", "--limit", "50"]),
        Case("kith ledger (everyone: the first 50)", ["ledger"], SLOW_MS),
        Case(f"kith ledger NAME ({busiest})", ["ledger", busiest]),
        Case(f'kith log NAME "..." (most interactions: {busiest})', ["log", busiest, "bench"]),
    ]


def weekly_figures(db: Path) -> list[Figure]:
    """What runs once a week or on demand, each on its own copy of the database: the first
    `plan` of a new week (the layers step one Monday from the tie rows, the week is chosen),
    `plan --refresh` (the week chosen again), and `kith rebuild` (every aggregate recomputed and
    every Monday of five years replayed), which has its own target of 60 s."""
    figures = []
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        copy = Path(scratch) / "copy.db"
        graph = ["export", "graph", str(Path(scratch) / "mesh.graphml")]
        out = Path(scratch)
        cases = [
            (Case("first kith today of a new week", ["today"], SLOW_MS), NEXT_WEEK),
            (Case("first kith plan of a new week", ["plan"], SLOW_MS), NEXT_WEEK),
            (Case("kith plan --refresh", ["plan", "--refresh"], SLOW_MS), NOW),
            (Case("kith export graph (graphml)", graph, EXPORT_TARGET_MS), NOW),
            (Case("kith rebuild", ["rebuild"], REBUILD_TARGET_MS), NOW),
            (Case("kith export json", ["export", "json", str(out / "a.json")], WHOLE_MS), NOW),
            (Case("kith export vcard", ["export", "vcard", str(out / "a.vcf")], WHOLE_MS), NOW),
            (Case("kith export csv", ["export", "csv", str(out / "a.csv")], WHOLE_MS), NOW),
            (
                Case("kith calendar export (every birthday)", ["calendar", "export", "-"], SLOW_MS),
                NOW,
            ),
        ]
        for case, moment in cases:
            samples = []
            runs = []
            for _ in range(ONCE_RUNS if case.target_ms < WHOLE_MS else 1):
                fresh_copy(db, copy)
                run_once([str(KITH), "--db", str(copy), "--now", NOW, "plan"])  # layers current
                argv = [str(KITH), "--db", str(copy), "--now", moment, *case.argv]
                if case.label.startswith(FIRSTS):  # as bench/week.py times the first commands
                    runs.append(beside(argv, BENCH_ENV, copy))
                else:
                    samples.append(run_once(argv))
            figures.append(figure_beside(case, runs) if runs else figure(case, samples))
        figures.append(after_an_import(db, copy, out))
    return figures


def after_an_import(db: Path, copy: Path, scratch: Path) -> Figure:
    """The first `today` after an import of one contact (the import prepares the week)."""
    card = scratch / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bench Import\r\nEND:VCARD\r\n")
    case = Case("first kith today after an import (one vCard)", ["today"], SLOW_MS)
    runs = []
    for _ in range(ONCE_RUNS):
        fresh_copy(db, copy)
        run_once([str(KITH), "--db", str(copy), "--now", NOW, "plan"])
        run_once([str(KITH), "--db", str(copy), "--now", NOW, "import", str(card)])
        argv = [str(KITH), "--db", str(copy), "--now", NOW, *case.argv]
        runs.append(beside(argv, BENCH_ENV, copy))
    return figure_beside(case, runs)


def fresh_copy(db: Path, copy: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with closing(read_only(db)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)


def pick_people(db: Path) -> tuple[str, str]:
    """The person with the most interactions, and one from the middle of the list."""
    with closing(read_only(db)) as connection:
        busiest = connection.execute(
            "SELECT display_name FROM person ORDER BY interaction_count DESC, id LIMIT 1"
        ).fetchone()[0]
        someone = connection.execute(
            "SELECT display_name FROM person WHERE kind = 'contact' AND archived = 0 "
            "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM person)"
        ).fetchone()[0]
    return str(busiest), str(someone)


def pick_organisation(db: Path) -> tuple[str, int]:
    """The organisation with the most people there now (at most 200, which `path` searches)."""
    with closing(read_only(db)) as connection:
        name, staff = connection.execute(
            "SELECT o.name, count(*) FROM employment e JOIN organisation o "
            "ON o.id = e.organisation_id WHERE e.end_day IS NULL GROUP BY o.id "
            "HAVING count(*) <= 200 ORDER BY count(*) DESC, o.id LIMIT 1"
        ).fetchone()
    return str(name), int(staff)


def prepare(copy: Path) -> None:
    """What some cases need beyond the generated network: a prospect someone suggested."""
    with closing(read_only(copy)) as connection:
        someone = connection.execute(
            "SELECT display_name FROM person WHERE kind = 'contact' AND archived = 0 "
            "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM person)"
        ).fetchone()[0]
    run_once([str(KITH), "--db", str(copy), "--now", NOW, "refer", someone, PROSPECT])


def measure_all(cases: list[Case], db: Path, runs: int) -> tuple[Figure, list[Figure]]:
    """Every case and the bare-Python baseline, run round-robin `runs` times after one warm-up
    each, so that the machine's drift (this VM's page cache and neighbours) hits all alike.
    `log` writes, so it runs on a copy of the database."""
    baseline = Case("python -c pass", [], 1.0)
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        copy = Path(scratch) / "copy.db"
        with closing(read_only(db)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
        prepare(copy)
        argvs = {baseline.label: [str(PYTHON), "-c", "pass"]}
        for case in cases:
            target_db = copy if case.argv[0] == "log" or case.on_copy else db
            argvs[case.label] = [str(KITH), "--db", str(target_db), "--now", NOW, *case.argv]
        samples: dict[str, list[tuple[float, float]]] = {label: [] for label in argvs}
        for argv in argvs.values():
            run_once(argv)  # warm the page cache
        for _ in range(runs):
            for label, argv in argvs.items():
                samples[label].append(run_once(argv))
    figures = [figure(case, samples[case.label]) for case in [baseline, *cases]]
    return figures[0], figures[1:]


def figure_beside(case: Case, runs: list[Beside]) -> Figure:
    """A first command's figure, against the bare starts timed right before and after each of
    its runs (bench/probe.py's `beside`)."""
    walls = [run.command.wall_ms for run in runs]
    return Figure(
        case.label,
        statistics.median(walls),
        max(run.command.rss_mb for run in runs),
        case.target_ms,
        min(walls),
        statistics.median(bare.wall_ms for run in runs for bare in run.bare),
    )


def figure(case: Case, samples: list[tuple[float, float]]) -> Figure:
    times = [ms for ms, _ in samples]
    return Figure(
        case.label, statistics.median(times), max(p for _, p in samples), case.target_ms, min(times)
    )


# Kith's data folder (draft templates) in bench/.data, never the developer's own.
# no next Monday prepared in the background after a command (cli/ahead.py) unless a case asks:
# a detached process would compete with the runs timed after it
BENCH_ENV = {**os.environ, "XDG_DATA_HOME": str(DATA / "data-home"), "KITH_PREPARE_AHEAD": "off"}


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall-clock milliseconds and peak resident megabytes of one child (its own rusage)."""
    timed = run_timed(argv)
    return timed.wall_ms, timed.rss_mb


@dataclass(frozen=True)
class Timed:
    wall_ms: float
    cpu_ms: float  # the child's user + system time: what a shared machine's load moves least
    rss_mb: float


def run_timed(argv: list[str], env: dict[str, str] | None = None) -> Timed:
    """One child's wall-clock and CPU milliseconds and peak resident megabytes (its rusage);
    `env`: variables set for it besides BENCH_ENV."""
    probe = run_probed(argv, {**BENCH_ENV, **(env or {})})
    return Timed(probe.wall_ms, probe.cpu_ms, probe.rss_mb)


def report(
    profile: str,
    db: Path,
    built_in: float | None,
    baseline: Figure,
    figures: list[Figure],
) -> None:
    base_ms = baseline.ms
    rows = [
        (
            f.label,
            f"{f.ms:.0f}",
            f"{f.fastest_ms:.0f}",
            f"{f.vs_python(base_ms):.1f}x",
            *before_after(f.label, f.vs_python(base_ms)),
            f"{f.target_ms:.0f}",
            f"{f.ms / f.target_ms:.2f}",
            f"{f.peak_mb:.0f}",
            f"{f.peak_mb / MEMORY_MB:.2f}",
        )
        for f in figures
    ]
    headers = (
        "command",
        "ms (median)",
        "fastest",
        "vs python",
        "before",
        "after/before",
        "target ms",
        "vs target",
        "peak MB",
        "vs 100 MB",
    )
    print()
    print(machine(profile, db, built_in, base_ms))
    print()
    print_plain(headers, rows)
    print()
    print_markdown(headers, rows)
    print()
    for line in verdicts(figures, base_ms):
        print(line)


WAITED_FOR = ("kith show", "kith search", "kith list --limit", "kith plan (", "kith today")
WAITED_FOR += ("kith why", "kith ledger", "kith log")
FIRSTS = ("first kith today", "first kith plan")
WAIT_LIMIT, FIRST_LIMIT = 8.0, 25.0  # issue 15: × a bare Python start in the same run


def verdicts(figures: list[Figure], base_ms: float) -> list[str]:
    """Issue 15's limits: every read a person waits for under 8× a bare Python start, the
    first command after an import or of a new week under 25×."""
    lines = []
    for f in figures:
        limit = (
            WAIT_LIMIT
            if f.label.startswith(WAITED_FOR)
            else FIRST_LIMIT
            if f.label.startswith(FIRSTS)
            else None
        )
        if limit is not None:
            ratio = f.vs_python(base_ms)
            beside = f" (bare {f.python_ms:.0f} ms beside its runs)" if f.python_ms else ""
            held = "holds" if ratio < limit else "OVER"
            lines.append(f"{held}: {f.label}: {ratio:.1f}x python{beside} (limit {limit:.0f}x)")
    return lines


def before_after(label: str, vs_python: float) -> tuple[str, str]:
    """The baseline's multiple of a bare Python start, and this run's divided by it: below 1
    is faster. Both are ratios to Python measured in their own run, so a busier machine
    shifts them less than it shifts milliseconds."""
    before = BEFORE_VS_PYTHON.get(label)
    if before is None:
        return "", ""
    return f"{before:.1f}x", f"{vs_python / before:.2f}"


def machine(profile: str, db: Path, built_in: float | None, base_ms: float) -> str:
    chosen = PROFILES[profile]
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    build = (
        f"built in {built_in:.1f} s (target {BUILD_TARGET_S:.0f} s, ratio "
        f"{built_in / BUILD_TARGET_S:.2f})"
        if built_in is not None
        else "reused (already built by this generator version)"
    )
    return "\n".join(
        [
            f"Profile {profile}: {chosen.people:,} people, {chosen.interactions:,} interactions, "
            f"{db.stat().st_size / 2**20:.0f} MB; {build}.",
            f"Machine: {os.cpu_count()} CPUs, {memory_kb / 2**20:.1f} GB, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()} "
            f"{platform.release()}.",
            f"Bare `python -c pass`: {base_ms:.0f} ms (median). Runs interleave all commands.",
        ]
    )


def print_plain(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def print_markdown(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
