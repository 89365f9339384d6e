"""`kith export vcard FILE` and `--vdir DIR`. (Being built.)"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
