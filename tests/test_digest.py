"""`kith digest`: the week at a glance as text, Markdown and JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kith.cli.week.digest import Markdown, escape
from kith.store import Store
from tests.conftest import Kith


@pytest.fixture
def week(kith: Kith, store: Store) -> Kith:
    """Ada (a birthday, an overdue promise, done this week), Grace (a promise of hers due
    today), Katherine (a birthday 15 days away), Bob met two days ago, Hedy suggested by Ada,
    and an introduction of Ada to Grace waiting for Grace's answer."""
    kith("add", "Ada Lovelace", "--birthday", "1990-11-29")
    kith("add", "Grace Hopper", "--birthday", "--12-06")
    kith("add", "Katherine Johnson", "--birthday", "--12-07")
    kith("log", "Ada", "coffee", "--when", "2026-10-01", "--channel", "in_person")
    kith("log", "Grace", "call", "--when", "2026-06-01", "--channel", "call")
    kith("todo", "Ada", "send her the paper", "--due", "2026-11-20")
    kith("todo", "Grace", "intro to her CTO", "--theirs", "--due", "2026-11-22")
    kith("todo", "Grace", "lend her the book", "--due", "2026-11-30")  # next week
    kith("event", "add", "Local-first night", "--date", "2026-11-20")
    kith(
        "met",
        "Bob *Star* [Lee]",
        "--at",
        "Local-first night",
        "--about",
        "her talk on <sync> & CRDTs",
    )
    kith("refer", "Ada", "Hedy Lamarr")
    with store.transaction():
        why = "Ada needs a *compiler*; Grace offers it"
        at, changed = "2026-11-10T10:00:00Z", "2026-11-12T10:00:00Z"
        store.relations.add_introduction(1, 2, why, "asked_b", at, updated_at=changed)
        store.relations.add_introduction(1, 3, "an idea", "suggested", at)  # not asked yet
        store.relations.add_introduction(2, 3, "made", "introduced", "2026-08-01T10:00:00Z")  # done
    kith("plan")
    kith("done", "Ada")
    return kith


TEXT = """\
Kith digest: 2026-W47, Mon 16 Nov – Sun 22 Nov

This week's plan
  [x] Ada Lovelace — a follow-up due: you promised 'send her the paper' (at risk) — coffee
  [ ] Grace Hopper — a follow-up due: they promised 'intro to her CTO' — call

Follow-ups due this week or overdue
  #1 Ada Lovelace: send her the paper — due Fri 2026-11-20, 2 days overdue
  #2 Grace Hopper: intro to her CTO (theirs) — due Sun 2026-11-22

People to claim
  Bob *Star* [Lee], met at Local-first night on 2026-11-20 (note: 112/200 characters)
  `kith claim` prints each note.

Referrals
  Reach out to Hedy Lamarr: Ada Lovelace suggested you meet.

Introductions in progress
  Ada Lovelace and Grace Hopper: you asked Grace Hopper on 2026-11-12 — Ada needs a *compiler*; \
Grace offers it

Birthdays in the next 14 days
  Sun 29 Nov: Ada Lovelace, turns 36
  Sun 6 Dec: Grace Hopper
"""

MARKDOWN = r"""# Kith digest: 2026-W47, Mon 16 Nov – Sun 22 Nov

## This week's plan

- [x] **Ada Lovelace** — a follow-up due: you promised 'send her the paper' (at risk) — coffee
- [ ] **Grace Hopper** — a follow-up due: they promised 'intro to her CTO' — call

## Follow-ups due this week or overdue

- #1 **Ada Lovelace**: send her the paper — due Fri 2026-11-20, 2 days overdue
- #2 **Grace Hopper**: intro to her CTO (theirs) — due Sun 2026-11-22

## People to claim

- **Bob \*Star\* \[Lee\]**, met at Local-first night on 2026-11-20 (note: 112/200 characters)
  > Hi Bob, good to meet you at Local-first night. I enjoyed your talk on \<sync\> \& CRDTs. I'd like to stay in touch.

## Referrals

- Reach out to **Hedy Lamarr**: **Ada Lovelace** suggested you meet.

## Introductions in progress

- **Ada Lovelace** and **Grace Hopper**: you asked **Grace Hopper** on 2026-11-12 — Ada needs a \*compiler\*; Grace offers it

## Birthdays in the next 14 days

- Sun 29 Nov: **Ada Lovelace**, turns 36
- Sun 6 Dec: **Grace Hopper**
"""  # noqa: E501


def test_the_digest_prints_every_section_in_order(week: Kith) -> None:
    assert week("digest").output == TEXT


def test_the_markdown_digest_has_headings_lists_and_the_claim_note_quoted(week: Kith) -> None:
    assert week("digest", "--markdown").output == MARKDOWN


def test_the_markdown_digest_is_commonmark_in_which_only_names_are_bold(week: Kith) -> None:
    tokens = MarkdownIt("commonmark").parse(week("digest", "--markdown").output)
    inline = [t for t in tokens if t.type == "inline"]
    bold = []
    for token in inline:
        children = token.children or []
        bold += [children[i + 1].content for i, t in enumerate(children) if t.type == "strong_open"]
    assert [t.type for t in tokens if t.type.endswith("_open") and t.type != "paragraph_open"] == [
        "heading_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "list_item_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "list_item_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "blockquote_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "heading_open",
        "bullet_list_open",
        "list_item_open",
        "list_item_open",
    ]
    assert bold == [
        "Ada Lovelace",
        "Grace Hopper",
        "Ada Lovelace",
        "Grace Hopper",
        "Bob *Star* [Lee]",
        "Hedy Lamarr",
        "Ada Lovelace",
        "Ada Lovelace",
        "Grace Hopper",
        "Grace Hopper",
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert not [t for c in inline for t in c.children or [] if t.type in ("em_open", "link_open")]
    html = MarkdownIt("commonmark").render(week("digest", "--markdown").output)
    assert (
        "<blockquote>\n<p>Hi Bob, good to meet you at Local-first night. I enjoyed your "
        "talk on &lt;sync&gt; &amp; CRDTs. I'd like to stay in touch.</p>\n</blockquote>" in html
    )


def _names(value: Any) -> Any:
    """The JSON with every person object replaced by its name, to compare it whole."""
    if isinstance(value, dict):
        if "uid" in value and "name" in value and "reason" not in value and "event" not in value:
            return value["name"]
        return {k: _names(v) for k, v in value.items() if k not in ("created_at", "uid")}
    if isinstance(value, list):
        return [_names(v) for v in value]
    return value


def test_the_json_digest_has_each_collection_and_a_total(week: Kith) -> None:
    shown = json.loads(week("digest", "--json").output)
    assert list(shown) == [
        "week",
        "monday",
        "sunday",
        "picks",
        "todos",
        "claims",
        "referrals",
        "introductions",
        "birthdays",
        "total",
    ]
    assert (shown["week"], shown["monday"], shown["sunday"], shown["total"]) == (
        "2026-W47",
        "2026-11-16",
        "2026-11-22",
        9,
    )
    assert [(p["name"], p["state"], p["reason"]) for p in shown["picks"]] == [
        ("Ada Lovelace", "done", "a follow-up due: you promised 'send her the paper'"),
        ("Grace Hopper", "open", "a follow-up due: they promised 'intro to her CTO'"),
    ]
    assert [(t["id"], t["due"], t["owner"], t["overdue"]) for t in shown["todos"]] == [
        (1, "2026-11-20", "mine", True),
        (2, "2026-11-22", "theirs", False),
    ]
    assert [(c["name"], c["chars"], c["max_chars"]) for c in shown["claims"]] == [
        ("Bob *Star* [Lee]", 112, 200)
    ]
    assert _names(shown["referrals"]) == [
        {
            "action": "follow_up",
            "text": "Reach out to Hedy Lamarr: Ada Lovelace suggested you meet.",
            "referral": {
                "id": 1,
                "referrer": "Ada Lovelace",
                "referred": "Hedy Lamarr",
                "note": None,
                "met_at": None,
                "thanked_at": None,
                "state": "not_contacted",
                "text": "not yet contacted",
            },
        }
    ]
    assert _names(shown["introductions"]) == [
        {
            "id": 1,
            "a": "Ada Lovelace",
            "b": "Grace Hopper",
            "why": "Ada needs a *compiler*; Grace offers it",
            "state": "asked_b",
            "since": "2026-11-12T10:00:00Z",
            "nudge": False,
        }
    ]
    assert _names(shown["birthdays"]) == [
        {"person": "Ada Lovelace", "date": "2026-11-29", "turns": 36},
        {"person": "Grace Hopper", "date": "2026-12-06", "turns": None},
    ]


def test_an_empty_week_says_so(kith: Kith) -> None:
    assert kith("digest").output == (
        "Kith digest: 2026-W47, Mon 16 Nov – Sun 22 Nov\n"
        "\n"
        "Nothing this week: no plan, follow-ups, claims, referrals, introductions or birthdays.\n"
    )
    assert json.loads(kith("digest", "--json").output)["total"] == 0


def test_the_digest_makes_the_weeks_plan_like_kith_plan(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--birthday", "--11-25")
    kith("log", "Ada", "coffee", "--when", "2026-10-01", "--channel", "in_person")
    first = kith("digest").output
    assert "  [ ] Ada Lovelace — a birthday coming up: Wed 25 Nov (at risk) — coffee\n" in first
    kith("add", "Grace Hopper", "--birthday", "--11-24")
    kith("log", "Grace", "call", "--when", "2026-10-01", "--channel", "call")
    plan = kith("plan").output  # the week the digest stored: Grace waits for next week
    assert plan.startswith("This week (2026-W47, Mon 16 Nov – Sun 22 Nov): 1 person\n")


def test_a_leap_day_birthday_is_kept_on_28_february_in_a_common_year(kith: Kith) -> None:
    kith("add", "Leap Person", "--birthday", "2000-02-29")
    result = kith("--now", "2027-02-20T10:00:00+00:00", "digest", "--json")
    birthdays = json.loads(result.output)["birthdays"]
    assert [(b["date"], b["turns"]) for b in birthdays] == [("2027-02-28", 27)]


def test_archived_people_and_prospects_have_no_birthday_in_the_digest(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--birthday", "--11-25")
    kith("add", "Hedy Lamarr", "--birthday", "--11-26", "--prospect")
    kith("archive", "Ada")
    assert json.loads(kith("digest", "--json").output)["birthdays"] == []


def test_markdown_and_json_together_are_a_usage_error(kith: Kith) -> None:
    result = kith("digest", "--markdown", "--json")
    assert (result.exit_code, result.stderr) == (2, "Error: Give --markdown or --json, not both.\n")


DEMO_TEXT = (
    "Kith digest: 2026-W47, Mon 16 Nov – Sun 22 Nov\n"
    "\n"
    "This week's plan\n"
    "  [ ] Liv Nyberg — at risk, overdue by 31 days — message\n"
    "  [ ] Ute Neumann — overdue by 5 days — message\n"
    "  [ ] Samir Sayegh — overdue by 30 days — email\n"
    "  [ ] Santiago Cabrera — they wrote last, 12 days ago — message\n"
    "  [ ] Min-jun Lim — dormant tie worth reviving: last in touch Feb 2026 — call\n"
    "\n"
    "People to claim\n"
    "  Beatriz Ortega, met at Local-first night at the Foundry on 2026-11-20 (note:"
    " 156/200 characters)\n"
    "  Gabriela Zúñiga, met at Local-first night at the Foundry on 2026-11-20 (note:"
    " 93/200 characters)\n"
    "  Seo-yeon Yoon, met at Local-first night at the Foundry on 2026-11-20 (note:"
    " 157/200 characters)\n"
    "  `kith claim` prints each note.\n"
    "\n"
    "Referrals\n"
    "  Thank Noémie Garnier: you met Edward Ellis on 2025-06-22 through them.\n"
    "  Reach out to Bilal Ogawa: Søren Dahl suggested you meet.\n"
    "  Reach out to Zhi Gao: Joon-young Han suggested you meet.\n"
    "\n"
    "Introductions in progress\n"
    "  Henry Lambert and Tarek Haddadin: no answer yet from Henry Lambert, asked on 2026-10-23;"
    " ask once more (`kith intro` again), or let it go (--let-go) —"
    " Henry needs conference talks; Tarek offers it\n"
    "\n"
    "Birthdays in the next 14 days\n"
    "  Thu 26 Nov: Sophie Jennings\n"
    "  Sat 28 Nov: Sebastián Mendoza\n"
    "  Sat 5 Dec: Alessandro Santoro, turns 39\n"
    "  Sun 6 Dec: Thijs Koster, turns 53\n"
)


def test_the_digest_of_the_demo_week(kith: Kith) -> None:
    kith("demo")
    assert kith("digest").output == DEMO_TEXT
    markdown = kith("digest", "--markdown").output
    assert markdown.count("\n  > Hi ") == 3  # the three claim notes, quoted
    assert json.loads(kith("digest", "--json").output)["total"] == 16


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))))
def test_any_text_escaped_for_markdown_reads_back_as_itself(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(Markdown().text(text))
    expected = " ".join(text.split())
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {t.type for t in children} == {"text"}
    assert "".join(t.content for t in children) == expected


def test_escape_leaves_plain_text_alone_and_guards_the_start_of_a_line() -> None:
    assert escape("Ada Lovelace, 1815") == "Ada Lovelace, 1815"
    assert escape("# not a heading") == r"\# not a heading"
    assert escape("1. not a list") == r"1\. not a list"
    assert escape("- nor this") == r"\- nor this"
