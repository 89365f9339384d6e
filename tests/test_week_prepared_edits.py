"""Edits after an import keep the next Monday's prepared step (issue 15, migration 0039) when the
layers stay current: a new person is ranked into it by the patch, a rename, a job or a link
counted again no longer void it. Edits that make the layers stale (a rating, a pin, a
known-since date, an archive, a delete, a merge, a relationship, a link said) still void it: the
week's first command replays them. Over seeded weeks of such edits the layers and the week a
prepared database is left with are, row for row, those of a database that never prepared."""

from __future__ import annotations

import random
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kith.clock import from_utc_text, to_utc_text
from kith.model import PersonDraft
from kith.relate.layers import mondays_between
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import PersonEdit, add_person, edit_person
from kith.services.ties import layer_patch
from kith.services.week import outreach, plan
from kith.store import Store, migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import named
from tests.conftest import Kith
from tests.migration_support import one_contact_at
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import (
    BUILT_AT,
    NEXT_WEEK,
    PatchSpy,
    first_today_next_week,
    import_one_card,
    prepare,
    ranked,
    rows_hash,
    rows_hash_after,
    stamped,
    stepped_hash,
    still_prepared,
    unpatched_hash,
)

KEEPING = {  # `kith` writes after an import that leave the layers current, and the step kept
    "a new person": ["add", "Zed Newperson"],
    "a new person with a job": ["add", "Yves Jobholder", "--company", "Acme"],
    "a rename": ["edit", "#6", "--name", "Otto Renamed"],
    "a new job": ["edit", "#6", "--company", "Acme"],
    "a log with two people": ["log", "#15", "#16", "dinner"],
}
STALING = {  # writes that make the layers stale: the week's first command replays them
    "a rating": ["rate", "#4", "3"],
    "a pin": ["pin", "#5"],
    "a known-since date": ["edit", "#6", "--known-since", "2020-01-01"],
    "an archive": ["archive", "#7"],
    "a delete": ["forget", "#8", "--yes"],
    "a merge": ["merge", "#9", "#10"],
    "a relationship": ["relate", "#11", "#12", "--as", "sibling"],
    "a link said": ["knows", "#13", "#14"],
}


@pytest.mark.parametrize("write", list(KEEPING.values()), ids=list(KEEPING))
def test_an_edit_after_an_import_keeps_the_step_and_the_first_today_promotes_it_patched(
    demo: Kith, db_path: Path, tmp_path: Path, write: list[str]
) -> None:
    import_one_card(demo, tmp_path)
    assert demo(*write).exit_code == 0
    with closing(open_store(db_path)) as store:
        assert still_prepared(store, NEXT_WEEK)
        last_week = store.connection.execute(
            named(store.connection, "SELECT * FROM layer_state")
        ).fetchall()
    expected = stepped_hash(db_path, tmp_path)
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert rows_hash(store) == expected
        assert store.layers.touched() == []
        # promoted, not stepped: last week's state is the scratch table now
        scratch = store.connection.execute(
            named(store.connection, "SELECT * FROM layer_prepared")
        ).fetchall()
        assert sorted(scratch) == sorted(last_week)


@pytest.mark.parametrize("write", list(STALING.values()), ids=list(STALING))
def test_an_edit_that_makes_the_layers_stale_still_voids_the_step(
    demo: Kith, db_path: Path, tmp_path: Path, write: list[str]
) -> None:
    import_one_card(demo, tmp_path)
    assert demo(*write).exit_code == 0
    with closing(open_store(db_path)) as store:
        assert store.layers.stale()
        assert not still_prepared(store, NEXT_WEEK)


def test_a_new_person_left_out_of_the_step_would_be_missing_from_the_week_s_layers(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    assert demo("add", "Zed Newperson").exit_code == 0
    with closing(open_store(db_path)) as store:
        assert store.layers.touched() == [152]
        unpatched = unpatched_hash(store, tmp_path, NEXT_WEEK)
    expected = stepped_hash(db_path, tmp_path)
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert rows_hash(store) == expected
        assert store.connection.execute(
            named(store.connection, "SELECT layer FROM layer_state WHERE person_id = 152")
        ).fetchone() == ("L6",)
    assert unpatched != expected


def test_migration_39_from_38_names_a_new_person_and_a_link_counted_again_and_voids_on_a_rating(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 38, "P1")
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
        "VALUES (2, 'u2', 'P2', 'p2', 'contact', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"
    )
    connection.execute("INSERT INTO link (a_id, b_id, kind) VALUES (1, 2, 'co_recipient')")
    connection.execute("INSERT INTO meta (key, value) VALUES (?, '{}')", (PREPARED_KEY,))
    migrations.migrate(connection, path, APPLICATION_ID, upto=39)
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
        "VALUES (3, 'u3', 'P3', 'p3', 'contact', '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z')"
    )
    connection.execute("UPDATE person SET display_name = 'P one', closeness = closeness")
    connection.execute("UPDATE link SET count = count + 1")
    assert stamped(connection) == 1
    touched = connection.execute("SELECT person_id FROM layer_prepared_touched ORDER BY 1")
    assert touched.fetchall() == [(1,), (2,), (3,)]
    connection.execute("UPDATE person SET closeness = 4 WHERE id = 3")
    assert stamped(connection) == 0
    connection.close()


EDITS = ("add", "add", "add and log", "rename", "job", "pair", "log", "log", "recount", "rate")


def edits_since(stores: list[Store], when: datetime, rng: random.Random) -> None:
    """The same edit, chosen by `rng`, on each store: a new person (logged with at once, or
    not), a rename, a new job, a log with two people or one, the links of someone counted again
    (an import's update of them), or a rating (the layers go stale, then replay)."""
    order = ranked(stores[0])
    kind = rng.choice(EDITS)
    a, b = rng.sample(order, 2)
    channel = rng.choice(["call", "email", "message", "in_person"])
    for store in stores:
        if kind in ("add", "add and log"):
            person = add_person(store, PersonDraft(f"Newcomer {when:%j%H%M}"), when)
            if kind == "add and log":
                log_interaction(store, [person.id], LogEntry("hello", channel=channel), when)
        elif kind == "rename":
            edit_person(store, a, PersonEdit(name=f"Renamed {when:%j%H%M}"), when)
        elif kind == "job":
            edit_person(store, a, PersonEdit(company=f"Firm {when:%j%H}"), when)
        elif kind == "pair":
            log_interaction(store, [a, b], LogEntry("dinner", channel=channel), when)
        elif kind == "recount":
            with store.transaction():
                store.connection.execute(
                    "UPDATE link SET count = count + 1 WHERE ? IN (a_id, b_id)", (a,)
                )
        elif kind == "rate":
            with store.transaction():
                store.connection.execute("UPDATE person SET closeness = 5 WHERE id = ?", (a,))
        else:
            log_interaction(store, [a], LogEntry("met", channel=channel), when)


def test_edits_after_the_preparation_keep_it_and_the_week_is_the_step_s_over_seeded_weeks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = PatchSpy(layer_patch.patch)
    monkeypatch.setattr(layer_patch, "patch", spy.patch)  # the real patch, its answers counted
    fast_path, step_path = tmp_path / "prepared.db", tmp_path / "stepped.db"
    fast, step = two_demos(fast_path, step_path)
    rng = random.Random(3939)
    patched = promoted = stepped = differs = grew = 0
    try:
        for week in range(1, 15):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            for store in (fast, step):
                picks = plan.this_week(store, monday).open_picks()
                if picks:
                    outreach.done(store, picks[0].person.id, monday + timedelta(hours=1))
            prepare(fast, monday + timedelta(hours=2))
            contacts = len(ranked(fast))
            for n in range(rng.randint(1, 5)):
                when = monday + timedelta(days=1 + n % 5, hours=n)
                edits_since([fast, step], when, random.Random(rng.random()))
                if n == 2:  # an import's end meanwhile: the step patched and kept for more
                    prepare(fast, when)
                with step.transaction():
                    step.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
            next_monday = monday + timedelta(days=7)
            unchanged = still_prepared(fast, next_monday)
            kept = unchanged and bool(fast.layers.touched())
            if kept:
                differs += unpatched_hash(fast, tmp_path, next_monday) != rows_hash_after(
                    step_path, next_monday
                )
            made, expected = plan.this_week(fast, next_monday), plan.this_week(step, next_monday)
            assert spy.patches == ([True] if kept else []), week
            spy.patches.clear()
            patched += kept
            promoted += unchanged and not kept
            stepped += not unchanged
            grew += kept and len(ranked(fast)) > contacts
            assert rows_hash(fast) == rows_hash(step), week
            assert [(p.person.id, p.stored.reason) for p in made.picks] == [
                (p.person.id, p.stored.reason) for p in expected.picks
            ], week
        print(
            f"{patched} weeks patched ({grew} with new people), {promoted} promoted as prepared,"
            f" {stepped} stepped; {differs} wrong unpatched"
        )
        assert patched >= 6
        assert grew >= 4
        assert promoted >= 3  # renames and jobs alone, or everyone patched in at an import's end
        assert stepped >= 1  # a rating: the layers replay
        assert differs >= 6  # without the patch, those weeks' layers would be wrong
    finally:
        fast.close()
        step.close()


def patched_with(db_path: Path, writes: list[str]) -> tuple[bool, list[int]]:
    """layer_patch.patch's answer for the step an import prepared, after `writes` (SQL) in the
    same transaction, and who is left touched."""
    with closing(open_store(db_path)) as store, store.deriving():
        for sql in writes:
            store.connection.execute(sql)
        instant = store.layers.instant()
        assert instant is not None
        target = mondays_between(from_utc_text(instant), NEXT_WEEK, UTC)[0]
        stamp = store.layers.stamp(instant, to_utc_text(target), "UTC")
        return layer_patch.patch(store, stamp, target, UTC), store.layers.touched()


def test_the_patch_declines_for_someone_it_ranked_who_is_no_contact_any_more(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    made_prospect = "UPDATE person SET kind = 'prospect' WHERE id = 7"
    assert patched_with(
        db_path, [made_prospect, "INSERT INTO layer_prepared_touched VALUES (7)"]
    ) == (
        False,
        [7],
    )


def test_the_patch_passes_over_a_touched_person_the_step_does_not_read(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    added = (
        "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
        "VALUES (500, 'u500', 'Pat Prospect', 'pat prospect', 'prospect', "
        "'2026-11-22T09:00:00Z', '2026-11-22T09:00:00Z')"
    )
    assert patched_with(db_path, [added]) == (True, [])
