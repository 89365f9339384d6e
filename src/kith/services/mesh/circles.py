"""Circles (`kith circles`, `kith circle rename|pin`): made from the mesh, stored, and kept
stable. Each run either detects afresh (the first time, with `refresh`, or when many people's
evidence changed) and keeps ids by overlap, or moves only the people whose evidence changed.
A pinned circle keeps its people through both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

import numpy as np

from kith.clock import to_utc_text
from kith.errors import NotFound
from kith.model import PersonHead
from kith.relate import circles as relate
from kith.services.mesh.graph import MeshArrays, load_arrays
from kith.store import Store
from kith.store.mesh.circles import Membership, StoredCircle

# [H] Detect afresh when more than this share of the linked contacts' evidence changed: local
# moves suit a few changes, not a new import. Up to REDETECT_MIN changed people always move
# locally, however small the network.
REDETECT_SHARE = 0.25
REDETECT_MIN = 50
SHOWN_MIN_SIZE = 3  # a circle of two is a pair, not a circle (science.md §8.3 counts ≥ 3)
TOP_MEMBERS = 3


@dataclass(frozen=True)
class Circle:
    id: int
    name: str  # the user's name for it, else Kith's
    pinned: bool
    members: tuple[int, ...]  # strongest tie first, then id

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Circles:
    circles: list[Circle]  # of at least SHOWN_MIN_SIZE people, largest first (then id)
    names: dict[int, str]  # every contact's display name
    strength: dict[int, float]
    made: str  # "detected", "updated" (some people moved) or "unchanged"
    moved: int  # people whose circle changed in this run
    mesh: MeshArrays
    circle_of: dict[int, int]  # person → circle id, for circles of every size

    def unassigned(self) -> int:
        """Contacts in no circle shown (no evidence, or in a pair)."""
        return len(self.mesh.people) - sum(circle.size for circle in self.circles)


@dataclass(frozen=True)
class Run:
    """One run's inputs, read in its transaction."""

    graph: relate.Graph
    people: list[int]
    digests: list[str]
    stored: dict[int, Membership]
    pinned: set[int]


def current(store: Store, now: datetime, zone: tzinfo, refresh: bool = False) -> Circles:
    """The circles as of `now`, brought up to date with the evidence and stored."""
    mesh = load_arrays(store, now, zone)
    graph = relate.Graph(len(mesh.people), mesh.a, mesh.b, mesh.w)
    people = mesh.people.tolist()
    with store.deriving():
        stored = store.circles.memberships()
        pinned = {cid for cid, c in store.circles.circles().items() if c.pinned}
        run = Run(graph, people, relate.digests(graph), stored, pinned)
        before = {pid: m.circle_id for pid, m in stored.items()}
        touched = _touched(run)
        if refresh or touched or len(before) > len(set(before) & set(people)):
            circle_of, made = _circle_of(store, run, touched, refresh, now)
            _save(store, run, circle_of, mesh.strength.tolist(), now)
        else:  # nobody's evidence changed: nothing to write
            circle_of, made = before, "unchanged"
        stored_circles = store.circles.circles()
        display = store.mesh.contact_names()
    moved = sum(1 for pid in set(before) | set(circle_of) if before.get(pid) != circle_of.get(pid))
    strength = dict(zip(people, mesh.strength.tolist(), strict=True))
    return Circles(
        _listed(stored_circles, circle_of, strength),
        display,
        strength,
        made if moved or made == "detected" else "unchanged",
        moved,
        mesh,
        circle_of,
    )


def _touched(run: Run) -> list[int]:
    """Nodes whose evidence changed since the last run: their digest differs, or they have
    evidence and no circle yet."""
    return [
        n
        for n, pid in enumerate(run.people)
        if (pid in run.stored and run.stored[pid].digest != run.digests[n])
        or (pid not in run.stored and not run.digests[n].startswith("0:"))
    ]


def _circle_of(
    store: Store, run: Run, touched: list[int], refresh: bool, now: datetime
) -> tuple[dict[int, int], str]:
    """Person → circle id after this run, and how it was made."""
    linked = len(set(run.graph.a.tolist()) | set(run.graph.b.tolist()))
    if refresh or not run.stored or len(touched) > max(REDETECT_MIN, REDETECT_SHARE * linked):
        return _detected(store, run, now), "detected"
    return _moved(store, run, touched, now), "updated"


def _save(
    store: Store, run: Run, circle_of: dict[int, int], strength: list[float], now: datetime
) -> None:
    names = _names(store, circle_of, dict(zip(run.people, strength, strict=True)))
    index = {pid: n for n, pid in enumerate(run.people)}
    members = {pid: (cid, run.digests[index[pid]]) for pid, cid in circle_of.items()}
    store.circles.save(names, members, to_utc_text(now))


def _detected(store: Store, run: Run, now: datetime) -> dict[int, int]:
    """A fresh detection; pinned circles keep their people, others keep ids by overlap."""
    present = set(run.people)
    kept = {
        pid: m.circle_id
        for pid, m in run.stored.items()
        if m.circle_id in run.pinned and pid in present
    }
    labels = relate.detect(run.graph)
    found = [
        [run.people[n] for n in nodes if run.people[n] not in kept]
        for nodes in relate.groups(labels).values()
    ]
    found = [group for group in found if len(group) >= 2]
    previous = {pid: m.circle_id for pid, m in run.stored.items() if m.circle_id not in run.pinned}
    ids = relate.match(previous, found, taken=run.pinned)
    stamp = to_utc_text(now)
    for group, cid in zip(found, ids, strict=True):
        circle = cid if cid is not None else store.circles.add("", stamp)
        kept.update(dict.fromkeys(group, circle))
    return kept


def _moved(store: Store, run: Run, touched: list[int], now: datetime) -> dict[int, int]:
    """Only the touched people move; a circle of one is no circle."""
    known = [
        run.stored[pid].circle_id if pid in run.stored else relate.NO_CIRCLE for pid in run.people
    ]
    labels = relate.local_moves(
        run.graph,
        np.array(known, np.int64),
        [n for n in touched if known[n] not in run.pinned],
        run.pinned,
    )
    existing = set(known) - {relate.NO_CIRCLE}
    stamp = to_utc_text(now)
    found: dict[int, int] = {}
    for label, nodes in relate.groups(labels).items():
        if len(nodes) < 2 and label not in run.pinned:
            continue
        circle = label if label in existing else store.circles.add("", stamp)
        found.update({run.people[n]: circle for n in nodes})
    return found


def _names(store: Store, circle_of: dict[int, int], strength: dict[int, float]) -> dict[int, str]:
    """Kith's name for every circle: what most of its people share, else its strongest tie's
    name ("Ada Lovelace's circle"); a repeated name gets a number ("Acme (2)")."""
    labels = store.circles.labels()
    display = store.mesh.contact_names()
    members: dict[int, list[int]] = {}
    for pid, cid in circle_of.items():
        members.setdefault(cid, []).append(pid)
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for cid in sorted(members, key=lambda c: (-len(members[c]), c)):
        people = sorted(members[cid], key=lambda p: (-strength.get(p, 0.0), p))
        name = relate.name_for(
            [labels.get(p, []) for p in people], f"{display.get(people[0], '?')}'s circle"
        )
        seen[name] = seen.get(name, 0) + 1
        names[cid] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return names


def _listed(
    stored: dict[int, StoredCircle], circle_of: dict[int, int], strength: dict[int, float]
) -> list[Circle]:
    members: dict[int, list[int]] = {}
    for pid, cid in circle_of.items():
        members.setdefault(cid, []).append(pid)
    found = [
        Circle(
            cid,
            stored[cid].shown_name,
            stored[cid].pinned,
            tuple(sorted(people, key=lambda p: (-strength.get(p, 0.0), p))),
        )
        for cid, people in members.items()
        if len(people) >= SHOWN_MIN_SIZE and cid in stored
    ]
    return sorted(found, key=lambda c: (-c.size, c.id))


@dataclass(frozen=True)
class InCircle:
    """A person's circle as last made (`kith circles`, the report), and how many are in it."""

    id: int
    name: str
    size: int


def circle_of(store: Store, person_id: int) -> InCircle | None:
    """The person's circle as stored; None when they are in none (or circles were never made)."""
    with store.reading():
        found = store.circles.of_people([person_id]).get(person_id)
        if found is None:
            return None
        circle = store.circles.circles()[found]
        return InCircle(found, circle.shown_name, store.circles.size(found))


def rename(store: Store, circle_id: int, name: str, now: datetime) -> StoredCircle:
    """The user's name for a circle ("" gives it back Kith's name)."""
    cleaned = " ".join(name.split())
    with store.transaction():
        if not store.circles.rename(circle_id, cleaned or None, to_utc_text(now)):
            raise _unknown(circle_id)
        store.results.mark_stale()  # the kept report names circles
        return store.circles.circles()[circle_id]


def pin(store: Store, circle_id: int, pinned: bool, now: datetime) -> StoredCircle:
    """Pin a circle (its people stay when circles are made again), or unpin it."""
    with store.transaction():
        if not store.circles.pin(circle_id, pinned, to_utc_text(now)):
            raise _unknown(circle_id)
        store.results.mark_stale()  # the kept report names circles
        return store.circles.circles()[circle_id]


def _unknown(circle_id: int) -> NotFound:
    return NotFound(f"No circle #{circle_id}; `kith circles` lists them with their ids.")


def heads(store: Store, found: Circles, every: bool) -> dict[int, PersonHead]:
    """The person objects of each listed circle's members (`every`), or of its top ones."""
    wanted = [
        pid for c in found.circles for pid in (c.members if every else c.members[:TOP_MEMBERS])
    ]
    with store.reading():
        return {head.id: head for head in store.people.heads(wanted)}
