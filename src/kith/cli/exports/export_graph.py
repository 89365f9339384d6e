"""`kith export graph`: who knows whom, as a file for Gephi and friends (services.mesh.export)."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import emit_json, say
from kith.services.mesh import export as service


@click.command(name="graph")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(service.FORMATS),
    default="graphml",
    show_default=True,
    help="GraphML and GEXF open in Gephi, Cytoscape and yEd; json is networkx's node-link.",
)
@json_option
@pass_app
def export_graph(app: App, file: Path, fmt: str) -> None:
    """Who knows whom among your contacts, as a graph file (mode 0600).

    A node per contact (name, strength S, layer), an edge per pair with evidence that they
    know each other (weight: the chance they do; evidence: its kinds). You are not a node,
    ties inferred from contacts in common are left out, and so are pairs marked `--not`.

    \b
    Example:
      kith export graph mesh.graphml
      kith export graph mesh.gexf --format gexf
      kith export graph mesh.json --format json
    """
    done = service.export_graph(app.store, file, fmt, app.now, app.tz)
    if app.json:
        emit_json(
            {
                "export": str(done.path),
                "format": done.format,
                "nodes": done.nodes,
                "edges": done.edges,
            }
        )
        return
    say(f"Exported {done.nodes} contacts and {done.edges} links to {done.path} ({done.format}).")


COMMANDS: list[click.Command] = [export_graph]
