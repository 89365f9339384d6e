"""Commands that move data in and out: backup, restore, export, import."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from kith import clock
from kith.cli.app import App, interactive
from kith.cli.options import ROW_ID, json_option, pass_app, yes_option
from kith.cli.render import emit_json, progress_bar, say
from kith.errors import DateOrderUnknown, KithError, RecordsSkipped, UserError
from kith.vocab import counted

if TYPE_CHECKING:
    from kith.services.imports import ImportReport

FILE = click.Path(path_type=Path, dir_okay=False)


@click.command()
@click.argument("path", type=FILE)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@json_option
@pass_app
def backup(app: App, path: Path, force: bool) -> None:
    """Copy the database to PATH (mode 0600), safely even while Kith is in use.

    \b
    Example:
      kith backup ~/Backups/kith-2026-11-22.db
    """
    from kith.services.exports import backup as backups  # not at the exports' and imports' start

    written = backups.backup(app.store, path, force)
    if app.json:
        emit_json({"backup": str(written), "database": str(app.db_path)})
        return
    say(f"Backed up {app.db_path} to {written}.")


@click.command()
@click.argument("path", type=FILE)
@yes_option
@json_option
@pass_app
def restore(app: App, path: Path, yes: bool) -> None:
    """Replace the database with the backup at PATH; the current file is kept beside it first.

    \b
    Example:
      kith restore ~/Backups/kith-2026-11-22.db --yes
    """
    from kith.services.exports import backup as backups

    backups.check_backup(path)  # first: a file that cannot be restored is refused whatever else
    if not yes:
        if not interactive():
            raise UserError(f"Restoring replaces {app.db_path}; add --yes to confirm.")
        click.confirm(f"Replace {app.db_path} with {path}? (the current file is kept)", abort=True)
    app.close()  # the file is about to be replaced: no connection may stay open on it
    if app.uses_default_location:
        app.db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = backups.restore(app.db_path, path, _now_without_store(app))
    if app.json:
        emit_json({"restored": str(path), "database": str(app.db_path), "kept": _text(kept)})
        return
    say(f"Restored {app.db_path} from {path}.")
    if kept:
        say(f"The file it replaced is kept as {kept}.")


def _now_without_store(app: App) -> datetime:
    """The clock, read without opening the database (which may be the damaged file to replace);
    a time without a zone is taken as UTC."""
    given = app.now_option or os.environ.get("KITH_NOW")
    return clock.parse_now(given, UTC) if given else clock.system_now()


class LazyExports(click.Group):
    """`kith export`'s formats, each imported only when it runs: `export csv` need not load
    numpy for the graph, nor the importers."""

    MODULES: ClassVar[dict[str, str | None]] = {
        "json": None,
        "vcard": "kith.cli.exports.export_vcard",
        "csv": "kith.cli.exports.export_csv",
        "graph": "kith.cli.exports.export_graph",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self.MODULES.get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        found: list[click.Command] = [
            c for c in import_module(module).COMMANDS if c.name == cmd_name
        ]
        return found[0] if found else None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """`kith export out.json` (a file where the format goes) says which command writes it,
        not click's "No such command 'out.json'"."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.MODULES:
            written_by = {".json": "json", ".vcf": "vcard", ".vcard": "vcard", ".csv": "csv"}
            kind = written_by.get(Path(name).suffix.lower())
            hint = f"kith export {kind} {name}" if kind else "kith export json FILE"
            ctx.fail(f"'{name}' is not a format ({', '.join(self.MODULES)}); name it first: {hint}")
        return super().resolve_command(ctx, args)


@click.group(cls=LazyExports)
def export() -> None:
    """Write everything Kith holds to a file others (and Kith) can read.

    \b
    Example:
      kith export json kith-2026-11-22.json
    """


@export.command(name="json")
@click.argument("file", type=FILE, required=False)
@json_option
@pass_app
def export_json(app: App, file: Path | None) -> None:
    """The whole database as one Kith JSON document, to FILE (mode 0600) or standard output.

    People, events, interactions, links, relationships, referrals, introductions and settings;
    `kith import FILE` reads it back.

    \b
    Example:
      kith export json kith.json
      kith export json | jq '.people | length'
    """
    from kith.cli.exports.json_file import export_json_file

    export_json_file(app, file)


@click.command(name="import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--as", "kind", metavar="KIND", help="What the files are (default: judged by content)."
)
@click.option(
    "--me",
    "me",
    multiple=True,
    metavar="ADDRESS",
    help="Your own e-mail, LinkedIn URL, phone number, or the name a chat export gives you "
    "(WhatsApp, Signal, Messenger): which side of messages and meetings is yours. Repeat it "
    "for each (--me 'Sam Rivera' --me +447700900123).",
)
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy"]),
    help="Day or month first, for a WhatsApp export whose dates cannot tell (no day above 12; "
    "a terminal asks); remembered for that file's content (a re-import needs it no more). A "
    "file whose dates do tell is read their way, and the flag is not kept.",
)
@click.option(
    "--keep-text",
    is_flag=True,
    help="Keep chat messages' text, each conversation's in its interaction's notes (yours "
    "alone: drafts never quote notes). Without it no message text is stored.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--strict", is_flag=True, help="Import nothing from a file with a bad record.")
@click.option(
    "--undo",
    "undo_run",
    type=ROW_ID,
    metavar="RUN",
    help="Take back everything import run RUN added (`kith imports` lists runs).",
)
@click.option(
    "--discard",
    "discard_run",
    type=ROW_ID,
    metavar="RUN",
    help="Forget interrupted import RUN and what it had read (`kith imports` lists them).",
)
@yes_option
@json_option
@pass_app
def import_(app: App, /, files: tuple[Path, ...], **options: Any) -> None:
    """Import files, folders or zips; each file is recognised by its content.

    LinkedIn exports, vCards, Google and Outlook CSV, mbox, Maildir and .eml mail, .ics
    calendars, Kith JSON; chats: WhatsApp (.txt or .zip), Telegram (result.json), SMS Backup &
    Restore (sms-*.xml, calls-*.xml), Messenger (message_1.json), Signal transcripts. Each file
    is all-or-nothing; re-importing changes nothing. Bad records are skipped and listed (exit
    6); --strict imports nothing from that file instead. Mail and chats make people only of
    those you exchanged with both ways (`kith seen` lists the others). A chat's messages a few
    hours apart are one conversation: one interaction; message text is not kept unless
    --keep-text (chats only; mail bodies are never kept).
    Each report first accounts for every record found: imported, already known, one-way,
    ignored or skipped.

    \b
    Example:
      kith import ~/Downloads/Basic_LinkedInDataExport.zip contacts.vcf
      kith import ~/mail/archive.mbox --me me@example.org --dry-run
      kith import "WhatsApp Chat with Ada.zip" --me "Sam Rivera" --date-order dmy
      kith import "WhatsApp Chat with Ada.txt" --me +447700900123 --keep-text
      kith import --undo 3
    """
    from kith.services import undo

    if options["discard_run"] is not None:
        run_id = options["discard_run"]
        staged = undo.discard_run(app.store, run_id)
        say(f"Forgot interrupted import run {run_id} and the {staged:,} records it had read.")
        return
    if options["undo_run"] is not None:
        _undo(app, options["undo_run"], options["dry_run"], options["yes"])
        return
    if not files:
        raise click.UsageError("Give one or more files to import, or --undo RUN or --discard RUN.")
    new_database = not app.db_path.exists()
    try:
        _import_files(app, files, options)
    finally:
        if options["dry_run"] and new_database:  # a dry run leaves no database behind
            app.remove_database()


def _import_files(app: App, files: tuple[Path, ...], options: dict[str, Any]) -> None:
    me = tuple(options["me"]) or _ask_who_you_are(app, files, options["kind"])
    reports: list[ImportReport] = []
    failures: list[tuple[Path, KithError]] = []
    asking = options["date_order"] is None and not app.json and interactive()
    undecided = _import_each(app, files, options, me, reports, failures, asking)
    for path in undecided:  # asked after the progress bar, one file at a time
        order = _ask_date_order(path)
        _import_each(app, (path,), {**options, "date_order": order}, me, reports, failures, False)
    if not app.json and any(_none_had_you(r) for r in reports):  # once, after every file
        say(
            'Note: on what is marked "neither side is you", Kith found none of your addresses. '
            "If some of it is yours, give your address (--me you@example.org) or set it once "
            "(`kith config set me.emails you@example.org`), and import again."
        )
    if not options["dry_run"] and reports:  # also after a re-run of a killed one: cheap if done
        from kith.services.week import plan

        plan.prepare(app.store, app.now)  # the next `today` need not replay and choose
    _finish_imports(app, reports, failures, options["dry_run"])


def _import_each(
    app: App,
    files: tuple[Path, ...],
    options: dict[str, Any],
    me: tuple[str, ...],
    reports: list[ImportReport],
    failures: list[tuple[Path, KithError]],
    asking: bool,
) -> list[Path]:
    """Import each file, all-or-nothing: one failing does not stop the others. The chats whose
    dates read either way are returned when `asking` (a terminal asks which), else failures."""
    from kith.services.importing.paths import import_path

    undecided: list[Path] = []
    with progress_bar("Importing") as tick:
        for path in files:
            try:
                done = import_path(
                    app.store,
                    path,
                    kind=options["kind"],
                    now=app.now,
                    dry_run=options["dry_run"],
                    strict=options["strict"],
                    me=me,
                    progress=tick,
                    date_order=options["date_order"],
                    keep_text=options["keep_text"],
                )
            except KithError as error:
                if asking and isinstance(error, DateOrderUnknown):
                    undecided.append(path)
                    continue
                failures.append((path, error))
                if len(files) > 1 and not app.json:  # one file's error is reported at the end
                    click.echo(f"Error: {error}", err=True)
                continue
            reports.extend(done)
            if not app.json:
                for report in done:
                    _print_report(report)
    return undecided


def _ask_date_order(path: Path) -> str:
    """On a terminal: which comes first in a chat whose dates cannot tell (no number above 12)."""
    click.echo(f"{path}: no date in the file tells whether the day or the month comes first.")
    return str(
        click.prompt(
            "Day first (dmy: 31/12, most of the world) or month first (mdy: 12/31, the US)?",
            type=click.Choice(["dmy", "mdy"]),
        )
    )


def _finish_imports(
    app: App, reports: list[ImportReport], failures: list[tuple[Path, KithError]], dry_run: bool
) -> None:
    from kith.shapes.imports import report_json

    if app.json:
        emit_json(
            {
                "imports": [report_json(r) for r in reports],
                "total": len(reports),
                "failed": [{"path": str(p), "error": str(e)} for p, e in failures],
            }
        )
    if len(failures) == 1 and not reports:
        raise failures[0][1]
    if failures:
        raise UserError(
            f"{len(failures)} of the files could not be imported (see above); the others were."
        )
    skipped = [f"{s.where}: {s.reason}" for r in reports for s in r.skipped]
    if skipped:
        one = len(skipped) == 1
        verb = "would be" if dry_run else ("was" if one else "were")
        noun = "record" if one else "records"
        raise RecordsSkipped(f"{len(skipped):,} {noun} {verb} skipped; see the list.", skipped)


def _ask_who_you_are(app: App, files: tuple[Path, ...], kind: str | None) -> tuple[str, ...]:
    """On a terminal, ask for the user's address when a file needs it and none is set."""
    from kith.services.imports import needs_me

    if not interactive() or not needs_me(app.store, list(files), kind, app.now):
        return ()
    answer = click.prompt(
        "Which e-mail address, phone number or chat name is yours (for the direction of messages)"
    )
    return (str(answer).strip(),)


def _undo(app: App, run_id: int, dry_run: bool, yes: bool) -> None:
    from kith.services import undo

    doomed = undo.people_an_undo_removes(app.store, run_id)
    if doomed and not yes and not dry_run:
        people = counted({"person": len(doomed)})  # "1 person", "2 people"
        if not interactive():
            raise UserError(
                f"Undoing import run {run_id} deletes {people} it "
                "created; add --yes to confirm (or --dry-run to see them)."
            )
        click.confirm(f"Undo import run {run_id}, deleting {people} it created?", abort=True)
    report = undo.undo_import(app.store, run_id, app.now, dry_run=dry_run)
    if app.json:
        emit_json(
            {
                "undo": {
                    "run_id": run_id,
                    "dry_run": dry_run,
                    "removed": report.counts,
                    "people": report.removed_people,
                    "kept": _text(report.kept),
                }
            }
        )
        return
    verb = "Would take back" if dry_run else "Took back"
    say(f"{verb} import run {run_id}: {counted(report.counts) or 'nothing'}.")
    for name in report.removed_people[:20]:
        say(f"  person: {name}")
    if report.kept:
        say(f"The database as it was is kept as {report.kept}.")


def _print_report(report: ImportReport) -> None:
    left_out = report.kind == "unknown"  # a folder's files not imported (each_file)
    if left_out:
        say(
            f"Would not import from {report.path} (dry run: nothing changed):"
            if report.dry_run
            else f"Not imported from {report.path}:"
        )
    elif report.dry_run:
        say(f"Would import {report.path} as {report.kind} (dry run: nothing changed):")
    else:
        say(f"Imported {report.path} as {report.kind}:")
    say(f"  {'found:':<11}{_found(report)}")
    for label, counts in (
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
    ):
        if not left_out:
            say(f"  {label + ':':<11}{counted(counts) or 'nothing'}")
    if report.read:  # a chat file: what the conversations above were made of
        say(f"  {'read:':<11}{_read(report.read)}")
    if report.ignored:
        # "19 × Telegram channel post": a reason is a label, not a noun to put in the plural
        ignored = ", ".join(f"{count:,} × {why}" for why, count in sorted(report.ignored.items()))
        say(f"  {'ignored:':<11}{ignored}")
    if report.dated_by:
        dated = ", ".join(
            f"{count:,} by {DATED_BY.get(by, by)}" for by, count in sorted(report.dated_by.items())
        )
        say(f"  {'dated:':<11}{dated} (no usable Date: header)")
    if report.skipped:
        say(f"  {'skipped:':<11}{len(report.skipped):,}")
        for skipped in report.skipped[:SKIPPED_SHOWN]:
            say(f"    {skipped.where}: {skipped.reason}")
        if len(report.skipped) > SKIPPED_SHOWN:
            more = len(report.skipped) - SKIPPED_SHOWN
            say(f"    ... and {more:,} more (kith import --json lists every one)")
    _print_notes_and_plan(report)


def _print_notes_and_plan(report: ImportReport) -> None:
    from kith.services.imports import SAMPLES

    if report.matched_by_name:
        say(f"  {'matched:':<11}{_matched(report.matched_by_name)}")
    if report.to_review:
        pairs = "pair" if report.to_review == 1 else "pairs"
        say(f"  {'to review:':<11}{report.to_review} {pairs} that may be one person (kith merge)")
    if report.phones_without_country:
        say(f"  {'note:':<11}{_phones_without_country(report)}")
    if report.dry_run and report.actions:
        say(f"  plan (up to {SAMPLES} of each kind):")
        for action in report.actions:
            say(f"    {action}")


def _matched(people: list[str]) -> str:
    """`matched:` of an import: chat names joined to the one person known by that name."""
    names = ", ".join(people[:SKIPPED_SHOWN])
    more = f" and {len(people) - SKIPPED_SHOWN:,} more" if len(people) > SKIPPED_SHOWN else ""
    who = "1 chat name" if len(people) == 1 else f"{len(people):,} chat names"
    return f"{who} to the person known by that name: {names}{more}"


SKIPPED_SHOWN = 20  # skipped records listed on the terminal (a broken file skips thousands)
DATED_BY = {"received": "their newest Received: header", "postmark": "the mbox postmark line"}
ACCOUNT_WORDS = {"known": "already known", "one_way": "one-way so far (kith seen)"}


READ_HOW = {"message": "grouped into the conversations found", "call": "each a record found"}


def _none_had_you(report: ImportReport) -> bool:
    """Mail or a calendar of which nothing was the user's, some of it for want of their address
    ("neither side is you"): most likely Kith was not told it."""
    from kith.services.importing.exchange import NEITHER

    found = report.account_of_found()
    return bool(report.ignored.get(NEITHER)) and not (
        found["imported"] or found["known"] or found["one_way"]
    )


def _read(read: dict[str, int]) -> str:
    """`12 messages (grouped into the conversations found), 2 calls (each a record found)`."""
    parts = [
        f"{counted({what: n})} ({READ_HOW.get(what, 'read')})" for what, n in read.items() if n
    ]
    return ", ".join(parts) or "no messages or calls"


def _phones_without_country(report: ImportReport) -> str:
    count = report.phones_without_country
    numbers = "1 phone number had" if count == 1 else f"{count:,} phone numbers had"
    it = "it" if count == 1 else "they"
    if report.dry_run:
        undo = ", then import the file"
    elif report.changed_anything:
        undo = f", then `kith import --undo {report.run_id}` and import the file again"
    else:
        undo = ", then undo the import that brought them in (`kith imports`) and import again"
    return (
        f"{numbers} no country code and no region is set, so {it} could not match a number "
        f"known with one: `kith config set phone.default_region GB` (your country){undo}."
    )


def _found(report: ImportReport) -> str:
    """`14 records: 2 imported, 1 already known, 3 one-way so far (kith seen), 8 ignored`."""
    from kith.services.importing.staging import WRITTEN

    if not report.found:
        return report.remember.get(WRITTEN) or _held_nothing(report)
    noun = "record" if report.found == 1 else "records"
    if report.read:  # a chat reader yields conversations, calls and lines it left out
        noun = f"{noun} (conversations, calls and lines not for Kith)"
    parts = [
        f"{count:,} {ACCOUNT_WORDS.get(name, name)}"
        for name, count in report.account_of_found().items()
        if count
    ]
    return f"{report.found:,} {noun}: {', '.join(parts)}"


def _held_nothing(report: ImportReport) -> str:
    """A valid file of its kind with no record in it (a calendar with no events): which file,
    that nothing changed, and what to do."""
    from kith.sources.registry import HOLDS

    what = HOLDS.get(report.kind, "records")
    name = Path(report.path).name if report.path else "the file"
    hint = " (a calendar app may export only the dates you choose)" if report.kind == "ics" else ""
    return (
        f"nothing: {name} holds no {what}, so nothing changed; "
        f"export it again with its {what} in it{hint}"
    )


def _text(path: Path | None) -> str | None:
    return str(path) if path else None


COMMANDS: list[click.Command] = [backup, restore, export, import_]
