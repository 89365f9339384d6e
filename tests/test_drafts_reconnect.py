"""What Kith writes to someone long silent (a reconnect, not a casual check-in) and what a share
draft says about why the article suits them (their interest, or their work)."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.cli.main import cli
from kith.drafts import greeting
from kith.drafts.render import DraftContext, Form, render
from kith.drafts.texts import shipped
from kith.services.week import drafts
from kith.store import open_store
from kith.store.week.plan import StoredPick
from tests.conftest import Kith

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def drafted(kith: Kith, *args: str) -> dict[str, Any]:
    result = kith("draft", *args, "--json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def jane(kith: Kith, when: str) -> None:
    kith("add", "Jane Doe", "--email", "jane@example.org")
    kith("log", "Jane", "dinner, she owes me 50", "--when", when, "--topic", "the allotment")


def test_someone_silent_for_years_gets_a_reconnect_not_a_casual_check_in(kith: Kith) -> None:
    jane(kith, "2020-03-01")
    mine = drafted(kith, "Jane")
    assert (mine["kind"], mine["subject"]) == ("reconnect", "It's been a while")
    assert mine["draft"] == (
        "Hi Jane,\n\nIt's been a while, and you came to mind today. I was thinking back to our "
        "chat about the allotment. I'd love to hear what you are up to these days. No need for "
        "a long reply; a few lines would be lovely."
    )


def test_a_silence_of_199_days_is_a_check_in_and_of_200_a_reconnect(kith: Kith) -> None:
    jane(kith, (NOW - timedelta(days=199)).isoformat())
    assert drafted(kith, "Jane")["kind"] == "checkin"
    kith("add", "John Roe", "--email", "john@example.org")
    kith("log", "John", "coffee", "--when", (NOW - timedelta(days=200)).isoformat())
    assert drafted(kith, "John")["kind"] == "reconnect"


def test_family_silent_300_days_get_a_check_in_and_400_days_a_reconnect(
    kith: Kith,
) -> None:
    jane(kith, (NOW - timedelta(days=300)).isoformat())
    kith("add", "Joan Doe")
    kith("log", "Joan", "a call", "--when", (NOW - timedelta(days=400)).isoformat())
    assert kith("relate", "Jane", "Joan", "--as", "parent").exit_code == 0
    assert (drafted(kith, "Jane")["kind"], drafted(kith, "Joan")["kind"]) == (
        "checkin",
        "reconnect",
    )


def test_someone_never_in_touch_gets_a_check_in_not_a_reconnect(kith: Kith) -> None:
    kith("add", "Jane Doe", "--email", "jane@example.org")
    assert drafted(kith, "Jane")["kind"] == "checkin"


def test_a_pick_overdue_by_years_is_drafted_as_a_reconnect(kith: Kith, db_path: Path) -> None:
    jane(kith, "2018-06-01")
    kith("add", "Ann Lee", "--email", "ann@example.org")
    kith("log", "Ann", "lunch", "--when", "2026-10-01")
    store = open_store(db_path)
    try:
        picks = [pick(1, "at risk, overdue by 8 years"), pick(2, "overdue by 5 days")]
        written = drafts.for_picks(store, picks, None, NOW)
    finally:
        store.close()
    assert (written[1].kind, written[2].kind) == ("reconnect", "checkin")
    assert "she owes me" not in written[1].draft.body


def test_an_article_pick_with_nothing_left_to_share_falls_back_to_a_reconnect_after_years(
    kith: Kith, db_path: Path
) -> None:
    jane(kith, "2018-06-01")
    store = open_store(db_path)
    try:
        written = drafts.for_picks(store, [pick(1, "an article for their interests: X")], None, NOW)
    finally:
        store.close()
    assert written[1].kind == "reconnect"


def pick(person_id: int, reason: str) -> StoredPick:
    return StoredPick(
        "2026-W47", person_id, 1, "L5", reason, "email", (), 1.0, 1.0, False, "open", None
    )


def save(kith: Kith, url: str, topics: str, title: str) -> None:
    assert kith("save", url, "--topics", topics, "--title", title).exit_code == 0


def test_a_share_matched_on_their_work_says_their_work_once_not_an_interest(kith: Kith) -> None:
    kith("add", "Ayaka Kato", "--email", "ayaka@example.org",
         "--working-on", "a community garden")  # fmt: skip
    save(kith, "https://example.org/gardens", "community garden", "Community gardens that last")
    assert drafted(kith, "Ayaka", "--kind", "share")["draft"] == (
        "Hi Ayaka,\n\nI came across this and thought of your work on a community garden.\n\n"
        "Community gardens that last: https://example.org/gardens\n\nI hope all is well."
    )


def test_a_share_matched_on_an_interest_says_the_interest_as_recorded(kith: Kith) -> None:
    kith("add", "Ayaka Kato", "--email", "ayaka@example.org", "--interest", "Community Gardens",
         "--working-on", "her thesis on soil")  # fmt: skip
    save(kith, "https://example.org/gardens", "community gardens", "Gardens that last")
    assert drafted(kith, "Ayaka", "--kind", "share")["draft"] == (
        "Hi Ayaka,\n\nI came across this and thought of you, given your interest in Community "
        "Gardens.\n\nGardens that last: https://example.org/gardens\n\n"
        "I hope your thesis on soil is going well."
    )


def test_an_unedited_share_or_reconnect_template_of_before_is_brought_up_to_date(
    kith: Kith, tmp_path: Path
) -> None:
    folder = tmp_path / "data-home" / "kith" / "templates"
    folder.mkdir(parents=True)
    (folder / "share.txt").write_text(EARLIER_SHARE, "utf-8")
    (folder / "reconnect.txt").write_text(EARLIER_RECONNECT, "utf-8")
    shown = json.loads(kith("draft", "--templates", "--json").output)["templates"]
    states = {t["kind"]: t["state"] for t in shown}
    assert (states["share"], states["reconnect"]) == ("earlier default", "earlier default")
    kith("add", "Jane Doe", "--email", "jane@example.org")
    kith("draft", "Jane", "--kind", "reconnect")
    assert (folder / "reconnect.txt").read_text("utf-8") == shipped("reconnect")


EARLIER_SHARE = """\
# Kith draft template, version 2: edit it freely. Lines starting with # are comments.
# A first line "Subject: ..." is the e-mail subject. Every other line is one sentence; a line
# whose $placeholder is empty for this person is left out, and "A || B" says B when A cannot
# be said. A blank line starts a paragraph. The line "$my_name" signs (me.name).
# Placeholders, each only what may be said back to them (docs/cli.md, "What a draft may quote"):
#   $first_name $met_at $met_where $met_remark $met_about $their_work $working_on $topic $request
#   $apology $interest $upcoming_event $invite $birthday_wish $article_title $article_url
#   $article_topic $my_name ($$ is a dollar sign).
Subject: $article_title
Hi $first_name,

I came across this and thought of you, given your interest in $article_topic.

$article_title: $article_url || $article_url

I hope $their_work is going well.

$my_name
"""

EARLIER_RECONNECT = (
    EARLIER_SHARE.split("Subject: $article_title", maxsplit=1)[0]
    + """\
Subject: It's been a while
Hi $first_name,

It's been a while, and you came to mind today.
I was thinking back to our chat about $topic.
How is $their_work going? || I'd love to hear what you are up to these days.
Would you be up for $invite sometime?

$my_name
"""
)

# Names as people are stored: emoji, titles, particles, scripts, numbers, e-mail addresses.
NAMES = (
    "Jane Doe", "Dr. Kim", "🌻 Sunny", "van der Berg", "李小龍", "+41 79 123 45 67",
    "ada@example.org", "O'Brien", "José María", "X", "Contact A", "Mary-Jane Watson",
)  # fmt: skip
# Phrases users type for interests and work: bare, with an article, plural, a title, odd spacing.
PHRASES = (
    "community garden", "a community garden", "the Postgres migration", "CRDTs", "AI",
    "her thesis on soil", "machine learning", "  jazz  ", "local-first software", "the",
)  # fmt: skip
FORMS = (
    Form(max_chars=drafts.EMAIL_MAX_CHARS),
    Form(subject=False, separator="\n", max_chars=drafts.MESSAGE_MAX_CHARS),
    Form(subject=False, max_chars=drafts.DEFAULT_CLAIM_CHARS),
)
SECRET = "owes me 50 quid"
BAD = (
    re.compile(r"  "),
    re.compile(r" [,.;:?!]"),
    re.compile(r"\b(a|an|the) (a|an|the)\b", re.IGNORECASE),
    re.compile(r"\b(in|of|on|about) [.,;?!]"),
    re.compile(r"^Hi ,|^Hi,|,,|\.\.(?!\.)", re.MULTILINE),
    re.compile(r"\$"),
)


# Random words as a phrase, but none that says "a a" itself: the test holds what the templates
# add (an article twice is theirs), and a draft says the user's words as written (trial6 #13).
WORDS = st.text("abcdefgh -", min_size=1, max_size=30).filter(lambda text: not BAD[2].search(text))


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    phrase=st.one_of(st.sampled_from(PHRASES), WORDS),
    form=st.sampled_from(FORMS),
    invite=st.sampled_from(("", "a call", "a video call", "a coffee")),
    how=st.sampled_from(("interest", "work", "neither")),
    topic=st.sampled_from(("", "the allotment", "hiring your first engineer")),
    me=st.sampled_from(("", "Charles")),
)
def test_reconnect_and_share_drafts_read_well_for_any_name_channel_and_phrase(
    name: str, phrase: str, form: Form, invite: str, how: str, topic: str, me: str
) -> None:
    work = drafts.their_work(" ".join(phrase.split()))
    context = DraftContext(
        first_name=greeting.first_name(name, None, None),
        their_work=work,
        topic=topic,
        invite=invite,
        my_name=me,
        article_title="Gardens that last",
        article_url="https://example.org/gardens",
        article_topic=phrase,
    )
    if how == "interest":
        shared = replace(context, article_interest=" ".join(phrase.split()))
    elif how == "work":
        shared = replace(context, article_work=work, their_work="")
    else:
        shared = context
    for kind, filled in (("reconnect", context), ("share", shared)):
        body = render(shipped(kind), filled, kind, form).body
        assert body.strip() == body
        assert not any(bad.search(body) for bad in BAD), (kind, body)
        assert SECRET not in body
        assert form.max_chars is None or len(body) <= form.max_chars
        if kind == "share" and how == "work" and work:
            assert body.count(work) == 1, body
            assert "interest" not in body
        if kind == "share" and how != "interest":
            assert "interest" not in body


@settings(max_examples=12, deadline=None)
@given(
    days=st.integers(min_value=1, max_value=4000),
    name=st.sampled_from(NAMES),
    channel=st.sampled_from(("email", "message", "social", "call", "in_person")),
    kin=st.booleans(),
)
def test_a_draft_after_any_silence_is_a_reconnect_from_200_days_and_never_quotes_a_note(
    days: int, name: str, channel: str, kin: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "k.db")

        def kith(*args: str) -> str:
            result = CliRunner().invoke(cli, ["--db", db, "--now", NOW.isoformat(), *args])
            assert result.exit_code == 0, result.output
            return str(result.output)

        kith("add", name, "--phone", "+41791234567", "--email", "x@example.org")
        kith("note", "#1", f"PRIVATE {SECRET}")
        when = (NOW - timedelta(days=days)).isoformat()
        kith("log", "#1", f"PRIVATE {SECRET}", "--when", when, "-c", "call", "-n", SECRET)
        if kin:
            kith("add", "Pat Kin")
            kith("relate", "#1", "Pat Kin", "--as", "sibling")
        shown = json.loads(kith("draft", "#1", "--channel", channel, "--json"))
        long = days >= (399 if kin else 200)
        assert shown["kind"] == ("reconnect" if long else "checkin")
        body = shown["draft"]
        assert SECRET not in body
        assert "PRIVATE" not in body
        assert not any(bad.search(body) for bad in BAD), body


def test_articles_alone_name_no_work_and_a_draft_says_nothing_of_it() -> None:
    assert [drafts.their_work(w) for w in ("a a", "the", "An a", "a book", "the migration")] == [
        "",
        "",
        "",
        "your work on a book",
        "your work on the migration",
    ]
