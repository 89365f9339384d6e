"""No draft ever reveals what the user wrote for themselves.

Every private field of the demo network is overwritten with a marker string (summaries and
notes of interactions, "how we met", notes, follow-ups, needs, offers, tags, companies and
titles, addresses, event notes, referral notes, introduction reasons, wants, article notes);
then every kind is drafted for every channel to the people the plan picks, the people to
claim and more, every plan reason is drafted for each of them, and the CLI's own outputs that
carry drafts (`plan --drafts`, `claim`, `digest`, `draft`) are read whole. None may contain
the marker.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.cli.week.drafts import DRAFT_CHANNELS
from kith.drafts.render import INTRO_KINDS, KINDS
from kith.services.claims import claims
from kith.services.resolve import resolve
from kith.services.week import drafts
from kith.services.week.plan import this_week
from kith.store import Store, open_store
from tests.conftest import NOW, NOW_TEXT, Kith
from tests.drafts_expectations import REASONS, pick_for

MARKER = "PRIVATE"
# Every column that holds what the user wrote for themselves (or Kith for itself).
PRIVATE_COLUMNS = (
    ("interaction", "summary"),
    ("interaction", "notes"),
    ("person", "how_met"),
    ("note", "text"),
    ("follow_up", "text"),
    ("follow_up", "done_note"),
    ("facet", "text"),  # needs and offers (interests are theirs to hear about)
    ("tag", "name"),
    ("organisation", "name"),
    ("employment", "title"),
    ("address", "street"),
    ("address", "city"),
    ("event", "notes"),
    ("referral", "note"),
    ("introduction", "why"),
    ("want", "why"),
    ("article", "note"),
)
FACET_KINDS = "kind IN ('need', 'offer')"


@pytest.fixture(scope="module")
def marked_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("marked") / "demo.db"
    run = ["--db", str(path), "--now", NOW_TEXT]
    assert CliRunner().invoke(cli, [*run, "demo"]).exit_code == 0
    for args in (
        ["config", "set", "me.name", "Sam Rivera"],
        ["todo", "Fiona", "send her the slides", "--due", "2026-11-22"],
        ["need", "Fiona", "a quiet job search"],
        ["offer", "Fiona", "a spare room"],
        ["note", "Fiona", "a new job at the bank", "--kind", "news"],
    ):
        assert CliRunner().invoke(cli, [*run, *args]).exit_code == 0
    _mark(path)
    return path


def _mark(path: Path) -> None:
    """Every private column of every row: MARKER and the row's id, so rows stay distinct."""
    db = sqlite3.connect(path)
    with db:
        for table, column in PRIVATE_COLUMNS:
            where = f" WHERE {FACET_KINDS}" if table == "facet" else ""
            key = "rowid"
            db.execute(
                f"UPDATE {table} SET {column} = '{MARKER} ' || {table}.{key} || ' ' || "
                f"coalesce({column}, ''){where}"
            )
    db.close()


@pytest.fixture
def marked(marked_demo: Path, db_path: Path) -> Iterator[Store]:
    shutil.copy(marked_demo, db_path)
    store = open_store(db_path)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def marked_kith(marked_demo: Path, db_path: Path, kith: Kith) -> Kith:
    shutil.copy(marked_demo, db_path)
    return kith


def test_the_markers_are_in_the_database_so_the_test_can_fail(marked: Store) -> None:
    with marked.reading():
        fiona = marked.people.get(resolve(marked, "Fiona Formerly"))
    assert fiona is not None
    assert MARKER in (fiona.how_met or "") or MARKER in " ".join(n.text for n in fiona.notes)
    assert any(MARKER in need for need in fiona.needs)


def test_no_draft_of_any_kind_or_channel_quotes_a_private_field(marked: Store) -> None:
    week = this_week(marked, NOW)
    people = {pick.person.id for pick in week.picks}
    people |= {claim.person.id for claim in claims(marked, 7, NOW, None)}
    people |= set(range(1, 41))
    checked = 0
    for person_id in sorted(people):
        for kind in KINDS:
            for channel in DRAFT_CHANNELS:
                try:
                    drafted = drafts.draft(marked, person_id, kind, None, NOW, channel)
                except (drafts.NothingToShare, drafts.NothingToReply, drafts.NoBirthdayNear):
                    continue
                assert MARKER not in f"{drafted.draft.subject} {drafted.draft.body}", (
                    person_id,
                    kind,
                    channel,
                )
                checked += 1
    assert checked > 1500


def test_no_draft_for_any_plan_reason_quotes_a_private_field(marked: Store) -> None:
    week = this_week(marked, NOW)
    for pick in week.picks:
        for reason, channel, upgrades in REASONS:
            stored = pick_for(pick.person.id, reason, channel, upgrades)
            drafted = drafts.for_picks(marked, [stored], None, NOW)[pick.person.id]
            assert MARKER not in f"{drafted.draft.subject} {drafted.draft.body}", reason


def test_plan_claim_and_digest_show_no_private_field_in_a_draft(marked_kith: Kith) -> None:
    picks = json.loads(marked_kith("plan", "--drafts", "--json").output)["picks"]
    assert len(picks) == 5
    assert all(MARKER not in pick["draft"] for pick in picks)
    notes = json.loads(marked_kith("claim", "--json").output)["claims"]
    assert notes
    assert all(MARKER not in note["draft"] for note in notes)
    digest = json.loads(marked_kith("digest", "--json").output)
    assert all(MARKER not in claim["draft"] for claim in digest["claims"])
    for kind in KINDS:
        shown = marked_kith("draft", "Fiona Formerly", "--kind", kind, "--json")
        if shown.exit_code == 0:
            drafted = json.loads(shown.stdout)
            assert MARKER not in f"{drafted['subject']} {drafted['draft']}", kind


def test_no_message_of_an_introduction_quotes_a_private_field(marked: Store) -> None:
    """Every introduction template, to and about each of the first 40 people and Fiona."""
    fiona = resolve(marked, "Fiona Formerly")
    checked = 0
    for person_id in range(1, 41):
        for kind in INTRO_KINDS:
            for to, about in ((person_id, fiona), (fiona, person_id)):
                if to == about:
                    continue
                drafted = drafts.between(marked, to, about, kind, None)
                assert MARKER not in f"{drafted.draft.subject} {drafted.draft.body}", (to, kind)
                checked += 1
    assert checked == 312
