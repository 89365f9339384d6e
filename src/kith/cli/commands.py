"""Every command, registered on the group in one place."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    from kith.cli import cards, data, demo, events, find, logging, people, settings

    for module in (people, cards, logging, find, events, settings, data, demo):
        for command in module.COMMANDS:
            group.add_command(command)
