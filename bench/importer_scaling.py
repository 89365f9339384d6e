"""Importers at n and 4n: linear work takes about 4 times as long, quadratic work 16 times.

For each importer, one file of n and one of 4n (reliability/inputs.py) into new databases:
the wall times, the ratio, and the ratio of SQL statements. Then the absurd records of issue 17
(a card of 100,000 e-mails, a meeting of 50,000 attendees): refused or ignored, and said so.
Measured in-process; on a shared machine the times are noisy, the ratios less so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reliability.inputs import ABSURD, CASES, csv_rows
from reliability.scaling import measure

LINEAR = 4.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--huge", action="store_true", help="also a CSV of 100,000 rows")
    args = parser.parse_args()
    for make, _, me in CASES.values():  # the first import pays for loading the readers
        measure(make, 10, me)
    print(f"{'importer':38} {'n':>7} {'t(n)':>7} {'t(4n)':>7} {'ratio':>6} {'SQL ratio':>9}")
    for name, (make, first, me) in CASES.items():
        n = max(1, int(first * args.scale))
        small, large = measure(make, n, me), measure(make, 4 * n, me)
        ratio = large.seconds / small.seconds
        sql = large.statements / max(1, small.statements)
        print(
            f"{name:38} {n:>7,} {small.seconds:>6.2f}s {large.seconds:>6.2f}s "
            f"{ratio:>6.1f} {sql:>9.1f}   (linear ≈ {LINEAR:.0f})"
        )
    absurd = dict(ABSURD)
    if args.huge:
        absurd["CSV of 100,000 rows"] = (csv_rows, 100_000, ())
    for name, (make, n, me) in absurd.items():
        found = measure(make, n, me)
        print(f"{name:38} {found.seconds:>6.1f}s  {found.summary[:110]}")


if __name__ == "__main__":
    main()
