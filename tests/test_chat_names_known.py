"""A chat that names someone Kith already knows by name only (a vCard's or a CSV's contact: the
same full name, no phone or handle in common) joins that person instead of making a second one
of the same name for `kith merge` (issue 14: "match the other names to existing people by
name"; found in a new user's trial: every chat with a known friend was a merge to make, and
`kith draft` of her name failed as ambiguous until then). Only a name that is exactly one
known person's, once emoji, case, accents, spacing and "Last, First" are set aside, joins; two
people of that name, or only a first name, go to review as before."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

CHAT = """\
[12/03/2024, 21:05:00] {name}: Are you free on Friday?
[12/03/2024, 21:07:00] Sam Rivera: Yes!
[20/03/2024, 18:00:00] {name}: Can we talk?
"""
GROUP = """\
[01/02/2024, 10:00:00] {name}: hi all
[01/02/2024, 10:01:00] Grace Hopper: hello
[13/02/2024, 10:00:00] Sam Rivera: hello all
[13/02/2024, 10:01:00] Grace Hopper: hi Sam
"""
TELEGRAM = {
    "name": "Freja Johansson",
    "type": "personal_chat",
    "id": 4242,
    "messages": [
        {"id": 1, "type": "message", "date": "2024-02-27T10:00:00", "from": "Freja Johansson",
         "from_id": "user4242", "text": "hej"},
        {"id": 2, "type": "message", "date": "2024-02-27T10:05:00", "from": "Sam Rivera",
         "from_id": "user1", "text": "hej hej"},
    ],
}  # fmt: skip


def chat(tmp_path: Path, name: str, text: str = CHAT) -> Path:
    path = tmp_path / f"WhatsApp Chat with {name}.txt"
    path.write_text(text.format(name=name), encoding="utf-8")
    return path


def imported(kith: Kith, path: Path, *flags: str) -> dict[str, object]:
    result = kith("import", str(path), "--me", "Sam Rivera", "--json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["imports"][0]  # type: ignore[no-any-return]


def outcome(report: dict[str, object]) -> tuple[object, object, object]:
    """What an import created, how many pairs it queued, whom it matched by name."""
    return report["created"], report["to_review"], report["matched_by_name"]


def telegram(tmp_path: Path, export: dict[str, object]) -> Path:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def people(kith: Kith) -> list[tuple[str, int]]:
    listed = json.loads(kith("list", "--json").stdout)
    return sorted((p["name"], p["interaction_count"]) for p in listed["people"])


def test_a_whatsapp_chat_with_someone_known_by_name_only_joins_them(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    report = imported(kith, chat(tmp_path, "Wendy Weekly"))
    assert (report["created"], report["updated"], report["to_review"]) == (
        {"interaction": 2},
        {"person": 1},
        0,
    )
    assert report["matched_by_name"] == ["Wendy Weekly #1"]
    assert people(kith) == [("Wendy Weekly", 2)]
    assert kith("draft", "Wendy Weekly").exit_code == 0


def test_the_terminal_report_says_whom_a_chat_name_was_matched_to(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    result = kith("import", str(chat(tmp_path, "Wendy Weekly")), "--me", "Sam Rivera")
    assert "  matched:   1 chat name to the person known by that name: Wendy Weekly #1" in (
        result.output.splitlines()
    )


def test_a_telegram_chat_with_someone_known_by_name_only_joins_them(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Freja Johansson")
    report = imported(kith, telegram(tmp_path, TELEGRAM))
    assert (report["created"], report["matched_by_name"]) == (
        {"interaction": 1},
        ["Freja Johansson #1"],
    )
    assert people(kith) == [("Freja Johansson", 1)]


def test_case_accents_spaces_an_emoji_and_last_first_are_set_aside(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Zoë Ärmel")
    kith("add", "Wendy Weekly")
    first = imported(kith, chat(tmp_path, "zoe  ARMEL \U0001f33b"))
    second = imported(kith, chat(tmp_path, "Weekly, Wendy"))
    assert (first["matched_by_name"], second["matched_by_name"]) == (
        ["Zoë Ärmel #1"],
        ["Wendy Weekly #2"],
    )
    assert people(kith) == [("Wendy Weekly", 2), ("Zoë Ärmel", 2)]


def test_a_name_two_people_share_makes_a_person_queued_for_review_as_before(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly", "--email", "wendy@example.org")
    kith("add", "Wendy Weekly", "--email", "w.weekly@example.net", "--new")
    report = imported(kith, chat(tmp_path, "Wendy Weekly"))
    assert outcome(report) == ({"interaction": 2, "person": 1}, 1, [])


def test_a_first_name_alone_is_not_matched_to_the_person_of_that_first_name(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    report = imported(kith, chat(tmp_path, "Wendy"))
    assert outcome(report) == ({"interaction": 2, "person": 1}, 0, [])
    assert people(kith) == [("Wendy", 2), ("Wendy Weekly", 0)]


def test_someone_known_under_another_handle_of_that_app_is_a_namesake_not_a_match(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Freja Johansson")
    imported(kith, telegram(tmp_path, TELEGRAM))
    other = {**TELEGRAM, "id": 77}
    other["messages"] = [
        {**m, "from_id": "user77"} if m["from_id"] == "user4242" else m  # type: ignore[dict-item]
        for m in TELEGRAM["messages"]  # type: ignore[attr-defined]
    ]
    report = imported(kith, telegram(tmp_path, other))
    assert outcome(report) == ({"interaction": 1, "person": 1}, 1, [])


def test_a_group_chat_they_wrote_in_only_one_way_leaves_them_as_they_were(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    report = imported(kith, chat(tmp_path, "Wendy Weekly", GROUP))
    assert (report["created"], report["matched_by_name"]) == ({"interaction": 2, "person": 1}, [])
    assert people(kith) == [("Grace Hopper", 2), ("Wendy Weekly", 0)]


def test_a_group_chat_never_joins_a_known_person_by_name(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Grace Hopper")  # a stranger in a group may share a friend's name
    report = imported(kith, chat(tmp_path, "Wendy Weekly", GROUP))
    assert (report["matched_by_name"], report["to_review"]) == ([], 1)
    assert people(kith) == [("Grace Hopper", 0), ("Grace Hopper", 2)]


def test_a_dry_run_shows_the_match_and_changes_nothing(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Wendy Weekly")
    report = imported(kith, chat(tmp_path, "Wendy Weekly"), "--dry-run")
    assert report["matched_by_name"] == ["Wendy Weekly #1"]
    assert "match Wendy Weekly by name to Wendy Weekly #1" in report["actions"]
    assert people(kith) == [("Wendy Weekly", 0)]


def test_importing_the_chat_again_changes_nothing_and_undo_takes_the_match_back(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    first = imported(kith, chat(tmp_path, "Wendy Weekly"))
    again = imported(kith, chat(tmp_path, "Wendy Weekly"))
    assert (again["created"], again["updated"], again["matched_by_name"]) == ({}, {}, [])
    assert handles(kith, "Wendy Weekly") == ["whatsapp:wendy weekly"]
    assert kith("import", "--undo", str(first["run_id"]), "--yes").exit_code == 0
    assert handles(kith, "Wendy Weekly") == []
    assert people(kith) == [("Wendy Weekly", 0)]


def handles(kith: Kith, name: str) -> list[str]:
    shown = json.loads(kith("show", name, "--json").stdout)
    return [i["value"] for i in shown["person"]["identities"]]


def test_with_chats_match_names_off_a_namesake_is_queued_for_review_as_before(
    kith: Kith, tmp_path: Path
) -> None:
    kith("add", "Wendy Weekly")
    assert kith("config", "set", "chats.match_names", "off").exit_code == 0
    report = imported(kith, chat(tmp_path, "Wendy Weekly"))
    assert outcome(report) == ({"interaction": 2, "person": 1}, 1, [])
