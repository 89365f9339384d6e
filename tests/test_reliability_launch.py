"""Commands forked from reliability/_launch.py's server by several threads at once: each one's
exit status reaches its caller (none lost to another thread reading the same pipe)."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reliability._launch import STATUS_LOST, run

THREADS = 4
COMMANDS = 40  # without the lock in _launch.py about one in nine came back as 255


def test_commands_forked_from_four_threads_at_once_each_report_their_own_exit_status(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kith.db"
    assert run(["--db", str(db), "add", "Ada Lovelace"], tmp_path / "setup")[0] == 0

    def missing(n: int) -> int:
        return run(["--db", str(db), "show", "#999"], tmp_path / f"show-{n}")[0]

    with ThreadPoolExecutor(THREADS) as pool:
        codes = Counter(pool.map(missing, range(COMMANDS)))
    assert STATUS_LOST not in codes
    assert codes == {3: COMMANDS}
