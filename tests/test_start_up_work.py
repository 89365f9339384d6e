"""Work every command's start-up no longer does (issue 15): the schema objects an open checks are
read from the file `make bytecode` writes (kith.store.integrity) while the migrations are the
text it was written from, and the regular expressions of the modules every read imports are
compiled at their first use, not at import."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from kith.store import integrity, migrations
from tests.conftest import NOW_TEXT, Kith


def newest() -> int:
    return migrations.all_migrations()[-1].version


def texts() -> str:
    return integrity._texts(migrations.all_migrations())


def test_the_objects_written_are_the_ones_read_from_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "objects.bin"
    integrity.write_objects(str(path))
    written = integrity._written(str(path), texts()) or {}
    assert written == integrity._read_objects(newest())
    assert list(written) == list(integrity._read_objects(newest()))  # in the same order
    assert written["person"] == "person"
    assert len(written) > 100


def test_a_file_written_from_other_migrations_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "objects.bin"
    integrity.write_objects(str(path))
    changed = texts().replace("CREATE TABLE person", "CREATE TABLE persons", 1)
    assert changed != texts()
    assert integrity._written(str(path), changed) is None
    assert integrity._written(str(path), texts()) is not None


def test_a_missing_damaged_or_foreign_file_means_reading_the_migrations(tmp_path: Path) -> None:
    import marshal

    missing = tmp_path / "missing.bin"
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x00not marshal at all")
    uneven = tmp_path / "uneven.bin"
    uneven.write_bytes(marshal.dumps((texts(), "person\nperson_name_idx", "person")))
    other = tmp_path / "other.bin"
    other.write_bytes(marshal.dumps({"a": "dict"}))
    for path in (missing, garbage, uneven, other):
        assert integrity._written(str(path), texts()) is None


def test_an_older_version_is_read_from_its_migrations_and_lacks_the_newer_objects() -> None:
    assert "schema_migration" in integrity.expected_objects(1)
    assert integrity.expected_objects(1) == integrity._read_objects(1)
    assert integrity.expected_objects(0) == {}
    assert integrity.expected_objects(newest()) == integrity._read_objects(newest())


def test_an_open_takes_the_newest_objects_from_the_written_file_not_the_migrations(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "objects.bin"
    integrity.write_objects(str(path))  # as `make bytecode` does, to the package's __pycache__
    script = textwrap.dedent(
        f"""
        from kith.cli.app import App
        from kith.store import integrity
        integrity.OBJECTS_FILE = {str(path)!r}
        app = App(db_option={str(db_path)!r})
        app.store
        app.close()
        print(integrity._read_objects.cache_info().currsize)
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert ran.stdout.split() == ["0"]  # not read from the migrations: from the file


# (kith.cli.plain.ANSI is click's own pattern, which click compiles at its import)
LAZY = (
    ("kith.clock", ("_DURATION", "_ISO_DATE", "_AGO", "_LAST")),
    ("kith.identities", ("_EMAIL", "_LINKEDIN")),
    ("kith.store.search", ("_WORD",)),
    ("kith.cli.render", ("_RICH_TEXT",)),
    ("kith.store.integrity", ("_COMMENT", "_CREATE_TABLE", "_DROP", "_RENAME")),
)


def test_kith_plan_compiles_none_of_the_patterns_its_modules_keep_for_later(
    demo: Kith, db_path: Path
) -> None:
    argv = ["--db", str(db_path), "--now", NOW_TEXT, "plan"]
    script = textwrap.dedent(
        f"""
        import importlib, json, re
        from kith.cli.main import main
        try:
            main({argv!r})
        except SystemExit:
            pass
        patterns = {{key[1] for key in re._cache}}
        print(json.dumps([
            f"{{module}}.{{name}}"
            for module, names in {LAZY!r}
            for name in names
            if getattr(importlib.import_module(module), name) in patterns
        ]))
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(ran.stdout.splitlines()[-1]) == []


def test_the_patterns_compiled_at_first_use_match_as_before() -> None:
    from datetime import date

    from kith import clock, identities
    from kith.cli import plain
    from kith.store import search

    assert clock.duration_days(" 3W ") == 21
    assert clock.duration_days("3 weeks") == 21  # in words too (a new user's trial)
    assert clock.duration_days("3 fortnights") is None
    assert clock.quick_day("2 weeks ago", date(2026, 11, 22)) == date(2026, 11, 8)
    assert clock.quick_day("last monday", date(2026, 11, 22)) == date(2026, 11, 16)
    assert identities.guess_kind("ada@example.org") == "email"
    assert identities.guess_kind("Ada Lovelace") is None
    assert identities.linkedin("HTTPS://LinkedIn.com/IN/Ada-L?x=1") == (
        "https://www.linkedin.com/in/ada-l"
    )
    assert plain.unstyled("a \x1b[31mred\x1b[0m word") == "a red word"
    assert search.fts_query("ünï-code, words") == '"ünï"* "code"* "words"*'
    assert search.fts_query("-- ,") is None


def old_guess_kind(text: str) -> str | None:
    """kith.identities.guess_kind before it skipped its patterns for a name (kept to compare)."""
    import re

    stripped = text.strip()
    if re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", stripped):
        return "email"
    if "linkedin.com/" in stripped.lower():
        return "linkedin"
    digits = re.sub(r"[\s().\-/]", "", stripped)
    if re.fullmatch(r"\+?\d{6,15}", digits):
        return "phone"
    return None


def test_a_name_is_told_from_an_email_linkedin_or_phone_as_before() -> None:
    from kith.identities import guess_kind

    samples = [
        "Ada Lovelace",
        " ada@example.org ",
        "ada@@example.org",
        "a b@example.org",
        "@example.org",
        "linkedin.com/in/ada",
        "+44 (20) 7946-0958",
        "020.7946/0958",
        "+١٢٣٤٥٦٧٨",  # Arabic-Indic digits are digits to \d
        "12345",
        "1234567890123456",
        "0800 FLOWERS",
        "Ⅻ 123456",  # a Roman numeral is a number, not a letter nor a decimal digit
        "",
        "Zoë 🦊",
        "+",
    ]
    found = [guess_kind(text) for text in samples]
    assert found == [old_guess_kind(text) for text in samples]
    assert found == [
        None,
        "email",
        None,
        None,
        None,
        "linkedin",
        "phone",
        "phone",
        "phone",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
