"""`kith import --as KIND` on a file whose content is plainly another kind Kith reads says so,
instead of reading it as KIND and reporting what that reader made of it: a vCard "holds mail"
and needs `--me`, a Telegram export has 19 messages skipped with no timestamp_ms, a Messenger
file is "not well-formed XML ... the backup may be cut short". Kinds one reader shares (a
Signal transcript read as WhatsApp) or that are close cousins (the CSVs, mbox and .eml) are
still taken as told."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Kith

FIXTURES = Path(__file__).parent / "fixtures"
VCARD = FIXTURES / "vcard" / "John_Doe_ANDROID.vcf"
TELEGRAM = FIXTURES / "chat" / "la-ninpre__tg2md__result.json"
MESSENGER = FIXTURES / "chat" / "joweich__chat-miner__testlog.json"
SMS = FIXTURES / "chat" / "devadvance__sms-backup-reader-2__sms_small.xml"
SIGNAL = FIXTURES / "chat" / "joweich__chat-miner__test_export.txt"


@pytest.mark.parametrize(
    ("path", "forced", "content"),
    [
        (VCARD, "mbox", "vcard"),
        (VCARD, "whatsapp", "vcard"),
        (TELEGRAM, "messenger", "telegram"),
        (MESSENGER, "telegram", "messenger"),
        (MESSENGER, "sms-backup", "messenger"),
        (SMS, "telegram", "sms-backup"),
    ],
)
def test_a_file_forced_to_the_wrong_kind_is_refused_naming_the_kind_it_is(
    kith: Kith, path: Path, forced: str, content: str
) -> None:
    result = kith("import", str(path), "--as", forced, "--me", "John Doe")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path}: its content is a {content} file, not {forced}: leave out --as to "
        f"import it as {content}, or give the {forced} file. Nothing was imported.\n",
    )
    assert kith("imports").output == "No imports yet.\n"


def test_a_signal_transcript_may_still_be_read_as_whatsapp(kith: Kith) -> None:
    result = kith("import", str(SIGNAL), "--as", "whatsapp", "--me", "John Doe")
    assert result.exit_code == 0
    assert f"Imported {SIGNAL} as whatsapp:" in result.output
