"""A zip cut short (a download that stopped, a copy off a full disk) has its members' headers
but not the table of contents at its end: Python does not take it for a zip, and Kith said "does
not recognise this file's content" (or, with `--as whatsapp`, that no message line could be
read) instead of saying the zip is torn."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import Kith

CHAT = "12/03/2024, 21:05 - Ada Lovelace: hi\n13/03/2024, 21:07 - Sam Rivera: hello\n" * 50


def torn_zip(tmp_path: Path) -> Path:
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", CHAT)
    torn = tmp_path / "WhatsApp Chat with Ada Lovelace.zip"
    torn.write_bytes(whole.read_bytes()[:200])
    return torn


@pytest.mark.parametrize("flags", [(), ("--as", "whatsapp"), ("--as", "vcard")])
def test_a_zip_cut_short_is_said_to_be_cut_short(
    kith: Kith, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    torn = torn_zip(tmp_path)
    result = kith("import", str(torn), "--me", "Sam Rivera", *flags)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {torn}: the zip is cut short or damaged (the list of its files at its end is "
        "missing); download or export it again. Nothing was imported.\n",
    )
