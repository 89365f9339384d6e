"""The week's gift on profile L (issue 15): chosen from the inputs an import prepared
(services/mesh/gift_choice.py) against `suggest(week_s=True)` working everything out, on one copy
made as a person finds it on the first `plan` of a new week (an import at the data's clock, then
the week's step a week on), each in its own fresh process, interleaved, CPU time of the choice
alone (the process's start and the step not counted), with the import's own added work. The
target: the first `plan` of a week within about 30 ms of the first `today`, i.e. the gift at
about 30 ms of CPU. Figures to read, not tests: nothing fails; the two must name the same pair.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, KITH, NEXT_WEEK, NOW, PYTHON, build, fresh_copy, run_once

TARGET_MS = 30.0
CHOOSE = """
import sys, time
from datetime import datetime
from pathlib import Path
import numpy
from kith import clock
from kith.store import open_store
from kith.services.mesh import gift_choice, gift_inputs, intros
store = open_store(Path(sys.argv[1]))
zone = clock.zone(store.meta.setting("timezone"))
now = clock.face_now(sys.argv[2], zone)
started = time.process_time()
if sys.argv[3] == "prepared":
    found = gift_choice.choose(store, now, zone)
    pair = (found.a.id, found.b.id) if found else None
elif sys.argv[3] == "keep":
    with store.transaction():
        store.connection.execute("DELETE FROM gift_input")
    started = time.process_time()
    gift_inputs.keep(store)
    pair = None
else:
    found = [s for s in intros.suggest(store, now, zone, week_s=True).found
             if s.kind != "structural"]
    pair = (found[0].a.id, found[0].b.id) if found else None
print((time.process_time() - started) * 1000, pair)
"""


def timed(db: Path, how: str) -> tuple[float, str]:
    ran = subprocess.run(
        [str(PYTHON), "-c", CHOOSE, str(db), NEXT_WEEK, how],
        capture_output=True,
        text=True,
        check=True,
    )
    ms, _, pair = ran.stdout.strip().partition(" ")
    return float(ms), pair


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="L")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = DATA / f"{args.profile}.db"
    build(args.profile, db)
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        copy, card = Path(scratch) / "gift.db", Path(scratch) / "one.vcf"
        card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bench Week\r\nEND:VCARD\r\n")
        fresh_copy(db, copy)
        run_once([str(KITH), "--db", str(copy), "--now", NOW, "plan"])
        run_once([str(KITH), "--db", str(copy), "--now", NOW, "import", str(card)])
        run_once([str(KITH), "--db", str(copy), "--now", NEXT_WEEK, "today"])  # the step
        found: dict[str, list[float]] = {"suggest": [], "prepared": [], "keep": []}
        pairs: dict[str, set[str]] = {"suggest": set(), "prepared": set()}
        for _ in range(args.runs):
            for how in ("suggest", "prepared"):
                ms, pair = timed(copy, how)
                found[how].append(ms)
                pairs[how].add(pair)
        for _ in range(max(1, args.runs // 2)):
            found["keep"].append(timed(copy, "keep")[0])
    suggest, prepared = (statistics.median(found[k]) for k in ("suggest", "prepared"))
    print(f"\nProfile {args.profile}, the week's gift, CPU ms (medians of {args.runs}):")
    print("| how | CPU ms | ÷ suggest | ÷ target (30 ms) |")
    print("|---|---:|---:|---:|")
    print(f"| suggest(week_s=True), as main | {suggest:.0f} | 1.00 | {suggest / TARGET_MS:.1f} |")
    print(
        f"| from the prepared inputs | {prepared:.0f} | {prepared / suggest:.2f} |"
        f" {prepared / TARGET_MS:.1f} |"
    )
    print(f"| the import's keep (made again) | {statistics.median(found['keep']):.0f} | | |")
    same = pairs["suggest"] == pairs["prepared"] and len(pairs["suggest"]) == 1
    print(f"The same pair: {'yes' if same else 'NO'} ({', '.join(sorted(pairs['prepared']))})")


if __name__ == "__main__":
    main()
