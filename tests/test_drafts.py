"""`kith draft`: short personal messages from editable templates."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from kith.drafts.render import KINDS, DraftContext, Form, render, truncated
from kith.drafts.texts import shipped
from tests.conftest import Kith

ASK_WORDS = re.compile(r"could you|can you|would you|\bI need\b|\bask", re.IGNORECASE)
FULL = DraftContext(
    first_name="Ada",
    met_at="PyCon 2026",
    met_about="your talk on compilers",
    met_remark="I enjoyed your talk on compilers.",
    working_on="the analytical engine notes",
    their_work="your work on the analytical engine notes",
    topic="lunch at the Foundry",
    interest="compilers",
    article_title="Compilers for everyone",
    article_url="https://example.org/compilers",
    article_topic="compilers",
    my_name="Charles",
)


def templates(tmp_path: Path) -> Path:
    """Where Kith keeps the user's templates in a test: the data folder under XDG_DATA_HOME."""
    return tmp_path / "data-home" / "kith" / "templates"


@pytest.fixture
def ada(kith: Kith) -> Kith:
    kith(
        "--now",  # in your contacts before the lunch: no first meeting
        "2026-11-01T10:00:00+00:00",
        "add",
        "Ada Lovelace",
        "--email",
        "ada@example.org",
        "--working-on",
        "the analytical engine notes",
        "--interest",
        "compilers",
    )
    kith("log", "Ada", "lunch at the Foundry", "--when", "2026-11-15")
    return kith


def save(kith: Kith, url: str, topics: str, at: str, *title: str) -> None:
    """`kith save` with the clock at `at`, so that articles have different ages."""
    assert kith("--now", at, "save", url, "--topics", topics, *title).exit_code == 0


def test_a_checkin_says_what_kith_knows_in_the_persons_first_name(ada: Kith) -> None:
    assert ada("draft", "Ada").output == (
        "Subject: Checking in\n"
        "\n"
        "Hi Ada,\n"
        "\n"
        "You came to mind today, so a quick hello. "
        "How is your work on the analytical engine notes going? "
        "No need to reply at length; I hope all is well.\n"
    )


def test_a_draft_leaves_out_every_sentence_it_has_nothing_for(kith: Kith) -> None:
    kith("add", "Grace Hopper")
    assert kith("draft", "Grace", "--kind", "reconnect").output == (
        "Subject: It's been a while\n"
        "\n"
        "Hi Grace,\n"
        "\n"
        "It's been a while, and you came to mind today. "
        "I'd love to hear what you are up to these days. "
        "No need for a long reply; a few lines would be lovely.\n"
    )
    assert kith("draft", "Grace", "--kind", "claim").output == (
        "Hi Grace, good to meet you. I'd like to stay in touch.\n"
    )


def test_the_first_name_is_the_nickname_else_the_given_name_else_the_first_word(kith: Kith) -> None:
    kith("add", "Prince")
    kith("add", "Mary Somerville")
    kith("edit", "Mary", "--nickname", "Molly")
    assert kith("draft", "Prince", "--kind", "claim").output.startswith("Hi Prince,")
    assert kith("draft", "Mary", "--kind", "claim").output.startswith("Hi Molly,")
    kith("add", "Dr. Kim")
    kith("add", "Castro, Ana")
    assert kith("draft", "Kim", "--kind", "claim").output.startswith("Hi Kim,")
    assert kith("draft", "Castro", "--kind", "claim").output.startswith("Hi Ana,")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("context", [FULL, DraftContext(first_name="Ada")], ids=["full", "bare"])
def test_no_default_template_opens_with_an_ask_or_leaves_a_hole(
    kind: str, context: DraftContext
) -> None:
    body = render(shipped(kind), context, kind).body
    first_sentence = re.split(r"[.!?]", body, maxsplit=1)[0]
    assert first_sentence.startswith("Hi Ada,")
    assert not ASK_WORDS.search(first_sentence)
    assert "$" not in body
    assert not re.search(r"\s[.,:;)]|\(\)|  ", body)


def test_every_placeholder_of_a_full_context_reaches_some_default_template() -> None:
    rendered = " ".join(render(shipped(kind), FULL, kind).body for kind in KINDS)
    for key, value in FULL.values().items():
        if key not in ("met_about", "how_met", "working_on"):  # plainer forms, for your edits
            assert value in rendered, key


def test_the_ask_template_puts_the_ask_after_a_friendly_opening() -> None:
    drafted = render(shipped("ask"), FULL, "ask")
    assert drafted.subject == "A question"
    assert drafted.body == (
        "Hi Ada,\n"
        "\n"
        "I hope you are well. How is your work on the analytical engine notes going? "
        "I have a small favour to ask, and no pressure at all to say no: "
        "[what you need, in one sentence]. "
        "Thank you either way.\n"
        "\n"
        "Charles"
    )


def test_the_first_use_copies_the_template_into_the_data_folder(ada: Kith, tmp_path: Path) -> None:
    folder = templates(tmp_path)
    assert not folder.exists()
    ada("draft", "Ada", "--kind", "thanks")
    assert [p.name for p in folder.iterdir()] == ["thanks.txt"]
    assert (folder / "thanks.txt").read_text("utf-8") == shipped("thanks")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "thanks.txt").stat().st_mode) == 0o600


def test_an_edited_template_in_the_data_folder_changes_the_draft(ada: Kith, tmp_path: Path) -> None:
    ada("draft", "Ada", "--kind", "thanks")
    (templates(tmp_path) / "thanks.txt").write_text(
        "# mine\n"
        "Subject: Thanks, $first_name\n"
        "Dear $first_name,\n"
        "\n"
        "thank you for $how_met.\n"
        "Good luck with $working_on.\n"
        "Cheers, $$5 coffee on me next time.\n",
        "utf-8",
    )
    shown = json.loads(ada("draft", "Ada", "--kind", "thanks", "--json").output)
    assert (shown["subject"], shown["draft"]) == (
        "Thanks, Ada",
        "Dear Ada,\n\nGood luck with the analytical engine notes. "
        "Cheers, $5 coffee on me next time.",
    )


def test_a_template_with_an_unknown_placeholder_says_which_and_what_exists(
    ada: Kith, tmp_path: Path
) -> None:
    templates(tmp_path).mkdir(parents=True)
    (templates(tmp_path) / "checkin.txt").write_text("Hi $frist_name,\n", "utf-8")
    result = ada("draft", "Ada")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: The checkin template ({templates(tmp_path) / 'checkin.txt'}) uses "
        "$frist_name, which Kith does not know; it knows $first_name, $met_at, $met_where, "
        "$met_remark, $met_about, $their_work, $working_on, $topic, $request, $apology, "
        "$received, $their_subject, $interest, "
        "$upcoming_event, $invite, $birthday_wish, $in_touch_today, $in_touch, $article_title, "
        "$article_url, $article_topic, $article_interest, $article_work, $other_name, "
        "$other_first_name, $favour, $my_name, $target, $via.\n",
    )


def test_mailto_percent_encodes_the_subject_and_the_body(ada: Kith) -> None:
    assert ada("draft", "Ada", "--kind", "reconnect", "--mailto").output == (
        "mailto:ada@example.org?subject=It%27s%20been%20a%20while&body=Hi%20Ada%2C%0D%0A%0D%0A"
        "It%27s%20been%20a%20while%2C%20and%20you%20came%20to%20mind%20today."
        "%20How%20is%20your%20work%20on%20the%20analytical%20engine%20notes%20going%3F"
        "%20No%20need%20for%20a%20long%20reply%3B%20a%20few%20lines%20would%20be%20lovely.\n"
    )


def test_mailto_needs_an_e_mail_address(kith: Kith) -> None:
    kith("add", "Grace Hopper")
    result = kith("draft", "Grace", "--mailto")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        'Error: Grace Hopper has no e-mail address; add one with `kith edit "Grace Hopper" '
        "--email ADDRESS`.\n",
    )


def test_the_json_has_the_person_the_kind_the_draft_and_its_length(ada: Kith) -> None:
    shown = json.loads(ada("draft", "Ada", "--kind", "claim", "--mailto", "--json").output)
    assert shown["person"]["name"] == "Ada Lovelace"
    del shown["person"]
    assert shown == {
        "kind": "claim",
        "channel": "email",
        "subject": "Good to meet you",
        "draft": "Hi Ada, good to meet you. I'd like to stay in touch. I'd love to hear more about "
        "your work on the analytical engine notes.",
        "chars": 122,
        "max_chars": 200,
        "mailto": "mailto:ada@example.org?subject=Good%20to%20meet%20you&body=Hi%20Ada%2C%20good"
        "%20to%20meet%20you.%20I%27d%20like%20to%20stay%20in%20touch.%20I%27d%20love%20to%20hear"
        "%20more%20about%20your%20work%20on%20the%20analytical%20engine%20notes.",
    }


def test_share_offers_the_newest_matching_article_not_yet_shared(ada: Kith) -> None:
    ada("add", "Grace Hopper")
    save(ada, "https://example.org/old", "compilers", "2026-10-01T09:00Z", "--title", "Old news")
    save(ada, "https://example.org/s", "compilers", "2026-11-20T09:00Z")
    save(ada, "https://example.org/cats", "cats", "2026-11-21T09:00Z", "--title", "Cats")
    save(ada, "https://example.org/e", "engine", "2026-11-02T09:00Z")
    save(ada, "https://example.org/eng", "engin", "2026-11-03T09:00Z")
    ada("share", "https://example.org/s", "--with", "Ada")
    assert ada("draft", "Ada", "--kind", "share").output == (
        "Hi Ada,\n"
        "\n"
        "I came across this and thought of your work on the analytical engine notes.\n"
        "\n"
        "https://example.org/e\n"
        "\n"
        "I hope all is well.\n"
    )
    ada("share", "https://example.org/e", "--with", "Ada")
    shown = json.loads(ada("draft", "Ada", "--kind", "share", "--json").output)
    assert (shown["subject"], shown["draft"].split("\n\n")[1:3]) == (
        "Old news",
        [
            "I came across this and thought of you, given your interest in compilers.",
            "Old news: https://example.org/old",
        ],
    )


def test_share_with_nothing_to_share_says_how_to_save_an_article(ada: Kith) -> None:
    ada("interest", "Ada", "machine learning")
    result = ada("draft", "Ada", "--kind", "share")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "Error: No saved article you have not yet shared matches Ada Lovelace's interests "
        "(compilers, machine learning) or what they are working on; save one with "
        "`kith save URL --topics compilers`.\n",
    )


def test_copy_without_a_clipboard_says_so_and_still_prints_the_draft(
    ada: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = ada("draft", "Ada", "--kind", "claim", "--copy")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Hi Ada, good to meet you. I'd like to stay in touch. "
        "I'd love to hear more about your work on the analytical engine notes.\n",
        "No clipboard found (Kith uses wl-copy, xclip, xsel or pbcopy); the draft is only "
        "printed.\n",
    )


def test_copy_hands_the_draft_to_the_first_clipboard_tool_found(
    ada: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools, clipboard = tmp_path / "bin", tmp_path / "clipboard.txt"
    tools.mkdir()
    for name, target in (("xclip", clipboard), ("xsel", tmp_path / "not-me.txt")):
        script = tools / name
        script.write_text(f"#!/bin/sh\nexec /bin/cat > {target}\n", "utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    result = ada("draft", "Ada", "--kind", "claim", "--copy")
    assert (result.exit_code, result.stderr) == (0, "Copied to the clipboard with xclip.\n")
    assert clipboard.read_text("utf-8") == result.stdout.rstrip("\n")
    assert not (tmp_path / "not-me.txt").exists()


def test_a_claim_draft_keeps_within_claim_max_chars(ada: Kith) -> None:
    ada("edit", "Ada", "--working-on", "a very long project " * 8)
    ada("config", "set", "claim.max_chars", "60")
    shown = json.loads(ada("draft", "Ada", "--kind", "claim", "--json").output)
    assert (shown["draft"], shown["chars"]) == (
        "Hi Ada, good to meet you. I'd like to stay in touch.",
        52,
    )


def test_optional_sentences_go_from_the_last_one_up_before_any_cut() -> None:
    template = "Hi $first_name,\nwe met at $met_at.\nI enjoyed $how_met.\nLet's keep in touch.\n"
    whole = render(template, FULL, "t").body
    assert whole == (
        "Hi Ada, we met at PyCon 2026. I enjoyed your talk on compilers. Let's keep in touch."
    )
    assert render(template, FULL, "t", Form(max_chars=len(whole))).body == whole
    assert render(template, FULL, "t", Form(max_chars=len(whole) - 1)).body == (
        "Hi Ada, we met at PyCon 2026. Let's keep in touch."
    )
    assert render(template, FULL, "t", Form(max_chars=40)).body == "Hi Ada, Let's keep in touch."


def test_a_note_still_too_long_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    template = "Hi $first_name,\nthis fixed sentence is far too long for the limit.\n"
    body = render(template, FULL, "t", Form(max_chars=30)).body
    assert (body, len(body)) == ("Hi Ada, this fixed sentence…", 28)
    assert truncated("one two three", 8) == "one two…"
    assert truncated("one two three", 9) == "one two…"
    assert truncated("abcdefghij", 5) == "abcd…"
    assert truncated("short", 5) == "short"


def test_the_shipped_templates_are_package_data() -> None:
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    assert '"drafts/templates/*.txt"' in pyproject
    assert all("\nSubject: " in shipped(kind) for kind in KINDS)


def test_a_draft_signs_with_the_me_name_setting(ada: Kith) -> None:
    ada("config", "set", "me.name", "Charles")
    assert ada("draft", "Ada", "--kind", "thanks").output.splitlines()[-2:] == ["", "Charles"]


def test_an_ask_draft_to_someone_never_given_to_warns_on_stderr(ada: Kith) -> None:
    ada("config", "set", "me.name", "Charles")
    ada("save", "https://example.org/c", "--title", "Compilers, simply", "--topics", "compilers")
    result = ada("draft", "Ada", "--kind", "ask")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Subject: A question\n"
        "\n"
        "Hi Ada,\n"
        "\n"
        "I hope you are well. How is your work on the analytical engine notes going? "
        "I have a small favour to ask, and no pressure at all to say no: "
        "[what you need, in one sentence]. "
        "Thank you either way.\n"
        "\n"
        "Charles\n",
        "Give first: you have never given anything to Ada Lovelace (a give or an intro).\n"
        "Something you could give first:\n"
        '  - share "Compilers, simply" (https://example.org/c): on compilers, one of their '
        "interests\n",
    )


def test_no_give_first_warning_after_a_give_or_for_other_kinds(ada: Kith) -> None:
    checkin = ada("draft", "Ada", "--kind", "checkin")
    ada("log", "Ada", "sent the paper", "-c", "email", "--kind", "give", "--when", "2026-11-01")
    ask = ada("draft", "Ada", "--kind", "ask")
    assert (checkin.exit_code, checkin.stderr, ask.exit_code, ask.stderr) == (0, "", 0, "")
