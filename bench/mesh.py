"""Mesh benchmarks: `kith circles` and `kith report` on profile L, and Kith's closed forms and
circle detection against networkx's general routines on profile M, in the same run.

Targets from issue 10: `kith report` on profile L under 10 s with peak memory under 1 GB. The
report's figures are the median of `--runs` fresh processes on a copy of the database, after a
first `kith report` that brings the layers and circles up to date (timed on its own). networkx's
constraint and ego betweenness grow with the cube of the contacts (science.md §8.5), so they run
on the ego graphs of the first 150 and 400 of M's contacts, beside Kith's on the same graphs;
Louvain (networkx) and Leiden (igraph, Kith's) both run on the whole of M.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import networkx as nx
import numpy as np

from kith.relate import brokerage
from kith.relate import circles as relate
from kith.relate.brokerage import Ego
from kith.services.mesh.graph import MeshArrays, load_arrays
from kith.store import open_store
from run import DATA, KITH, NOW, build, fresh_copy, run_once

REPORT_TARGET_MS, MEMORY_TARGET_MB = 10_000.0, 1_024.0
SUBGRAPHS = (150, 400)
USER = -1
T = TypeVar("T")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed `kith report` runs (median)")
    args = parser.parse_args()
    large, medium = DATA / "L.db", DATA / "M.db"
    build("L", large)
    build("M", medium)
    print("Profile L (30,000 people):")
    commands_on(large, args.runs)
    print("\nProfile M (5,000 people), in process:")
    against_networkx(medium)


def commands_on(db: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        copy = Path(scratch) / "copy.db"
        fresh_copy(db, copy)
        base = [str(KITH), "--db", str(copy), "--now", NOW]
        ms, mb = run_once([*base, "circles"])
        print(f"  first kith circles (circles detected): {ms:,.0f} ms, {mb:.0f} MB")
        ms, mb = run_once([*base, "report"])
        print(f"  first kith report after it (replays the layers): {ms:,.0f} ms, {mb:.0f} MB")
        samples = [run_once([*base, "report"]) for _ in range(runs)]
        median = statistics.median(ms for ms, _ in samples)
        peak = max(mb for _, mb in samples)
        print(
            f"  kith report (median of {runs}): {median:,.0f} ms "
            f"({median / REPORT_TARGET_MS:.2f} of the 10 s target), peak {peak:.0f} MB "
            f"({peak / MEMORY_TARGET_MB:.2f} of 1 GB)"
        )
        ms, mb = run_once([*base, "circles"])
        print(f"  kith circles, nothing new: {ms:,.0f} ms, {mb:.0f} MB")


def against_networkx(db: Path) -> None:
    now = datetime.fromisoformat(NOW).replace(tzinfo=UTC)
    store = open_store(db)
    started = time.perf_counter()
    mesh = load_arrays(store, now, UTC)
    store.close()
    print(
        f"  the mesh as arrays: {len(mesh.people):,} contacts, {len(mesh.a):,} edges, "
        f"{time.perf_counter() - started:.2f} s"
    )
    graph = relate.Graph(len(mesh.people), mesh.a, mesh.b, mesh.w)
    kith_s, labels = timed(lambda: relate.detect(graph))
    nx_graph = nx.Graph()
    nx_graph.add_nodes_from(range(graph.n))
    nx_graph.add_weighted_edges_from(
        zip(mesh.a.tolist(), mesh.b.tolist(), mesh.w.tolist(), strict=True)
    )
    nx_s, found = timed(lambda: nx.community.louvain_communities(nx_graph, seed=7))
    ours = [np.flatnonzero(labels == k).tolist() for k in np.unique(labels[labels >= 0])]
    ours += [[n] for n in np.flatnonzero(labels < 0).tolist()]
    print(
        f"  circles: Kith (igraph Leiden) {kith_s:.2f} s, modularity "
        f"{nx.community.modularity(nx_graph, ours):.4f}; networkx Louvain {nx_s:.2f} s, "
        f"modularity {nx.community.modularity(nx_graph, found):.4f}; ratio {nx_s / kith_s:.1f}x"
    )
    whole = Ego(mesh.strength, mesh.a, mesh.b, mesh.w)
    kith_s, _ = timed(lambda: closed_forms(whole))
    print(f"  closed forms on all {whole.n:,} contacts: {kith_s:.2f} s")
    for size in SUBGRAPHS:
        versus(sub_ego(mesh, size))


def versus(ego: Ego) -> None:
    graph = nx.Graph()
    for j, s in enumerate(ego.tie.tolist()):
        graph.add_edge(USER, j, weight=max(s, 1e-6))
    graph.add_weighted_edges_from(zip(ego.a.tolist(), ego.b.tolist(), ego.w.tolist(), strict=True))
    ego = Ego(np.maximum(ego.tie, 1e-6), ego.a, ego.b, ego.w)
    kith_s, ours = timed(lambda: closed_forms(ego))
    nx_s, theirs = timed(
        lambda: (
            nx.constraint(graph, [USER], weight="weight")[USER],
            nx.effective_size(graph, [USER])[USER],
            nx.betweenness_centrality(graph, normalized=True)[USER],
        )
    )
    same = all(abs(a - b) < 1e-9 for a, b in zip(ours, theirs, strict=True))
    print(
        f"  constraint, effective size, ego betweenness on {ego.n} contacts ({len(ego.a):,} "
        f"edges): Kith {kith_s * 1000:.1f} ms, networkx {nx_s * 1000:,.0f} ms, ratio "
        f"{nx_s / kith_s:,.0f}x; equal: {same}"
    )


def closed_forms(ego: Ego) -> tuple[float, float, float]:
    common = brokerage.common_contacts(ego)
    return (
        brokerage.constraint(ego),
        brokerage.effective_size(ego),
        brokerage.normalised_betweenness(ego, common),
    )


def sub_ego(mesh: MeshArrays, size: int) -> Ego:
    keep = (mesh.a < size) & (mesh.b < size)
    return Ego(mesh.strength[:size], mesh.a[keep], mesh.b[keep], mesh.w[keep])


def timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


if __name__ == "__main__":
    main()
