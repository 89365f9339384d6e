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


def test_a_message_the_other_person_deleted_on_an_iphone_is_a_message_and_a_missed_call_is_named(
    kith: Kith, tmp_path: Path
) -> None:
    """Found by a new user's trial: in "WhatsApp Chat with Wendy Weekly", her deleted message
    and a missed call were both ignored as "group change" (a one-to-one chat has none)."""
    export = tmp_path / "WhatsApp Chat with Wendy Weekly.txt"
    export.write_text(
        "[12/03/2024, 09:00:00] Sam Rivera: Coffee soon?\n"
        "[12/03/2024, 09:05:00] Wendy Weekly: Yes please\n"
        "[19/03/2024, 09:12:45] Wendy Weekly: \u200eThis message was deleted.\n"
        "[20/03/2024, 18:00:00] Wendy Weekly: \u200eMissed voice call\n",
        encoding="utf-8",
    )
    found = json.loads(kith("import", str(export), "--me", "Sam Rivera", "--json").stdout)
    report = found["imports"][0]
    assert (report["created"], report["read"], report["ignored"]) == (
        {"interaction": 2, "person": 1},
        {"message": 3},
        {"WhatsApp system line (missed call)": 1},
    )
