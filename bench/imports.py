"""Import benchmarks: generated LinkedIn Connections.csv and vCard files into empty databases.

Targets from the issue: 30,000 connections under 5 s, 10,000 vCards under 10 s. Each figure is
the median wall time of `--runs` fresh `kith import` processes, each into a new database, with
the ratio to its target and the child's peak memory. Figures to read, not tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
KITH = Path(sys.executable).parent / "kith"
GIVEN = ("Ada", "Grace", "Zoë", "José", "Mei", "Olu", "Anja", "Ravi", "Sofía", "Tom", "Ines")
FAMILY = ("Lovelace", "Hopper", "Müller", "Núñez", "Chen", "Adeyemi", "Berg", "Rao", "Lund")
COMPANIES = tuple(f"Company {n}" for n in range(2_000))


def connections_csv(rows: int, path: Path) -> Path:
    rng = random.Random(7)
    lines = [
        "Notes:",
        '"When exporting your connection data, ..."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for n in range(rows):
        given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}{n}"
        email = f"{given.lower()}.{n}@example.org" if n % 5 == 0 else ""
        month = rng.choice(("Jan", "Mar", "Oct"))
        day = f"{rng.randint(1, 28):02d} {month} {rng.randint(2012, 2026)}"
        lines.append(
            f"{given},{family},https://www.linkedin.com/in/p{n},{email},"
            f"{rng.choice(COMPANIES)},Engineer,{day}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def vcards(count: int, path: Path) -> Path:
    rng = random.Random(7)
    cards = []
    for n in range(count):
        given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}{n}"
        cards.append(
            "\r\n".join(
                [
                    "BEGIN:VCARD",
                    "VERSION:3.0",
                    f"UID:card-{n}",
                    f"FN:{given} {family}",
                    f"N:{family};{given};;;",
                    f"EMAIL;TYPE=WORK:{given.lower()}.{n}@example.org",
                    f"TEL;TYPE=CELL:+44 20 7946 {n % 10_000:04d}",
                    f"ORG:{rng.choice(COMPANIES)}",
                    "TITLE:Engineer",
                    f"BDAY:19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "CATEGORIES:friends,work",
                    f"NOTE:met at conference {n % 40}",
                    "END:VCARD",
                ]
            )
        )
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")
    return path


def timed_import(source: Path, runs: int) -> tuple[float, float]:
    """Median seconds and highest peak MB of `runs` imports, each into a fresh database."""
    seconds, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=DATA) as scratch:
            db = Path(scratch) / "kith.db"
            started = time.perf_counter()
            child = subprocess.Popen(
                [str(KITH), "--db", str(db), "--now", "2026-11-22T10:00", "import", str(source)],
                stdout=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(child.pid, 0)
            seconds.append(time.perf_counter() - started)
            peaks.append(usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) not in (0, 6):
                sys.exit(f"kith import {source} failed")
    return statistics.median(seconds), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    cases = [
        (
            "LinkedIn Connections.csv, 30,000 rows",
            connections_csv(30_000, DATA / "Connections.csv"),
            5.0,
        ),
        ("vCard file, 10,000 cards", vcards(10_000, DATA / "contacts.vcf"), 10.0),
    ]
    print("| import into an empty database | seconds | target s | vs target | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for label, source, target in cases:
        seconds, peak = timed_import(source, args.runs)
        print(f"| {label} | {seconds:.1f} | {target:.0f} | {seconds / target:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
