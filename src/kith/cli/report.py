"""`kith report`: the health of your network, figure by figure, with what to do about each."""

from __future__ import annotations

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.errors import UsageError
from kith.services.mesh import report as service
from kith.services.mesh import stored
from kith.shapes.report import report_json


@click.command()
@click.option("--markdown", is_flag=True, help="Markdown (CommonMark) with headings and lists.")
@json_option
@pass_app
def report(app: App, markdown: bool) -> None:
    """The health of your network: layers, strong and weak ties, circles, brokerage, bridges,
    give and take, dormant ties, inner-circle turnover and activity over time.

    Each figure comes with a line on what it means for you and what to do about it. Like
    `kith circles`, it brings the circles up to date with the evidence of who knows whom.
    The report is kept: it is computed again only when something it reads changed or on
    another day, and the web app's /report page shows the same one.

    \b
    Example:
      kith report
      kith report --markdown > network.md
      kith report --json
    """
    if markdown and app.json:
        raise UsageError("Give --markdown or --json, not both.")
    made = stored.report(app.store, app.now, app.tz)
    if app.json:
        emit_json(report_json(made))
    elif markdown:
        say(_markdown(made))
    else:
        say(_plain(made))


def _plain(made: service.Report) -> str:
    lines = [f"Your network on {made.at:%d %b %Y}: {made.contacts} contacts."]
    for figure in made.figures:
        lines += ["", f"{figure.title}: {figure.summary}"]
        lines += [f"  {line}" for line in figure.lines]
        lines.append(f"  → {figure.advice}")
    return "\n".join(lines)


def _markdown(made: service.Report) -> str:
    from kith.cli.week.digest import escape  # the digest's CommonMark escaping, loaded only here

    lines = [f"# Your network on {made.at:%d %b %Y}", "", f"{made.contacts} contacts."]
    for figure in made.figures:
        lines += ["", f"## {figure.title}", "", escape(figure.summary), ""]
        lines += [f"- {escape(line)}" for line in figure.lines]
        if figure.lines:
            lines.append("")
        lines.append(f"*What to do:* {escape(figure.advice)}")
    return "\n".join(lines)


COMMANDS = [report]
