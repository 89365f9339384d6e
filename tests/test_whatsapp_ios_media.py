"""On an iPhone, WhatsApp writes a photo or a voice note the other person sent in a one-to-one
chat with U+200E before its placeholder, as it writes a group's system lines under the group's
name; in a chat named for that person the two look alike. A placeholder is a message (found
trying Kith as a new user: every photo Jonas sent in "WhatsApp Chat - Jonas Weber.zip" was
ignored as a "group change", and a day on which he only sent a photo was lost)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import Kith

CHAT = (
    "[14.03.24, 09:05:12] Jonas Weber: Hallo Sam\n"
    "[14.03.24, 09:06:00] Sam Rivera: Hi!\n"
    "\u200e[18.03.24, 18:07:00] Jonas Weber: \u200eBild weggelassen\n"
    "\u200e[20.03.24, 08:00:00] Jonas Weber: \u200e<attached: 00000012-PHOTO-2024-03-20.jpg>\n"
)


def test_photos_the_other_person_sent_from_an_iphone_are_messages(
    kith: Kith, tmp_path: Path
) -> None:
    export = tmp_path / "WhatsApp Chat - Jonas Weber.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("_chat.txt", CHAT)
    found = json.loads(kith("import", str(export), "--me", "Sam Rivera", "--json").stdout)
    report = found["imports"][0]
    assert (report["created"], report["read"], report["ignored"]) == (
        {"interaction": 3, "person": 1},
        {"message": 4},
        {},
    )
