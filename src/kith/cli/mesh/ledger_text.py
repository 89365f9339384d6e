"""The give-first ledger as text, without click: one person's gives, asks, thanks and intros,
or everyone's at a glance (kith.cli.mesh.ledger's command and kith.cli.fast_reads call
`print_ledger`)."""

from __future__ import annotations

from kith.cli.app import App
from kith.cli.render import day_of, emit_json, say, table
from kith.services import ledger as service

VERBS = ("gave", "asked", "thanked")  # the overview's columns: gives include introductions
OVERVIEW_LIMIT = 50  # without a name: the most lopsided first, a screen or two


def print_ledger(
    app: App, name: str | None = None, limit: int = OVERVIEW_LIMIT, everyone: bool = False
) -> None:
    if name:  # resolving a name (its suggestions, the mesh's lookalikes) only when given one
        from kith.services.resolve import resolve

        _one(app, service.person_ledger(app.store, resolve(app.store, name)))
    else:
        _everyone(app, service.overview(app.store, None if everyone else limit))


def _one(app: App, found: service.Ledger) -> None:
    if app.json:
        from kith.shapes.ledger import ledger_json

        emit_json(ledger_json(found))
        return
    say(f"{found.person.name} (#{found.person.id})")
    rows = []
    for kind, sides in found.sides.items():
        out, back = sides["out"], sides["in"]
        rows.append([kind, str(out.count), _latest(out, app), str(back.count), _latest(back, app)])
    table(["kind", "you", "your latest", "they", "their latest"], rows)
    say(found.balance)
    if not found.ideas:
        say(f"Ideas to give: none; {service.no_ideas_reason(app.store, found.person.id)}")
        return
    say("Ideas to give:")
    # one write for them all, not a write and a flush each (the busiest of profile L has 942):
    # the same bytes, since no escape sequence echo takes out spans a line
    say("\n".join(f"  - {idea.sentence}" for idea in found.ideas))


def _everyone(app: App, found: service.Overview) -> None:
    if app.json:  # the shapes (and the person shapes they use) only for JSON
        from kith.shapes.ledger import overview_json

        emit_json(overview_json(found))
        return
    if not found.rows:
        say('Nothing in the ledger yet; `kith log NAME "SUMMARY" --kind give` records a give.')
        return
    headers = ["person", *(f"{who} {verb}" for verb in VERBS for who in ("you", "they"))]
    headers.append("your share")
    table(headers, [_overview_row(row) for row in found.rows])
    if len(found.rows) < found.total:
        say(f"({len(found.rows)} of {found.total}; --all shows everyone)")
    say(_shares(found))


def _overview_row(row: service.Row) -> list[str]:
    c = row.counts
    share = "" if row.share is None else f"{row.share:.0%}"
    counts = [row.gives("out"), row.gives("in"), *c["ask"].values(), *c["thanks"].values()]
    return [row.person.name, *(str(n) for n in counts), share]


def _shares(found: service.Overview) -> str:
    n = found.with_gives
    if n == 0:
        return "Nobody has a give either way yet, so there is no share to show."
    return (
        f"Of {n} {'person' if n == 1 else 'people'} with gives either way, you gave more than 75% "
        f"of the gives with {found.giving} ({found.giving / n:.0%}) and less than 25% with "
        f"{found.taking} ({found.taking / n:.0%}). Lopsided ties are normal: this is information, "
        "not a score."
    )


def _latest(side: service.Side, app: App) -> str:
    entry = side.latest
    return f"{day_of(entry.at, app.tz)} {entry.summary}" if entry else ""
