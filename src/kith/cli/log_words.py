"""What `kith log` does and prints, without click (kith.cli.logging's command and
kith.cli.fast_reads call `log_words`)."""

from __future__ import annotations

from kith.cli.app import App
from kith.cli.render import echo, emit_json, say
from kith.errors import UsageError
from kith.services import interactions as service
from kith.services.ledger import give_first_warning
from kith.services.resolve import resolve_many
from kith.shapes.people import interaction_json


def log_words(
    app: App,
    words: tuple[str, ...],
    channel: str | None = None,
    direction: str | None = None,
    kind: str | None = None,
    when: str | None = None,
    notes: str | None = None,
    topic: str | None = None,
    edit_id: int | None = None,
    delete_id: int | None = None,
) -> None:
    """`kith log WORDS...`: NAME [NAME...] SUMMARY, or an edit or a deletion by id."""
    entry = service.LogEntry(
        summary=words[-1] if words else "",
        channel=channel,
        direction=direction,
        kind=kind,
        when=when,
        notes=notes,
        topic=topic,
    )
    warning = service.topic_warning(topic, shared=len(words) > 2)  # two names and a summary
    if warning:
        echo(warning, err=True)
    if delete_id is not None and edit_id is not None:
        raise UsageError("Give --edit or --delete, not both.")
    completed: list[str] = []  # this week's open picks a new interaction ticks off
    if delete_id is not None:
        _refuse_words(words, "--delete takes only the id")
        found = service.delete_interaction(app.store, delete_id)
        verb = "Deleted"
    elif edit_id is not None:
        _refuse_words(words[:-1], "--edit takes at most a new summary")
        found = service.edit_interaction(app.store, edit_id, entry, app.now)
        verb = "Updated"
    else:
        if len(words) < 2:
            raise UsageError('Give at least one name and a summary: kith log Ada "coffee".')
        people = resolve_many(app.store, list(words[:-1]), app.now)
        found = service.log_interaction(app.store, people, entry, app.now)
        completed = service.picks_completed(app.store, found, app.now)
        if found.kind == "ask" and found.direction != "in":  # their ask is no ask of yours
            _warn_before_ask(app, people)
        verb = "Logged"
    if app.json:
        emit_json({"interaction": interaction_json(found), "action": verb.lower()})
        return
    names = ", ".join(p.name for p in found.participants)
    say(
        f"{verb} #{found.id}: {found.summary} ({found.channel}, {found.direction}) "
        f"with {names or 'nobody'}."
    )
    if completed:
        say(f"Ticked off this week's plan: {', '.join(completed)}.")


def _warn_before_ask(app: App, people: list[int]) -> None:
    """Give first: an ask to someone never given to is logged, with a warning on stderr."""
    for person_id in dict.fromkeys(people):
        warning = give_first_warning(app.store, person_id, app.now)
        if warning:
            echo(warning, err=True)


def _refuse_words(words: tuple[str, ...], why: str) -> None:
    if words:
        raise UsageError(f"Unexpected {' '.join(words)!r}: {why}.")
