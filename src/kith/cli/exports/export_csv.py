"""`kith export csv [FILE] [QUERY]`: people as a spreadsheet; the work is in
services.exports.csv_export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.query import FIELDS
from kith.services.exports import csv_export


@click.command(
    name="csv",
    # "-tag:x" negates a term: pass unknown dash-words through, and keep -h out of the way
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
)
@click.argument("words", nargs=-1, metavar="[FILE] [QUERY]")
@json_option
@pass_app
def export_csv(app: App, words: tuple[str, ...]) -> None:
    """People as a CSV file for spreadsheets, to FILE (mode 0600) or standard output.

    One row per person: name, e-mails, phones, company, title, tags, birthday, city, country,
    how you met, last contact, LinkedIn and notes. The file is UTF-8 with a byte-order mark and
    CRLF line ends, so Excel shows accents correctly. QUERY picks people as `kith list` does
    (every contact without one). FILE is the first word unless that is a query term; give `-`
    for standard output before a query of names.

    \b
    Example:
      kith export csv people.csv tag:python
      kith export csv company:acme > acme.csv
      kith export csv - ada
    """
    file, query = _file_and_query(words)
    if file is None:
        if app.json:
            raise click.UsageError("--json needs a FILE: the CSV itself goes to standard output.")
        sys.stdout.flush()
        csv_export.write_csv(app.store, sys.stdout.buffer, query, app.now, app.tz)
        return
    count = csv_export.export_file(app.store, file, query, app.now, app.tz)
    if app.json:
        emit_json({"export": str(file), "total": count})
        return
    say(f"Exported {count} {'person' if count == 1 else 'people'} to {file}.")


def _file_and_query(words: tuple[str, ...]) -> tuple[Path | None, str]:
    if not words or words[0] == "-" or _is_term(words[0]):
        return None, " ".join(words[1:] if words and words[0] == "-" else words)
    return Path(words[0]), " ".join(words[1:])


def _is_term(word: str) -> bool:
    field, colon, _ = word.removeprefix("-").partition(":")
    return bool(colon) and field.lower() in FIELDS


COMMANDS: list[click.Command] = [export_csv]
