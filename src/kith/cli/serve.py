"""`kith serve`: the web app (kith.web), on this computer or, with a token, on the network."""

from __future__ import annotations

import os
import threading
import webbrowser
from typing import TYPE_CHECKING

import click

from kith.cli.app import App, data_dir
from kith.cli.options import pass_app
from kith.errors import UserError
from kith.services import web_access

if TYPE_CHECKING:
    from kith.web.config import WebSettings

DEFAULT_HOST = "127.0.0.1"  # kith.web.config's, repeated so `kith serve --help` imports no web
DEFAULT_PORT = 8765


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the week page in the browser.")
@click.option(
    "--new-token",
    is_flag=True,
    help="Make a new access token (the old one stops working); shown once, with a QR code.",
)
@click.option(
    "--revoke-token",
    is_flag=True,
    help="Revoke the access token first: no other device gets in until a new one is made.",
)
@pass_app
def serve(
    app: App, host: str, port: int, open_browser: bool, new_token: bool, revoke_token: bool
) -> None:
    """Start the web app: this week, people, a person, a quick log.

    On 127.0.0.1 (the default) only this computer can reach it. Any other address (a phone on
    the same Wi-Fi) needs the access token: `--new-token` makes one and shows it once, as a
    link and a QR code; Kith keeps only its hash. Without a token it refuses to start.

    \b
    Example:
      kith serve --open
      kith --demo serve --port 8800
      kith serve --host 0.0.0.0 --new-token
      kith serve --revoke-token
    """
    from kith.cli.week.drafts import TEMPLATES
    from kith.services.web_access import shown_host
    from kith.web.config import WebSettings, is_loopback

    if new_token and revoke_token:
        raise click.UsageError("Give --new-token or --revoke-token, not both.")
    if revoke_token:
        web_access.revoke_token(app.store)
        click.echo("The access token is revoked: no other device gets in until a new one.")
    token_kept = web_access.has_token(app.store)  # opens the file: a refusal is exit 5 here
    if not is_loopback(host) and not (new_token or token_kept):
        raise UserError(
            f"Serving on {host} lets other devices in, so it needs an access token: "
            f"kith serve --host {host} --new-token makes one and shows it once."
        )
    url = f"http://{shown_host(host)}:{port}/"
    if new_token:
        _show_token(url, web_access.issue_token(app.store))
    given_now = app.now_option or os.environ.get("KITH_NOW")
    settings = WebSettings(host, port, given_now, data_dir() / TEMPLATES)
    if web_access.has_feed_token(app.store):
        click.echo("The calendar feed answers too, at the link `kith calendar feed` showed.")
    click.echo(f"Kith is at {url} (Ctrl-C to stop).")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    _run(app, settings)


def _run(app: App, settings: WebSettings) -> None:
    import uvicorn

    from kith.web.app import create_app

    path = app.db_path
    app.close()  # the web app opens its own connection
    web = create_app(path, settings)
    uvicorn.run(web, host=settings.host, port=settings.port, access_log=False, log_level="warning")


def _show_token(url: str, token: str) -> None:
    link = f"{url}?token={token}"
    click.echo("A new access token; the old one no longer works. It is shown only this once:")
    click.echo(f"  {link}")
    show_qr(link)


def show_qr(link: str) -> None:
    """The link as a QR code on the terminal, for a phone's camera."""
    import segno

    segno.make(link, error="l").terminal(compact=True)


COMMANDS = [serve]
