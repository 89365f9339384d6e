"""A card's properties Kith has no field for survive import, a JSON round trip and export."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

IPHONE = Path(__file__).parent / "fixtures" / "vcard" / "John_Doe_IPHONE.vcf"


def kept(text: str) -> list[str]:
    return [
        line.split(":", 1)[0]
        for line in text.splitlines()
        if line.startswith(("PHOTO", "X-", "item")) and ":" in line
    ]


def test_unmapped_properties_come_back_out_in_the_exported_card(kith: Kith, tmp_path: Path) -> None:
    assert kith("import", str(IPHONE)).exit_code == 0
    card = json.loads(kith("show", "John", "--json").output)["person"]
    assert any(line.startswith("PHOTO") for line in card["vcard_extra"])
    exported = tmp_path / "out.vcf"
    kith("export", "vcard", str(exported))
    text = exported.read_text(encoding="utf-8")
    assert "PHOTO" in text
    json_file = tmp_path / "all.json"
    kith("export", "json", str(json_file))
    other = tmp_path / "other.db"
    from click.testing import CliRunner

    from kith.cli.main import cli

    CliRunner().invoke(cli, ["--db", str(other), "import", str(json_file)])
    again = tmp_path / "again.vcf"
    CliRunner().invoke(cli, ["--db", str(other), "export", "vcard", str(again)])
    assert kept(again.read_text(encoding="utf-8")) == kept(text)
