"""Phone numbers without a country code (an SMS backup's `07700 900123`) cannot be put in E.164
while `phone.default_region` is unset, so they never match the numbers Kith knows with one: the
import made a second "Ada" beside Ada Lovelace (+447700900123) without a word. It now says how
many such numbers it read and what to do; with the region set they match."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

BACKUP = """\
<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="2">
  <sms protocol="0" address="07700 900123" date="1710000000000" type="1" body="Hi" read="1"
    status="-1" contact_name="Ada" />
  <sms protocol="0" address="07700 900123" date="1710000300000" type="2" body="Hello" read="1"
    status="-1" contact_name="Ada" />
</smses>
"""


def backup(tmp_path: Path) -> Path:
    path = tmp_path / "sms-20240601.xml"
    path.write_text(BACKUP, encoding="utf-8")
    return path


def test_numbers_without_a_country_code_and_no_region_are_pointed_out(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--phone", "+44 7700 900123")
    result = kith("import", str(backup(tmp_path)))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "  note:      1 phone number had no country code and no region is set, so it could "
        "not match a number known with one: `kith config set phone.default_region GB` (your "
        "country), then `kith import --undo 1` and import the file again."
    )
    again = json.loads(kith("import", str(backup(tmp_path)), "--json").stdout)
    assert again["imports"][0]["phones_without_country"] == 1


def test_with_the_region_set_the_same_numbers_match_and_nothing_is_pointed_out(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--phone", "+44 7700 900123")
    kith("config", "set", "phone.default_region", "GB")
    result = kith("import", str(backup(tmp_path)), "--json")
    report = json.loads(result.stdout)["imports"][0]
    assert (report["created"], report["phones_without_country"]) == ({"interaction": 1}, 0)
