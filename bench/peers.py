"""Kith beside the peers it must beat (issue 15): `make bench-peers`.

Wraps ../shared/tools/peer_bench.py without changing it: its virtual environments live under
bench/.peers/ (made once, by its own `setup`), and its `kith-venv` holds a copy of this checkout
installed afresh at every run (not editable, bytecode compiled, so later edits to the tree do
not change a run that is going on). The script is then run for Kith, jsoncrm, rolodex-cli and
narad at 10,000 and 30,000 people (N contacts × 10 interactions, each operation a fresh
process, median of 5, a bare `python -c pass` before every run). Kith is timed on a few more
operations here, so that each peer operation has the same work in Kith beside it: `kith export
csv` for rolodex's CSV export, and `kith list NAME` (names only) for jsoncrm's search, which
looks at names only.

The table printed is Kith ÷ peer per like-for-like operation, from one run's JSON; below 1 Kith
is faster: in milliseconds, and "by Python", each tool's median first divided by the bare
Python start timed between its own runs (the tools run one after another, so on a shared
machine whose load drifts this is the steadier of the two). `--report FILE` prints the table
again from a saved run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = ROOT / "bench" / ".peers"
PEERS = DEFAULT_ROOT
SCRIPT = ROOT.parent / "shared" / "tools" / "peer_bench.py"
TOOLS = ["kith", "jsoncrm", "rolodex-cli", "narad"]
SIZES = "10000,30000"

# (peer, the peer's operation, Kith's operation that does the same work, what differs)
PAIRS: list[tuple[str, str, str, str]] = [
    ("jsoncrm", "help", "help", ""),
    ("jsoncrm", "list (list leads: all rows)", "list (all contacts)", ""),
    ("jsoncrm", "list (list leads -n 50)", "list (--limit 50)", ""),
    (
        "jsoncrm",
        "search by name",
        "search names only (list Quixote)",
        "jsoncrm looks at names only: Kith's names-only search",
    ),
    (
        "jsoncrm",
        "search by name",
        "search by name (search Quixote)",
        "Kith also searches companies, notes and 300k interactions",
    ),
    (
        "jsoncrm",
        "show one contact (find by linkedin_url)",
        'show one contact (show "Zebulon Quixote")',
        "jsoncrm: one record by exact key; Kith: the card, tie and newest interactions",
    ),
    ("jsoncrm", "add one contact", "add one contact", ""),
    ("rolodex-cli", "help", "help", ""),
    ("rolodex-cli", "list (all, with notes column)", "list (all contacts)", ""),
    ("rolodex-cli", "search by name", "search by name (search Quixote)", ""),
    (
        "rolodex-cli",
        "show one contact (notes --id)",
        'show one contact (show "Zebulon Quixote")',
        "rolodex by id; Kith by name",
    ),
    ("rolodex-cli", "add one contact", "add one contact", ""),
    (
        "rolodex-cli",
        "export (export --format csv -> ./db-output.csv)",
        "export (export csv FILE)",
        "CSV both",
    ),
    ("narad", "help", "help", ""),
    ("narad", "list (default: 50 rows)", "list (--limit 50)", ""),
    ("narad", "list (all rows, -n 1000000)", "list (all contacts)", ""),
    ("narad", "search by name", "search by name (search Quixote)", "full text both"),
    (
        "narad",
        "who is due (today: overdue tasks)",
        "who is due (today)",
        "Kith's today also lists the week's picks and people met",
    ),
    ("narad", "show one contact", 'show one contact (show "Zebulon Quixote")', ""),
    ("narad", "add one contact", "add one contact", ""),
    (
        "narad",
        "log an interaction (add note --contact ID --channel call)",
        "log an interaction (log NAME SUMMARY --channel call)",
        "Kith also updates the tie rows",
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--report", type=Path, help="print the table of a saved run and stop")
    parser.add_argument(
        "--root", type=Path, default=DEFAULT_ROOT, help="where the venvs and data sets live"
    )
    parser.add_argument(
        "--installed",
        action="store_true",
        help="keep the Kith already in kith-venv (two sizes run side by side share it)",
    )
    args = parser.parse_args()
    if args.report:
        report(json.loads(args.report.read_text()))
        return
    global PEERS  # noqa: PLW0603 - one root per run; two runs side by side need two
    PEERS = args.root.resolve()
    bench = load_script()
    tools = args.tools.split(",")
    set_up(bench, [t for t in tools if t != "kith"])
    if "kith" in tools and not args.installed:
        install_kith(bench.PY312)
    bench.BENCHES["kith"] = with_more_kith(bench, bench.BENCHES["kith"])
    sizes = args.sizes.replace(",", "-")
    out = PEERS / f"results-{time.strftime('%Y%m%dT%H%M%S')}-{sizes}.json"
    bench.cmd_run(
        argparse.Namespace(
            root=str(PEERS),
            out=str(out),
            sizes=args.sizes,
            runs=args.runs,
            tools=args.tools,
            resume=False,
        )
    )
    print(f"\nResults: {out.relative_to(ROOT)}")
    report(json.loads(out.read_text()))


def load_script() -> ModuleType:
    if not SCRIPT.exists():
        sys.exit(
            f"{SCRIPT} is missing: bench-peers needs the shared peer benchmark beside the repo"
        )
    spec = importlib.util.spec_from_file_location("peer_bench", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_up(bench: ModuleType, tools: list[str]) -> None:
    """The peers' virtual environments, made by the script's own `setup` once each."""
    missing = [t for t in tools if not (bench.venv_of(PEERS, t) / "bin" / "python").exists()]
    if missing:
        PEERS.mkdir(parents=True, exist_ok=True)
        bench.cmd_setup(argparse.Namespace(root=str(PEERS), tools=",".join(missing)))


def install_kith(interpreter: str) -> None:
    """kith-venv: this checkout as it stands, installed (not editable) with bytecode, on the
    peers' own interpreter (Python 3.12), so that start-up compares programs, not Pythons."""
    venv = PEERS / "kith-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    build = PEERS / "kith-build"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    shutil.copytree(ROOT / "src", build / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, build / name)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(build)],
        check=True,
    )
    subprocess.run([str(python), "-m", "compileall", "-q", str(venv / "lib")], check=False)


def with_more_kith(bench: ModuleType, original: Callable[..., Any]) -> Callable[..., Any]:
    """The script's Kith bench, then the same work as two peer operations it has no twin for,
    timed the same way on the same database before the next tool runs."""

    def bench_kith(root: Path, n: int, runs: int, ds: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = original(root, n, runs, ds)
        home = root / f"bench/kith-{n}"
        env = bench.base_env(root, home, root / "kith-venv", {"KITH_DB": str(home / "kith.db")})
        result["cli"]["export (export csv FILE)"] = bench.timed(
            ["kith", "export", "csv", str(home / "out.csv")], env, runs=runs
        )
        result["cli"]["search names only (list Quixote)"] = bench.timed(
            ["kith", "list", "Quixote"], env, runs=runs
        )
        return result

    return bench_kith


def report(results: dict[str, Any]) -> None:
    sizes = sorted({int(k.split("@")[1]) for k in results if "@" in k})
    base = results.get("baseline", {})
    print(
        "\nBare python -c pass (median): "
        + "; ".join(f"{k.split(' (')[0]} {v['median_s'] * 1000:.0f} ms" for k, v in base.items())
    )
    head = ["peer", "peer operation", "Kith operation"]
    for n in sizes:
        head += [f"Kith ms {n:,}", f"peer ms {n:,}", f"Kith ÷ peer {n:,}", f"by Python {n:,}"]
    rows = []
    for peer, theirs, ours, note in PAIRS:
        row = [peer, theirs, ours + (f" ({note})" if note else "")]
        for n in sizes:
            k = op(results, f"kith@{n}", ours)
            p = op(results, f"{peer}@{n}", theirs)
            if k is None or p is None:
                row += ["-", "-", "-", "-"]
                continue
            row += [f"{k[0] * 1000:.0f}", f"{p[0] * 1000:.0f}", f"{k[0] / p[0]:.2f}"]
            row.append(f"{k[1] / p[1]:.2f}")
        rows.append(row)
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * 3 + "---:|" * (len(head) - 3))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for n in sizes:
        kith = results.get(f"kith@{n}", {})
        first, python = kith.get("first_today_s"), kith_python(results)
        if first is not None and python:
            print(
                f"\nKith at {n:,}: import {kith['load']['seconds']:.1f} s; the first `today` after "
                f"it {first * 1000:.0f} ms ({first / python:.1f}x a bare python start)."
            )


def op(results: dict[str, Any], key: str, label: str) -> tuple[float, float] | None:
    """An operation's median in seconds, and that median over the bare `python -c pass`
    measured between its runs: tools are timed one after another, so on a busy machine the
    second ratio, of two such multiples, is the steadier comparison."""
    found = (results.get(key) or {}).get("cli", {}).get(label)
    if not found or found.get("rc") not in (0, None):
        return None
    return float(found["median_s"]), float(found["ratio_to_python"])


def kith_python(results: dict[str, Any]) -> float | None:
    for label, figure in results.get("baseline", {}).items():
        if "kith" in label:
            return float(figure["median_s"])
    return None


if __name__ == "__main__":
    main()
