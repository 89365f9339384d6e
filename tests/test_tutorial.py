"""docs/tutorial.md tells the truth: every ```console block's output is what Kith prints now.

The blocks run in order on one fresh demo built with the clock at 2026-11-22T10:00Z (see
tests/tutorial.py). When this fails after a deliberate change, regenerate the outputs and read
them before committing:

    PYTHONPATH=src:. python -m tests.tutorial --write
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tutorial import DOC, NOW_TEXT, Session, Step, console_blocks, regenerate


def test_every_console_block_of_the_tutorial_prints_what_is_written(tmp_path: Path) -> None:
    page = DOC.read_text("utf-8")
    blocks, actual, new = regenerate(tmp_path, page)
    assert blocks, "the tutorial has no ```console block left to check"
    for block, steps in zip(blocks, actual, strict=True):
        line = block.first  # 0-based index of the first body line = 1-based fence line
        assert list(steps) == list(block.steps), (
            f"docs/tutorial.md, block at line {line} is stale: "
            "run `PYTHONPATH=src:. python -m tests.tutorial --write` and read the diff"
        )
    assert new == page


def test_the_tutorial_clock_is_the_suites() -> None:
    from tests.conftest import NOW_TEXT as SUITE_NOW

    assert NOW_TEXT == SUITE_NOW


def test_console_blocks_are_read_as_commands_and_the_output_under_each() -> None:
    lines = ["text", "```console", "$ kith a", "one", "two", "$ kith b", "```", "more"]
    (block,) = console_blocks(lines)
    assert (block.first, block.end) == (2, 6)
    assert block.steps == (Step("kith a", ("one", "two")), Step("kith b", ()))


def test_a_console_block_must_start_with_a_command() -> None:
    with pytest.raises(ValueError, match="starts with `\\$ kith`"):
        console_blocks(["```console", "output first", "```"])


def test_a_pipe_to_tail_keeps_the_last_lines_and_quotes_are_the_shells(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.build_demo()
    second = session.run("kith --demo list tag:meetup").splitlines()[1]
    assert session.run("kith --demo list 'tag:meetup' | head -2 | tail -1") == second


def test_only_kith_commands_and_head_or_tail_pipes_run(tmp_path: Path) -> None:
    session = Session(tmp_path)
    with pytest.raises(ValueError, match="not a kith command"):
        session.run("rm -rf /")
    with pytest.raises(ValueError, match=r"only `\| head -N`"):
        session.run("kith --demo list | sort")
