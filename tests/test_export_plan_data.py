"""The weekly plan's data through `kith export json` and `kith import`: plan choices on people,
follow-ups, articles with topics and shares, wants and skips; merged into a database that has
some of it, re-imported without change, and taken back by `kith import --undo`."""

from __future__ import annotations

import json
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import PersonDraft
from kith.services import articles, follow_ups, people, referrals
from kith.services.exports import transfer
from kith.services.imports import import_file
from kith.services.undo import undo_import
from kith.store import Store, open_store
from kith.store.week.generation import named
from tests.conftest import NOW, Kith
from tests.test_export_json import (
    LATER,
    UNPLANNED,
    WORDS,
    add_plan_data,
    export_import_export,
    hand_built,
    same_but_the_time,
    uid,
)

PLAN_FIELDS = tuple(UNPLANNED)
STAMP = "2026-11-22T10:00:00Z"


def planned(store: Store) -> None:
    hand_built(store)
    add_plan_data(store, 1, 2)


def interaction_ref(store: Store, interaction_id: int) -> dict[str, str]:
    found = store.interactions.get(interaction_id)
    assert found is not None
    assert found.source_id is not None
    return {"source": "manual", "source_id": found.source_id}


def test_the_export_carries_plan_data_naming_people_by_uid_and_interactions_by_source(
    store: Store,
) -> None:
    planned(store)
    ada, bob = uid(store, 1), uid(store, 2)
    document = transfer.export_document(store, NOW)
    assert [{k: p[k] for k in PLAN_FIELDS} for p in document["people"]] == [
        UNPLANNED | {"pinned": True, "cadence_days": 14.0, "cadence_max_days": 30.0},
        UNPLANNED | {"muted": True, "snoozed_until": "2026-12-01T00:00:00Z"},
    ]
    assert {key: document[key] for key in ("follow_ups", "articles", "wants", "plan_skips")} == {
        "follow_ups": [
            {
                "id": 1,
                "person": ada,
                "text": "send the paper on loops",
                "owner": "mine",
                "due": "2026-11-30",
                "created_at": STAMP,
                "done_at": None,
                "done_note": None,
                "interaction": None,
            },
            {
                "id": 2,
                "person": bob,
                "text": "an intro to Grace",
                "owner": "theirs",
                "due": None,
                "created_at": STAMP,
                "done_at": STAMP,
                "done_note": "he introduced us",
                "interaction": interaction_ref(store, 2),
            },
        ],
        "articles": [
            {
                "id": 1,
                "url": "https://example.org/loops",
                "title": "Loops",
                "note": None,
                "saved_at": STAMP,
                "topics": ["compilers", "engines"],
                "shares": [{"person": ada, "at": STAMP, "interaction": interaction_ref(store, 3)}],
            },
            {
                "id": 2,
                "url": "https://example.org/bare",
                "title": None,
                "note": None,
                "saved_at": STAMP,
                "topics": [],
                "shares": [],
            },
        ],
        "wants": [{"person": bob, "why": "his engines", "created_at": STAMP, "met_at": None}],
        "plan_skips": [
            {"person": bob, "at": "2026-11-20T09:00:00Z"},
            {"person": bob, "at": "2026-11-21T09:00:00Z"},
        ],
    }


def test_the_export_leaves_out_the_stored_layers_and_the_weeks_picks(store: Store) -> None:
    planned(store)
    with store.transaction():
        store.connection.execute(
            named(store.connection, "INSERT INTO layer_state (person_id, layer) VALUES (1, 'L3')")
        )
        store.connection.execute(
            "INSERT INTO plan_week (week, made_at, budget) VALUES ('2026-W47', ?, 5)", (STAMP,)
        )
        store.connection.execute(
            "INSERT INTO plan_pick (week, person_id, position, layer, reason, channel, "
            "priority, energy) VALUES ('2026-W47', 1, 1, 'L3', 'due', 'email', 1.0, 1.0)"
        )
    assert list(transfer.export_document(store, NOW)) == [
        "format",
        "version",
        "schema",
        "exported_at",
        "settings",
        "people",
        "events",
        "interactions",
        "links",
        "relationships",
        "referrals",
        "introductions",
        "follow_ups",
        "articles",
        "wants",
        "plan_skips",
    ]


def test_plan_data_survives_export_then_import_into_an_empty_database(tmp_path: Path) -> None:
    first, second = export_import_export(tmp_path, planned)
    assert [len(first[s]) for s in ("follow_ups", "articles", "wants", "plan_skips")] == [
        2,
        2,
        1,
        2,
    ]
    same_but_the_time(first, second)


def test_reimporting_an_export_with_plan_data_into_its_own_database_changes_nothing(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "kith.db")
    planned(store)
    exported = tmp_path / "kith.json"
    transfer.export_file(store, exported, NOW)
    report = import_file(store, exported, kind=None, now=LATER)
    assert transfer.export_document(store, NOW) == json.loads(exported.read_text("utf-8"))
    store.close()
    assert (report.created, report.updated, report.skipped) == ({}, {}, [])
    assert report.unchanged == {
        "setting": 1,
        "person": 2,
        "event": 1,
        "relationship": 1,
        "interaction": 3,
        "follow_up": 2,
        "article": 2,
        "want": 1,
        "plan_skip": 2,
    }


def exported_plan(tmp_path: Path) -> Path:
    source = open_store(tmp_path / "source.db")
    planned(source)
    path = tmp_path / "kith.json"
    transfer.export_file(source, path, NOW)
    source.close()
    return path


def test_import_prints_the_plan_data_it_created(kith: Kith, tmp_path: Path) -> None:
    exported = exported_plan(tmp_path)
    result = kith("import", str(exported))
    assert (result.exit_code, result.output) == (
        0,
        f"Imported {exported} as kith-json:\n"
        "  found:     15 records: 15 imported\n"
        "  created:   1 setting, 2 people, 1 event, 1 relationship, 2 follow-ups, "
        "2 articles, 1 want, 2 plan skips, 3 interactions\n"
        "  updated:   nothing\n"
        "  unchanged: nothing\n",
    )
    assert kith("todos", "--all").output == (
        "id  due             person           whose   text                     done\n"
        "1   Mon 2026-11-30  Ada Lovelace     mine    send the paper on loops\n"
        "2                   Charles Babbage  theirs  an intro to Grace        2026-11-22\n"
    )


def test_importing_into_a_database_with_some_of_it_adds_only_what_is_missing(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    exported = exported_plan(tmp_path)
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("log", "Ada", "first coffee", "--when", "2026-11-01")
    kith("log", "Ada", "second coffee", "--when", "2026-11-02")
    kith("todo", "Ada", "send the paper on loops", "--due", "2026-11-30")
    kith("save", "https://example.org/loops", "--topics", "loops", "--title", "My loops")
    with closing(open_store(db_path)) as store, store.transaction():
        store.restore.set_person_plan(1, {"cadence_days": 7, "cadence_max_days": 21})
    result = kith("import", str(exported), "--json")
    report = json.loads(result.stdout)["imports"][0]
    assert (result.exit_code, report["created"], report["updated"], report["unchanged"]) == (
        0,
        {
            "article": 1,
            "event": 1,
            "follow_up": 1,
            "interaction": 3,
            "person": 1,
            "plan_skip": 2,
            "relationship": 1,
            "setting": 1,
            "want": 1,
        },
        {"article": 1, "person": 1},
        {"follow_up": 1},
    )
    assert rows(db_path) == {
        "person": [(1, 1, 0, None, 7.0, 21.0), (2, 0, 1, "2026-12-01T00:00:00Z", None, None)],
        "follow_up": [
            (1, 1, "send the paper on loops", None, None),
            # the interaction that kept it was #2 in the file; #1 and #2 were taken here
            (2, 2, "an intro to Grace", "he introduced us", 5),
        ],
        "article": [
            (1, "https://example.org/loops", "My loops"),
            (2, "https://example.org/bare", None),
        ],
        "article_topic": [(1, "compilers"), (1, "engines"), (1, "loops")],
        "article_share": [(1, 1, STAMP, 3)],
        "want": [(2, "his engines")],
        "plan_skip": [(2, "2026-11-20T09:00:00Z"), (2, "2026-11-21T09:00:00Z")],
    }


def rows(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "person": "SELECT id, pinned, muted, snoozed_until, cadence_days, cadence_max_days "
        "FROM person ORDER BY id",
        "follow_up": "SELECT id, person_id, text, done_note, interaction_id FROM follow_up "
        "ORDER BY id",
        "article": "SELECT id, url, title FROM article ORDER BY id",
        "article_topic": "SELECT * FROM article_topic ORDER BY 1, 2",
        "article_share": "SELECT * FROM article_share ORDER BY 1, 2",
        "want": "SELECT person_id, why FROM want ORDER BY 1",
        "plan_skip": "SELECT * FROM plan_skip ORDER BY 1, 2",
    }
    with closing(open_store(db_path)) as store:
        return {name: store.connection.execute(sql).fetchall() for name, sql in queries.items()}


def twin_stores(tmp_path: Path) -> tuple[Store, Store, Path]:
    """The hand-built database, and a copy of it made by importing its export (`before`)."""
    mine = open_store(tmp_path / "mine.db")
    hand_built(mine)
    before = tmp_path / "before.json"
    transfer.export_file(mine, before, NOW)
    copy = open_store(tmp_path / "copy.db")
    import_file(copy, before, kind=None, now=NOW)
    return mine, copy, before


def test_undo_of_an_import_onto_the_same_people_gives_back_the_document_before_it(
    tmp_path: Path,
) -> None:
    mine, copy, before = twin_stores(tmp_path)
    add_plan_data(mine, 1, 2)
    after = tmp_path / "after.json"
    transfer.export_file(mine, after, NOW)
    report = import_file(copy, after, kind=None, now=NOW)
    assert (report.created, report.updated) == (
        {"interaction": 2, "follow_up": 2, "article": 2, "want": 1, "plan_skip": 2},
        {"person": 2},
    )
    assert report.run_id is not None
    undone = undo_import(copy, report.run_id, LATER)
    assert undone.counts == {
        "field": 5,
        "article_share": 1,
        "article_topic": 2,
        "follow_up": 2,
        "want": 1,
        "plan_skip": 2,
        "article": 2,
        "interaction": 2,
    }
    assert transfer.export_document(copy, NOW) == json.loads(before.read_text("utf-8"))
    mine.close()
    copy.close()


CROWD = st.lists(
    st.tuples(
        st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
        st.booleans(),
        st.booleans(),
        st.lists(WORDS, max_size=2),
        st.one_of(st.none(), WORDS),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowd=CROWD, topics=st.lists(WORDS, max_size=3))
def test_any_plan_data_round_trips_through_an_export(crowd: list[Any], topics: list[str]) -> None:
    def build(store: Store) -> None:
        saved = articles.save(store, "https://example.org/a", NOW, topics=", ".join(topics))
        for name, pinned, muted, promises, why in crowd:
            person = people.add_person(store, PersonDraft(name), NOW, same_name=True).id
            with store.transaction():
                store.restore.set_person_plan(person, {"pinned": pinned, "muted": muted})
            for text in promises:
                follow_ups.add_follow_up(store, person, text, NOW, None)
            if why is not None:
                referrals.want(store, f"#{person}", NOW, why)
                articles.share(store, saved.article.id, person, NOW)

    with tempfile.TemporaryDirectory() as tmp:
        first, second = export_import_export(Path(tmp), build)
    same_but_the_time(first, second)


def test_a_let_go_travels_in_the_export_and_an_import_undo_takes_it_back(tmp_path: Path) -> None:
    mine, copy, before = twin_stores(tmp_path)
    with mine.transaction():
        mine.claims.let_go(2, STAMP)
    after = tmp_path / "after.json"
    transfer.export_file(mine, after, NOW)
    assert [p["let_go_at"] for p in json.loads(after.read_text("utf-8"))["people"]] == [None, STAMP]
    report = import_file(copy, after, kind=None, now=NOW)
    assert (report.created, report.updated) == ({}, {"person": 1})
    assert copy.connection.execute("SELECT * FROM let_go").fetchall() == [(2, STAMP)]
    assert report.run_id is not None
    assert undo_import(copy, report.run_id, LATER).counts == {"let_go": 1}
    assert transfer.export_document(copy, NOW) == json.loads(before.read_text("utf-8"))
    mine.close()
    copy.close()
