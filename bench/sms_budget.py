"""Where the SMS backup's import spends the budget issue 14 gives it, reading side and the rest.

Issue 14 asks the import of an SMS backup to reach 0.25 of the throughput of a minimal parse
(`iterparse` into (date, address) tuples: bench/chats.py's baseline), so it may take at most
four times the baseline's CPU. This times, on bench/chats.py's generated backup (`--sms`: the
uniform or the bursty shape), each in a fresh child process by its own CPU
(`time.process_time`, Kith's modules imported before the clock as bench/chats.py does), the
modes alternating round by round:

- `baseline`: the minimal parse;
- `reader`: the reading of the file alone (`sms_backup._Reader.entries`);
- `reading`: the reader, then the conversations' rows the importer is handed
  (`sms_backup.in_bulk`), with the cyclic collector paused as the import pauses it;
- `import`: the whole import into an empty database (`import_path`).

It prints the medians, the budget (4 × the baseline) and what the import spends past its
reading side: when that alone exceeds the budget, no change to the reading side reaches the
target. Figures to read, not a test: nothing fails.

    .venv/bin/python bench/sms_budget.py [--messages 100000] [--rounds 3] [--sms bursty]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.chats import TARGET, baseline_sms, bursty, importer, sms, warm

MODES = ("baseline", "reader", "reading", "import")


def reading(path: Path, rows: bool) -> int:
    """The messages the reader keeps; with `rows`, their conversations' rows made too."""
    from kith.sources import sms_backup

    paused = gc.isenabled()
    gc.disable()
    try:
        reader = sms_backup._Reader(path, None)
        for _ in reader.entries():
            pass
        if rows:
            messages = reader.messages
            messages.sort(key=itemgetter(0))
            for _ in sms_backup.in_bulk(messages, reader.own):
                pass
        return len(reader.messages)
    finally:
        if paused:
            gc.enable()


def child(mode: str, path: Path) -> None:
    warm("sms-backup", "baseline" if mode == "baseline" else "import")
    cpu = time.process_time()
    if mode == "baseline":
        messages = baseline_sms(path)["messages"]
    elif mode == "import":
        messages = importer("sms-backup")(path)["messages"]
    else:
        messages = reading(path, rows=mode == "reading")
    print(json.dumps({"messages": messages, "cpu": time.process_time() - cpu}))


def measured(mode: str, path: Path) -> float:
    argv = [sys.executable, __file__, "--child", mode, str(path)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return float(json.loads(out)["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sms", choices=("uniform", "bursty"), default="bursty")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    path = (bursty if args.sms == "bursty" else sms)(args.messages)
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    for round_ in range(args.rounds):
        for mode in MODES if round_ % 2 == 0 else reversed(MODES):
            cpu[mode].append(measured(mode, path))
    median = {mode: statistics.median(found) for mode, found in cpu.items()}
    print(f"{path.name}, {args.rounds} rounds, {datetime.now(UTC):%H:%M} UTC")
    for mode in MODES:
        runs = ", ".join(f"{c:.2f}" for c in cpu[mode])
        print(f"  {mode:<9} median {median[mode]:.3f} s CPU  ({runs})")
    budget = median["baseline"] / TARGET
    rest = median["import"] - median["reading"]
    print(f"  CPU ratio {median['baseline'] / median['import']:.2f} (target {TARGET})")
    print(
        f"  budget: {budget:.2f} s; reading side {median['reading']:.2f} s; the rest {rest:.2f} s"
    )
    print(
        f"  with no reading side at all the ratio would be {median['baseline'] / rest:.2f}; "
        f"the rest must shrink by {max(0.0, rest + median['reading'] - budget):.2f} s "
        "with the reading side as it is"
    )


if __name__ == "__main__":
    main()
