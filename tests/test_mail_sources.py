"""Reading mail (mbox, Maildir, .eml) into ExchangeRecords: real files, quoting, edge cases."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import getaddresses
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.records import ExchangeRecord, Party, Skipped
from kith.sources import eml, mail, maildir, mbox

FIXTURES = Path(__file__).parent / "fixtures" / "mail"
REAL = FIXTURES / "real"
HTTPD = REAL / "httpd-users-200606-part.mbox"
VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
KITH_JSON = b'{"format": "kith", "version": 1, "people": []}'


def zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def email(value: str, name: str | None = None) -> Party:
    return Party("email", value, name)


def message(
    source_id: str,
    at: datetime,
    summary: str,
    sender: Party,
    *to: Party,
    automated: bool = False,
    in_reply_to: str | None = None,
    dated_by: str | None = None,
) -> ExchangeRecord:
    return ExchangeRecord(
        source_id=source_id,
        at=at,
        channel="email",
        summary=summary,
        sender=sender,
        recipients=to,
        automated=automated,
        in_reply_to=in_reply_to,
        origin="mail",
        dated_by=dated_by,
    )


def read_eml(name: str) -> list[object]:
    return list(eml.read(REAL / name))


def write_message(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def note(message_id: str, sender: str, subject: str, day: int) -> str:
    return (
        f"From: {sender}\nTo: Me <me@example.org>\nDate: {day:02d} May 2026 09:00:00 +0000\n"
        f"Message-ID: <{message_id}>\nSubject: {subject}\n\nBody of {subject}.\n"
    )


# The real .eml files of the corpus


def test_a_yahoo_subject_split_mid_character_across_a_fold_decodes_whole() -> None:
    assert read_eml("bilingual-simple.eml") == [
        message(
            "341090.85574.qm@web50704.mail.re2.yahoo.com",
            datetime(2010, 2, 7, 14, 2, 38, tzinfo=zone(-8)),
            "Simple text. How are you? Как ты поживаешь?",
            email("hello@example.com", "Hello"),
            email("bob@example.com"),
        )
    ]


def test_a_raw_0x85_byte_in_a_subject_is_read_as_cp1252() -> None:
    assert read_eml("broken-headers.eml") == [
        message(
            "d3de01cd60c6$1491c120$a8557053@admin",
            datetime(2012, 7, 13, 7, 6, 52, tzinfo=zone(-7)),
            "Forget Asking For A Link Exchange…",
            email("admin@advertise-bz.cn", "Link Directory SUbmitter"),
            email("user@example.com"),
        )
    ]


def test_an_iphone_message_with_whitespace_before_its_headers_reads() -> None:
    assert read_eml("iphone.eml") == [
        message(
            "7543970D-5DCE-4C89-907C-CF003D767B7A@gmail.com",
            datetime(2011, 6, 17, 13, 24, 10, tzinfo=zone(-7)),
            "Subject",
            email("someone@somewhere.com", "Danielle"),
            email("example@example.com", "Ewan McGregor"),
        )
    ]


def test_outlook_express_and_a_thunderbird_reply_read() -> None:
    assert read_eml("outlook-express.eml") + read_eml("raw_email_reply.eml") == [
        message(
            "EFOOJNZYKZFPXKXDZPRSCFMBVCHB.bob@example.com",
            datetime(2015, 7, 14, 12, 19, 8, tzinfo=zone(8)),
            "Sup?",
            email("bob@example.com", "Bobby"),
            email("ally@example.com", "Ally"),
        ),
        message(
            "473FFE27.20003@xxx.org",
            datetime(2007, 11, 18, 19, 56, 7, tzinfo=zone(11)),
            "Re: Test reply email",
            email("xxxxxxxx@xxx.org", "Testing"),
            email("mikel@xxxx.net", "Mikel Lindsaar"),
            in_reply_to="348F04F142D69C21-291E56D292BC@xxxx.net",
        ),
    ]


def test_undated_corpus_messages_are_reported_not_guessed() -> None:
    found = [
        record
        for name in ("encoded-header", "japanese_iso_2022", "utf8_headers")
        for record in read_eml(f"{name}.eml")
    ]
    assert found == [
        Skipped(
            "encoded-header.eml: message <1234567890-1234-4567@example.com> (line 1)", mail.NO_DATE
        ),
        Skipped("japanese_iso_2022.eml: message without Message-ID (line 1)", mail.NO_DATE),
        Skipped("utf8_headers.eml: message without Message-ID (line 1)", mail.NO_DATE),
    ]


def test_a_corpus_message_with_an_empty_date_is_dated_by_its_newest_received_header() -> None:
    (record,) = read_eml("bad_date_header.eml")
    assert isinstance(record, ExchangeRecord)
    assert (record.at, record.dated_by) == (
        datetime(2010, 12, 11, 6, 8, 27, tzinfo=UTC),
        "received",
    )


def test_an_encoded_display_name_with_a_comma_stays_one_name() -> None:
    assert mail.envelope(eml.headers(REAL / "encoded-header.eml")) == mail.Envelope(
        source_id="1234567890-1234-4567@example.com",
        has_message_id=True,
        at=None,
        summary="hello",
        sender=email("foo.bar@example.com", "Foo, Bar"),
        recipients=(email("foo@example.com"),),
        automated=False,
        in_reply_to=None,
    )


def test_rfc_6532_utf8_addresses_and_names_are_kept() -> None:
    assert mail.envelope(eml.headers(REAL / "utf8_headers.eml")) == mail.Envelope(
        source_id="no-message-id:1c35b7f846e7046949fe14ff8b2380e6",
        has_message_id=False,
        at=None,
        summary="Säying Hello",
        sender=email("jdöe@mächine.example", "Jöhn Doe"),
        recipients=(email("märy@exämple.net", "Märy Smith"),),
        automated=False,
        in_reply_to=None,
    )


def test_a_japanese_subject_and_recipient_name_decode() -> None:
    assert mail.envelope(eml.headers(REAL / "japanese_iso_2022.eml")) == mail.Envelope(
        source_id="no-message-id:67e7870f6269d2a82c38a54318468b7f",
        has_message_id=False,
        at=None,
        summary="まみむめも",
        sender=email("raasdnil@gmail.com", "Mikel Lindsaar"),
        recipients=(email("raasdnil@gmail.com", "みける"),),
        automated=False,
        in_reply_to=None,
    )


def test_junk_with_an_empty_date_is_automated_and_undated() -> None:
    assert mail.envelope(eml.headers(REAL / "bad_date_header.eml")) == mail.Envelope(
        source_id="no-message-id:881fd6939b2ac53157790a7289ac0e76",
        has_message_id=False,
        at=None,
        summary="You may_be Eligible for Legitimate_Cash from_GovAgencies!",
        sender=email("infoz@reactive-outpost.com", "Grants-Notification"),
        recipients=(email("someone@yahoo.com"),),
        automated=True,
        in_reply_to="someone@yahoo.com",
    )


# mbox


def test_the_httpd_users_mbox_reads_twelve_list_messages_all_automated() -> None:
    records = list(mbox.read(HTTPD))
    assert records[:2] == [
        message(
            "BAY103-F28070ECF509B48E8F10ECEC2910@phx.gbl",
            datetime(2006, 6, 2, 16, 25, 27, tzinfo=zone(-4)),
            '[users@httpd] bug? LogFormat "%{tid}P" gives wrong tid on Windows Server 2003',
            email("gaodebin@hotmail.com", "DEBIN GAO"),
            email("users@httpd.apache.org"),
            automated=True,
        ),
        message(
            "BAY117-F8A51AB1A746DB7C5C868BB4910@phx.gbl",
            datetime(2006, 6, 2, 20, 36, 56, tzinfo=UTC),
            "[users@httpd] configure for mod_jk gets error for APR_INCLUDE",
            email("vsevm@hotmail.com", "johnny page"),
            email("users@httpd.apache.org"),
            automated=True,
        ),
    ]
    gao = email("gaodebin@hotmail.com", "DEBIN GAO")
    moher = email("cmoher3@hotmail.com", "Charlie Moher")
    rest = [
        ("BAY103-F36A0C2427095C72D377474C2940", (6, 5, 10, 42, 10, -4), gao,
         "BAY103-F28070ECF509B48E8F10ECEC2910@phx.gbl",
         'RE: [users@httpd] bug? LogFormat "%{tid}P" gives wrong tid on Windows Server 200'),
        ("BAY103-F115CA57A21C2C56030731CE2950", (6, 5, 21, 19, 50, -4), moher,
         "20060605232058.60743.qmail@web60723.mail.yahoo.com",
         "Re: [users@httpd] registered domain name question"),
        ("BAY103-F11410841CDE610A1EFC53E2950", (6, 5, 21, 20, 28, -4), moher,
         "001401c688d9$d8673100$6801a8c0@BillsOffice", "Re: [users@httpd] VirtualHost"),
        ("BAY103-F381B373856C3F8BAEF7649E2950", (6, 5, 21, 21, 29, -4), moher,
         "CF83BAA719FD2C439D25CBB1C9D1D302038B1CCC@HQ-MAIL4.ptcnet.ptc.com",
         "RE: [users@httpd] mod_proxy_ajp (mod_rewrite) with ssl"),
        ("BAY103-F9B586FFD1CFE6D9112763E2950", (6, 5, 21, 21, 57, -4), moher,
         "5C92F9725F58D34791C636335A4A57550702FE3E@flex1.sra.com",
         "RE: [users@httpd] Two questions"),
        ("BAY103-F802BFA93952CB192373C4E2950", (6, 5, 21, 22, 19, -4), moher,
         "1F4D60B00DE5FB42AD4BB2BC06DC309203001A60@mail.shoremortgage.com",
         'RE: [users@httpd] Can I have "fake" URLs with mod_rewrite???'),
        ("BAY103-F40D7A4EF5AC184C9769209E2950", (6, 5, 21, 22, 45, -4), moher,
         "1F4D60B00DE5FB42AD4BB2BC06DC309203001A60@mail.shoremortgage.com",
         'RE: [users@httpd] Can I have "fake" URLs with mod_rewrite???'),
        ("BAY103-F1C665A56AE3A65074D38DE2950", (6, 5, 21, 23, 35, -4), moher,
         "e498c1660606050658g74a83da5t6a48f3e69d2a4322@mail.gmail.com",
         "Re: [users@httpd] http problem"),
        ("BAY103-F192188E821DBDA96D8C790C27E0", (6, 27, 14, 35, 4, -4), gao, None,
         "[users@httpd] Log file shows -ve number for %D (time spent in microseconds)"),
        ("BAY103-F40786C94EB9152F563E277ED720", (6, 30, 18, 12, 52, -7),
         email("khai_quyen@hotmail.com", "Khai Doan"),
         "FCB63FA5C6B0BA46A4F6A10096F1C3BB07C9E017@exchange01.corp.2wire.com",
         "RE: [users@httpd] Remote log files?"),
    ]  # fmt: skip
    assert records[2:] == [
        message(
            f"{local}@phx.gbl",
            datetime(2006, *when[:5], tzinfo=zone(when[5])),
            summary,
            sender,
            email("users@httpd.apache.org"),
            automated=True,
            in_reply_to=reply,
        )
        for local, when, sender, reply, summary in rest
    ]


def test_from_quoting_and_from_lines_in_bodies_do_not_split_messages() -> None:
    alice = email("alice@example.org", "Alice Example")
    me = email("me@example.org", "Me")
    bob = email("bob@example.net", "Bob")
    assert list(mbox.read(FIXTURES / "quoting.mbox")) == [
        message(
            "quoting-1@example.org",
            datetime(2026, 3, 2, 9, 14, 58, tzinfo=UTC),
            "Lunch?",
            alice,
            me,
        ),
        message(
            "quoting-2@example.org",
            datetime(2026, 3, 2, 10, 1, 40, tzinfo=UTC),
            "Re: Lunch?",
            me,
            alice,
            bob,
            in_reply_to="quoting-1@example.org",
        ),
        message(
            "quoting-3@example.net",
            datetime(2026, 3, 3, 8, 0, tzinfo=zone(1)),
            "From the top",
            bob,
            me,
        ),
    ]


def test_an_mbox_with_crlf_line_ends_reads_the_same(tmp_path: Path) -> None:
    crlf = tmp_path / "quoting.mbox"
    crlf.write_bytes((FIXTURES / "quoting.mbox").read_bytes().replace(b"\n", b"\r\n"))
    assert list(mbox.read(crlf)) == list(mbox.read(FIXTURES / "quoting.mbox"))


def test_messages_without_a_date_or_a_sender_are_skipped_with_their_line() -> None:
    shop = email("no-reply@shop.example", "Shop")
    assert list(mbox.read(FIXTURES / "edge-cases.mbox")) == [
        message(
            "no-message-id:435e0496066d086e5f28709327eb3ee2",
            datetime(2026, 4, 1, 12, 0, tzinfo=UTC),
            "No id, and a date in UTC with no known zone",
            email("carol@example.com", "Carol"),
            email("me@example.org"),
        ),
        Skipped("edge-cases.mbox: message <no-from@example.com> (line 9)", "no From: header"),
        message(
            "bad-date@example.com",
            datetime(2026, 4, 1, 12, 10, tzinfo=UTC),
            "When?",
            email("dave@example.com", "Dave"),
            email("me@example.org"),
            dated_by="postmark",
        ),
        message(
            "empty-date@example.com",
            datetime(2026, 4, 1, 12, 15, tzinfo=UTC),
            "Never",
            email("erin@example.com", "Erin"),
            email("me@example.org"),
            dated_by="postmark",
        ),
        Skipped(
            "edge-cases.mbox: message <bad-from@example.com> (line 35)",
            "no usable address in From: 'undisclosed'",
        ),
        message(
            "shop-1@shop.example",
            datetime(2026, 4, 1, 14, 25, tzinfo=zone(2)),
            "Your order à la carte",
            shop,
            email("me@example.org", "Me"),
            email("other@example.net", "Other"),
            email("greg@example.fr", "Grégoire Dupont"),
            automated=True,
        ),
    ]


def test_mbox_blocks_stream_without_reading_ahead() -> None:
    def endless() -> Iterator[bytes]:
        number = 0
        while True:
            number += 1
            yield b"From a@example.org Mon Mar  2 09:15:00 2026\n"
            yield f"Message-ID: <{number}@example.org>\n".encode()
            yield b"\n"
            yield from (b"body line\n" for _ in range(100))

    postmark = b"From a@example.org Mon Mar  2 09:15:00 2026\n"
    assert list(islice(mbox.blocks(endless()), 2)) == [
        (1, postmark, [b"Message-ID: <1@example.org>\n"]),
        (104, postmark, [b"Message-ID: <2@example.org>\n"]),
    ]


# Maildir and .eml folders


def test_maildir_reads_cur_new_and_subfolders_but_not_tmp(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    write_message(box / "cur" / "1000.a:2,S", note("a@x.org", "Ann <ann@x.org>", "Seen", 1))
    write_message(box / "new" / "1001.b", note("b@x.org", "Ben <ben@x.org>", "Unseen", 2))
    write_message(box / "tmp" / "1002.c", note("c@x.org", "Cy <cy@x.org>", "Half written", 3))
    write_message(
        box / ".Sent" / "cur" / "0999.d:2,S", note("d@x.org", "me@example.org", "Sent", 4)
    )
    (box / ".Sent" / "new").mkdir()
    write_message(box / "cur" / "1003.e:2,S", "not a message at all\n")
    me = email("me@example.org", "Me")
    assert maildir.sniff(b"", box)
    assert list(maildir.read(box)) == [
        message(
            "a@x.org", datetime(2026, 5, 1, 9, tzinfo=UTC), "Seen", email("ann@x.org", "Ann"), me
        ),
        Skipped("Maildir/cur/1003.e:2,S: line 1", "no mail headers at the top of the file"),
        message(
            "b@x.org", datetime(2026, 5, 2, 9, tzinfo=UTC), "Unseen", email("ben@x.org", "Ben"), me
        ),
        message(
            "d@x.org", datetime(2026, 5, 4, 9, tzinfo=UTC), "Sent", email("me@example.org"), me
        ),
    ]


@pytest.mark.parametrize("message_id", ["<same@example.org>", None])
def test_the_same_message_is_one_record_from_mbox_maildir_or_eml(
    tmp_path: Path, message_id: str | None
) -> None:
    text = note("same@example.org", "Ann <ann@x.org>", "Once", 5)
    if message_id is None:
        text = text.replace("Message-ID: <same@example.org>\n", "")
    box = tmp_path / "Maildir"
    write_message(box / "cur" / "1.x:2,S", text)
    (box / "new").mkdir()
    one = write_message(tmp_path / "one.eml", text)
    many = write_message(tmp_path / "all.mbox", "From ann@x.org Tue May  5 09:00:01 2026\n" + text)
    found = [list(maildir.read(box)), list(eml.read(one)), list(mbox.read(many))]
    assert found[0] == found[1] == found[2]
    assert [r.source_id for r in found[0] if isinstance(r, ExchangeRecord)] == [
        "same@example.org" if message_id else "no-message-id:d78140577836af56c0bcf4634ec7e2e2"
    ]


def test_an_eml_folder_reads_every_eml_file_by_path(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    write_message(folder / "b.eml", note("b@x.org", "Ben <ben@x.org>", "Second", 2))
    write_message(folder / "2026" / "a.EML", note("a@x.org", "Ann <ann@x.org>", "First", 1))
    write_message(folder / "notes.txt", "From: someone\n")
    shutil.copy(REAL / "utf8_headers.eml", folder / "z.eml")
    me = email("me@example.org", "Me")
    assert list(eml.read_folder(folder)) == [
        message(
            "a@x.org", datetime(2026, 5, 1, 9, tzinfo=UTC), "First", email("ann@x.org", "Ann"), me
        ),
        message(
            "b@x.org", datetime(2026, 5, 2, 9, tzinfo=UTC), "Second", email("ben@x.org", "Ben"), me
        ),
        Skipped("saved/z.eml: message without Message-ID (line 1)", mail.NO_DATE),
    ]


# Sniffing


def test_sniffers_accept_their_own_files_and_reject_each_others_and_a_vcard(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    files = {"mbox": HTTPD, **{p.name: p for p in sorted(REAL.glob("*.eml"))}}
    heads = {name: path.read_bytes()[:65536] for name, path in files.items()}
    assert {
        name: (mbox.sniff(h, files[name]), eml.sniff(h, files[name])) for name, h in heads.items()
    } == {
        "mbox": (True, False),
        **{name: (False, True) for name in heads if name != "mbox"},
    }
    for head in (VCARD, KITH_JSON, b"BEGIN:VCALENDAR\r\n", b"", b"Subject: hi\n"):
        assert (mbox.sniff(head, tmp_path), eml.sniff(head, tmp_path)) == (False, False)
    assert (maildir.sniff(b"", box), maildir.sniff(b"", tmp_path), maildir.sniff(b"", HTTPD)) == (
        True,
        False,
        False,
    )


# Headers, one rule at a time


def test_encoded_words_join_across_folds_and_keep_the_text_around_them() -> None:
    assert [
        mail.decode_words(v)
        for v in (
            "=?utf-8?B?0J/RgNC4?= =?utf-8?B?0LLQtdGC?=",
            "=?utf-8?b?w6k=?=\t =?UTF-8?Q?t=C3=A9_x?=",
            "Re: =?iso-8859-1?q?caf=E9?= and =?iso-8859-1?q?th=E9?=",
            "=?x-unknown?Q?na=C3=AFve?=",
            "=?utf-8?B?not base64?= =?utf-8?B?!!?=",
            "plain = text ?= here",
        )
    ] == [
        "Привет",
        "été x",
        "Re: café and thé",
        "naïve",
        "=?utf-8?B?not base64?= ",
        "plain = text ?= here",
    ]


@pytest.mark.parametrize(
    ("headers", "automated"),
    [
        ("Precedence: bulk", True),
        ("Precedence: list", True),
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: no", False),
        ("List-Unsubscribe: <mailto:leave@list.example>", True),
        ("X-Auto-Response-Suppress: OOF", True),
        ("X-Auto-Response-Suppress: DR, RN, NRN", False),
        ("Return-Path: <>", True),
        ("Return-Path: <bounces+1234@mail.example>", True),
        ("Return-Path: <ann@x.org>", False),
        ("Reply-To: noreply@x.org", False),
    ],
)
def test_list_bulk_auto_and_no_reply_traffic_is_automated(headers: str, automated: bool) -> None:
    block = f"From: Ann <ann@x.org>\n{headers}\n".encode().splitlines(keepends=True)
    assert mail.envelope(mail.fields(block)).automated is automated


def test_dates_without_a_zone_are_utc_and_nonsense_is_none() -> None:
    assert [
        mail.date(v)
        for v in (
            "Fri, 10 Dec 2010 19:20:19",
            "Fri, 10 Dec 2010 19:20:19 -0000",
            "Sun, 7 Feb 2010 14:02:38 -0800 (PST)",
            "Fri, 10 Dec 2010 25:20:19 +0000",
            "   ",
            None,
        )
    ] == [
        datetime(2010, 12, 10, 19, 20, 19, tzinfo=UTC),
        datetime(2010, 12, 10, 19, 20, 19, tzinfo=UTC),
        datetime(2010, 2, 7, 14, 2, 38, tzinfo=zone(-8)),
        None,
        None,
        None,
    ]


def test_message_ids_lose_brackets_and_whitespace_and_phrases_are_not_replies() -> None:
    assert [
        mail.message_id("  <abc@x.org>"),
        mail.message_id("<ab\n c@x.org> (comment)"),
        mail.message_id("bare@x.org"),
        mail.message_id("   "),
        mail.reply_id("<one@x.org> <two@x.org>"),
        mail.reply_id("Your message of Mon, 1 Jan"),
        mail.reply_id(None),
    ] == ["abc@x.org", "abc@x.org", "bare@x.org", None, "one@x.org", None, None]


def test_repeated_to_fields_add_up_and_later_subjects_are_ignored() -> None:
    block = [
        b"To: a@x.org\n",
        b"Subject: first\n",
        b"To: b@x.org,\n",
        b"\tc@x.org\n",
        b"Subject: 2\n",
    ]
    assert mail.fields(block) == {"to": "a@x.org, b@x.org,\tc@x.org", "subject": "first"}


@given(st.lists(st.binary(max_size=80), max_size=12))
def test_any_header_bytes_give_a_record_or_a_reason(lines: list[bytes]) -> None:
    block = [line.replace(b"\n", b"") + b"\n" for line in lines]
    found = mail.exchange(block, "fuzz.mbox", 1)
    assert isinstance(found, ExchangeRecord | Skipped)


@given(st.text(max_size=120))
def test_decoding_any_text_never_fails(value: str) -> None:
    assert isinstance(mail.decode_words(value), str)


NAMES = st.from_regex(r"[A-Za-z][A-Za-z .'-]{0,20}", fullmatch=True)
ADDRESSES = st.from_regex(r"[a-z0-9][a-z0-9.+_-]{0,10}@[a-z0-9-]{1,10}\.[a-z]{2,4}", fullmatch=True)


@given(st.lists(st.tuples(st.one_of(st.just(""), NAMES), ADDRESSES), min_size=1, max_size=4))
def test_plain_address_lists_read_as_the_full_parser_reads_them(
    pairs: list[tuple[str, str]],
) -> None:
    value = ", ".join(f"{name} <{address}>" if name else address for name, address in pairs)
    expected = [
        Party("email", address, " ".join(name.split()) or None)
        for name, address in getaddresses([value])
    ]
    assert mail.parties(value) == expected
