"""`kith demo`: build the demo network. (Being built.)"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
