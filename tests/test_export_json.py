"""`kith export json` and `kith import`: the document's exact shape, and export → import →
export giving back the same document."""

from __future__ import annotations

import json
import stat
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import Address, Birthday, PersonDraft
from kith.services import articles, events, follow_ups, interactions, people, referrals
from kith.services.exports import transfer
from kith.services.imports import ImportReport, import_file
from kith.services.settings import set_value
from kith.store import Store, migrations, open_store
from kith.store.interactions import NewInteraction
from tests.conftest import NOW, Kith

LATER = NOW + timedelta(days=3)
NOW_STAMP = "2026-11-22T10:00:00Z"
UNPLANNED = {  # a person's plan choices when they made none
    "pinned": False,
    "muted": False,
    "snoozed_until": None,
    "cadence_days": None,
    "cadence_max_days": None,
    "let_go_at": None,
}


def uid(store: Store, person_id: int) -> str:
    return store.people.refs([person_id])[person_id].uid


def hand_built(store: Store) -> None:
    ada = people.add_person(
        store,
        PersonDraft(
            "Ada Lovelace",
            identities=(("email", "Ada@Example.org"),),
            company="Analytical Engines",
            title="Analyst",
            how_met="PyCon 2026",
            tags=("python",),
            interests=("compilers",),
            birthday=Birthday(12, 10),
        ),
        NOW,
    )
    bob = people.add_person(store, PersonDraft("Charles Babbage", kind="prospect"), NOW)
    people.add_note(store, ada.id, "moving to Lisbon", "news", NOW)
    set_value(store, "timezone", "Europe/London")
    pycon = events.add_event(store, "PyCon 2026", "2026-05-14", "Pittsburgh", "conference", NOW)
    events.attend(store, pycon.id, [ada.id, bob.id])
    change = people.PersonEdit(fields={"met_through_id": ada.id, "met_event_id": pycon.id})
    people.edit_person(store, bob.id, change, NOW)
    entry = interactions.LogEntry("coffee after the talk", when="2026-11-20T09:30")
    interactions.log_interaction(store, [bob.id, ada.id], entry, NOW)
    people.relate(store, ada.id, bob.id, "friend", NOW)


def test_the_export_of_a_hand_built_store_has_the_exact_expected_shape(store: Store) -> None:
    hand_built(store)
    ada, bob = uid(store, 1), uid(store, 2)
    logged = store.interactions.get(1)
    assert logged is not None
    empty: dict[str, Any] = {
        "uid_aliases": [],
        "vcard_extra": [],
        "closeness": None,
        "additional_names": None,
        "prefix": None,
        "suffix": None,
    }
    empty |= {"nickname": None, "met_where": None, "known_since": None, "depth": None}
    empty |= {"needs": [], "offers": [], "addresses": [], "working_on": []}
    empty |= UNPLANNED
    stamp = "2026-11-22T10:00:00Z"
    assert transfer.export_document(store, LATER) == {
        "format": "kith",
        "version": 1,
        "schema": migrations.latest_version(),
        "exported_at": "2026-11-25T10:00:00Z",
        "settings": {"timezone": "Europe/London"},
        "people": [
            empty
            | {
                "id": 1,
                "uid": ada,
                "name": "Ada Lovelace",
                "given_name": "Ada",
                "family_name": "Lovelace",
                "birthday": "--12-10",
                "how_met": "PyCon 2026",
                "met_through": None,
                "met_event": None,
                "kind": "contact",
                "archived": False,
                "created_at": stamp,
                "updated_at": stamp,
                "identities": [
                    {
                        "kind": "email",
                        "value": "ada@example.org",
                        "raw": "Ada@Example.org",
                        "label": None,
                        "shared": False,
                        "verified": True,
                    }
                ],
                "tags": ["python"],
                "interests": ["compilers"],
                "jobs": [
                    {
                        "organisation": "Analytical Engines",
                        "title": "Analyst",
                        "start": None,
                        "end": None,
                        "domain": None,
                    }
                ],
                "notes": [{"kind": "news", "text": "moving to Lisbon", "created_at": stamp}],
            },
            empty
            | {
                "id": 2,
                "uid": bob,
                "name": "Charles Babbage",
                "given_name": "Charles",
                "family_name": "Babbage",
                "birthday": None,
                "how_met": None,
                "met_through": ada,
                "met_event": "event-1",
                "kind": "prospect",
                "archived": False,
                "created_at": stamp,
                "updated_at": stamp,
                "identities": [],
                "tags": [],
                "interests": [],
                "jobs": [],
                "notes": [],
            },
        ],
        "events": [
            {
                "id": 1,
                "key": "event-1",
                "name": "PyCon 2026",
                "date": "2026-05-14",
                "place": "Pittsburgh",
                "kind": "conference",
                "attendees": [ada, bob],
                "remarks": {},
                "created_at": stamp,
            }
        ],
        "interactions": [
            {
                "id": 1,
                "at": "2026-11-20T09:30:00Z",
                "channel": "in_person",
                "direction": "both",
                "kind": "checkin",
                "summary": "coffee after the talk",
                "notes": None,
                "topic": None,
                "duration": None,
                "participants": [ada, bob],
                "event": None,
                "source": "manual",
                "source_id": logged.source_id,
                "created_at": stamp,
            }
        ],
        "links": [],
        "relationships": [{"a": ada, "b": bob, "type": "friend", "created_at": stamp}],
        "referrals": [],
        "introductions": [],
        "follow_ups": [],
        "articles": [],
        "wants": [],
        "plan_skips": [],
    }


def test_export_json_prints_one_entry_per_line_on_stdout(kith: Kith, store: Store) -> None:
    kith("add", "Ada Lovelace", "--tag", "python")
    result = kith("export", "json")
    person = (
        f'{{"id":1,"uid":"{uid(store, 1)}","uid_aliases":[],"name":"Ada Lovelace",'
        '"given_name":"Ada","family_name":"Lovelace","additional_names":null,'
        '"prefix":null,"suffix":null,"nickname":null,"birthday":null,"how_met":null,'
        '"met_where":null,"met_through":null,"met_event":null,"known_since":null,'
        '"depth":null,"kind":"contact","archived":false,'
        '"created_at":"2026-11-22T10:00:00Z","updated_at":"2026-11-22T10:00:00Z",'
        '"identities":[],"tags":["python"],"interests":[],"needs":[],"offers":[],'
        '"addresses":[],"jobs":[],"working_on":[],"notes":[],"vcard_extra":[],'
        '"closeness":null,"pinned":false,"muted":false,"snoozed_until":null,'
        '"cadence_days":null,"cadence_max_days":null,"let_go_at":null}'
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "{\n"
        '  "format": "kith",\n'
        '  "version": 1,\n'
        f'  "schema": {migrations.latest_version()},\n'
        '  "exported_at": "2026-11-22T10:00:00Z",\n'
        '  "settings": {},\n'
        f'  "people": [\n    {person}\n  ],\n'
        '  "events": [],\n'
        '  "interactions": [],\n'
        '  "links": [],\n'
        '  "relationships": [],\n'
        '  "referrals": [],\n'
        '  "introductions": [],\n'
        '  "follow_ups": [],\n'
        '  "articles": [],\n'
        '  "wants": [],\n'
        '  "plan_skips": []\n'
        "}\n",
    )


def test_an_export_file_is_private_and_the_command_says_what_it_wrote(
    kith: Kith, store: Store, tmp_path: Path
) -> None:
    hand_built(store)
    target = tmp_path / "kith.json"
    result = kith("export", "json", str(target))
    assert (result.exit_code, result.output) == (
        0,
        f"Exported 2 people, 1 event, 1 interaction, 1 relationship to {target}.\n",
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text("utf-8")) == transfer.export_document(store, NOW)


def test_interactions_stream_in_id_order_across_batches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer, "INTERACTION_BATCH", 2)
    ada = people.add_person(store, PersonDraft("Ada Lovelace"), NOW)
    for day in range(1, 6):
        entry = interactions.LogEntry(f"call {day}", channel="call", when=f"2026-11-0{day}")
        interactions.log_interaction(store, [ada.id], entry, NOW)
    found = transfer.export_document(store, NOW)["interactions"]
    assert [(i["id"], i["summary"]) for i in found] == [(n, f"call {n}") for n in range(1, 6)]


# export → import → export -------------------------------------------------------------------


def rich(store: Store) -> None:
    """Every kind of thing the store holds, made the way Kith makes it."""
    hand_built(store)
    set_value(store, "plan.budget", "3")
    set_value(store, "cadence.tag.family", "14d")
    grace = add_grace(store)
    later = NOW + timedelta(days=1)
    people.relate(store, grace, 1, "manager", later)
    people.set_archived(store, 2, True, later)
    entry = interactions.LogEntry(
        "sent the paper", channel="email", direction="out", kind="give", notes="about loops"
    )
    interactions.log_interaction(store, [grace, 1, 2], entry, later)
    with store.transaction():
        store.people.cards.add_uid_alias(grace, "00000000-0000-4000-8000-000000000099")
        add_raw_interactions(store, grace)
        store.relations.add_link(1, grace, "co_attendee", "PyCon 2026", "2026-05-14T15:00:00Z", 2)
        store.relations.add_referral(1, grace, "meet Grace", "2026-11-01T10:00:00Z", None, None)
        store.relations.add_introduction(
            2, grace, "both love engines", "asked_a", "2026-11-02T10:00:00Z"
        )
    add_plan_data(store, 1, 2)


def add_plan_data(store: Store, ada: int, bob: int) -> None:
    """Follow-ups (one kept), an article shared with Ada, a want, a skip and plan choices."""
    follow_ups.add_follow_up(store, ada, "send the paper on loops", NOW, "2026-11-30")
    kept = follow_ups.add_follow_up(store, bob, "an intro to Grace", NOW, None, "theirs")
    follow_ups.close_follow_up(store, kept.follow_up.id, NOW, "he introduced us")
    loops = articles.save(store, "https://example.org/loops", NOW, "Loops", "Compilers, engines")
    articles.save(store, "https://example.org/bare", NOW)
    articles.share(store, loops.article.id, ada, NOW)
    referrals.want(store, "Charles Babbage", NOW, "his engines")
    with store.transaction():
        store.restore.set_person_plan(
            ada, {"pinned": 1, "cadence_days": 14, "cadence_max_days": 30}
        )
        store.restore.set_person_plan(bob, {"muted": 1, "snoozed_until": "2026-12-01T00:00:00Z"})
        store.restore.add_skip(bob, "2026-11-20T09:00:00Z")
        store.restore.add_skip(bob, "2026-11-21T09:00:00Z")


def add_grace(store: Store) -> int:
    """Someone with every field of a card filled, a job history and two "working on"s."""
    draft = PersonDraft(
        "Grace Hopper",
        identities=(
            ("phone", "+44 20 7946 0958"),
            ("linkedin", "linkedin.com/in/grace-hopper"),
            ("url", "grace.example.org/"),
            ("email", "info@navy.example"),
        ),
        company="US Navy",
        title="Rear Admiral",
        met_where="Arlington",
        known_since=date(1990, 5, 1),
        depth="in_person",
        working_on="COBOL",
        birthday=Birthday(12, 9, 1906),
        addresses=(Address("work", "1 Navy Way", "Arlington", "VA", "22202", "US"),),
    )
    grace = people.add_person(store, draft, NOW).id
    later = NOW + timedelta(days=1)
    edit = people.PersonEdit(
        fields={"nickname": "Amazing Grace", "prefix": "RADM", "suffix": "PhD"},
        company="Yale",
        title="Researcher",
        working_on="compilers",
    )
    people.edit_person(store, grace, edit, later)
    people.add_facet(store, grace, "need", "a designer", later)
    people.add_facet(store, grace, "offer", "code reviews", later)
    people.add_note(store, grace, "first note", "note", later)
    return grace


def add_raw_interactions(store: Store, grace: int) -> None:
    """One at an event from another source, one logged before Kith gave manual ones an id."""
    at_event = NewInteraction(
        "2026-05-14T15:00:00Z", "event", "both", "checkin", "met at the booth", (1, grace)
    )
    store.interactions.insert(
        replace(at_event, event_id=1, source="linkedin", source_id="msg-7"), NOW_STAMP
    )
    older = NewInteraction("2026-01-02T12:00:00Z", "call", "in", "ask", "advice?", (grace,))
    store.interactions.insert(replace(older, source="manual"), NOW_STAMP)


def export_import_export(tmp: Path, build: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    original = open_store(tmp / "original.db")
    build(original)
    exported = tmp / "export.json"
    transfer.export_file(original, exported, NOW)
    first = transfer.export_document(original, NOW)
    original.close()
    copy = open_store(tmp / "copy.db")
    report = import_file(copy, exported, kind=None, now=LATER)
    assert report.skipped == []
    second = transfer.export_document(copy, LATER)
    copy.close()
    return first, second


def same_but_the_time(first: dict[str, Any], second: dict[str, Any]) -> None:
    assert second.pop("exported_at") == "2026-11-25T10:00:00Z"
    first.pop("exported_at")
    for section, entries in first.items():
        assert second[section] == entries, section


def test_export_then_import_into_an_empty_database_gives_back_the_same_document(
    tmp_path: Path,
) -> None:
    first, second = export_import_export(tmp_path, rich)
    assert [len(first[s]) for s in transfer.LISTS] == [3, 1, 6, 1, 2, 1, 1, 2, 2, 1, 2]
    same_but_the_time(first, second)


def reimported(tmp_path: Path, build: Callable[[Store], None]) -> ImportReport:
    store = open_store(tmp_path / "kith.db")
    build(store)
    exported = tmp_path / "kith.json"
    transfer.export_file(store, exported, NOW)
    report = import_file(store, exported, kind=None, now=LATER)
    assert transfer.export_document(store, NOW) == json.loads(exported.read_text("utf-8"))
    store.close()
    return report


def test_importing_an_export_into_its_own_database_changes_nothing(tmp_path: Path) -> None:
    report = reimported(tmp_path, hand_built)
    assert (report.created, report.updated, report.skipped) == ({}, {}, [])
    assert report.unchanged == {
        "setting": 1,
        "person": 2,
        "event": 1,
        "relationship": 1,
        "interaction": 1,
    }


WORDS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda text: text.strip() == text and text != "")
PEOPLE = st.lists(
    st.tuples(
        st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
        st.lists(WORDS, max_size=3, unique=True),
        st.lists(WORDS, max_size=2),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowd=PEOPLE)
def test_any_people_round_trip_through_an_export(crowd: list[Any]) -> None:
    def build(store: Store) -> None:
        for name, tags, notes in crowd:
            person = people.add_person(
                store, PersonDraft(name, tags=tuple(tags)), NOW, same_name=True
            )
            for note in notes:
                people.add_note(store, person.id, note, "note", NOW)

    with tempfile.TemporaryDirectory() as tmp:
        first, second = export_import_export(Path(tmp), build)
    same_but_the_time(first, second)


# kith import ---------------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "source.db")
    hand_built(store)
    path = tmp_path / "kith.json"
    transfer.export_file(store, path, NOW)
    store.close()
    return path


def test_import_prints_what_it_created(kith: Kith, exported: Path) -> None:
    result = kith("import", str(exported))
    assert (result.exit_code, result.output) == (
        0,
        f"Imported {exported} as kith-json:\n"
        "  found:     6 records: 6 imported\n"
        "  created:   1 setting, 2 people, 1 event, 1 relationship, 1 interaction\n"
        "  updated:   nothing\n"
        "  unchanged: nothing\n",
    )


def test_import_of_a_file_with_bad_entries_lists_them_and_exits_6(
    kith: Kith, exported: Path
) -> None:
    document = json.loads(exported.read_text("utf-8"))
    document["people"][1]["uid"] = ""
    exported.write_text(json.dumps(document), "utf-8")
    result = kith("import", str(exported), "--json")
    assert result.exit_code == 6
    report = json.loads(result.stdout)["imports"][0]
    assert report["skipped"][0] == {"where": "kith.json: people[1]", "reason": "uid is empty"}
    assert result.stderr.startswith("Note: ")


def test_import_dry_run_shows_the_plan_and_changes_nothing(
    kith: Kith, exported: Path, store: Store
) -> None:
    result = kith("import", str(exported), "--dry-run")
    assert (result.exit_code, result.output) == (
        0,
        f"Would import {exported} as kith-json (dry run: nothing changed):\n"
        "  found:     6 records: 6 imported\n"
        "  created:   1 setting, 2 people, 1 event, 1 relationship, 1 interaction\n"
        "  updated:   nothing\n"
        "  unchanged: nothing\n"
        "  plan (up to 5 of each kind):\n"
        "    create setting timezone\n"
        "    create person Ada Lovelace\n"
        "    create person Charles Babbage\n"
        "    create event PyCon 2026\n"
        "    create relationship Ada Lovelace and Charles Babbage\n",
    )
    assert store.people.count() == 0


def uid_in(exported: Path, index: int) -> str:
    return str(json.loads(exported.read_text("utf-8"))["people"][index]["uid"])


def test_import_refuses_a_file_it_cannot_read(kith: Kith, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not json\n", "utf-8")
    result = kith("import", str(path), "--as", "kith-json")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path} is not a Kith JSON export: it is not a JSON object. Make one with "
        "`kith export json FILE`, or say what the file is with --as.\n",
    )


def test_instants_are_exported_in_utc_with_a_z_to_the_second(store: Store) -> None:
    ada = people.add_person(store, PersonDraft("Ada"), NOW)
    berlin_evening = NOW.astimezone(timezone(timedelta(hours=2)))
    entry = interactions.LogEntry("late call", channel="call", when="2026-11-22T11:59:59")
    interactions.log_interaction(store, [ada.id], entry, berlin_evening)
    assert transfer.export_document(store, NOW)["interactions"][0]["at"] == "2026-11-22T09:59:59Z"
