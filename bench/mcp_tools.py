"""The MCP server's figures (issue 13): how long `kith mcp` takes from spawn to an answered
`initialize` through the official SDK's stdio client, and each read tool's round trip, p50 and
p95, on a generated profile. The commands' own targets are the yardstick (150 ms for a
lookup, 300 ms for a list or the week, 3 s for introductions): the ratio printed is p50 to
that target. Figures to read, not tests: nothing fails; no tool that writes is called.

    python bench/mcp_tools.py                  # profile L, as `make bench`
    python bench/mcp_tools.py --profile M --runs 10
    python bench/mcp_tools.py --db /path/to/L.db   # an already built file, as it is
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BENCH_ENV, DATA, FAST_MS, INTROS_MS, KITH, NOW, SLOW_MS, build

START_MS = 1000.0  # spawn to an answered initialize: an assistant waits on it once a session


def _params(db: Path) -> StdioServerParameters:
    env = {"XDG_DATA_HOME": BENCH_ENV["XDG_DATA_HOME"], "TZ": "UTC"}
    return StdioServerParameters(
        command=str(KITH), args=["--db", str(db), "--now", NOW, "mcp"], env=env
    )


async def start_up(db: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        async with Client(_params(db)) as client:
            times.append((time.perf_counter() - started) * 1000)
            await client.list_tools()
    return times


def calls(someone: str, company: str) -> list[tuple[str, dict[str, Any], float]]:
    return [
        ("list_people", {"query": "tag:meetup since:90d", "limit": 50}, SLOW_MS),
        ("search_people", {"text": "data"}, FAST_MS),
        ("show_person", {"name": someone}, FAST_MS),
        ("week_plan", {}, SLOW_MS),
        ("week_plan", {"with_drafts": True}, SLOW_MS),
        ("today", {}, SLOW_MS),
        ("follow_ups", {}, SLOW_MS),
        ("draft_message", {"name": someone}, FAST_MS),
        ("warm_path", {"company": company}, INTROS_MS),
        ("suggest_introductions", {}, INTROS_MS),
    ]


async def tool_times(db: Path, runs: int) -> None:
    async with Client(_params(db)) as client:
        week = (await client.call_tool("week_plan", {})).structured_content or {}
        picks = week.get("picks") or [{"id": 1, "company": None}]
        someone = f"#{picks[0]['id']}"
        company = next((p["company"] for p in picks if p.get("company")), "Acme")
        print(f"{'tool':<44}{'p50 ms':>8}{'p95 ms':>8}  ratio p50 to target")
        for name, arguments, target in calls(someone, company):
            await client.call_tool(name, arguments)  # warm
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                result = await client.call_tool(name, arguments)
                times.append((time.perf_counter() - started) * 1000)
                assert not result.is_error, (name, result.content)
            p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
            label = f"{name} {','.join(arguments)}".strip()
            print(f"{label:<44}{p50:>8.1f}{p95:>8.1f}  {p50 / target:.2f} of {target:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="L")
    parser.add_argument("--db", type=Path, help="an already built database (not rebuilt)")
    parser.add_argument("--runs", type=int, default=20, help="calls per tool")
    args = parser.parse_args()
    db = args.db or DATA / f"{args.profile}.db"
    if args.db is None:
        build(args.profile, db)
    print(f"Profile {args.profile}: {db}")
    times = anyio.run(start_up, db, 5)
    p50 = statistics.median(times)
    print(f"start-up (spawn to initialize), 5 runs: p50 {p50:.0f} ms, fastest {min(times):.0f} ms")
    print(f"  ratio to {START_MS:.0f} ms: {p50 / START_MS:.2f}")
    anyio.run(tool_times, db, args.runs)


if __name__ == "__main__":
    main()
