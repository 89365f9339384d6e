"""`kith report`: the health of the user's network (science.md §8), each figure with what it
means and what to do (services.report_words). Layers, due dates, dormancy and the ledger come
from their own services; circles and brokerage from the mesh."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import numpy as np

from kith.clock import to_utc_text
from kith.relate import brokerage
from kith.relate.brokerage import Ego
from kith.relate.circles import diversity
from kith.relate.layers import LAYER_THRESHOLDS, LAYERS
from kith.services import browse, ledger
from kith.services.mesh import circles as mesh_circles
from kith.services.mesh import report_words as words
from kith.services.ties import layers
from kith.services.week import plan
from kith.store import Store

DUNBAR = {"L1": 1.5, "L2": 5, "L3": 15, "L4": 50, "L5": 150, "L6": 500, "L7": 1500}
STRONG, WEAK = ("L1", "L2", "L3"), ("L4", "L5")
BRIDGING_SHOWN = 5
BRIDGING_MIN = 0.5  # [H] a participation coefficient this high spreads ties over circles
LOCAL_BRIDGES_SHOWN = 3
DORMANT_SHOWN = 5
SHARES = 12  # circles whose share of closeness is listed, largest first
ACTIVITY_MONTHS = 24  # two years: the last 12 months against the 12 before
INNER_SIZE = 15  # the inner circle of a year ago: the top 15 by S that month (L1–L3's cap)


@dataclass(frozen=True)
class Figure:
    """One figure: its values (JSON), the figure in a sentence, and what to do about it."""

    key: str
    title: str
    values: dict[str, Any]
    summary: str
    advice: str
    lines: list[str] = field(default_factory=list)  # detail rows, one per line


@dataclass(frozen=True)
class Report:
    at: datetime
    contacts: int
    figures: list[Figure]


def report(store: Store, now: datetime, zone: tzinfo) -> Report:
    """Every figure of the report as of `now` (keeps layers and circles current first)."""
    layers.keep_current(store, now)
    found = mesh_circles.current(store, now, zone)
    placed = _layers(store, found.mesh.people.tolist())
    figures = [
        _layer_fill(store, now, placed),
        _strong_weak(placed),
        _circles(found),
        _diversity(found),
        *_structure(found),
        _give_take(store),
        _dormant(store, now),
        _turnover(store, now, placed),
        _activity(store, now),
    ]
    return Report(now, len(found.mesh.people), figures)


def _layers(store: Store, contacts: list[int]) -> dict[int, str]:
    """Each contact's stored layer; contacts not placed yet count as L7 (as `layer:` does)."""
    with store.reading():
        stored = {int(row[0]): str(row[1]).upper() for row in store.layers.state()}
    return {pid: stored.get(pid, "L7") for pid in contacts}


def _layer_fill(store: Store, now: datetime, placed: dict[int, str]) -> Figure:
    overdue = set(plan.due_ids(store, now, "overdue"))
    rows = []
    cumulative = 0
    for layer in LAYERS:
        members = [pid for pid, at in placed.items() if at == layer]
        cumulative += len(members)
        late = sum(1 for pid in members if pid in overdue)
        share = late / len(members) if members else 0.0
        rows.append(
            {
                "layer": layer,
                "people": len(members),
                "cumulative": cumulative,
                "dunbar": DUNBAR[layer],
                "overdue": late,
                "overdue_share": round(share, 4),
            }
        )
    return Figure(
        "layers",
        "Layer fill",
        {"layers": rows},
        words.layer_summary(rows),
        words.layer_advice(rows),
        [words.layer_line(row) for row in rows],
    )


def _strong_weak(placed: dict[int, str]) -> Figure:
    strong = sum(1 for at in placed.values() if at in STRONG)
    weak = sum(1 for at in placed.values() if at in WEAK)
    latent = len(placed) - strong - weak
    ratio = weak / strong if strong else None
    values = {"strong": strong, "weak": weak, "latent": latent, "weak_to_strong": ratio}
    return Figure(
        "strong_weak",
        "Strong and weak ties",
        values,
        words.mix_summary(strong, weak, latent, ratio),
        words.mix_advice(strong, ratio),
    )


def _circles(found: mesh_circles.Circles) -> Figure:
    sizes = [c.size for c in found.circles]
    listed = [{"id": c.id, "name": c.name, "size": c.size} for c in found.circles]
    return Figure(
        "circles",
        "Circles",
        {"circles": listed, "total": len(listed), "unassigned": found.unassigned()},
        words.circles_summary(sizes, found.unassigned()),
        words.circles_advice(sizes),
        [f"#{c.id} {c.name}: {c.size}" for c in found.circles[:10]],
    )


def _diversity(found: mesh_circles.Circles) -> Figure:
    shares = [sum(found.strength.get(p, 0.0) for p in c.members) for c in found.circles]
    total = sum(shares)
    entropy, effective = diversity([s / total for s in shares] if total else [])
    top = max(zip(shares, found.circles, strict=True), key=lambda x: x[0], default=(0.0, None))
    top_share = top[0] / total if total else 0.0
    values = {
        "entropy": _round(entropy),
        "effective_circles": _round(effective),
        "top_circle": top[1].name if top[1] else None,
        "top_share": _round(top_share),
        "shares": [
            {"id": c.id, "name": c.name, "share": _round(share / total)}
            for share, c in sorted(zip(shares, found.circles, strict=True), key=_larger)[:SHARES]
            if total
        ],
    }
    return Figure(
        "diversity",
        "Circle diversity",
        values,
        words.diversity_summary(entropy, effective, len(shares)),
        words.diversity_advice(effective, top[1].name if top[1] else None, top_share),
    )


def _larger(item: tuple[float, mesh_circles.Circle]) -> tuple[float, int]:
    return (-item[0], item[1].id)


def _structure(found: mesh_circles.Circles) -> list[Figure]:
    mesh = found.mesh
    ego = Ego(mesh.strength, mesh.a, mesh.b, mesh.w)
    if ego.n == 0:
        return [_brokerage_empty()]
    common = brokerage.common_contacts(ego)
    return [_brokerage(ego, common), _bridges(found, ego, common)]


def _brokerage(ego: Ego, common: brokerage.Common) -> Figure:
    values = {
        "contacts": ego.n,
        "constraint": _round(brokerage.constraint(ego)),
        "effective_size": _round(brokerage.effective_size(ego)),
        "efficiency": _round(brokerage.efficiency(ego)),
        "ego_betweenness": _round(brokerage.normalised_betweenness(ego, common)),
    }
    return Figure(
        "brokerage",
        "Brokerage",
        values,
        words.brokerage_summary(values),
        words.brokerage_advice(values),
    )


def _brokerage_empty() -> Figure:
    return Figure("brokerage", "Brokerage", {"contacts": 0}, words.NO_CONTACTS, words.ADD_PEOPLE)


def _bridges(found: mesh_circles.Circles, ego: Ego, common: brokerage.Common) -> Figure:
    people = found.mesh.people.tolist()
    circle = np.array([found.circle_of.get(p, -1) for p in people], np.int64)
    score = brokerage.participation(ego, circle)
    order = sorted(range(ego.n), key=lambda k: (-score[k], people[k]))
    bridging = [k for k in order[:BRIDGING_SHOWN] if score[k] >= BRIDGING_MIN]
    spans = brokerage.local_bridges(ego, common)
    lonely = brokerage.through_user_only(ego, circle, [c.id for c in found.circles])
    names = {c.id: c.name for c in found.circles}
    values = {
        "bridging": [
            {
                "id": people[k],
                "name": found.names.get(people[k], ""),
                "participation": _round(float(score[k])),
            }
            for k in bridging
        ],
        "bridging_total": int(np.count_nonzero(score >= BRIDGING_MIN)),
        "local_bridges": len(spans),
        "local_bridge_examples": [
            [found.names.get(people[int(ego.a[k])], ""), found.names.get(people[int(ego.b[k])], "")]
            for k in spans[:LOCAL_BRIDGES_SHOWN].tolist()
        ],
        "through_you_only": [{"id": c, "name": names[c]} for c in lonely],
    }
    return Figure(
        "bridges",
        "Bridges",
        values,
        words.bridges_summary(values),
        words.bridges_advice(values),
        words.bridges_lines(values),
    )


def _give_take(store: Store) -> Figure:
    people, gave, took = ledger.balance(store)
    giving = gave / people if people else None
    taking = took / people if people else None
    values = {
        "with_gives": people,
        "giving": gave,
        "taking": took,
        "giving_share": _round(giving),
        "taking_share": _round(taking),
    }
    return Figure(
        "give_take",
        "Give and take",
        values,
        words.give_summary(people, giving, taking),
        words.give_advice(people, giving, taking),
    )


def _dormant(store: Store, now: datetime) -> Figure:
    listing = browse.list_people(store, "dormant:yes", now)
    shown = [p.name for p in listing.people[:DORMANT_SHOWN]]
    return Figure(
        "dormant",
        "Dormant reserve",
        {"dormant": listing.total, "examples": shown},
        words.dormant_summary(listing.total, shown),
        words.dormant_advice(listing.total),
    )


def _turnover(store: Store, now: datetime, placed: dict[int, str]) -> Figure:
    then = _inner_year_ago(store, now)
    strong_now = {pid for pid, at in placed.items() if at in STRONG}
    left = then - strong_now
    share = len(left) / len(then) if then else None
    values = {"inner_year_ago": len(then), "left": len(left), "turnover": _round(share)}
    return Figure(
        "turnover",
        "Inner-circle turnover",
        values,
        words.turnover_summary(len(then), len(left), share),
        words.turnover_advice(share),
    )


def _activity(store: Store, now: datetime) -> Figure:
    """Interactions a month (UTC months) over the last ACTIVITY_MONTHS."""
    months = _months_back(now, ACTIVITY_MONTHS)
    with store.reading():
        rows = store.interactions.monthly(f"{months[0]}-01", to_utc_text(now))
    counts = dict.fromkeys(months, 0)
    for month, count in rows:
        if month in counts:
            counts[month] = count
    totals = list(counts.values())
    half = len(totals) // 2
    before, recent = sum(totals[:half]), sum(totals[half:])
    shown = [{"month": m, "interactions": c} for m, c in counts.items()]
    return Figure(
        "activity",
        "Activity over time",
        {"months": shown, "last_year": recent, "year_before": before},
        words.activity_summary(recent, before),
        words.activity_advice(recent, before),
    )


def _months_back(now: datetime, count: int) -> list[str]:
    """The `count` months up to now's (UTC), oldest first, as YYYY-MM."""
    at = now.astimezone(UTC)
    index = at.year * 12 + at.month - 1
    return [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(index - count + 1, index + 1)]


def _inner_year_ago(store: Store, now: datetime) -> set[int]:
    """The top INNER_SIZE contacts by their peak S in the month a year ago, with S ≥ L3's
    threshold then: the stored monthly peaks stand in for the layers of that time."""
    year_ago = now - timedelta(days=365)
    month = year_ago.year * 12 + year_ago.month - 1
    with store.reading():
        months = store.layers.months()
        rows = store.layers.state()
    if month not in months:
        return set()
    slot = months.index(month)
    peaks = [
        (float(np.frombuffer(row[6], np.float64)[slot]), int(row[0])) for row in rows if row[6]
    ]
    best = sorted((p for p in peaks if p[0] >= LAYER_THRESHOLDS["L3"]), reverse=True)
    return {pid for _, pid in best[:INNER_SIZE]}


def _round(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(value, 4)
