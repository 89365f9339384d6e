"""The import page in-process: upload, the dry-run plan, confirm, then the import running in
its worker thread (its own connection) while the pages answer, its progress, its report with
the people it made, one import at a time, and errors that name the file."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kith.web.import_jobs import Busy, Importer
from kith.web.uploads import Uploads
from tests.conftest import NOW, Kith
from tests.web_support import csrf_of

MAILBOX = Path(__file__).parent / "fixtures" / "mail" / "quoting.mbox"
CARD = """BEGIN:VCARD
VERSION:3.0
FN:Imogen Imported
N:Imported;Imogen;;;
EMAIL:imogen@example.org
END:VCARD
"""
WAIT = 30.0  # seconds: an import of a few thousand cards ends long before


def cards(count: int) -> bytes:
    return "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Bulk Person {n}\nEMAIL:bulk{n}@example.org\nEND:VCARD\n"
        for n in range(count)
    ).encode()


def said(page: str, kind: str) -> list[str]:
    """The words of each `<p class="KIND">` on a page, without its tags."""
    found = re.findall(rf'<p class="{kind}"[^>]*>(.*?)</p>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in found]


def test_a_calendar_of_meetings_to_come_is_planned_without_my_addresses_as_kith_import_does(
    client: TestClient,
) -> None:
    """weblows: the page asked for "My identities" first; `kith import` took the file."""
    calendar = Path(__file__).parent / "fixtures" / "ics" / "upcoming_with_alarm.ics"
    files = {"file": ("soon.ics", calendar.read_bytes(), "text/calendar")}
    planned = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert planned.status_code == 200
    assert said(planned.text, "problem") == []
    assert "Import it" in planned.text
    held = Path(__file__).parent / "fixtures" / "ics" / "people.ics"
    files = {"file": ("held.ics", held.read_bytes(), "text/calendar")}
    refused = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert refused.status_code == 400


def staged(client: TestClient, name: str, content: bytes) -> str:
    files = {"file": (name, content, "application/octet-stream")}
    planned = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert planned.status_code == 200, planned.text
    found = re.search(r'action="/import/([A-Za-z0-9_-]+\.[a-z]+)/confirm"', planned.text)
    assert found is not None
    return found.group(1)


def confirm(client: TestClient, upload: str) -> Any:
    return client.post(f"/import/{upload}/confirm", data={"csrf": csrf_of(client, "/settings")})


def finished(client: TestClient) -> dict[str, Any]:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get("/import/progress?format=json").json()
        if status["state"] != "running":
            return status
        time.sleep(0.05)
    raise AssertionError("the import did not finish")


def test_an_upload_shows_the_dry_run_plan_and_changes_nothing(
    client: TestClient, demo: Kith
) -> None:
    files = {"file": ("contacts.vcf", CARD.encode(), "text/vcard")}
    answer = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert answer.status_code == 200
    assert "<h2>Would import as vcard</h2>" in answer.text
    assert "<dt>created</dt><dd>1 person</dd>" in answer.text
    assert demo("show", "Imogen Imported").exit_code == 3


def test_the_plans_json_twin_names_the_file_as_uploaded(client: TestClient) -> None:
    files = {"file": ("contacts.vcf", CARD.encode(), "text/vcard")}
    answer = client.post(
        "/import?format=json", data={"csrf": csrf_of(client, "/settings")}, files=files
    )
    twin = answer.json()
    assert twin["file"] == "contacts.vcf"
    assert twin["imports"][0]["path"] == "contacts.vcf"
    assert twin["imports"][0]["created"] == {"person": 1}
    assert twin["running"] is False


def test_confirming_runs_the_import_and_the_progress_page_ends_with_the_people(
    client: TestClient, demo: Kith
) -> None:
    answer = confirm(client, staged(client, "contacts.vcf", CARD.encode()))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/import/progress"
    status = finished(client)
    assert status["state"] == "done"
    assert status["file"] == "contacts.vcf"
    assert status["records"] == 1
    assert status["imports"][0]["created"] == {"person": 1}
    assert [p["name"] for p in status["people"]] == ["Imogen Imported"]
    page = client.get("/import/progress").text
    assert "<h2>Imported contacts.vcf</h2>" in page
    assert "<h3>Imported as vcard</h3>" in page
    person = status["people"][0]["id"]
    assert f'<li><a href="/people/{person}">Imogen Imported</a></li>' in page
    assert "hx-trigger" not in page
    assert demo("show", "Imogen Imported").exit_code == 0


def test_an_upload_once_confirmed_is_gone(client: TestClient) -> None:
    upload = staged(client, "contacts.vcf", CARD.encode())
    confirm(client, upload)
    finished(client)
    again = confirm(client, upload)
    assert again.status_code == 404
    assert "That upload is gone" in again.text


def test_a_large_import_runs_while_the_pages_answer_and_one_at_a_time(
    client: TestClient, db_path: Path, demo: Kith
) -> None:
    first = staged(client, "many.vcf", cards(300))
    second = staged(client, "contacts.vcf", CARD.encode())
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the worker's write waits for this: it stays running
    try:
        assert confirm(client, first).status_code == 303
        running = client.get("/import/progress")
        assert "<h2>Importing many.vcf…</h2>" in running.text
        assert 'hx-get="/import/progress" hx-trigger="every 1s"' in running.text
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in running.text
        assert client.get("/people?format=json").status_code == 200
        assert "An import is running" in client.get("/import").text
        busy = confirm(client, second)
        assert busy.status_code == 409
        assert "An import is running; wait for it to finish" in busy.text
        files = {"file": ("more.vcf", CARD.encode(), "text/vcard")}
        refused = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
        assert refused.status_code == 409
        assert "upload the next file when it has finished" in refused.text
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    status = finished(client)
    assert status["state"] == "done"
    assert status["records"] == 300
    assert status["people_total"] == 300
    assert len(status["people"]) == 100
    assert "and 200 more." in client.get("/import/progress").text
    assert confirm(client, second).status_code == 303
    assert finished(client)["file"] == "contacts.vcf"


def test_mail_without_my_addresses_says_to_set_them_and_imports_once_they_are(
    client: TestClient, demo: Kith
) -> None:
    files = {"file": ("archive.mbox", MAILBOX.read_bytes(), "application/mbox")}
    planned = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert planned.status_code == 400
    assert said(planned.text, "problem") == [
        "archive.mbox holds mail or meetings, and Kith does not know which side is you yet."
    ]
    assert said(planned.text, "advice") == [
        "Set your own e-mail addresses under Settings → My identities (by them Kith tells what "
        "you sent from what you received), then upload the file again."
    ]
    assert '<a href="/settings#me">Settings → My identities</a>' in planned.text
    assert planned.text.count("My identities") == 1  # weblows: the instruction came twice
    me = {"csrf": csrf_of(client, "/settings"), "section": "me", "me.emails": "me@example.org"}
    assert client.post("/settings", data=me).status_code == 200
    confirm(client, staged(client, "archive.mbox", MAILBOX.read_bytes()))
    done = finished(client)
    assert done["state"] == "done"
    assert done["records"] == 3
    assert done["imports"][0]["kind"] == "mbox"
    assert [p["name"] for p in done["people"]] == ["Alice Example", "Bob"]


def test_mail_whose_owner_was_forgotten_after_the_plan_fails_saying_what_to_do(
    client: TestClient,
) -> None:
    me = {"csrf": csrf_of(client, "/settings"), "section": "me", "me.emails": "me@example.org"}
    client.post("/settings", data=me)
    upload = staged(client, "archive.mbox", MAILBOX.read_bytes())
    client.post("/settings", data=me | {"me.emails": ""})
    confirm(client, upload)
    failed = finished(client)
    assert failed["state"] == "failed"
    assert failed["error"].startswith(
        "archive.mbox holds mail, and Kith needs to know which side is you"
    )
    assert failed["error"].endswith(
        "Nothing from it was imported (each file is all or nothing). Kith needs to know which "
        "side is you: set your e-mail addresses under Settings, My identities; then upload it "
        "again."
    )


def test_a_file_kith_does_not_read_is_refused_naming_it(client: TestClient) -> None:
    files = {"file": ("notes.txt", b"hello\n", "text/plain")}
    answer = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert answer.status_code == 400
    assert "notes.txt: notes.txt: Kith does not recognise this file" not in answer.text
    assert "notes.txt: Kith does not recognise this file&#39;s content" in answer.text


def test_skipped_records_name_the_file_as_uploaded_and_the_record(client: TestClient) -> None:
    bad = b"BEGIN:VCARD\nVERSION:3.0\nNOTE:nobody\nEND:VCARD\n" + CARD.encode()
    confirm(client, staged(client, "phone.vcf", bad))
    status = finished(client)
    assert status["imports"][0]["skipped"] == [
        {
            "where": "phone.vcf: card 1 (line 1)",
            "reason": "it has no name: no FN, N, ORG or e-mail address",
        }
    ]


def test_a_failed_import_says_which_file_and_what_to_do(db_path: Path, demo: Kith) -> None:
    uploads = Uploads()
    try:
        with (uploads.folder() / "x").open("wb") as scratch:
            scratch.write(b"hello\n")
        with (uploads.folder() / "x").open("rb") as source:
            upload = uploads.keep(source, "notes.txt")
        path = uploads.path(upload)
        assert path is not None
        importer = Importer(db_path, uploads)
        job = importer.start(upload, path, datetime.fromisoformat(NOW.isoformat()))
        importer.close(WAIT)
        assert job.state == "failed"
        assert job.error is not None
        assert job.error.startswith("notes.txt: Kith does not recognise this file's content")
        assert job.error.endswith(
            "Nothing from it was imported (each file is all or nothing). Upload a kind of "
            "file Kith reads: a vCard, a CSV of contacts, mail, a calendar or a chat export."
        )
        assert uploads.path(upload) is None
    finally:
        uploads.close()


def test_a_second_import_is_refused_while_one_runs(db_path: Path, demo: Kith) -> None:
    uploads = Uploads()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        names = []
        for name in ("a.vcf", "b.vcf"):
            with (uploads.folder() / name).open("wb") as scratch:
                scratch.write(CARD.encode())
            with (uploads.folder() / name).open("rb") as source:
                names.append(uploads.keep(source, name))
        importer = Importer(db_path, uploads)
        blocker.execute("BEGIN IMMEDIATE")
        first = uploads.path(names[0])
        assert first is not None
        importer.start(names[0], first, NOW)
        second = uploads.path(names[1])
        assert second is not None
        with pytest.raises(Busy):
            importer.start(names[1], second, NOW)
        blocker.execute("ROLLBACK")
        importer.close(WAIT)
        assert importer.job is not None
        assert importer.job.state == "done"
    finally:
        blocker.close()
        uploads.close()


def test_the_progress_page_before_any_import_says_so(client: TestClient) -> None:
    assert client.get("/import/progress?format=json").json() == {"state": "none"}
    assert "No import has run since Kith started." in client.get("/import/progress").text


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    too_many = str(513 * 1024 * 1024)
    answer = client.post("/import", content=b"x", headers={"content-length": too_many})
    assert answer.status_code == 413
    assert answer.text == "Too large: at most 524288 KB."


def test_a_chat_without_my_name_asks_for_the_name_the_chat_gives_me_not_my_e_mail(
    client: TestClient, demo: Kith
) -> None:
    chat = (
        b"20/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?\n"
        b"20/03/2024, 21:06 - Sam Rivera: Yes\n"
    )
    files = {"file": ("ada.txt", chat, "text/plain")}
    planned = client.post("/import", data={"csrf": csrf_of(client, "/settings")}, files=files)
    assert planned.status_code == 400
    assert said(planned.text, "problem") == [
        "ada.txt is a WhatsApp chat, and Kith does not know which side is you yet."
    ]
    assert said(planned.text, "advice") == [
        "Set your name as the chat shows it, or your phone number, under Settings → My "
        "identities, then upload the file again."
    ]
    assert "a calendar, or a chat (WhatsApp, Telegram, SMS Backup" in client.get("/import").text
    me = {"csrf": csrf_of(client, "/settings"), "section": "me", "me.name": "Sam Rivera"}
    assert client.post("/settings", data=me).status_code == 200
    confirm(client, staged(client, "ada.txt", chat))
    assert finished(client)["state"] == "done"
