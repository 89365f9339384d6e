"""What Kith writes to people, held to files a person can read (tests/drafts_expectations.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.drafts_expectations import ROOT, pages


@pytest.fixture(scope="module")
def made() -> dict[str, tuple[Path, str]]:
    return {path.name: (path, text) for path, text in pages().items()}


@pytest.mark.parametrize("name", ["phrases.txt", "drafts.txt"])
def test_every_draft_and_claim_phrase_reads_as_its_expectation_file_says(
    made: dict[str, tuple[Path, str]], name: str
) -> None:
    path, text = made[name]
    written = path.read_text("utf-8")
    diff = "".join(
        difflib.unified_diff(written.splitlines(True), text.splitlines(True), "file", "now")
    )
    assert text == written, (
        f"{path.relative_to(ROOT)} is stale: run `python -m tests.drafts_expectations --write` "
        f"and read the diff:\n{diff}"
    )
