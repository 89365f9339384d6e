"""The network page's stored drawing (migration 0020): each contact's place, size, layer,
circle and bridge mark, the links among them, and the key it was made under."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

VERSION, KEY = "network.version", "network.key"


@dataclass(frozen=True)
class NodeRow:
    person_id: int
    name: str
    x: float
    y: float
    strength: float
    layer: str
    circle_id: int | None
    bridge: bool


@dataclass(frozen=True)
class EdgeRow:
    a: int
    b: int
    weight: float
    known: bool


class NetworkRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def version(self) -> str:
        """Bumped by 0020's triggers whenever what the drawing is made from changes."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (VERSION,)).fetchone()
        return "0" if row is None else str(row[0])

    def key(self) -> str | None:
        """The key the stored drawing was made under (None: never made)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
        return None if row is None else str(row[0])

    def save(self, key: str, nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> None:
        """The whole drawing, replacing the one stored; edges keep their order as rank."""
        self.db.execute("DELETE FROM network_node")
        self.db.execute("DELETE FROM network_edge")
        self.db.executemany(
            "INSERT INTO network_node (person_id, name, x, y, strength, layer, circle_id, bridge)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (n.person_id, n.name, n.x, n.y, n.strength, n.layer, n.circle_id, int(n.bridge))
                for n in nodes
            ),
        )
        self.db.executemany(
            "INSERT INTO network_edge (a_id, b_id, weight, known, rank) VALUES (?, ?, ?, ?, ?)",
            ((e.a, e.b, e.weight, int(e.known), rank) for rank, e in enumerate(edges)),
        )
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (KEY, key),
        )

    def nodes(self) -> list[NodeRow]:
        """Strongest first, then by id."""
        rows = self.db.execute(
            "SELECT person_id, name, x, y, strength, layer, circle_id, bridge FROM network_node "
            "ORDER BY strength DESC, person_id"
        )
        return [NodeRow(p, n, x, y, s, layer, c, bool(b)) for p, n, x, y, s, layer, c, b in rows]

    def edges(self) -> list[EdgeRow]:
        """Known links first, then the likeliest."""
        rows = self.db.execute("SELECT a_id, b_id, weight, known FROM network_edge ORDER BY rank")
        return [EdgeRow(a, b, w, bool(k)) for a, b, w, k in rows]

    def tagged(self, tag: str) -> list[int]:
        """The people carrying `tag` (any case)."""
        rows = self.db.execute(
            "SELECT pt.person_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
            "WHERE t.name = ?",
            (tag,),
        )
        return [int(row[0]) for row in rows]

    def tags(self) -> list[str]:
        """Every tag, by name."""
        rows = self.db.execute("SELECT name FROM tag ORDER BY name")
        return [str(row[0]) for row in rows]
