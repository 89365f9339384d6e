"""Control characters nobody can type or see (trial 7 #9: MCP's add_person kept
"Nul\\u0000Byte", a draft said "Hi Nul\\u0000Byte,", `kith export vcard` wrote the NUL): refused
with the field named when typed (CLI, JSON API, MCP), left out when an import reads them from a
file, and never in an exported card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mcp.server.mcpserver.exceptions import ToolError
from starlette.testclient import TestClient

from kith.controls import refusal, scrubbed, without_controls
from kith.mcp import writing
from kith.mcp.session import Session
from kith.records import PersonRecord
from tests.conftest import NOW_TEXT, Kith

NUL_NAME = "Nul\x00Byte"
REFUSED_NAME = (
    "The name holds U+0000 (NUL), an invisible control character, at character 4 (after "
    "'Nul'); Kith keeps only what can be typed and shown: give the name again without it."
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Nul\x00Byte", "U+0000 (NUL)"),
        ("Bell\x07", "U+0007 (BEL)"),
        ("Esc\x1b[31mred", "U+001B (ESC)"),
        ("Del\x7f", "U+007F (DEL)"),
        ("C1\x9b", "U+009B (a control character)"),
        ("evil\u202eelpmaxe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("isolate\u2066x\u2069", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("lone\ud800", "U+D800 (a control character)"),
    ],
)
def test_a_control_character_is_refused_with_the_field_and_the_character_named(
    text: str, named: str
) -> None:
    why = refusal("nickname", text)
    assert why is not None
    assert why.startswith(f"The nickname holds {named}, an invisible control character")
    assert why.endswith("give the nickname again without it.")


@pytest.mark.parametrize(
    "text",
    [
        "Tab\there",  # white space: a name's runs of it are one space, as before
        "two\nlines",
        "line\u2028separator",
        "فاطمة\u200f",  # a right-to-left mark
        "می\u200cخواهم",  # a zero-width non-joiner, which Persian spells with
        "👨\u200d👩\u200d👧",  # joiners of an emoji
        "❤\ufe0f",  # a variation selector
        "María GARCÍA",
    ],
)
def test_white_space_marks_joiners_and_selectors_are_no_control(text: str) -> None:
    assert refusal("name", text) is None
    assert without_controls(text) == text


def test_kith_add_and_edit_refuse_a_control_character_in_any_field(kith: Kith) -> None:
    added = kith("add", NUL_NAME)
    assert (added.exit_code, added.stderr) == (1, f"Error: {REFUSED_NAME}\n")
    company = kith("add", "Ana Lima", "--company", "Ac\x1bme")
    assert company.exit_code == 1
    assert "The company holds U+001B (ESC)" in company.stderr
    assert kith("add", "Ana Lima").exit_code == 0
    renamed = kith("edit", "Ana", "--nickname", "\u202eevil")
    assert "The nickname holds U+202E (RIGHT-TO-LEFT OVERRIDE)" in renamed.stderr
    logged = kith("log", "Ana", "coffee", "--topic", "the \x07launch")
    assert "The topic holds U+0007 (BEL)" in logged.stderr
    listed = json.loads(kith("list", "--json").output)["people"]
    assert [(p["name"], p["company"]) for p in listed] == [("Ana Lima", None)]


def test_mcp_add_person_refuses_a_nul_in_a_name(db_path: Path, kith: Kith) -> None:
    """Trial 7: an assistant's add_person {"name": "Nul\\u0000Byte"} was kept."""
    kith("list")  # the database made
    session = Session(db_path, now_text=NOW_TEXT)
    tools = {tool.__name__: tool for tool in writing.tools(session)}
    with pytest.raises(ToolError) as refused, session.call():
        tools["add_person"](name=NUL_NAME)
    session.close()
    assert str(refused.value) == REFUSED_NAME
    assert json.loads(kith("list", "--json").output)["people"] == []


def test_the_json_api_refuses_a_nul_in_a_name_and_a_bidi_override_in_a_tag(
    client: TestClient,
) -> None:
    nul = client.post("/api/people", json={"name": NUL_NAME})
    assert nul.status_code == 422
    assert REFUSED_NAME in nul.text
    tagged = client.post("/api/people", json={"name": "Tess Tag", "tags": ["ok", "\u202ebad"]})
    assert tagged.status_code == 422
    assert "The tag holds U+202E (RIGHT-TO-LEFT OVERRIDE)" in tagged.text


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\x00Byte \u202aLee\u202c\r\nN:Byte;Nul\x00;;;\r\n"
    "TEL:+44 7700 900123\r\nORG:Ac\x07me\r\nNOTE:first\x01line\\nsecond\r\nEND:VCARD\r\n"
)


def test_an_imported_card_keeps_its_fields_without_their_control_characters(
    kith: Kith, tmp_path: Path
) -> None:
    """Old phones pad with NUL, WhatsApp wraps numbers in U+202A…U+202C: the file is read,
    what nobody can see left out."""
    card = tmp_path / "nul.vcf"
    card.write_text(CARD, encoding="utf-8", newline="")
    assert kith("import", str(card)).exit_code == 0
    (person,) = json.loads(kith("list", "--json").output)["people"]
    assert (person["name"], person["company"]) == ("NulByte Lee", "Acme")
    shown = json.loads(kith("show", "NulByte", "--json").output)["person"]
    assert (shown["given_name"], shown["family_name"]) == ("Nul", "Byte")
    assert [n["text"] for n in shown["notes"]] == ["firstline\nsecond"]


def test_a_vcard_export_never_writes_a_nul(kith: Kith, tmp_path: Path) -> None:
    """A NUL kept before Kith refused them (written here past the services) is not exported;
    what else such a database holds is written as it is kept (tests/test_export_hashes.py)."""
    import sqlite3

    kith("add", "Ana Lima", "--company", "Acme")
    kith("add", "Bo Chen")
    with sqlite3.connect(kith_db(tmp_path)) as db:
        db.execute("UPDATE person SET display_name = ? WHERE id = 1", ("Ana\x00 Lima",))
        db.execute("UPDATE person SET nickname = ? WHERE id = 2", ("B\x00o",))
    out = tmp_path / "all.vcf"
    assert kith("export", "vcard", str(out)).exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert "FN:Ana Lima\r\n" in text
    assert "NICKNAME:Bo\r\n" in text
    assert "\x00" not in text


def kith_db(tmp_path: Path) -> Path:
    return tmp_path / "kith.db"


def test_scrubbing_a_record_without_controls_gives_the_record_itself() -> None:
    clean = PersonRecord(source_id="1", name="Ana Lima", tags=("a", "b"))
    assert scrubbed(clean) is clean
    dirty = PersonRecord(source_id="1", name="Ana\x00 Lima", tags=("a\x07",))
    assert scrubbed(dirty) == PersonRecord(source_id="1", name="Ana Lima", tags=("a",))


def test_a_chat_party_named_with_direction_controls_is_added_without_them(
    kith: Kith, tmp_path: Path
) -> None:
    """WhatsApp wraps a name or a number in U+202A…U+202C; a NUL rides along here."""
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "31/10/2026, 21:05 - \u202aOmar\x00 Ali\u202c: hi\n31/10/2026, 21:10 - Sam Rivera: hello\n",
        encoding="utf-8",
    )
    assert kith("import", str(chat), "--me", "Sam Rivera").exit_code == 0
    (person,) = json.loads(kith("list", "--json").output)["people"]
    assert person["name"] == "Omar Ali"


def test_an_event_a_want_a_follow_up_and_a_saved_article_refuse_a_control_character(
    kith: Kith,
) -> None:
    kith("add", "Ana Lima")
    refused = [
        kith("event", "add", "Py\x00Con", "--date", "2026-11-30"),
        kith("want", "Linus\u202e Torvalds"),
        kith("todo", "Ana", "send\x1b the paper"),
        kith("save", "https://example.org/a", "--title", "Marathon\x07 training"),
    ]
    assert [r.exit_code for r in refused] == [1, 1, 1, 1]
    assert [r.stderr.split(", an invisible")[0] for r in refused] == [
        "Error: The event's name holds U+0000 (NUL)",
        "Error: The name holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
        "Error: The follow-up holds U+001B (ESC)",
        "Error: The title holds U+0007 (BEL)",
    ]
