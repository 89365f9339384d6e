"""An import, and the undo of one, on a database Kith cannot write is refused with the read-only
line every other write gives, before anything is made beside the file: no traceback from the
run's lock file (found by trying Kith as a new user: `kith import` on a read-only mount raised
OSError from store/journal.py). Read-only by permissions, or for root by a read-only bind mount
(reliability/resource_limits.py)."""

from __future__ import annotations

import pytest

from reliability.resource_limits import READ_ONLY, read_only_database

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nEMAIL:cy@example.org\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("folder_only", [False, True], ids=["file and folder", "folder only"])
def test_an_import_on_a_read_only_database_says_read_only_and_changes_nothing(
    folder_only: bool,
) -> None:
    with read_only_database(folder_only) as made:
        if made is None:
            pytest.skip("root here may not bind-mount a folder read-only")
        database, out, run = made
        (out / "cy.vcf").write_text(VCARD, encoding="utf-8")
        before = database.read_bytes()
        for args in (("import", "{out}/cy.vcf"), ("import", "--dry-run", "{out}/cy.vcf")):
            done = run(*args)
            assert "Traceback" not in done.stderr
            assert (done.returncode, READ_ONLY in done.stderr) == (1, True)
        assert database.read_bytes() == before
        assert sorted(p.name for p in database.parent.iterdir()) == ["kith.db"]
