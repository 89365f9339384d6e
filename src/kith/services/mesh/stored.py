"""The stored report and introductions to suggest (migration 0016): computed once by
`refresh` and kept, so the web pages read them without waiting and `kith report` reads the
report while it is current (made today, nothing written since that changes it).

A write to what they are computed from marks both stale (the migration's triggers); the web
app then refreshes them in the background (kith.web.refresher) and shows the kept ones
meanwhile; `kith report` recomputes a stale or older report itself, and keeps it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo
from typing import Any

from kith.clock import from_utc_text, to_utc_text
from kith.model import PersonHead
from kith.relate.intros import PER_WEEK, Pair, Scored
from kith.services.mesh import intros
from kith.services.mesh import report as report_service
from kith.services.mesh.report import Figure, Report
from kith.store import Store
from kith.store.results import FRESH, StoredResult

REPORT, INTROS = "report", "intros"
# The kept JSON's layout: a result kept by a Kith with another is not read (it is made again).
LAYOUT = 1


@dataclass(frozen=True)
class Kept:
    """A stored report, and whether it is current (False: shown while it is refreshed)."""

    report: Report
    current: bool


@dataclass(frozen=True)
class KeptSuggestions:
    found: list[intros.Suggestion]
    current: bool
    made: bool  # False: none were made yet


def refresh(store: Store, now: datetime, zone: tzinfo, suggestions: bool = True) -> Report:
    """Compute the report (and the suggestions, unless not asked) as of `now` and keep them."""
    names = (REPORT, INTROS) if suggestions else (REPORT,)
    with store.deriving():
        for name in names:
            store.results.begin(name)
    made = report_service.report(store, now, zone)
    kept: dict[str, Any] = {REPORT: _report_body(made)}
    if suggestions:
        found = intros.suggest(store, now, zone).found
        kept[INTROS] = {"layout": LAYOUT, "pairs": [_pair(s) for s in found]}
    with store.deriving():
        for name, body in kept.items():
            store.results.put(name, to_utc_text(now), json.dumps(body))
    return made


def needs_refresh(store: Store, now: datetime, zone: tzinfo) -> bool:
    """Whether a kept result is out of date (never true before the first refresh), and worth
    making again now: not while an import is under way in slices, which makes it out of date
    again at every slice (the web app would recompute it without end, taking the processor from
    the requests); the first write or page after the import refreshes it."""
    with store.reading():
        rows = [store.results.get(name) for name in (REPORT, INTROS)]
        if store.imports.under_way():
            return False
    return any(row is not None and not _current(row, now, zone) for row in rows)


def report(store: Store, now: datetime, zone: tzinfo) -> Report:
    """`kith report`: the stored report while it is current, else computed again and kept
    (the suggestions are left to the web app, which refreshes them when it shows them)."""
    kept = stored_report(store, now, zone)
    if kept is not None and kept.current:
        return kept.report
    return refresh(store, now, zone, suggestions=False)


def stored_report(store: Store, now: datetime, zone: tzinfo) -> Kept | None:
    """The kept report, current or not; None before the first is made."""
    with store.reading():
        row = store.results.get(REPORT)
    body = _body(row)
    if row is None or body is None or row.made_at is None:
        return None
    figures = [Figure(**figure) for figure in body["figures"]]
    at = from_utc_text(row.made_at).astimezone(zone)
    return Kept(Report(at, int(body["contacts"]), figures), _current(row, now, zone))


def suggestions(store: Store, now: datetime, zone: tzinfo) -> KeptSuggestions:
    """The kept suggestions still to begin: none begun since, at most this week's room."""
    with store.reading():
        row = store.results.get(INTROS)
        body = _body(row)
        if row is None or body is None:
            return KeptSuggestions([], False, False)
        made_at = row.made_at or ""
        kept = [s for s in body["pairs"] if _untouched(store, s["u"], s["v"], made_at)]
        room = max(0, PER_WEEK - store.introductions.started_since(_week(now, zone)))
        heads = {h.id: h for h in store.people.heads([i for s in kept for i in (s["a"], s["b"])])}
    found = [_suggestion(s, heads) for s in kept if s["a"] in heads and s["b"] in heads]
    return KeptSuggestions(found[:room], _current(row, now, zone), True)


def _body(row: StoredResult | None) -> dict[str, Any] | None:
    """The kept JSON, when there is one in this Kith's layout."""
    if row is None or row.body is None:
        return None
    body = json.loads(row.body)
    return body if isinstance(body, dict) and body.get("layout") == LAYOUT else None


def _current(row: StoredResult | None, now: datetime, zone: tzinfo) -> bool:
    """Fresh and made earlier on now's day, in the user's zone."""
    if row is None or row.made_at is None or row.stale != FRESH:
        return False
    made = from_utc_text(row.made_at)
    return made <= now and made.astimezone(zone).date() == now.astimezone(zone).date()


def _untouched(store: Store, u: int, v: int, made_at: str) -> bool:
    """No introduction of the pair was begun or moved since the suggestions were made."""
    latest = store.introductions.latest(u, v)
    return latest is None or latest.updated_at < made_at


def _week(now: datetime, zone: tzinfo) -> str:
    return to_utc_text(intros.week_start(now, zone))


def _report_body(made: Report) -> dict[str, Any]:
    figures = [asdict(f) for f in made.figures]
    return {"layout": LAYOUT, "contacts": made.contacts, "figures": figures}


def _pair(s: intros.Suggestion) -> dict[str, Any]:
    scored = s.scored
    return {
        "a": s.a.id,
        "b": s.b.id,
        "u": scored.pair.u,
        "v": scored.pair.v,
        "kind": s.kind,
        "reason": s.reason,
        "scored": [scored.score, scored.c, scored.a, scored.n, scored.t, scored.wi, scored.shared],
    }


def _suggestion(kept: dict[str, Any], heads: dict[int, PersonHead]) -> intros.Suggestion:
    score, c, a, n, t, wi, shared = kept["scored"]
    scored = Scored(Pair(kept["u"], kept["v"], None, None), score, c, a, n, t, wi, int(shared))
    return intros.Suggestion(
        heads[kept["a"]], heads[kept["b"]], kept["kind"], kept["reason"], scored
    )
