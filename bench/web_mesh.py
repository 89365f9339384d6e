"""The network page's figures (issue 12) on a generated profile: the drawing made the first
time (circles, layout, bridges, stored), `/network` and its JSON twin's server time, p50 and
p95, from the stored drawing; then the page in Debian's headless chromium (software WebGL, as
tests/browser_support.WEBGL), from navigation to sigma's first frame drawn. Figures to read,
not tests: nothing fails.

    python bench/web_mesh.py                 # profile L, as `make bench`
    python bench/web_mesh.py --profile M --runs 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

from playwright.sync_api import sync_playwright

from kith.clock import parse_now, zone
from kith.services.mesh import drawing
from kith.store import open_store
from kith.web.app import create_app
from kith.web.config import WebSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BENCH_ENV, DATA, KITH, NOW, build
from web import _wait, timed

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from starlette.testclient import TestClient  # noqa: E402

P50_MS = 50.0  # issue 12: /network from the stored drawing
DRAWN_MS = 3000.0  # issue 12: 5,000 nodes drawn in chromium
PORT = 8798
WEBGL = ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
PAGES = ("/network", "/network?format=json")


def first_drawing(db: Path) -> None:
    """The drawing made anew, as the first look after a change to the mesh makes it."""
    store = open_store(db)
    try:
        now = parse_now(NOW, zone(store.meta.setting("timezone")))
        drawing.current(store, now, now.tzinfo)  # type: ignore[arg-type]  # layers current first
        started = time.perf_counter()
        made = drawing.make(store, now, now.tzinfo)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        drawing.loaded(made.key, store.network.nodes(), store.network.edges())
        read = time.perf_counter() - started
    finally:
        store.close()
    print(
        f"drawing made: {seconds:.1f} s for {len(made.nodes):,} people and "
        f"{len(made.edges):,} links (then read back from the store in {read:.1f} s, once per "
        "server)"
    )


def page_times(db: Path, runs: int) -> None:
    settings = WebSettings(now=NOW)
    with TestClient(create_app(db, settings), base_url="http://127.0.0.1:8765") as client:
        print(f"{'page':<26}{'p50 ms':>8}{'p95 ms':>8}  ratio p50 to {P50_MS:.0f} ms")
        for path in PAGES:
            p50, p95, _cpu = timed(client, path, runs)  # warm: the drawing is read once
            print(f"{path:<26}{p50:>8.1f}{p95:>8.1f}  {p50 / P50_MS:.2f}")


def browser_times(db: Path, runs: int) -> None:
    command = [str(KITH), "--db", str(db), "--now", NOW, "serve", "--port", str(PORT)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=BENCH_ENV)
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is missing: make browser installs it")
    try:
        _wait(f"http://127.0.0.1:{PORT}/network?format=json")  # also reads the drawing once
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", *WEBGL]
            )
            times, nodes = [], ""
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"http://127.0.0.1:{PORT}/network")
                graph = page.locator("#network[data-state=drawn]")
                graph.wait_for(state="attached", timeout=60_000)
                times.append(float(graph.get_attribute("data-ms") or "nan"))
                nodes = graph.get_attribute("data-nodes") or ""
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    ms = statistics.median(times)
    print(
        f"chromium: {nodes} nodes drawn {ms:.0f} ms after navigation (median of {runs}; "
        f"{ms / DRAWN_MS:.2f} of the {DRAWN_MS / 1000:.0f} s asked)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="L")
    parser.add_argument("--runs", type=int, default=40, help="requests per page")
    parser.add_argument("--loads", type=int, default=5, help="page loads in chromium")
    args = parser.parse_args()
    db = DATA / f"{args.profile}.db"
    build(args.profile, db)
    print(f"Profile {args.profile}: {db}")
    first_drawing(db)
    page_times(db, args.runs)
    browser_times(db, args.loads)


if __name__ == "__main__":
    main()
