"""bench/probe.py times a real child with what explains its time, and bench/week.py's first
commands divide by the bare starts measured beside their own runs."""

from __future__ import annotations

import os
import sys

import pytest

from bench.probe import Beside, Probe, run_probed
from bench.week import first_line

SPIN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.08: pass"


def test_a_child_that_computes_is_charged_its_cpu_time() -> None:
    probe = run_probed([sys.executable, "-c", SPIN], dict(os.environ))

    assert probe.cpu_ms >= 80
    assert probe.wall_ms >= 80


def test_a_child_that_sleeps_waits_without_cpu_time() -> None:
    probe = run_probed([sys.executable, "-c", "import time; time.sleep(0.2)"], dict(os.environ))

    assert probe.wall_ms >= 200
    assert probe.cpu_ms < 150


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_the_exited_child_is_read_before_it_is_reaped() -> None:
    probe = run_probed([sys.executable, "-c", SPIN], dict(os.environ))

    assert probe.cpu in range(os.cpu_count() or 1)
    assert probe.run_delay_ms is not None
    assert probe.run_delay_ms >= 0


def test_a_failing_child_stops_the_benchmark_with_its_error() -> None:
    argv = [sys.executable, "-c", "import sys; sys.exit('no such week')"]

    with pytest.raises(SystemExit, match="no such week"):
        run_probed(argv, dict(os.environ))


def probe(wall_ms: float, cpu_ms: float) -> Probe:
    return Probe(
        wall_ms=wall_ms,
        user_ms=cpu_ms,
        system_ms=0.0,
        rss_mb=30.0,
        voluntary=0,
        involuntary=0,
        blocks_in=0,
        blocks_out=0,
        faults=0,
        cpu=0,
        run_delay_ms=0.0,
        parent_delay_ms=0.0,
        steal_ms=0.0,
        others_ms=0.0,
        iowait_ms=0.0,
        dirty_kb=0,
        writeback_kb=0,
        load=0.0,
    )


def test_a_first_command_is_divided_by_the_median_of_the_bare_starts_beside_it() -> None:
    runs = [
        Beside(probe(200, 190), (probe(10, 10), probe(12, 11))),
        Beside(probe(270, 250), (probe(10, 10), probe(20, 12))),
        Beside(probe(240, 230), (probe(11, 10), probe(10, 10))),
    ]

    row = first_line("today, cold", runs, 25.0)

    assert row == (
        "| kith today, cold | 240 | 22.9× | 230 | 23.0× | 25× | holds (1 of 3 runs over) |"
        " 3 | 200–270 | 19.0–25.7× | 10.5 |"
    )


def test_a_row_whose_every_run_is_under_the_line_says_only_that_it_holds() -> None:
    runs = [Beside(probe(100, 100), (probe(10, 10), probe(10, 10)))]

    row = first_line("today", runs, 25.0)

    assert row == (
        "| kith today | 100 | 10.0× | 100 | 10.0× | 25× | holds | 1 | 100–100 | 10.0–10.0× | 10.0 |"
    )
