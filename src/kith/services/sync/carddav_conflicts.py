"""A card changed on both sides: kept with both versions and, when the two changed different
properties, the merged card (a three-way merge over the card both last agreed on). Nothing is
applied until the user chooses (`kith sync conflicts NAME --take ours|theirs|merged`)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from kith.clock import to_utc_text
from kith.services.sync.carddav_cards import outgoing
from kith.services.sync.carddav_plan import Theirs
from kith.sources.vcard_text import Line, cards
from kith.sources.vcard_values import content_line, fold
from kith.store import Store
from kith.store.sync.carddav import CardConflict

IGNORED = frozenset({"VERSION", "PRODID", "REV", "UID"})
Units = dict[str, list[str]]  # property name → its lines, each as canonical JSON


@dataclass(frozen=True)
class Difference:
    """One property the two sides hold differently, as people read it."""

    property: str
    ours: list[str]
    theirs: list[str]
    merged: list[str] | None


def record_conflict(
    store: Store, source: str, theirs: Theirs, person_id: int, now: datetime, notes: bool
) -> None:
    """Keep both versions (and the merge, when one exists) for the user to choose from."""
    person = store.people.get(person_id)
    assert person is not None
    ours = outgoing(person, now, notes=notes)
    base = next((s.base for s in store.carddav.statuses(source) if s.href == theirs.href), "")
    conflict = CardConflict(
        theirs.href,
        person_id,
        ours,
        theirs.card.text,
        theirs.etag,
        merge(base, ours, theirs.card.text, person.uid),
        to_utc_text(now),
    )
    store.carddav.save_conflict(source, conflict)


def merge(base: str, ours: str, theirs: str, uid: str) -> str | None:
    """The card with each side's changes, when no property changed on both; else None."""
    b, o, t = units(base), units(ours), units(theirs)
    merged: Units = {}
    for name in sorted(set(b) | set(o) | set(t)):
        kept = _merged(b.get(name, []), o.get(name, []), t.get(name, []))
        if kept is None:
            return None
        if kept:
            merged[name] = kept
    return _card(merged, uid)


def _merged(base: list[str], ours: list[str], theirs: list[str]) -> list[str] | None:
    if theirs in (ours, base):
        return ours
    if ours == base:
        return theirs
    return None


def units(text: str) -> Units:
    """A card's properties, each line with its group's label folded in, in a canonical spelling."""
    card = next(iter(cards(text.encode("utf-8"))), None)
    if card is None:
        return {}
    labels = {
        (line.group or "").lower(): line.value
        for line in card.lines
        if line.name == "X-ABLABEL" and line.group
    }
    found: Units = defaultdict(list)
    for line in card.lines:
        if line.name in IGNORED or line.name == "X-ABLABEL":
            continue
        found[line.name].append(_unit(line, labels.get((line.group or "").lower())))
    return {name: sorted(lines) for name, lines in found.items()}


def _unit(line: Line, label: str | None) -> str:
    params = sorted((k, sorted(v.lower() for v in vs)) for k, vs in line.params.items())
    return json.dumps([line.name, params, line.value, label], ensure_ascii=False)


def _card(merged: Units, uid: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Kith//Kith//EN", f"UID:{uid}"]
    group = 0
    for name, items in merged.items():
        for item in items:
            _, params, value, label = json.loads(item)
            if label is None:
                lines.append(content_line(name, value, dict(params)))
                continue
            group += 1
            lines.append(content_line(name, value, dict(params), f"item{group}"))
            lines.append(f"item{group}.X-ABLabel:{label}")
    lines.append("END:VCARD")
    return "".join(f"{piece}\r\n" for line in lines for piece in fold(line))


def differences(conflict: CardConflict) -> list[Difference]:
    """The properties the two sides hold differently, side by side."""
    o, t = units(conflict.ours), units(conflict.theirs)
    m = units(conflict.merged) if conflict.merged else None
    return [
        Difference(
            name,
            [_shown(u) for u in o.get(name, [])],
            [_shown(u) for u in t.get(name, [])],
            None if m is None else [_shown(u) for u in m.get(name, [])],
        )
        for name in sorted(set(o) | set(t))
        if o.get(name, []) != t.get(name, [])
    ]


def _shown(unit: str) -> str:
    _, _, value, label = json.loads(unit)
    return f"{value} ({label})" if label else str(value)
