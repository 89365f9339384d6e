"""`kith export FILE` without a format: a usage error that names the command writing that file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("out.json", "name it first: kith export json out.json"),
        ("people.VCF", "name it first: kith export vcard people.VCF"),
        ("sheet.csv", "name it first: kith export csv sheet.csv"),
        ("backup", "name it first: kith export json FILE"),
    ],
)
def test_a_file_where_the_format_goes_is_told_which_command_writes_it(
    tmp_path: Path, given: str, hint: str
) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "kith.db"), "export", given])
    assert result.exit_code == 2
    assert f"Error: '{given}' is not a format (json, vcard, csv, graph); {hint}" in result.output
    assert not (tmp_path / given).exists()


def test_a_format_still_exports(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "kith.db"), "export", "json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith('{\n  "format": "kith",')
