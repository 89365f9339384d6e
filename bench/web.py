"""The web app's figures (issues 11 and 12): each page's server time, p50 and p95 (and the
median CPU time, the process's, which a busy machine inflates less than the wall clock),
in-process on a generated profile; then a loopback load test of the week page against a real
`kith serve` (20 concurrent clients for 30 s). Figures to read, not tests: nothing fails.

    python bench/web.py                  # profile L, as `make bench`
    python bench/web.py --profile M --seconds 10
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx

from kith.web.app import create_app
from kith.web.config import WebSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BENCH_ENV, DATA, KITH, NOW, build

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from starlette.testclient import TestClient  # noqa: E402

P50_MS, P95_MS, RATE = 50.0, 150.0, 300.0  # issue 11's limits
PORT = 8799
CLIENTS = 20


def pages(client: TestClient) -> list[str]:
    week = client.get("/?format=json").json()
    someone = week["picks"][0]["id"] if week["picks"] else 1
    return [
        "/",
        "/people",
        "/people?q=tag:meetup since:90d",
        "/people?sort=strength",
        "/people?sort=last",
        "/people?sort=due",
        "/people?q=tag:meetup&sort=strength",
        f"/people/{someone}",
        f"/people/{someone}?kind=reconnect&channel=message",
        f"/people/{someone}/chart",
        f"/people/{busiest(client)}",
        f"/people/{busiest(client)}/chart",
        "/names?q=an",
        "/log",
        "/claim",
        "/settings",
        "/settings?format=json",
        "/import",
        "/import/progress",
        "/report",  # issue 12: the stored report, drawn by report.js
        "/introductions",  # issue 12: the board, with the stored suggestions
        "/api/people",  # issue 13: the JSON API
        "/api/plan",
    ]


def busiest(client: TestClient) -> int:
    """The person with the most interactions among the strongest shown: the chart's worst case
    a user would open."""
    listed = client.get("/people?sort=strength&format=json").json()["people"]
    return int(max(listed, key=lambda person: person["interaction_count"])["id"])


def page_times(db: Path, runs: int) -> None:
    settings = WebSettings(now=NOW)
    with TestClient(create_app(db, settings), base_url="http://127.0.0.1:8765") as client:
        stored_results(client)
        print(
            f"{'page':<50}{'p50 ms':>8}{'p95 ms':>8}{'cpu p50':>8}"
            "  ratio p50/p95 to limits (cpu p50 to 50 ms: steadier on a busy machine)"
        )
        for path in pages(client):
            p50, p95, cpu = timed(client, path, runs)  # warm first: the week is made then
            ratios = f"{p50 / P50_MS:.2f} / {p95 / P95_MS:.2f} ({cpu / P50_MS:.2f})"
            print(f"{path:<50}{p50:>8.1f}{p95:>8.1f}{cpu:>8.1f}  {ratios}")


def timed(client: TestClient, path: str, runs: int) -> tuple[float, float, float]:
    """One page's server time in ms after a warm-up request: p50, p95, and the p50 of the CPU
    time (steadier on a shared machine)."""
    client.get(path)
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], statistics.median(cpu)


def stored_results(client: TestClient) -> None:
    """Issue 12: the report and the suggestions are kept; the first look at /report starts
    their refresh in the background, which the pages never wait for. Timed here once, so the
    page times below read the kept ones."""
    started = time.perf_counter()
    client.get("/report")
    refresher = client.app.state.context.refresher  # type: ignore[attr-defined]
    refresher.wait()
    print(
        f"stored report and suggestions refreshed in the background: "
        f"{time.perf_counter() - started:.1f} s"
    )


def load_test(db: Path, seconds: float) -> None:
    command = [str(KITH), "--db", str(db), "--now", NOW, "serve", "--port", str(PORT)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=BENCH_ENV)
    try:
        _wait(f"http://127.0.0.1:{PORT}/")
        counts = {"ok": 0, "errors": 0}
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        workers = [
            threading.Thread(target=_client, args=(deadline, counts, lock)) for _ in range(CLIENTS)
        ]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        rate = counts["ok"] / (time.perf_counter() - started)
        print(
            f"load: {CLIENTS} clients, {seconds:.0f} s on /: {rate:.0f} requests/s "
            f"({rate / RATE:.2f} of the {RATE:.0f} asked), {counts['errors']} errors"
        )
    finally:
        server.terminate()
        server.wait(10)


def _client(deadline: float, counts: dict[str, int], lock: threading.Lock) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=10) as client:
        while time.monotonic() < deadline:
            try:
                ok = client.get("/").status_code == 200
            except httpx.HTTPError:
                ok = False
            with lock:
                counts["ok" if ok else "errors"] += 1


def _wait(url: str) -> None:
    for _ in range(400):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit(f"kith serve did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="L")
    parser.add_argument("--runs", type=int, default=40, help="requests per page")
    parser.add_argument("--seconds", type=float, default=30.0, help="the load test's length")
    args = parser.parse_args()
    db = DATA / f"{args.profile}.db"
    build(args.profile, db)
    print(f"Profile {args.profile}: {db}")
    page_times(db, args.runs)
    load_test(db, args.seconds)


if __name__ == "__main__":
    main()
