"""A folder or a zip: every file in it recognised by content and imported on its own."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from kith.services.importing.paths import _files_in, each_file
from kith.services.imports import ImportReport, import_file
from kith.store import Store
from tests.conftest import NOW, Kith


def exports(kith: Kith, folder: Path) -> None:
    folder.mkdir()
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("export", "json", str(folder / "ada.json"))
    kith("forget", "Ada", "--yes")
    kith("add", "Grace Hopper")
    kith("export", "json", str(folder / "nested-name-without-extension"))
    kith("forget", "Grace", "--yes")
    (folder / "shopping.txt").write_text("eggs\nmilk\n")
    (folder / ".hidden.json").write_text("{}")


def test_a_folder_imports_each_file_it_recognises_and_lists_the_rest(
    kith: Kith, tmp_path: Path
) -> None:
    exports(kith, tmp_path / "in")
    result = kith("import", str(tmp_path / "in"), "--json")
    assert result.exit_code == 6
    reports = json.loads(result.stdout)["imports"]
    assert [(Path(r["path"]).name, r["kind"], r["created"].get("person", 0)) for r in reports] == [
        ("ada.json", "kith-json", 1),
        ("nested-name-without-extension", "kith-json", 1),
        ("in", "unknown", 0),
    ]
    assert reports[2]["skipped"] == [
        {"where": f"{tmp_path / 'in' / 'shopping.txt'}", "reason": "not a kind of file Kith reads"}
    ]
    assert [p["name"] for p in json.loads(kith("list", "--json").output)["people"]] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]


def test_a_zip_is_unpacked_and_read_the_same_way(kith: Kith, tmp_path: Path) -> None:
    exports(kith, tmp_path / "in")
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name in ("ada.json", "nested-name-without-extension"):
            bundle.write(tmp_path / "in" / name, f"kith/{name}")
    result = kith("import", str(archive))
    assert result.exit_code == 0, result.output
    assert [p["name"] for p in json.loads(kith("list", "--json").output)["people"]] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]


def test_the_files_a_folder_import_leaves_out_are_headed_as_left_out_not_as_an_import(
    kith: Kith, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    exports(kith, folder)
    for flags, heading in (
        (("--dry-run",), f"Would not import from {folder} (dry run: nothing changed):"),
        ((), f"Not imported from {folder}:"),
    ):
        result = kith("import", str(folder), *flags)
        tail = result.output.splitlines()[-5:]
        assert tail == [
            heading,
            "  found:     1 record: 1 skipped",
            "  skipped:   1",
            f"    {folder / 'shopping.txt'}: not a kind of file Kith reads",
            "Note: 1 record " + ("would be" if flags else "was") + " skipped; see the list.",
        ]
        (*_, left_out) = json.loads(kith("import", str(folder), *flags, "--json").stdout)["imports"]
        assert (left_out["kind"], left_out["dry_run"]) == ("unknown", bool(flags))


def test_a_file_that_vanishes_while_a_folder_is_imported_is_listed_as_gone(
    store: Store, tmp_path: Path
) -> None:
    """A download folder changes as it is read (a browser renames a finished download): trial 5's
    `kith import /tmp` crashed with a traceback."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    for name in ("a.vcf", "b.vcf"):
        (folder / name).write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n")

    def one(target: Path, chosen: str | None) -> ImportReport:
        (folder / "b.vcf").unlink(missing_ok=True)  # gone before its turn
        return import_file(store, target, kind=chosen, now=NOW)

    reports = each_file(folder, folder, one)
    assert [(Path(r.path).name, r.kind) for r in reports] == [
        ("a.vcf", "vcard"),
        ("Downloads", "unknown"),
    ]
    assert [(s.where, s.reason) for s in reports[1].skipped] == [
        (str(folder / "b.vcf"), "it was gone before it was read")
    ]


def test_hidden_files_and_folders_are_left_out_of_a_folder_import(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.vcf").write_text("x")
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "ada.vcf").write_text("x")
    (tmp_path / "cards" / ".ada.vcf.swp").write_text("x")
    assert _files_in(tmp_path) == [tmp_path / "cards" / "ada.vcf"]


def test_importing_a_device_says_it_is_not_a_file_rather_than_a_damaged_zip(kith: Kith) -> None:
    """Trial 5 (#13): `kith import /dev/null` said "the zip is damaged"."""
    result = kith("import", "/dev/null")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: /dev/null: not a file or a folder (a device); Kith imports files, folders and "
        "zips. Nothing was imported."
    )


def test_a_link_to_nothing_a_pipe_and_a_link_back_up_in_a_folder_are_each_skipped_with_why(
    kith: Kith, tmp_path: Path
) -> None:
    """Trial 5 (#13): a dangling link was left out without a word. Every entry seen is in the
    report: found = imported + skipped, and each skipped one is named with why."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "ada.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n")
    (folder / "gone.vcf").symlink_to(tmp_path / "nowhere.vcf")
    (folder / "sub" / "up").symlink_to(folder)  # walked again, it would loop
    os.mkfifo(folder / "pipe")
    result = kith("import", str(folder), "--json")
    assert result.exit_code == 6, result.output
    reports = json.loads(result.stdout)["imports"]
    assert [(Path(r["path"]).name, r["kind"], r["found"]) for r in reports] == [
        ("ada.vcf", "vcard", 1),
        ("in", "unknown", 3),
    ]
    assert reports[1]["accounted"]["skipped"] == 3
    assert reports[1]["skipped"] == [
        {
            "where": f"{folder / 'gone.vcf'}",
            "reason": f"a link to {tmp_path / 'nowhere.vcf'}, which is not there",
        },
        {"where": f"{folder / 'pipe'}", "reason": "not a file (a pipe)"},
        {
            "where": f"{folder / 'sub' / 'up'}",
            "reason": "a folder this import reads already under another name (a link leads to it)",
        },
    ]
