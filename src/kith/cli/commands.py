"""Every command, by name: the module that defines it is imported only when it runs.

`kith --help` lists the table below without importing any command module, which keeps start-up
fast; a test checks that each short help here is the command's own.
"""

from __future__ import annotations

from importlib import import_module

import click

# name → (module whose COMMANDS list holds it, short help as `kith --help` shows it)
TABLE: dict[str, tuple[str, str]] = {
    "add": ("kith.cli.people", "Add a person."),
    "backup": (
        "kith.cli.exports.data",
        "Copy the database to PATH (mode 0600), safely even while...",
    ),
    "archive": ("kith.cli.people", "Hide a person from lists, search and plans, keeping..."),
    "check": (
        "kith.cli.maintenance",
        "Check the whole database file: every page, index and link...",
    ),
    "circle": (
        "kith.cli.mesh.circles",
        "Name or pin one of your circles (ids from `kith circles`).",
    ),
    "circles": ("kith.cli.mesh.circles", "List the circles your contacts form: who knows whom,..."),
    "claim": ("kith.cli.claims", "List people met at recent events, each with a claim note."),
    "config": ("kith.cli.settings", "Read and change settings (kept in the database, so..."),
    "digest": ("kith.cli.week.digest", "The week at a glance: plan, follow-ups, claims,..."),
    "calendar": (
        "kith.cli.exports.calendar",
        "Calendar feeds: planned outreach, follow-ups and birthdays.",
    ),
    "demo": ("kith.cli.demo", "Build a fictional network to try Kith on: people,..."),
    "draft": ("kith.cli.week.drafts", "Draft a short personal message to someone."),
    "edit": ("kith.cli.people", "Change a person's card."),
    "event": ("kith.cli.events", "Events: a talk, a conference, a dinner, and who was there."),
    "export": (
        "kith.cli.exports.data",
        "Write everything Kith holds to a file others (and Kith)...",
    ),
    "forget": ("kith.cli.people", "Delete a person for good, with the interactions only they..."),
    "imports": (
        "kith.cli.exports.provenance",
        "List import runs, newest first, with what each created...",
    ),
    "import": (
        "kith.cli.exports.data",
        "Import files, folders or zips; each file is recognised by...",
    ),
    "interactions": (
        "kith.cli.logging",
        "List a person's interactions with their ids, newest first.",
    ),
    "intro": (
        "kith.cli.mesh.intros",
        "Introduce A and B with double opt-in, one step at a time,...",
    ),
    "intros": (
        "kith.cli.mesh.intros",
        "Suggest introductions: pairs of your contacts who would...",
    ),
    "interest": ("kith.cli.cards", "Record something a person is interested in."),
    "knows": ("kith.cli.mesh.knows", "Say that two of your contacts know each other, or list..."),
    "ledger": (
        "kith.cli.mesh.ledger",
        "Who gave, asked, thanked and introduced: one person, or...",
    ),
    "let-go": ("kith.cli.claims", "Let go of someone met at an event: never raised again to..."),
    "list": ("kith.cli.find", "List people matching a query (every contact without one)."),
    "log": ("kith.cli.logging", "Log an interaction: NAME [NAME...] SUMMARY."),
    "met": ("kith.cli.claims", "Record that you met someone at an event, adding them if new."),
    "mcp": ("kith.cli.mcp", "Serve Kith to an AI assistant (an MCP client) over stdin..."),
    "merge": ("kith.cli.merging", "Review likely duplicates side by side, or merge B into A..."),
    "merges": ("kith.cli.merging", "List merges, newest first, for `kith unmerge ID`."),
    "need": ("kith.cli.cards", "Record something a person needs (for introductions)."),
    "note": ("kith.cli.cards", "Add a free note to a person's card."),
    "offer": ("kith.cli.cards", "Record something a person offers (for introductions)."),
    "prep": ("kith.cli.claims", "Prepare for an event: who you know there."),
    "rate": ("kith.cli.week.ties", "Rate how close you are to someone, from 1 to 5."),
    "rebuild": ("kith.cli.maintenance", "Recompute every aggregate (counters, channels, ties,..."),
    "refer": ("kith.cli.mesh.referrals", "Record that A suggested you meet B."),
    "referrals": (
        "kith.cli.mesh.referrals",
        "List who suggested you meet whom, and where each stands.",
    ),
    "relate": ("kith.cli.cards", "Record how two people are related: A is B's TYPE."),
    "report": ("kith.cli.report", "The health of your network: layers, strong and weak ties,..."),
    "restore": (
        "kith.cli.exports.data",
        "Replace the database with the backup at PATH; the current...",
    ),
    "save": ("kith.cli.articles", "Save an article worth sharing, with its topics."),
    "saved": ("kith.cli.articles", "List saved articles, newest first."),
    "serve": ("kith.cli.serve", "Start the web app: this week, people, a person, a quick log."),
    "share": ("kith.cli.articles", "List who would care about an article, or share it."),
    "search": ("kith.cli.find", 'Search names, companies, notes, interests, "working on"...'),
    "seen": (
        "kith.cli.exports.provenance",
        "Correspondents seen in one direction only: kept, but not...",
    ),
    "show": ("kith.cli.show", "Show a person's card, how you met, tags and their newest..."),
    "sync": ("kith.cli.sync.group", "Sync with the address book, mailbox and calendars you..."),
    "tag": ("kith.cli.cards", "Tag a person (or remove tags); with no tags, print theirs."),
    "todo": ("kith.cli.follow_ups", "Record a promise to keep: yours to NAME, or theirs with..."),
    "todo-done": ("kith.cli.follow_ups", "Close a follow-up and log the interaction that kept it."),
    "todos": ("kith.cli.follow_ups", "List open follow-ups with their ids, the oldest due first."),
    "timeline": ("kith.cli.logging", "Everything that happened, newest first."),
    "unmerge": ("kith.cli.merging", "Take a merge back: the absorbed person returns with their..."),
    "unarchive": ("kith.cli.people", "Bring an archived person back."),
    "want": ("kith.cli.mesh.referrals", "Add someone to the people you want to meet."),
    "wants": (
        "kith.cli.mesh.referrals",
        "List the people you want to meet, and whether you met them.",
    ),
    "why": ("kith.cli.week.ties", "Explain a tie's strength, warmth, layer and due date."),
    "path": ("kith.cli.mesh.paths", "Find the warm ways to someone through people you know."),
    "plan": ("kith.cli.week.plan", "This week's people to reach out to, with why now and how."),
    "today": ("kith.cli.week.plan", "Follow-ups due today or overdue, the week's picks not..."),
    "done": ("kith.cli.week.plan", "Log that you reached out to NAME, and tick them off this..."),
    "skip": ("kith.cli.week.plan", "Not this week: NAME rests a week for each skip in 8 weeks."),
    "snooze": ("kith.cli.week.plan", "Hide NAME from the plan for a while: 2w, 10d, 3m, or..."),
    "pin": ("kith.cli.week.plan", "Pin NAME: ranked first for the layers, and in the plan..."),
    "mute": ("kith.cli.week.plan", "Mute NAME: never in the plan (they stay in lists, search..."),
    "cadence": (
        "kith.cli.week.plan",
        "How often to be in touch with a person or a tag; without...",
    ),
}


def load(name: str) -> click.Command | None:
    """The command called `name`, importing only its module."""
    entry = TABLE.get(name)
    if entry is None:
        return None
    module = import_module(entry[0])
    found: list[click.Command] = [c for c in module.COMMANDS if c.name == name]
    return found[0] if found else None


class LazyCommands(click.Group):
    """A group whose commands live in the table above until one is called."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(TABLE)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, TABLE[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
