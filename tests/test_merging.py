"""Merging people: by hand, from the review queue, and taken back exactly."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect

from kith.store import open_store
from tests.conftest import NOW_TEXT, Kith

NOW_STAMP = "2026-11-22T10:00:00Z"


def people(kith: Kith) -> list[tuple[int, str, list[str], list[str]]]:
    listed = json.loads(kith("list", "--json").output)["people"]
    return [(p["id"], p["name"], p["emails"], p["tags"]) for p in listed]


def twins(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@engines.test", "--tag", "python")
    kith(
        "add",
        "A. Lovelace",
        "--email",
        "countess@example.org",
        "--tag",
        "maths",
        "--company",
        "Analytical Engines",
        "--birthday",
        "1815-12-10",
    )
    kith("log", "Ada Lovelace", "coffee", "--when", "2026-11-01")
    kith("log", "A. Lovelace", "letter", "-c", "email", "--when", "2026-11-02")


def test_merge_by_hand_keeps_the_first_and_brings_everything(kith: Kith) -> None:
    twins(kith)
    assert kith("merge", "Ada Lovelace", "A. Lovelace").output == (
        "Merged A. Lovelace (#2) into Ada Lovelace (#1); `kith unmerge 1` takes it back.\n"
    )
    assert people(kith) == [
        (1, "Ada Lovelace", ["ada@engines.test", "countess@example.org"], ["maths", "python"])
    ]
    card = json.loads(kith("show", "Ada", "--json").output)
    assert (card["person"]["company"], card["person"]["birthday"], card["total_interactions"]) == (
        "Analytical Engines",
        "1815-12-10",
        2,
    )
    assert len(card["person"]["uid_aliases"]) == 1


def test_unmerge_restores_the_absorbed_person_and_keeps_later_additions(kith: Kith) -> None:
    twins(kith)
    uid = json.loads(kith("show", "A. Lovelace", "--json").output)["person"]["uid"]
    kith("merge", "Ada Lovelace", "A. Lovelace")
    kith("tag", "Ada", "later")
    kith("log", "Ada", "after the merge", "--when", "2026-11-10")
    assert kith("unmerge", "1").output == "Restored A. Lovelace (#2) from Ada Lovelace (#1).\n"
    assert people(kith) == [
        (2, "A. Lovelace", ["countess@example.org"], ["maths"]),
        (1, "Ada Lovelace", ["ada@engines.test"], ["later", "python"]),
    ]
    restored = json.loads(kith("show", "#2", "--json").output)
    assert (restored["person"]["uid"], restored["person"]["birthday"]) == (uid, "1815-12-10")
    assert [i["summary"] for i in restored["interactions"]] == ["letter"]
    ada = json.loads(kith("show", "#1", "--json").output)
    assert ([i["summary"] for i in ada["interactions"]], ada["person"]["birthday"]) == (
        ["after the merge", "coffee"],
        None,
    )
    assert kith("unmerge", "1").stderr == "Error: Merge 1 was already taken back.\n"


def test_merges_lists_what_was_merged(kith: Kith) -> None:
    twins(kith)
    kith("merge", "Ada Lovelace", "A. Lovelace")
    assert kith("merges").output == (
        "id  kept  absorbed          when        undone\n1   #1    A. Lovelace (#2)  2026-11-22\n"
    )


def test_an_import_queues_similar_names_at_the_same_organisation(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Ada Lovelace", "--company", "Analytical Engines")
    kith("add", "Lovelace Ada", "--company", "Analytical Engines Ltd")
    kith("add", "Ada Byron", "--company", "Analytical Engines")
    exported = tmp_path / "e.json"
    kith("export", "json", str(exported))
    fresh = tmp_path / "fresh.db"
    from click.testing import CliRunner

    from kith.cli.main import cli

    result = CliRunner().invoke(cli, ["--db", str(fresh), "import", str(exported), "--json"])
    assert json.loads(result.stdout)["imports"][0]["created"]["person"] == 3
    queue = CliRunner().invoke(cli, ["--db", str(fresh), "merge", "--list"]).output
    assert queue == (
        "id  one                other              why\n"
        "1   Ada Lovelace (#1)  Lovelace Ada (#2)  similar names (100), same organisation "
        "Analytical Engines\n"
    )


def test_without_a_terminal_review_names_what_to_do_instead(kith: Kith, db_path: Path) -> None:
    assert kith("merge").output == "Nothing to review.\n"
    kith("add", "Ada Lovelace")
    kith("add", "Ada Lovelace", "--new")  # the two are queued for review
    result = kith("merge")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Reviewing the queue asks which of each pair to keep, which needs a terminal; "
        "`kith merge --list` shows it, `kith merge A B --yes` merges B into A.\n",
    )
    result = kith("merge", "--yes")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Reviewing the queue asks which of each pair to keep, which needs a terminal "
        "(--yes confirms; it cannot choose); `kith merge --list` shows it, "
        "`kith merge A B --yes` merges B into A.\n",
    )


def test_merge_by_hand_takes_yes_as_every_confirming_command_does(kith: Kith) -> None:
    twins(kith)
    assert kith("merge", "Ada Lovelace", "A. Lovelace", "--yes").output == (
        "Merged A. Lovelace (#2) into Ada Lovelace (#1); `kith unmerge 1` takes it back.\n"
    )
    assert [p[0] for p in people(kith)] == [1]


def test_a_dry_run_merge_shows_the_two_and_changes_nothing(kith: Kith) -> None:
    twins(kith)
    before = people(kith)
    result = kith("merge", "Ada Lovelace", "A. Lovelace", "--dry-run")
    assert result.exit_code == 0
    assert result.output.endswith(
        "Would merge A. Lovelace (#2) into Ada Lovelace (#1), who keeps the id; nothing "
        "changed (run it without --dry-run to merge).\n"
    )
    assert "countess@example.org" in result.output
    dry = json.loads(kith("merge", "#1", "#2", "--dry-run", "--json").output)
    assert dry == {"merge": {"id": None, "survivor": 1, "absorbed": 2, "dry_run": True}}
    assert people(kith) == before
    assert json.loads(kith("merges", "--json").output)["total"] == 0


def test_the_review_queue_works_from_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    env = {**os.environ, "KITH_DB": str(db), "KITH_NOW": NOW_TEXT, "TERM": "dumb"}
    from click.testing import CliRunner

    from kith.cli.main import cli

    for name in ("Ada Lovelace", "Lovelace Ada", "Grace Hopper", "Hopper Grace"):
        CliRunner().invoke(cli, ["--db", str(db), "add", name, "--company", "Navy"])
    exported = tmp_path / "e.json"
    CliRunner().invoke(cli, ["--db", str(db), "export", "json", str(exported)])
    db2 = tmp_path / "other.db"
    CliRunner().invoke(cli, ["--db", str(db2), "import", str(exported)])
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kith", "--db", str(db2), "merge"],
        env=env,
        encoding="utf-8",
        timeout=20,
    )
    child.expect("1 of 2: similar names")
    child.expect("name    Ada Lovelace \\(#1\\)")
    child.expect("Keep \\[l\\]eft")
    child.sendline("l")
    child.expect("Merged Lovelace Ada \\(#2\\) into Ada Lovelace \\(#1\\)")
    child.expect("2 of 2")
    child.expect("Keep")
    child.sendline("s")
    child.expect(pexpect.EOF)
    names = CliRunner().invoke(cli, ["--db", str(db2), "list", "--json"]).output
    assert [p["name"] for p in json.loads(names)["people"]] == [
        "Ada Lovelace",
        "Grace Hopper",
        "Hopper Grace",
    ]
    assert CliRunner().invoke(cli, ["--db", str(db2), "merge", "--list"]).output == (
        "Nothing to review.\n"
    )


def test_unmerge_gives_back_what_linked_the_two_people(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "A. Lovelace")
    kith("add", "Grace Hopper")
    kith("relate", "Ada Lovelace", "A. Lovelace", "--as", "sibling")
    kith("relate", "A. Lovelace", "Grace", "--as", "friend")
    kith("merge", "Ada Lovelace", "A. Lovelace")
    kith("unmerge", "1")

    def relations(name: str) -> list[tuple[str, str]]:
        shown = json.loads(kith("show", name, "--json").output)["person"]["relationships"]
        return [(r["type"], r["person"]["name"]) for r in shown]

    assert relations("Ada Lovelace") == [("sibling", "A. Lovelace")]
    assert relations("A. Lovelace") == [("sibling", "Ada Lovelace"), ("friend", "Grace Hopper")]
    assert relations("Grace") == [("friend", "A. Lovelace")]


PLAN_TABLES = {
    "person": "SELECT id, pinned, muted, snoozed_until, cadence_days, cadence_max_days "
    "FROM person ORDER BY id",
    "want": "SELECT * FROM want ORDER BY person_id",
    "article_share": "SELECT * FROM article_share ORDER BY article_id, person_id",
    "plan_skip": "SELECT * FROM plan_skip ORDER BY person_id, at",
    "plan_pick": "SELECT week, person_id, position, reason, state FROM plan_pick "
    "ORDER BY week, person_id",
    "follow_up": "SELECT id, person_id, text FROM follow_up ORDER BY id",
}


def plan_rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    store = open_store(db_path)
    try:
        return {name: store.connection.execute(sql).fetchall() for name, sql in PLAN_TABLES.items()}
    finally:
        store.close()


def plan_twins(kith: Kith, db_path: Path) -> None:
    """The twins, each with wants, shares, skips, picks, plan choices and a follow-up."""
    twins(kith)
    kith("want", "A. Lovelace", "--why", "her engines")
    kith("save", "https://example.org/one", "--topics", "engines")
    kith("save", "https://example.org/two", "--topics", "maths")
    kith("share", "https://example.org/one", "--with", "A. Lovelace")
    kith("share", "https://example.org/two", "--with", "A. Lovelace")
    kith("share", "https://example.org/two", "--with", "Ada Lovelace")
    kith("todo", "A. Lovelace", "send the notes")
    store = open_store(db_path)
    with store.transaction():
        run = store.connection.execute
        run("UPDATE person SET muted = 1, snoozed_until = '2026-11-25T00:00:00Z' WHERE id = 1")
        run(
            "UPDATE person SET pinned = 1, snoozed_until = '2026-12-01T00:00:00Z', "
            "cadence_days = 7, cadence_max_days = 21 WHERE id = 2"
        )
        run("INSERT INTO plan_skip VALUES (1, '2026-11-20T09:00:00Z'), (2, '2026-11-20T09:00:00Z')")
        run("INSERT INTO plan_skip VALUES (2, '2026-11-13T09:00:00Z')")
        for week in ("2026-W46", "2026-W47"):
            run("INSERT INTO plan_week (week, made_at, budget) VALUES (?, ?, 5)", (week, NOW_TEXT))
        for week, person, position in (("2026-W47", 1, 1), ("2026-W47", 2, 2), ("2026-W46", 2, 1)):
            run(
                "INSERT INTO plan_pick (week, person_id, position, layer, reason, channel, "
                "priority, energy) VALUES (?, ?, ?, 'L3', ?, 'email', 1.0, 1.0)",
                (week, person, position, f"pick {person}"),
            )
    store.close()


def test_merge_carries_the_plan_data_and_unmerge_gives_every_row_back(
    kith: Kith, db_path: Path
) -> None:
    plan_twins(kith, db_path)
    before = plan_rows(db_path)
    kith("merge", "Ada Lovelace", "A. Lovelace")
    assert plan_rows(db_path) == {
        # a pin or a mute on either side stays, the later snooze wins, the cadence fills in
        "person": [(1, 1, 1, "2026-12-01T00:00:00Z", 7.0, 21.0)],
        "want": [(1, "her engines", NOW_STAMP, None)],
        # article 2 went to both: the survivor keeps its own share of it
        "article_share": [(1, 1, NOW_STAMP, 3), (2, 1, NOW_STAMP, 5)],
        "plan_skip": [(1, "2026-11-13T09:00:00Z"), (1, "2026-11-20T09:00:00Z")],
        # a pick for a week where the survivor has none moves; the other goes
        "plan_pick": [("2026-W46", 1, 1, "pick 2", "open"), ("2026-W47", 1, 1, "pick 1", "open")],
        "follow_up": [(1, 1, "send the notes")],
    }
    kith("unmerge", "1")
    assert plan_rows(db_path) == before


def test_merge_keeps_the_survivors_own_plan_choices_and_want(kith: Kith, db_path: Path) -> None:
    twins(kith)
    kith("want", "Ada Lovelace", "--why", "her notes")
    kith("want", "A. Lovelace", "--why", "her engines")
    store = open_store(db_path)
    with store.transaction():
        store.connection.execute(
            "UPDATE person SET snoozed_until = '2026-12-09T00:00:00Z', cadence_days = 30 "
            "WHERE id = 1"
        )
        store.connection.execute(
            "UPDATE person SET snoozed_until = '2026-12-01T00:00:00Z', cadence_days = 7, "
            "cadence_max_days = 21 WHERE id = 2"
        )
    store.close()
    before = plan_rows(db_path)
    kith("merge", "Ada Lovelace", "A. Lovelace")
    merged = plan_rows(db_path)
    assert (merged["person"], merged["want"]) == (
        [(1, 0, 0, "2026-12-09T00:00:00Z", 30.0, None)],
        [(1, "her notes", NOW_STAMP, None)],
    )
    kith("unmerge", "1")
    assert plan_rows(db_path) == before


def test_merge_carries_a_let_go_to_the_survivor_and_unmerge_takes_it_back(
    kith: Kith, db_path: Path
) -> None:
    twins(kith)
    kith("event", "add", "Difference Engine night", "--date", "2026-11-20")
    kith("met", "A. Lovelace", "--at", "Difference Engine night")
    kith("let-go", "A. Lovelace")

    def let_go() -> list[tuple[object, ...]]:
        store = open_store(db_path)
        try:
            return store.connection.execute("SELECT * FROM let_go").fetchall()
        finally:
            store.close()

    assert let_go() == [(2, NOW_STAMP)]
    kith("merge", "Ada Lovelace", "A. Lovelace")
    assert let_go() == [(1, NOW_STAMP)]
    kith("unmerge", "1")
    assert let_go() == [(2, NOW_STAMP)]


def test_a_merge_preview_lines_up_the_other_column_after_a_name_with_an_emoji_or_cjk(
    kith: Kith,
) -> None:
    """Trial 5 (#14): an emoji or a CJK character takes two terminal cells."""
    kith("add", "José 🎸 Ñúñez", "--email", "j@x.org")
    kith("add", "李 小龙", "--email", "li@x.cn")
    lines = kith("merge", "#1", "#2", "--dry-run").output.splitlines()
    assert lines[:2] == [
        "  name    José 🎸 Ñúñez (#1)                      李 小龙 (#2)",
        "  e-mail  j@x.org                                 li@x.cn",
    ]
