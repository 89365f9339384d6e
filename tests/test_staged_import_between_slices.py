"""A staged mailbox is planned from one snapshot and written in slices that let other writers in
(store/connection.py `sliced`): someone another writer adds between two slices, with an address
the plan was about to give a new person, is the person the import uses — not a second one (the
address is one person's: the plan's new person would break identity_unique and take the whole
import back, or leave two people to review)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.model import PersonDraft
from kith.services.importing.paths import import_path
from kith.services.people import add_person
from kith.store import journal, open_store
from tests.test_staging import ME, PEOPLE, mailbox

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
ADDED = "person37@example.org"  # among the last the plan creates: after the first slice


def test_someone_added_between_two_slices_of_a_mailbox_import_is_used_not_duplicated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kith.db"
    store = open_store(db)
    add_person(store, PersonDraft("Someone Else"), NOW)  # not empty: the import writes in slices
    others: list[int] = []
    handed_off = journal.Turnstile.hand_off

    def another_writer_between_slices(turnstile: journal.Turnstile) -> None:
        handed_off(turnstile)
        if not others:  # once, after the first slice committed
            other = open_store(db)
            added = add_person(other, PersonDraft("Sam Added", (("email", ADDED),)), NOW)
            others.append(added.id)
            other.close()

    monkeypatch.setattr(journal, "SLICE", 0.0)  # commit at every chance
    monkeypatch.setattr(journal.Turnstile, "hand_off", another_writer_between_slices)
    [report] = import_path(
        store, mailbox(tmp_path / "mail.mbox", 400), kind="mbox", now=NOW, me=[ME]
    )

    assert others, "the import wrote in one slice: nobody could come between"
    rows = store.connection.execute(
        "SELECT p.id, p.display_name FROM identity i JOIN person p ON p.id = i.person_id "
        "WHERE i.kind = 'email' AND i.value = ?",
        (ADDED,),
    ).fetchall()
    assert rows == [(others[0], "Sam Added")]
    people = store.connection.execute("SELECT count(*) FROM person").fetchone()[0]
    assert people == 1 + PEOPLE  # Someone Else, and the mailbox's 40 (Sam Added one of them)
    assert report.created["person"] == PEOPLE - 1
    with_sam = store.connection.execute(
        "SELECT count(*) FROM participant WHERE person_id = ?", (others[0],)
    ).fetchone()[0]
    assert with_sam == 400 // PEOPLE  # his ten messages are his
    queued = store.connection.execute(
        "SELECT count(*) FROM merge_candidate WHERE ? IN (a_id, b_id)", (others[0],)
    ).fetchone()[0]
    assert queued == 0  # nobody to review as perhaps the same as him
    store.close()
