"""`kith export vcard [FILE]` and `kith export vcard --vdir DIR`; the work is in services."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.app import App
from kith.cli.exports.vcard_file import export_vcard_file, people, report
from kith.cli.options import json_option, pass_app
from kith.services.exports import vcard_export


@click.command(name="vcard")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "--vdir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Write one <UID>.vcf per person into DIR (for khard and vdirsyncer).",
)
@json_option
@pass_app
def export_vcard(app: App, file: Path | None, vdir: Path | None) -> None:
    """Everyone as vCard 3.0, to FILE (mode 0600), standard output, or a vdir folder.

    Names, e-mails, phones, web and LinkedIn addresses with their labels, addresses, current
    jobs, birthdays, tags and notes; `kith import FILE` reads it back. In a vdir a card that did
    not change is not rewritten, and files of people no longer in Kith are left alone.

    \b
    Example:
      kith export vcard contacts.vcf
      kith export vcard --vdir ~/.local/share/contacts/kith
    """
    if file is not None and vdir is not None:
        raise click.UsageError("Give FILE or --vdir DIR, not both.")
    if vdir is not None:
        count = vcard_export.write_vdir(app.store, vdir, app.now)
        report({"vdir": str(vdir), "people": count}, app, f"{people(count)} to {vdir}")
    elif (file is None or str(file) == "-") and app.json:
        raise click.UsageError("--json needs a FILE or --vdir: the cards go to standard output.")
    else:
        export_vcard_file(app, file)


COMMANDS: list[click.Command] = [export_vcard]
