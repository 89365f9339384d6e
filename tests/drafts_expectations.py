"""What Kith writes to people, laid out for a person to read: two expectation files.

- tests/fixtures/drafts/phrases.txt: the claim note for each of many phrases given to
  `kith met --about` (a noun phrase, a clause, first, second and third person, with and
  without a verb, very short, near the limit), and how each reads as a `--topic`.
- tests/fixtures/drafts/drafts.txt: the draft the weekly plan gives for every reason a pick
  can have, in the channel of that pick, to someone Kith knows much about and to someone it
  knows nothing about; then every other kind.

Both are made with the shipped templates through the real services on a real database. Read
them as the person who receives each message would.

    python -m tests.drafts_expectations            # exit 1 with a diff when a file is stale
    python -m tests.drafts_expectations --write    # rewrite both files

tests/test_draft_expectations.py runs the same check as part of the suite.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from kith.drafts import phrases
from kith.drafts.render import KINDS
from kith.services.claims import claims
from kith.services.week import drafts
from kith.store import open_store
from kith.store.week.plan import StoredPick

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fixtures" / "drafts"
PHRASES_FILE = FOLDER / "phrases.txt"
DRAFTS_FILE = FOLDER / "drafts.txt"
NOW_TEXT = "2026-11-22T10:00:00+00:00"
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
NEAR = "her answer about merging edits made offline on two phones without any server at all"
LONG = (
    "her long answer during the questions about how local-first apps can merge edits made "
    "offline on two phones without a server, and why CRDTs make that easier than locks do"
)
PHRASES = (
    # noun phrases
    "her talk on CRDTs",
    "Her talk on CRDTs.",
    "your talk on CRDTs",
    "Priya's talk on CRDTs",
    "the talk she gave on CRDTs",
    "the panel on local-first software",
    "talk on sync engines",
    "her questions about my paper",
    "their startup",
    "a book she recommended",
    "coffee after the keynote",
    "lunch with her team",
    "great chat",
    # bare topics, very short
    "CRDTs",
    "AI",
    "sync engines",
    "Rust in production",
    # prepositional phrases and gerunds
    "about CRDTs",
    "at the after-party",
    "talking about Rust",
    "hiking together",
    # clauses: past, present, third person
    "she was on the panel",
    "they were on the panel",
    "he gave the keynote",
    "Priya gave the keynote",
    "she showed me her CRDT demo",
    "he told me about his trip to Japan",
    "she recommended a book",
    "the food was great",
    "she is hiring",
    "she's moving to Berlin",
    "she works at Google",
    "her company is hiring",
    # clauses: first and second person
    "we talked about Rust",
    "we both missed the bus",
    "we both love maps",
    "I asked about his startup",
    "I owe her a beer",
    "you were on the panel",
    # verbs without a subject
    "met her at the bar",
    "introduced by Bob",
    "talked about Rust for an hour",
    # odd punctuation, other scripts, emoji
    "(her talk on ZFS)",
    "…her talk on ZFS…",
    '"Ship it" t-shirt',
    "Python!!!",
    "also his demo",
    "Müller's work on Zürich transit data",
    "the 🦀 crab stickers",
    "helped me fix my laptop charger",
    "met at the coffee queue",
    "sat next to each other at dinner",
    "she gave a great demo of her robot arm",
    # never said back: notes to self, judgements, questions, personal matters, news
    "follow up about the job",
    "ask her about the job",
    "check if she's still at Google",
    "I should invite her to our meetup",
    "maybe hire her",
    "potential client",
    "rich, invest?",
    "she seemed low",
    "funny guy",
    "kind of boring",
    "really smart, a bit arrogant",
    "her terrible slides",
    "great at karaoke",
    "drank too much",
    "her cancer diagnosis",
    "she told me she is quitting her job",
    "he is looking for a new job",
    "she just had a baby",
    "loves climbing",
    "from Lagos, works at Flutterwave",
    "DM'd me on Twitter",
    "su charla sobre Rust",
    "la boda de su hermana",
    "her husband's new job",
    "the kids' school",
    "seine Krebsdiagnose",
    "Krebsdiagnose",
    "?!",
    "lol",
    # near the character limit, and past it
    NEAR,
    LONG,
)
TOPICS = (
    "the Postgres migration",
    "hiring your first engineer",
    "her new job",
    "CRDTs",
    "she asked for advice on hiring",
    "follow up about the invoice",
)
# Every reason a pick can have (relate.priority.reason, completed by services.week.plan.why), with
# the channel it is shown with here; between them every channel and upgrade appears.
REASONS = (
    ("a follow-up due: you promised 'send the slides'", "email", ()),
    ("a birthday coming up: Thu 26 Nov", "message", ()),
    ("they wrote last, 12 days ago", "email", ()),
    ("they wrote, 2 days ago: reply", "message", ()),
    ("dormant tie worth reviving: last in touch Nov 2024", "in_person", ()),
    ("at risk, overdue by 31 days", "call", ()),
    ("at risk, silent far longer than usual", "message", ("call", "in_person")),
    ("overdue by 5 days", "message", ()),
    ("due Thu 26 Nov", "email", ()),
    ("an event with them coming up: Compiler dinner", "email", ()),
    ("an article for their interests: Compilers for everyone", "email", ()),
    ("their recent news: a new job", "social", ()),
    ("pinned", "video", ()),
    ("due soon", "message", ()),
)
# Jane, last in touch in 2020: whatever the plan's reason, a reconnect, not a casual check-in.
SILENT_REASONS = (
    ("at risk, overdue by 6 years", "email", ()),
    ("overdue by 6 years", "message", ()),
    ("pinned", "social", ()),
)
OTHER_KINDS = tuple(kind for kind in KINDS if kind not in {"checkin", "reply", "reconnect"})


def _runner(db: Path) -> Callable[..., str]:
    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), "--now", NOW_TEXT, *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def _people(kith: Callable[..., str]) -> None:
    """Ada, of whom Kith knows much (and private things it must not say); Grace, nothing."""
    kith("event", "add", "PyCon 2026", "--date", "2026-11-20")
    kith("event", "add", "Compiler dinner", "--date", "2026-11-27")
    kith("config", "set", "me.name", "Charles")
    kith(
        "add",
        "Ada Lovelace",
        "--email",
        "ada@example.org",
        "--working-on",
        "the analytical engine notes",
        "--interest",
        "compilers",
        "--met",
        "PRIVATE: through her mother, who warned me about her",
    )
    kith("met", "Ada", "--at", "PyCon", "--about", "her talk on compilers")
    kith("event", "attend", "Compiler dinner", "Ada")
    kith("note", "Ada", "PRIVATE: owes me 200 EUR")
    kith(
        "save",
        "https://example.org/compilers",
        "--title",
        "Compilers for everyone",
        "--topics",
        "compilers",
    )
    kith("edit", "Ada", "--birthday", "1815-11-26")
    kith("log", "Ada", "PRIVATE: lunch, she seemed low", "-c", "in_person", "-w", "2026-09-02")
    kith("log", "Ada", "PRIVATE: call", "-c", "call", "-w", "2026-10-01", "-t", "Babbage's engine")
    kith(
        "log",
        "Ada",
        "PRIVATE: she asked, sounded desperate",
        "-c",
        "email",
        "-d",
        "in",
        "-k",
        "ask",
        "-w",
        "2026-11-10",
        "-t",
        "hiring your first engineer",
        "-n",
        "PRIVATE: notes",
    )
    kith("add", "Grace Hopper")
    kith("add", "Jane Doe", "--email", "jane@example.org", "--working-on", "a community garden")
    kith("log", "Jane", "PRIVATE: dinner, she cried", "-w", "2020-03-01", "-t", "the allotment")
    kith("save", "https://example.org/gardens", "--title", "Community gardens that last",
         "--topics", "community garden")  # fmt: skip


def phrases_page(workdir: Path) -> str:
    """The claim note for every phrase, and each phrase read as a topic."""
    db = workdir / "phrases.db"
    kith = _runner(db)
    kith("event", "add", "Local-first", "--date", "2026-11-20")
    lines = [
        '# What `kith met "Priya Natarajan" --at Local-first --about PHRASE` writes to Priya',
        "# (the claim note, within 200 characters), and what a check-in says of the same words",
        "# given as `kith log Priya ... --topic PHRASE`. Regenerate with",
        "# `python -m tests.drafts_expectations --write` and read the diff.",
        "",
    ]
    for phrase in PHRASES:  # each --about replaces the one before on the attendee row
        said = kith("met", "Priya Natarajan", "--at", "Local-first", "--about", phrase)
        told = [f"  ({line})" for line in said.splitlines() if "claim note will not" in line]
        store = open_store(db)
        try:
            note = claims(store, 7, NOW, None)[0].draft.body
        finally:
            store.close()
        lines += [f"--about {phrase!r}", f"  {note} ({len(note)})", *told, ""]
    lines.append("# Topics, as the check-in's sentence about them (or why none is said).")
    lines.append("")
    for topic in TOPICS:
        said = phrases.topic(topic, ("Priya",))
        sentence = f"I enjoyed our chat about {said}." if said else "(not said)"
        lines += [f"--topic {topic!r}", f"  {sentence}", ""]
    return "\n".join(lines)


def drafts_page(workdir: Path) -> str:
    """Every plan reason's draft to Ada and to Grace, then every other kind."""
    db = workdir / "drafts.db"
    kith = _runner(db)
    _people(kith)
    lines = [
        "# The draft `kith plan --drafts` gives for every reason a pick can have, in the pick's",
        "# channel, to Ada (Kith knows her work, where you met, a topic, an event ahead, an",
        "# article; and private notes it must never quote) and to Grace (nothing at all); then",
        "# every other kind by `kith draft NAME --kind KIND`; then to Jane, silent since 2020 and",
        "# working on a community garden: a reconnect whatever the reason, and an article that",
        "# matched her work, not an interest. Signed with me.name = Charles.",
        "# Regenerate with `python -m tests.drafts_expectations --write` and read the diff.",
        "",
    ]
    store = open_store(db)
    try:
        for person_id, name in ((1, "Ada"), (2, "Grace")):
            for reason, channel, upgrades in REASONS:
                pick = pick_for(person_id, reason, channel, upgrades)
                drafted = drafts.for_picks(store, [pick], None, NOW)[person_id]
                lines += _shown(f"{name} · {reason} · {channel}", drafted)
        for person_id, name in ((1, "Ada"), (2, "Grace")):
            for kind in OTHER_KINDS:
                if kind == "share" and person_id == 2:
                    continue  # no interest, so no article: `kith draft` says how to add one
                drafted = drafts.draft(store, person_id, kind, None, NOW)
                lines += _shown(f"{name} · kith draft --kind {kind}", drafted)
        for reason, channel, upgrades in SILENT_REASONS:
            drafted = drafts.for_picks(store, [pick_for(3, reason, channel, upgrades)], None, NOW)[
                3
            ]
            lines += _shown(f"Jane · {reason} · {channel}", drafted)
        drafted = drafts.draft(store, 3, "share", None, NOW)
        lines += _shown("Jane · kith draft --kind share", drafted)
    finally:
        store.close()
    return "\n".join(lines)


def pick_for(person_id: int, reason: str, channel: str, upgrades: tuple[str, ...]) -> StoredPick:
    return StoredPick(
        "2026-W47", person_id, 1, "L3", reason, channel, upgrades, 1.0, 1.0, False, "open", None
    )


def _shown(title: str, drafted: drafts.Drafted) -> list[str]:
    limit = f"/{drafted.limit}" if drafted.limit else ""
    head = [f"== {title} · {drafted.kind} · {drafted.draft.chars}{limit} characters"]
    if drafted.draft.subject:
        head.append(f"Subject: {drafted.draft.subject}")
    return [*head, drafted.draft.body, ""]


def pages() -> dict[Path, str]:
    with tempfile.TemporaryDirectory() as workdir:
        return {
            PHRASES_FILE: phrases_page(Path(workdir)),
            DRAFTS_FILE: drafts_page(Path(workdir)),
        }


def main(argv: list[str]) -> int:
    stale = 0
    for path, text in pages().items():
        old = path.read_text("utf-8") if path.exists() else ""
        if old == text:
            continue
        if "--write" in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
            continue
        stale += 1
        sys.stdout.writelines(
            difflib.unified_diff(old.splitlines(True), text.splitlines(True), str(path), "now", n=1)
        )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
