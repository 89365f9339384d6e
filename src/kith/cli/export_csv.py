"""`kith export csv [FILE] [QUERY]`. (Being built.)"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
