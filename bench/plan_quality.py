"""The weekly plan's quality: the simulator's figures per user behaviour on the demo network, and
Kith's scores on public message data (../shared/data/college-msg, its SOURCES.md protocol).

`make bench` runs both; `bench/plan_quality.py --only college` or `--only simulation` runs one.
Figures to read, not tests: nothing fails except a missing data set, which is named.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from kith.relate.ranking import EgoCut, Message, by_ego, evaluate_ego, mean

ROOT = Path(__file__).resolve().parent.parent
COLLEGE = ROOT.parent / "shared" / "data" / "college-msg" / "CollegeMsg.txt"
TUNING_DAYS = (45, 75)
CHECK_DAYS = (105, 135)
SCORES = ("S", "W", "recency")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("college", "simulation"))
    parser.add_argument("--data", type=Path, default=COLLEGE, help="CollegeMsg.txt")
    parser.add_argument("--weeks", type=int, default=52, help="simulated weeks")
    args = parser.parse_args()
    if args.only != "college":
        simulation(args.weeks)
    if args.only != "simulation":
        college(args.data)


def simulation(weeks: int) -> None:
    from kith.demo.simulate import BEHAVIOURS, simulate

    print(f"Simulated {weeks} weeks on the demo network (seed 7), real services, real SQLite:")
    for name in BEHAVIOURS:
        started = time.perf_counter()
        report = simulate(name, weeks=weeks)
        print(f"\n## {name} ({time.perf_counter() - started:.1f} s)")
        for line in report.lines():
            print(f"  {line}")


def college(path: Path) -> None:
    if not path.is_file():
        sys.exit(
            f"{path} not found: the college-msg data set lives in the shared folder next to "
            "the repository (../shared/data/college-msg/CollegeMsg.txt); pass --data PATH."
        )
    started = time.perf_counter()
    messages = list(read_messages(path))
    start = min(m.t for m in messages)
    days = (*TUNING_DAYS, *CHECK_DAYS)
    cuts = [
        cut
        for ego, log in sorted(by_ego(messages).items())
        for cut in evaluate_ego(ego, log, start, days)
    ]
    print(f"\nCollegeMsg ({len(messages):,} messages; {time.perf_counter() - started:.0f} s):")
    print("| cut-off day | egos | AUC S | AUC W | AUC recency | busy egos | empty plan |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for label, chosen in [*((str(d), (d,)) for d in days), ("45+75", TUNING_DAYS), ("all", days)]:
        print(row(label, [c for c in cuts if c.cutoff_day in chosen]))


def row(label: str, cuts: Sequence[EgoCut]) -> str:
    days = sorted({c.cutoff_day for c in cuts})
    aucs = [f"{protocol_auc(cuts, name, days):.3f}" for name in SCORES]
    busy = [c for c in cuts if c.empty_plan is not None]
    empty = sum(1 for c in busy if c.empty_plan)
    share = f"{empty / len(busy):.0%}" if busy else "-"
    return f"| {label} | {len(cuts)} | {' | '.join(aucs)} | {len(busy)} | {share} |"


def protocol_auc(cuts: Sequence[EgoCut], name: str, days: Sequence[int]) -> float:
    """The protocol's figure: AUCs averaged over egos, then over cut-offs."""
    return mean(mean(c.auc[name] for c in cuts if c.cutoff_day == day) for day in days)


def read_messages(path: Path) -> Iterator[Message]:
    """`sender receiver unix_time` a line, after a header line."""
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            sender, receiver, t = line.split()
            yield Message(int(sender), int(receiver), float(t))


if __name__ == "__main__":
    main()
