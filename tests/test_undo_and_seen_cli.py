"""kith import --undo, kith imports and kith seen, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from kith.records import ExchangeRecord
from kith.services.imports import import_records
from kith.store import open_store
from tests.conftest import NOW, Kith
from tests.test_two_way import ADA, GRACE, ME, mail


def export_of(kith: Kith, tmp_path: Path) -> Path:
    kith("add", "Ada Lovelace", "--email", "ada@example.org", "--tag", "python")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "Grace", "dinner", "--when", "2026-11-01")
    target = tmp_path / "export.json"
    kith("export", "json", str(target))
    return target


def test_undo_takes_back_exactly_what_a_run_added(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    exported = export_of(kith, tmp_path)
    fresh = tmp_path / "other.db"
    other = ["--db", str(fresh)]
    from click.testing import CliRunner

    from kith.cli.main import cli

    def run(*args: str) -> str:
        return CliRunner().invoke(cli, [*other, "--now", "2026-11-22T10:00:00+00:00", *args]).output

    run("add", "Charles Babbage", "--tag", "engines")
    run("import", str(exported))
    run("note", "Charles", "added after the import, so it stays")
    assert json.loads(run("imports", "--json"))["runs"][0]["summary"]["created"] == {
        "interaction": 1,
        "person": 2,
    }
    result = CliRunner().invoke(cli, [*other, "import", "--undo", "1"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Undoing import run 1 deletes 2 people it created; add --yes to confirm "
        "(or --dry-run to see them).\n",
    )
    assert run("import", "--undo", "1", "--dry-run") == (
        "Would take back import run 1: 1 interaction, 2 people.\n"
        "  person: Ada Lovelace\n  person: Grace Hopper\n"
    )
    assert run("import", "--undo", "1", "--yes").startswith("Took back import run 1:")
    people = json.loads(run("list", "--json"))["people"]
    assert [(p["name"], p["tags"]) for p in people] == [("Charles Babbage", ["engines"])]
    assert "added after the import, so it stays" in run("show", "Charles")
    assert json.loads(run("timeline", "--since", "1y", "--json"))["total"] == 0


def test_undo_empties_fields_an_import_filled_and_removes_what_it_added(
    kith: Kith, tmp_path: Path
) -> None:
    exported = export_of(kith, tmp_path)
    data = json.loads(exported.read_text())
    data["people"][0]["birthday"] = "--12-10"
    data["people"][0]["tags"] = ["python", "imported"]
    exported.write_text(json.dumps(data))
    kith("import", str(exported))
    card = json.loads(kith("show", "Ada", "--json").output)["person"]
    assert (card["birthday"], card["tags"]) == ("--12-10", ["imported", "python"])
    kith("import", "--undo", "1")
    card = json.loads(kith("show", "Ada", "--json").output)["person"]
    assert (card["birthday"], card["tags"]) == (None, ["python"])


def test_seen_lists_one_way_correspondents_and_add_promotes_one(kith: Kith, db_path: Path) -> None:
    kith("add", "Someone Else")
    store = open_store(db_path)
    records: list[ExchangeRecord] = [mail(1, ME, ADA), mail(2, ME, ADA), mail(3, GRACE, ME)]
    import_records(store, records, kind="mbox", path="t.mbox", now=NOW, me=("me@example.org",))
    store.close()
    assert kith("seen").output == (
        "address            name          you wrote  they wrote  last\n"
        "grace@example.org  Grace Hopper  0          1           2026-11-01\n"
        "ada@example.org    Ada Lovelace  2          0           2026-11-01\n"
    )
    assert kith("seen", "--add", "ADA@example.org").output == (
        "Added Ada Lovelace (#2) with their messages.\n"
    )
    assert json.loads(kith("interactions", "Ada", "--json").output)["total"] == 2
    assert [s["value"] for s in json.loads(kith("seen", "--json").output)["seen"]] == [
        "grace@example.org"
    ]


def test_importing_mail_without_knowing_who_you_are_exits_1_naming_the_flag(
    kith: Kith, tmp_path: Path
) -> None:
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(
        b"From me@example.org Sat Nov  1 09:00:00 2026\nFrom: me@example.org\n"
        b"To: ada@example.org\nDate: Sat, 1 Nov 2026 09:00:00 +0000\n"
        b"Message-ID: <m1@example.org>\nSubject: hi\n\nhello\n"
    )
    result = kith("import", str(mbox), "--as", "mbox")
    assert result.exit_code == 1
    assert "give --me ADDRESS" in result.stderr


def test_undo_takes_back_the_follow_ups_articles_and_wants_a_run_added_to_people_known(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("save", "https://example.org/mine", "--topics", "engines")
    source = tmp_path / "source.db"

    def there(*args: str) -> None:
        CliRunner().invoke(cli, ["--db", str(source), "--now", "2026-11-22T10:00:00+00:00", *args])

    there("add", "Ada Lovelace", "--email", "ada@example.org")
    there("todo", "Ada", "send the notes", "--due", "2026-11-30")
    there("want", "Ada", "--why", "her engines")
    there("save", "https://example.org/mine", "--topics", "maths")
    there("save", "https://example.org/theirs", "--topics", "loops")
    exported = tmp_path / "export.json"
    there("export", "json", str(exported))
    before = kith("export", "json").stdout
    assert kith("import", str(exported)).output == (
        f"Imported {exported} as kith-json:\n"
        "  found:     5 records: 4 imported, 1 already known\n"
        "  created:   1 follow-up, 1 article, 1 want\n"
        "  updated:   1 article\n"
        "  unchanged: 1 person\n"
    )
    assert kith("import", "--undo", "1", "--dry-run").output == (
        "Would take back import run 1: 2 article topics, 1 follow-up, 1 want, 1 article, "
        "1 source link.\n"
    )
    assert kith("import", "--undo", "1").output == (
        "Took back import run 1: 2 article topics, 1 follow-up, 1 want, 1 article, 1 source link.\n"
    )
    assert kith("export", "json").stdout == before


def test_undoing_a_run_that_made_one_person_asks_for_yes_about_one_person(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    exported = tmp_path / "ada.json"
    kith("export", "json", str(exported))
    kith("forget", "Ada", "--yes")
    kith("import", str(exported))
    result = kith("import", "--undo", "1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Undoing import run 1 deletes 1 person it created; add --yes to confirm "
        "(or --dry-run to see them).\n",
    )
