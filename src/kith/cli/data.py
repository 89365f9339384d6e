"""Commands that move data in and out: backup, restore, export, import. (Being built.)"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
