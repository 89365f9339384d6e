"""Commands for articles worth sharing: save, saved, share."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.app import App
from kith.cli.options import CHANNEL_METAVAR, json_option, limit_option, pass_app, read_channel
from kith.cli.render import day_of, emit_json, say, table
from kith.services import articles as service
from kith.services.resolve import resolve
from kith.shapes.people import head_json, interaction_json
from kith.store.articles import Article, Match


@click.command()
@click.argument("url")
@click.option("--title", "-t", help="What it is called.")
@click.option("--topics", metavar="LIST", help='Comma-separated, e.g. "machine learning, climate".')
@click.option("--note", "-n", help="Why it is worth sharing.")
@json_option
@pass_app
def save(app: App, url: str, title: str | None, topics: str | None, note: str | None) -> None:
    """Save an article worth sharing, with its topics.

    Saving the same URL again changes only what is given. `kith share` matches the topics
    against people's interests and "working on".

    \b
    Example:
      kith save https://example.org/duckdb --title "DuckDB at scale" --topics "python, data"
    """
    result = service.save(app.store, url, app.now, title=title, topics=topics, note=note)
    if app.json:
        payload = {"article": article_json(result.article), "created": result.created}
        emit_json(payload | {"changed": list(result.changed)})
        return
    say(_saved_sentence(result))


def _saved_sentence(result: service.Saved) -> str:
    article = result.article
    topics = ", ".join(article.topics)
    about = f"topics: {topics}." if topics else 'no topics (--topics "a, b" finds readers).'
    if result.created:
        return f"Saved #{article.id} {article.label}; {about}"
    if not result.changed:
        return f"Already saved as #{article.id} {article.label}; nothing changed."
    return f"Updated #{article.id} ({', '.join(result.changed)}): {article.label}; {about}"


@click.command()
@json_option
@pass_app
def saved(app: App) -> None:
    """List saved articles, newest first.

    With their topics and how many people each was shared with.

    \b
    Example:
      kith saved
      kith saved --json
    """
    articles = service.saved(app.store)
    if app.json:
        emit_json({"articles": [article_json(a) for a in articles], "total": len(articles)})
        return
    if not articles:
        say("No saved articles; `kith save URL --topics ...` keeps one.")
        return
    rows = [
        [f"#{a.id}", a.title or "", a.url, ", ".join(a.topics), str(a.times_shared)]
        for a in articles
    ]
    table(["id", "title", "url", "topics", "shared"], rows)


@click.command()
@click.argument("article", metavar="URL|ID")
@click.option("--with", "with_", metavar="NAME", help="Record that you shared it with NAME.")
@click.option(
    "--channel",
    "-c",
    callback=read_channel,
    metavar=CHANNEL_METAVAR,
    default="email",
    show_default=True,
    help="How you shared it (with --with).",
)
@limit_option
@json_option
@pass_app
def share(app: App, article: str, with_: str | None, channel: str, limit: int | None) -> None:
    """List who would care about an article, or share it.

    Without --with: contacts whose interests or "working on" match its topics, the most
    topics matched first, then the most recent contact. With --with: record the share and
    log it as something you gave (kind give).

    \b
    Example:
      kith share 3
      kith share https://example.org/duckdb --with Ada --channel message
    """
    found = service.find_article(app.store, article)
    if with_ is None:
        _show_audience(app, service.audience(app.store, found.id), limit)
        return
    shared = service.share(app.store, found.id, resolve(app.store, with_), app.now, channel)
    if app.json:
        emit_json(
            {
                "article": article_json(shared.article),
                "person": head_json(shared.person),
                "interaction": interaction_json(shared.interaction),
            }
        )
        return
    say(
        f"Shared #{found.id} {found.label} with {shared.person.name}; logged a give by "
        f"{shared.interaction.channel} (#{shared.interaction.id})."
    )


def _show_audience(app: App, audience: service.Audience, limit: int | None) -> None:
    if app.json:
        emit_json(audience_json(audience, limit))
        return
    article = audience.article
    say(f"#{article.id} {article.label}; topics: {', '.join(article.topics) or 'none'}")
    if audience.readers:
        rows = [
            [
                str(r.person.id),
                r.person.name,
                ", ".join(r.topics),
                _because(r.matches),
                day_of(r.person.last_contact_at, app.tz),
            ]
            for r in audience.readers[:limit]
        ]
        table(["id", "name", "topics", "because", "last contact"], rows)
    elif not article.topics:
        say('No topics, so nobody matches: `kith save URL --topics "a, b"` adds them.')
    else:
        say('Nobody\'s interests or "working on" match these topics.')
    if audience.shared_with:
        names = ", ".join(f"{h.name} ({day_of(at, app.tz)})" for h, at in audience.shared_with)
        say(f"Already shared with: {names}.")


def _because(matches: tuple[Match, ...]) -> str:
    labels = {"interest": "interest", "working_on": "working on"}
    return "; ".join(dict.fromkeys(f"{labels[m.source]}: {m.text}" for m in matches))


def audience_json(audience: service.Audience, limit: int | None = None) -> dict[str, Any]:
    """The readers (at most `limit`) under `people`; `total` counts them all."""
    readers = [
        {
            "person": head_json(r.person),
            "topics": list(r.topics),
            "matches": [{"topic": m.topic, "source": m.source, "text": m.text} for m in r.matches],
        }
        for r in audience.readers[:limit]
    ]
    return {
        "article": article_json(audience.article),
        "people": readers,
        "total": len(audience.readers),
        "shared_with": [{"person": head_json(h), "at": at} for h, at in audience.shared_with],
    }


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "note": article.note,
        "topics": list(article.topics),
        "saved_at": article.saved_at,
        "times_shared": article.times_shared,
    }


COMMANDS = [save, saved, share]
