"""docs/reliability.md's table: written whole by `make reliability`, one proof's rows at a time
by `python -m reliability --only NAME --write`."""

from __future__ import annotations

from pathlib import Path

from reliability import Row
from reliability.__main__ import block, blocks_in, table, write

CRASH, FUZZ = "Crash safety", "Fuzzed importers"


def rows(title: str, tried: str, seconds: float, ran: str) -> dict[str, list[str]]:
    return {title: block(title, [Row(tried, 3, (), "a | b"), Row("more", 1)], seconds, ran)}


def test_a_proofs_rows_are_its_title_row_and_the_rows_after_it() -> None:
    text = table(rows(CRASH, "kills", 12.4, "full, seed 17"))
    assert blocks_in(text) == {
        CRASH: [
            "| Crash safety | kills | 3 | nothing | a \\| b | full, seed 17 | 12 |",
            "|  | more | 1 | nothing |  |  |  |",
        ]
    }


def test_writing_one_proof_again_replaces_its_rows_and_keeps_the_others() -> None:
    first = table({**rows(CRASH, "kills", 12, "full"), **rows(FUZZ, "inputs", 30, "full")})
    again = table(rows(FUZZ, "inputs again", 31, "full, later"), old=first)
    assert blocks_in(again)[CRASH] == blocks_in(first)[CRASH]
    assert blocks_in(again)[FUZZ][0] == (
        "| Fuzzed importers | inputs again | 3 | nothing | a \\| b | full, later | 31 |"
    )
    assert list(blocks_in(again)) == [CRASH, FUZZ]  # the table's order, not the run's


def test_two_runs_of_different_proofs_writing_one_file_keep_each_others_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reliability.md"
    write(path, rows(CRASH, "kills", 12, "full"))
    write(path, rows(FUZZ, "inputs", 30, "full"))  # another run, started before the first wrote
    assert list(blocks_in(path.read_text())) == [CRASH, FUZZ]
