"""What a new user's trial (session 11) found, each pinned by a test: `kith done` for someone
outside the plan, a snooze length Kith cannot read, a setting's name one letter off, import
runs taken back, mail on which Kith did not find the user, a bare id, an upload's name, an
event added twice, and archived or muted picks."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient

from tests.conftest import Kith


def written(folder: Path, name: str, text: str) -> str:
    """The path, as an argument, of a file written with `text`."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def newest_summary(kith: Kith, who: str) -> str:
    shown = json.loads(kith("interactions", who, "--json").output)
    return str(shown["interactions"][0]["summary"])


def test_done_for_someone_outside_the_plan_does_not_claim_the_plan_suggested_it(
    demo: Kith,
) -> None:
    picked = {p["name"] for p in json.loads(demo("plan", "--json").output)["picks"]}
    assert "Monty Monthly" not in picked
    result = demo("done", "Monty Monthly")
    assert result.output == (
        "Logged #1755 with Monty Monthly (message); not in this week's plan.\n"
    )
    assert newest_summary(demo, "Monty Monthly") == "caught up"


def test_done_for_a_pick_still_says_it_came_from_the_weekly_plan(demo: Kith) -> None:
    demo("plan")
    assert demo("done", "Ute Neumann").exit_code == 0
    assert newest_summary(demo, "Ute Neumann") == "caught up (from the weekly plan)"


def test_a_snooze_length_kith_cannot_read_suggests_lengths_and_days_ahead(demo: Kith) -> None:
    result = demo("snooze", "Liv Nyberg", "forever")
    assert (result.exit_code, result.output) == (
        1,
        "Error: Could not read 'forever' as how long to snooze; try `2w`, `10d`, `3m`, `friday` "
        "or a later date such as 2027-01-10.\n",
    )


def test_a_setting_one_letter_off_is_answered_with_the_setting_meant(kith: Kith) -> None:
    result = kith("config", "set", "me.email", "sam@example.org")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Unknown setting 'me.email'; did you mean me.emails? "
        "(`kith config list --all` shows every one).\n",
    )
    assert kith("config", "get", "me.emails").output == ""


TWO_ADDRESSES = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL;TYPE=work:ada@example.org\r\nEMAIL;TYPE=home:ada@home.example\r\n"
    "ADR;TYPE=work:;;1 Engine Row;London;;N1 1AA;United Kingdom\r\n"
    "ADR;TYPE=home:;;2 Garden Lane;Oxford;;OX1 1AA;United Kingdom\r\n"
    "END:VCARD\r\n"
)


def test_taking_back_an_import_counts_addresses_and_identities_in_plain_words(
    kith: Kith, tmp_path: Path
) -> None:
    assert kith("add", "Ada Lovelace", "--email", "ada@example.org").exit_code == 0
    assert kith("import", written(tmp_path, "ada.vcf", TWO_ADDRESSES)).exit_code == 0
    assert kith("import", "--undo", "1").output == (
        "Took back import run 1: 1 identity, 2 addresses, 1 source link.\n"
    )


NOT_YOURS = (
    "From: Danielle <danielle@example.net>\r\nTo: Ewan <ewan@example.com>\r\n"
    "Subject: Lunch\r\nDate: Fri, 17 Jun 2011 10:00:00 +0000\r\n"
    "Message-ID: <lunch-1@example.net>\r\n\r\nSee you at noon.\r\n"
)


def test_mail_on_which_kith_found_nobody_as_you_says_to_give_your_address(
    kith: Kith, tmp_path: Path
) -> None:
    mail = written(tmp_path, "lunch.eml", NOT_YOURS)
    kith("config", "set", "me.name", "Sam Rivera")  # for chats; no address of theirs yet
    result = kith("import", mail)
    assert result.output.endswith(
        "  ignored:   1 × neither side is you\n"
        'Note: on what is marked "neither side is you", Kith found none of your addresses. If '
        "some of it is yours, give your address (--me you@example.org) or set it once "
        "(`kith config set me.emails you@example.org`), and import again.\n"
    )
    mine = kith("import", mail, "--me", "ewan@example.com", "--dry-run")
    assert "Note:" not in mine.output
    assert "1 one-way so far (kith seen)" in mine.output


def test_a_bare_number_that_is_someones_id_is_answered_with_how_to_write_an_id(
    demo: Kith,
) -> None:
    result = demo("show", "7")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called '7'; an id is written with #: #7 is Noémie Garnier.\n",
    )
    assert demo("show", "#7").output.startswith("Noémie Garnier")
    unknown = demo("show", "99999")
    assert (unknown.exit_code, unknown.stderr) == (3, "Error: Nobody called '99999'.\n")


def test_an_upload_kith_cannot_read_is_named_by_its_own_name_not_the_staged_copy(
    client: TestClient,
) -> None:
    headers = {"content-type": "application/octet-stream"}
    answer = client.post(
        "/api/imports?filename=notes.txt", content=b"just some notes\n", headers=headers
    )
    assert answer.status_code == 422
    message = answer.json()["message"]
    assert message.startswith("notes.txt: Kith does not recognise this file's content; ")
    assert "kith-uploads" not in message


def test_a_folder_of_mail_none_of_it_yours_says_so_once_not_once_a_file(
    kith: Kith, tmp_path: Path
) -> None:
    for n in (1, 2, 3):
        written(tmp_path, f"lunch-{n}.eml", NOT_YOURS.replace("lunch-1@", f"lunch-{n}@"))
    kith("config", "set", "me.name", "Sam Rivera")
    result = kith("import", str(tmp_path), "--dry-run")
    assert result.output.count("1 × neither side is you") == 3
    assert result.output.count('Note: on what is marked "neither side is you"') == 1


def test_adding_an_event_known_already_on_that_day_is_refused_with_its_id(demo: Kith) -> None:
    again = demo("event", "add", "Data Tinkerers #51", "--date", "2026-12-04")
    assert (again.exit_code, again.stderr) == (
        1,
        'Error: Data Tinkerers #51 on 2026-12-04 is known already (#26); `kith event attend "#26" '
        "NAME` adds people to it.\n",
    )
    another_day = demo("event", "add", "Data Tinkerers #51", "--date", "2026-12-05")
    assert another_day.output == "Added event Data Tinkerers #51 on 2026-12-05 (#28).\n"


def test_archiving_or_muting_an_open_pick_takes_them_out_of_this_weeks_plan(demo: Kith) -> None:
    demo("plan")
    demo("done", "Ute Neumann")
    assert demo("archive", "Liv Nyberg").exit_code == 0
    assert demo("mute", "Samir Sayegh").exit_code == 0
    picks = json.loads(demo("plan", "--json").output)["picks"]
    assert [(p["name"], p["state"]) for p in picks] == [
        ("Ute Neumann", "done"),
        ("Santiago Cabrera", "open"),
        ("Min-jun Lim", "open"),
    ]
    today = demo("today").output
    assert "Liv Nyberg" not in today
    assert "Samir Sayegh" not in today


def test_an_archived_pick_already_done_stays_in_the_week_as_done(demo: Kith) -> None:
    demo("plan")
    demo("done", "Ute Neumann")
    demo("archive", "Ute Neumann")
    picks = json.loads(demo("plan", "--json").output)["picks"]
    assert ("Ute Neumann", "done") in [(p["name"], p["state"]) for p in picks]
