"""What a new user hit in what Kith writes to people: private notes quoted in drafts, claim
notes that spliced phrases ungrammatically, replies that pretended to start a conversation;
and the forms, lengths and templates around them. Whole outputs, through the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kith.store import migrations
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "drafts"


def templates(tmp_path: Path) -> Path:
    return tmp_path / "data-home" / "kith" / "templates"


@pytest.fixture
def hana(kith: Kith) -> Kith:
    kith("add", "Hana Novak", "--email", "hana@example.org")
    kith(
        "log",
        *("Hana", "she seemed low, divorce is hard on her; owes me 200 EUR", "-c", "call"),
        *("-w", "2026-11-20"),  # not yesterday nor today: "Good to talk yesterday/today."
    )
    return kith


def test_no_draft_quotes_a_summary_the_user_wrote_for_themselves(hana: Kith) -> None:
    assert hana("draft", "Hana").output == (
        "Subject: Checking in\n\nHi Hana,\n\nYou came to mind today, so a quick hello. "
        "No need to reply at length; I hope all is well.\n"
    )
    assert hana("draft", "Hana", "--kind", "thanks").output == (
        "Subject: Thank you\n\nHi Hana,\n\nA short note to say thank you; it meant a lot. "
        "I'm glad to return the favour any time.\n"
    )
    assert hana("draft", "Hana", "--kind", "reconnect").output == (
        "Subject: It's been a while\n\nHi Hana,\n\nIt's been a while, and you came to mind today. "
        "I'd love to hear what you are up to these days. "
        "No need for a long reply; a few lines would be lovely.\n"
    )


def test_after_done_a_draft_does_not_quote_kiths_own_bookkeeping(hana: Kith) -> None:
    hana("done", "Hana")
    out = hana("draft", "Hana").output
    assert "weekly plan" not in out
    assert "caught up" not in out
    assert out == (
        "Subject: Checking in\n\nHi Hana,\n\nGood to be in touch today. "
        "No need to reply at length; I hope all is well.\n"
    )


def test_a_topic_given_for_the_purpose_is_what_a_draft_says_back(hana: Kith) -> None:
    hana("config", "set", "me.name", "Sam")
    logged = hana("log", "Hana", "lunch; she is worried", "-t", "the Postgres migration")
    assert logged.stderr == ""
    assert hana("draft", "Hana").output == (
        "Subject: Checking in\n\nHi Hana,\n\nGood to see you today. "
        "I enjoyed our chat about the Postgres migration. "
        "No need to reply at length; I hope all is well.\n\nSam\n"
    )
    shown = json.loads(hana("interactions", "Hana", "--json", "--limit", "1").output)
    assert shown["interactions"][0]["topic"] == "the Postgres migration"


def test_a_topic_that_is_a_sentence_is_kept_and_the_user_told_it_will_not_be_quoted(
    hana: Kith,
) -> None:
    logged = hana("log", "Hana", "call", "-c", "call", "-t", "she asked for advice on hiring")
    assert logged.exit_code == 0
    assert logged.stderr == (
        "Drafts will not quote the topic 'she asked for advice on hiring': drafts say \"our "
        'chat about …", which needs a noun phrase such as "the Postgres migration", not a '
        "sentence. It is kept.\n"
    )
    assert "hiring" not in hana("draft", "Hana").output
    private = hana("log", "Hana", "call", "-c", "call", "-t", "his divorce")
    assert private.stderr == (
        "Drafts will not quote the topic 'his divorce': it touches on something personal, "
        "which is theirs to share. It is kept.\n"
    )


@pytest.fixture
def local_first(kith: Kith) -> Kith:
    kith("event", "add", "Local-first", "--date", "2026-11-20")
    return kith


def claim_note(kith: Kith) -> str:
    return str(json.loads(kith("claim", "--json").output)["claims"][0]["draft"])


def test_a_claim_note_speaks_to_the_person_it_is_written_to(local_first: Kith) -> None:
    local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "her talk on CRDTs")
    assert claim_note(local_first) == (
        "Hi Priya, good to meet you at Local-first. I enjoyed your talk on CRDTs. "
        "I'd like to stay in touch."
    )


def test_a_claim_note_makes_a_clause_a_sentence_of_its_own(local_first: Kith) -> None:
    local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "she was on the panel")
    assert claim_note(local_first) == (
        "Hi Priya, good to meet you at Local-first. I'm glad you were on the panel. "
        "I'd like to stay in touch."
    )


def test_met_says_when_about_is_a_note_to_self_and_the_note_leaves_it_out(
    local_first: Kith,
) -> None:
    met = local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "she seemed low")
    assert met.stderr == (
        "The claim note will not quote --about: it judges them, which is yours to keep. It is "
        "kept in how you met.\n"
    )
    assert claim_note(local_first) == (
        "Hi Priya, good to meet you at Local-first. I'd like to stay in touch."
    )
    shown = json.loads(local_first("show", "Priya", "--json").output)
    assert shown["person"]["how_met"] == "she seemed low"


def test_a_later_about_replaces_the_remark_but_how_met_keeps_both(local_first: Kith) -> None:
    local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "her talk on CRDTs")
    local_first("met", "Priya", "--at", "Local-first", "--about", "she ran the map workshop")
    assert claim_note(local_first) == (
        "Hi Priya, good to meet you at Local-first. I'm glad you ran the map workshop. "
        "I'd like to stay in touch."
    )
    shown = json.loads(local_first("show", "Priya", "--json").output)
    assert shown["person"]["how_met"] == "her talk on CRDTs; she ran the map workshop"


@pytest.fixture
def ivan(kith: Kith) -> Kith:
    kith("config", "set", "me.name", "Sam")
    kith("add", "Ivan Petrov", "--email", "ivan@example.org")
    kith("log", "Ivan", "coffee", "-w", "2026-10-01", "-t", "the data platform migration")
    kith(
        "log",
        "Ivan",
        "asked me for advice; worried about layoffs",
        *("-c", "email", "-d", "in", "-k", "ask", "-w", "2026-11-10"),
        *("-t", "moving to a staff role"),
    )
    return kith


def test_a_reply_answers_their_message_and_names_its_topic(ivan: Kith) -> None:
    shown = json.loads(ivan("draft", "Ivan", "--kind", "reply", "--json").output)
    assert (shown["subject"], shown["draft"]) == (
        "Re: moving to a staff role",
        "Hi Ivan,\n\nThank you for your e-mail about moving to a staff role. "
        "Sorry to be slow to reply. I'm happy to help with it: [your answer].\n\nSam",
    )
    assert "came to mind" not in shown["draft"]
    assert "layoffs" not in shown["draft"]


def test_a_reply_to_a_message_without_a_topic_does_not_borrow_an_older_one(ivan: Kith) -> None:
    ivan("log", "Ivan", "a short note", "-c", "message", "-d", "in", "-w", "2026-11-12")
    assert ivan("draft", "Ivan", "--kind", "reply", "--channel", "message").output == (
        "Hi Ivan,\nThank you for your message. Sorry to be slow to reply. [your reply]\nSam\n"
    )


def test_a_they_wrote_last_pick_gets_a_reply_in_the_plan(kith: Kith) -> None:
    kith("config", "set", "me.name", "Sam")
    kith("add", "Ivan Petrov", "--email", "ivan@example.org")
    for day in ("2026-07-01", "2026-08-01", "2026-09-01"):
        kith("log", "Ivan", "coffee", "-w", day)
    kith("pin", "Ivan")
    kith(
        "log",
        "Ivan",
        "asked for advice",
        *("-c", "email", "-d", "in", "-k", "ask", "-w", "2026-11-10", "-t", "hiring"),
    )
    picks = json.loads(kith("plan", "--drafts", "--json").output)["picks"]
    assert [(p["name"], p["reason"]) for p in picks] == [
        ("Ivan Petrov", "they wrote last, 11 days ago")
    ]
    assert picks[0]["draft"] == (
        "Hi Ivan,\n\nThank you for your e-mail about hiring. Sorry to be slow to reply. "
        "I'm happy to help with it: [your answer].\n\nSam"
    )


def test_a_text_message_keeps_to_two_sms_and_keeps_its_signature(hana: Kith) -> None:
    hana("config", "set", "me.name", "Sam")
    hana("edit", "Hana", "--working-on", "a very long and winding project " * 12)
    hana("log", "Hana", "walk", "-t", "a long walk along the river and the old railway " * 4)
    shown = json.loads(hana("draft", "Hana", "--channel", "message", "--json").output)
    assert (shown["subject"], shown["max_chars"]) == (None, 320)
    assert shown["chars"] <= 320
    assert shown["draft"] == (
        "Hi Hana,\nGood to see you today. No need to reply at length; I hope all is well.\nSam"
    )


def test_a_linkedin_message_keeps_to_the_note_limit(hana: Kith) -> None:
    hana("edit", "Hana", "--working-on", "the migration to Postgres 17")
    hana("config", "set", "claim.max_chars", "120")
    shown = json.loads(hana("draft", "Hana", "--channel", "social", "--json").output)
    assert (shown["draft"], shown["chars"], shown["max_chars"]) == (
        "Hi Hana,\n\nYou came to mind today, so a quick hello. "
        "No need to reply at length; I hope all is well.",
        99,
        120,
    )


def test_a_call_pick_drafts_a_short_message_proposing_the_call(hana: Kith) -> None:
    assert hana("draft", "Hana", "--channel", "call").output == (
        "Hi Hana,\nYou came to mind today, so a quick hello. Would you be up for a call soon? "
        "No need to reply at length; I hope all is well.\n"
    )


def test_templates_lists_each_kind_where_it_is_and_its_state(hana: Kith, tmp_path: Path) -> None:
    hana("draft", "Hana")
    folder = templates(tmp_path)
    (folder / "claim.txt").write_text((FIXTURES / "claim-0.1.txt").read_text("utf-8") + "# x\n")
    hana("draft", "Hana", "--kind", "thanks")
    (folder / "thanks.txt").write_text(
        (folder / "thanks.txt").read_text("utf-8").replace("it meant a lot", "thank you")
    )
    (folder / "reply.txt").write_text((FIXTURES / "checkin-0.1.txt").read_text("utf-8"))
    assert hana("draft", "--templates").output == (
        f"Draft templates in {folder}:\n"
        "  claim           out of date: edited from an earlier Kith; it still works "
        "($last_topic now says the topic you give with --topic, $how_met what you gave to "
        "`kith met --about`); "
        "to start again from the new default, move it away and draft once\n"
        "  checkin         default: as shipped\n"
        "  share           not copied yet: the default is used until then\n"
        "  thanks          edited: yours\n"
        "  reconnect       not copied yet: the default is used until then\n"
        "  ask             not copied yet: the default is used until then\n"
        "  reply           out of date: edited from an earlier Kith; it still works "
        "($last_topic now says the topic you give with --topic, $how_met what you gave to "
        "`kith met --about`); "
        "to start again from the new default, move it away and draft once\n"
        "  birthday        not copied yet: the default is used until then\n"
        "  path_ask        not copied yet: the default is used until then\n"
        "  intro_ask_a     not copied yet: the default is used until then\n"
        "  intro_ask_b     not copied yet: the default is used until then\n"
        "  introduce       not copied yet: the default is used until then\n"
        "  intro_follow_up not copied yet: the default is used until then\n"
    )


def test_an_unedited_template_of_an_earlier_kith_is_brought_up_to_date(
    hana: Kith, tmp_path: Path
) -> None:
    folder = templates(tmp_path)
    folder.mkdir(parents=True)
    old = (FIXTURES / "checkin-0.1.txt").read_text("utf-8")
    (folder / "checkin.txt").write_text(old)
    shown = json.loads(hana("draft", "--templates", "--json").output)["templates"]
    assert shown[1] == {
        "kind": "checkin",
        "path": str(folder / "checkin.txt"),
        "state": "earlier default",
        "detail": "never edited: updated on next use",
    }
    assert "our last chat" not in hana("draft", "Hana").output
    assert (
        (folder / "checkin.txt").read_text("utf-8").startswith("# Kith draft template, version 2")
    )


def test_an_unedited_reply_template_from_before_the_birthday_wish_is_brought_up_to_date(
    hana: Kith, tmp_path: Path
) -> None:
    folder = templates(tmp_path)
    folder.mkdir(parents=True)
    old = (FIXTURES / "reply-before-birthday.txt").read_text("utf-8")
    (folder / "reply.txt").write_text(old)
    shown = json.loads(hana("draft", "--templates", "--json").output)["templates"]
    assert [t["state"] for t in shown if t["kind"] == "reply"] == ["earlier default"]
    hana("log", "Hana", "her question", "--direction", "in")
    hana("draft", "Hana", "--kind", "reply")
    assert "$birthday_wish" in (folder / "reply.txt").read_text("utf-8")


def test_an_edited_template_of_an_earlier_kith_keeps_working_without_leaking(
    hana: Kith, tmp_path: Path
) -> None:
    folder = templates(tmp_path)
    folder.mkdir(parents=True)
    edited = (FIXTURES / "checkin-0.1.txt").read_text("utf-8").replace("quick hello", "hello")
    (folder / "checkin.txt").write_text(edited)
    hana("log", "Hana", "coffee, she cried", "-t", "the Postgres migration")
    assert hana("draft", "Hana").output == (
        "Subject: Checking in\n\nHi Hana,\n\nYou came to mind today, so a hello. "
        "I still remember our last chat (the Postgres migration). "
        "No need to reply at length; I hope all is well.\n"
    )
    assert (folder / "checkin.txt").read_text("utf-8") == edited


def test_a_database_from_before_topics_keeps_its_log_and_events(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=8)
    connection.executescript(
        "INSERT INTO event (id, name, day, created_at) VALUES (1, 'PyCon', '2026-11-20', 'x');"
        "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
        "VALUES (1, 'u1', 'Ada', 'ada', 'x', 'x');"
        "INSERT INTO attendee (event_id, person_id) VALUES (1, 1);"
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=9)
    assert connection.execute("SELECT event_id, person_id, about FROM attendee").fetchall() == [
        (1, 1, None)
    ]
    connection.close()


def test_a_merge_keeps_what_stood_out_when_you_met(local_first: Kith) -> None:
    local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "her talk on CRDTs")
    local_first("add", "Priya N", "--email", "priya@example.org")
    merged = local_first("merge", "Priya N", "Priya Natarajan", "--yes")
    assert merged.output.startswith("Merged Priya Natarajan (#1) into Priya N (#2)")
    assert claim_note(local_first) == (
        "Hi Priya, good to meet you at Local-first. I enjoyed your talk on CRDTs. "
        "I'd like to stay in touch."
    )


def test_the_topic_travels_through_an_export_and_an_import(
    ivan: Kith, tmp_path: Path, db_path: Path
) -> None:
    export = tmp_path / "export.json"
    ivan("export", "json", str(export))
    shutil.move(db_path, tmp_path / "before.db")
    assert ivan("import", str(export)).exit_code == 0
    logged = json.loads(ivan("interactions", "Ivan", "--json").output)["interactions"]
    assert [i["topic"] for i in logged] == ["moving to a staff role", "the data platform migration"]


def test_what_stood_out_travels_through_an_export_and_an_import(
    local_first: Kith, tmp_path: Path, db_path: Path
) -> None:
    local_first("met", "Priya Natarajan", "--at", "Local-first", "--about", "her talk on CRDTs")
    export = tmp_path / "export.json"
    local_first("export", "json", str(export))
    shutil.move(db_path, tmp_path / "before.db")
    assert local_first("import", str(export)).exit_code == 0
    assert "I enjoyed your talk on CRDTs." in claim_note(local_first)
    assert local_first("import", str(export)).exit_code == 0
    assert json.loads(local_first("claim", "--json").output)["total"] == 1


def test_a_reply_to_someone_who_has_not_written_says_there_is_nothing_to_reply_to(
    hana: Kith,
) -> None:
    result = hana("draft", "Hana", "--kind", "reply")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: You wrote last to Hana Novak (2026-11-20): there is nothing to reply to. "
        'Draft a check-in instead: kith draft "Hana Novak" --kind checkin.\n',
    )


def test_what_they_work_on_is_said_to_them_in_the_second_person(kith: Kith) -> None:
    kith("add", "Joana Silva", "--working-on", "her PhD thesis on coral reefs")
    assert "How is your PhD thesis on coral reefs going?" in kith("draft", "Joana").output


def test_a_birthday_wish_names_the_day_when_it_is_still_ahead(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--birthday", "1815-11-26")
    kith("add", "Grace Hopper", "--birthday", "1906-11-22")
    assert "Happy birthday for Thursday!" in kith("draft", "Ada", "--kind", "birthday").output
    assert "\n\nHappy birthday! I hope" in kith("draft", "Grace", "--kind", "birthday").output


def test_a_place_met_at_reads_as_a_place_in_the_claim_note(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--met-where", "Bristol")
    kith("add", "Grace Hopper", "--met-where", "at the Foundry")
    assert kith("draft", "Ada", "--kind", "claim").output == (
        "Hi Ada, good to meet you in Bristol. I'd like to stay in touch.\n"
    )
    assert kith("draft", "Grace", "--kind", "claim").output == (
        "Hi Grace, good to meet you at the Foundry. I'd like to stay in touch.\n"
    )


def test_shortening_keeps_the_proposal_to_call_and_drops_the_small_talk_first(
    hana: Kith,
) -> None:
    hana("edit", "Hana", "--working-on", "a long and winding migration of every service " * 3)
    hana("log", "Hana", "walk", "-t", "the old railway line along the river and the canal")
    out = hana("draft", "Hana", "--channel", "call").output
    assert out == (
        "Hi Hana,\nGood to see you today. How is your work on a long and "
        "winding migration of every service a long and winding migration of every service a "
        "long and winding migration of every service going? Would you be up for a call soon? "
        "No need to reply at length; I hope all is well.\n"
    )


def test_an_empty_template_is_an_error_that_names_the_file(hana: Kith, tmp_path: Path) -> None:
    folder = templates(tmp_path)
    folder.mkdir(parents=True)
    (folder / "checkin.txt").write_text("# only a comment\n")
    result = hana("draft", "Hana")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: The checkin template ({folder / 'checkin.txt'}) says nothing; write at least "
        "a greeting, or delete it.\n",
    )
    shown = json.loads(hana("draft", "--templates", "--json").output)["templates"][1]
    assert (shown["state"], shown["detail"]) == (
        "broken",
        "The checkin template says nothing; write at least a greeting, or delete it. Drafts "
        "of this kind fail until then",
    )


def test_a_broken_template_leaves_the_weeks_table_on_screen(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ivan Petrov")
    for day in ("2026-07-01", "2026-08-01", "2026-09-01"):
        kith("log", "Ivan", "coffee", "-w", day)
    kith("pin", "Ivan")
    folder = templates(tmp_path)
    folder.mkdir(parents=True)
    (folder / "checkin.txt").write_text("Hi $nobody,\n")
    result = kith("plan", "--drafts")
    assert result.exit_code == 1
    assert "Ivan Petrov" in result.stdout
    assert result.stderr.startswith(f"Error: The checkin template ({folder / 'checkin.txt'})")


def test_done_with_a_sentence_for_a_topic_says_it_will_not_be_quoted(hana: Kith) -> None:
    done = hana("done", "Hana", "--topic", "she moved to Oslo last week")
    assert done.stderr.startswith("Drafts will not quote the topic 'she moved to Oslo")


def test_their_ask_logged_as_inbound_is_no_ask_of_yours(hana: Kith) -> None:
    logged = hana("log", "Hana", "asked for advice", "-d", "in", "-k", "ask", "-c", "email")
    assert logged.stderr == ""


def test_a_mailto_link_is_an_email_whatever_the_channel(hana: Kith) -> None:
    link = hana("draft", "Hana", "--channel", "message", "--mailto").output
    assert link.startswith("mailto:hana@example.org?subject=Checking%20in&body=Hi%20Hana%2C%0D%0A")
