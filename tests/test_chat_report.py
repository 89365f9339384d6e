"""What a chat import's report says adds up: found, created, unchanged, read, and the lists of
runs and undos, in words rather than table names."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Kith

FIXTURES = Path(__file__).parent / "fixtures" / "chat"
SIGNAL = FIXTURES / "joweich__chat-miner__test_export.txt"
CHANNEL = FIXTURES / "la-ninpre__tg2md__result.json"
GROUP = """\
20/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
20/03/2024, 21:06 - Sam Rivera: Yes
25/03/2024, 09:00 - Grace Hopper: Count me in
"""


def lines(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        label, _, rest = line.strip().partition(":")
        found[label] = rest.strip()
    return found


def test_an_import_into_an_empty_database_finds_nothing_unchanged(kith: Kith) -> None:
    for name in ("joweich__chat-miner__test_export.txt", "joweich__chat-miner__testlog.json"):
        result = kith("import", str(FIXTURES / name), "--me", "John Doe")
        assert lines(result.output)["unchanged"] == "nothing"


def test_a_conversation_kept_one_way_then_made_two_way_counts_as_imported(kith: Kith) -> None:
    result = json.loads(kith("import", str(SIGNAL), "--me", "John Doe", "--json").stdout)
    report = result["imports"][0]
    assert (report["created"], report["unchanged"]) == ({"interaction": 2, "person": 1}, {})
    assert report["accounted"] == {
        "imported": 2,
        "known": 0,
        "one_way": 0,
        "ignored": 0,
        "skipped": 0,
    }


def test_the_found_and_read_lines_say_what_they_count(kith: Kith) -> None:
    shown = lines(kith("import", str(SIGNAL), "--me", "John Doe").output)
    assert shown["found"] == "2 records (conversations, calls and lines not for Kith): 2 imported"
    assert shown["read"] == "2 messages (grouped into the conversations found)"


def test_a_channel_with_nothing_read_says_so(kith: Kith) -> None:
    assert lines(kith("import", str(CHANNEL)).output)["read"] == "no messages or calls"


def test_the_list_of_runs_and_an_undo_speak_in_plurals_and_words(
    kith: Kith, tmp_path: Path
) -> None:
    kith("import", str(SIGNAL), "--me", "John Doe")
    listed = kith("imports").output
    assert "2 interactions, 1 person" in listed
    chat = tmp_path / "chat.txt"
    chat.write_text(GROUP, encoding="utf-8")
    kith("import", str(chat), "--me", "Ada Lovelace")
    undone = kith("import", "--undo", "2", "--yes").output
    assert "1 one-way message, 1 one-way correspondent" in undone
    assert "seen_" not in undone


AMBIGUOUS = """\
03/04/2024, 21:05 - Ada Lovelace: Are you free on Friday?
03/04/2024, 21:07 - Sam Rivera: Yes!
"""


def test_a_file_read_in_one_date_order_is_not_read_again_in_the_other(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(AMBIGUOUS, encoding="utf-8")
    first = kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "dmy")
    assert first.exit_code == 0
    again = kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "mdy")
    assert again.exit_code == 1
    assert "imported in run 1 with --date-order dmy" in again.output
    assert "kith import --undo 1" in again.output
    remembered = json.loads(kith("import", str(chat), "--me", "Sam Rivera", "--json").stdout)
    assert remembered["imports"][0]["unchanged"] == {"interaction": 1}
    kith("import", "--undo", "1", "--yes")
    other = kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "mdy")
    assert other.exit_code == 0


def test_a_folder_import_skips_a_chat_without_the_user_and_goes_on(
    kith: Kith, tmp_path: Path
) -> None:
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "a.txt").write_text(GROUP, encoding="utf-8")
    (folder / "b.txt").write_text(GROUP.replace("Ada Lovelace", "Alan Turing"), encoding="utf-8")
    result = kith("import", str(folder), "--me", "Ada Lovelace", "--json")
    found = json.loads(result.stdout)
    assert [r["created"] for r in found["imports"] if r["kind"] == "whatsapp"] == [
        {"interaction": 1, "person": 1}
    ]
    skipped = [s for r in found["imports"] for s in r["skipped"]]
    assert [s["where"] for s in skipped] == [str(folder / "b.txt")]
    assert skipped[0]["reason"] == (
        "none of the people in this chat is you as Kith knows you (it names Alan Turing, Grace "
        "Hopper, Sam Rivera). Give --me with the name the export gives you (or your number), or "
        "set `kith config set me.name`."
    )  # the file is named beside the reason, and the rest of the folder was imported


def test_a_chat_without_the_user_names_the_me_name_kith_looked_for(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(GROUP.replace("Ada Lovelace", "Alan Turing"), encoding="utf-8")
    assert kith("config", "set", "me.name", "Ada Lovelace").exit_code == 0
    result = kith("import", str(chat))
    assert result.exit_code == 1
    assert " ".join(result.stderr.split()) == (
        f"Error: {chat}: none of the people in this chat is you as Kith knows you (it names "
        'Alan Turing, Grace Hopper, Sam Rivera). Kith looked for you as "Ada Lovelace" '
        "(me.name); give --me with the name the export gives you (or your number). Nothing was "
        "imported."
    )


def test_me_is_repeatable_and_the_help_says_so(kith: Kith) -> None:
    assert "Repeat it for each" in " ".join(kith("import", "--help").output.split())


def test_a_dry_run_into_no_database_leaves_none_behind(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(GROUP, encoding="utf-8")
    result = kith("import", str(chat), "--me", "Ada Lovelace", "--dry-run")
    assert "Would import" in result.output
    assert not db_path.exists()
    kith("import", str(chat), "--me", "Ada Lovelace")
    kith("import", str(chat), "--me", "Ada Lovelace", "--dry-run")
    assert db_path.exists()


def test_kept_text_is_read_back_with_notes_under_each_interaction(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(GROUP, encoding="utf-8")
    kith("import", str(chat), "--me", "Ada Lovelace", "--keep-text")
    listed = kith("interactions", "Sam Rivera", "--notes").output.splitlines()
    assert listed[1:] == [
        "    2024-03-20 21:05 Ada Lovelace: Are you free on Friday?",
        "    2024-03-20 21:06 Sam Rivera: Yes",
    ]
    assert "WhatsApp chat: 2 messages" in listed[0]
    timeline = kith("timeline", "--since", "5y", "--notes").output
    assert "    2024-03-20 21:06 Sam Rivera: Yes" in timeline


def test_an_empty_timeline_says_how_far_it_looked_and_how_to_look_further(kith: Kith) -> None:
    assert kith("timeline").output == (
        "Nothing logged in the last 7 days (kith timeline --since 1y shows more).\n"
    )


def test_known_since_is_the_first_interaction_of_any_kind_and_the_app_is_named(
    kith: Kith, tmp_path: Path
) -> None:
    from tests.test_chat_readers import telegram_chat

    path = tmp_path / "result.json"
    path.write_text(json.dumps(telegram_chat()), encoding="utf-8")
    kith("import", str(path), "--me", "Sam")
    shown = json.loads(kith("show", "Ada Lovelace", "--json").output)
    person = shown["person"]
    assert (person["known_since"], person["how_met"]) == ("2024-03-01", "on Telegram")


def test_how_you_met_names_the_app_as_it_is_spelled(kith: Kith, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(GROUP, encoding="utf-8")
    kith("import", str(chat), "--me", "Ada Lovelace")
    shown = json.loads(kith("show", "Sam Rivera", "--json").output)
    assert shown["person"]["how_met"] == "on WhatsApp"


DECIDED = AMBIGUOUS.replace("03/04/", "13/04/")  # a day above 12 first: the file decides


def test_a_date_order_the_file_did_not_need_is_not_remembered_as_how_it_was_read(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(DECIDED, encoding="utf-8")  # a day above 12 first: day first, whatever is said
    first = kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "mdy", "--json")
    assert first.exit_code == 0
    shown = json.loads(kith("interactions", "Ada", "--json").stdout)["interactions"]
    assert [i["at"][:10] for i in shown] == ["2024-04-13"]
    runs = json.loads(kith("imports", "--json").stdout)["runs"]
    assert "date_order" not in runs[0]["summary"]
    again = kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "dmy", "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["imports"][0]["unchanged"] == {"interaction": 1}


def test_the_order_remembered_is_the_one_the_file_was_read_in(kith: Kith, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(AMBIGUOUS, encoding="utf-8")
    kith("import", str(chat), "--me", "Sam Rivera", "--date-order", "mdy")
    runs = json.loads(kith("imports", "--json").stdout)["runs"]
    assert runs[0]["summary"]["date_order"] == "mdy"
    shown = json.loads(kith("interactions", "Ada", "--json").stdout)["interactions"]
    assert [i["at"][:10] for i in shown] == ["2024-03-04"]


def test_the_ignored_line_counts_each_reason_as_a_label(kith: Kith) -> None:
    # not "19 Telegram channel post": the reasons are labels, not nouns to put in the plural
    assert lines(kith("import", str(CHANNEL)).output)["ignored"] == "19 × Telegram channel post"
    pustur = FIXTURES / "Pustur__whatsapp-chat-parser__short-chat.txt"
    assert lines(kith("import", str(pustur), "--me", "Sample User").output)["ignored"] == (
        "1 × WhatsApp system line (encryption notice), 1 × WhatsApp system line (group change), "
        "1 × a group chat's conversation only you wrote in"
    )
