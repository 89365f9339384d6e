"""The review queue: pairs of people who may be one person, and the blocks that find them."""

from __future__ import annotations

import sqlite3

from kith.store.rows import chunks


class MergeQueueRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def add(self, a_id: int, b_id: int, reason: str, score: float, now: str) -> int:
        """Queue the pair unless it is known already (open, skipped or merged); 1 if queued."""
        low, high = sorted((a_id, b_id))
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO merge_candidate (a_id, b_id, reason, score, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (low, high, reason, score, now),
        )
        return cursor.rowcount

    def namesakes(self, people: list[int]) -> list[tuple[int, int]]:
        """(person, the first known person of the same kind and full name) for each of these
        people who has a namesake created before them: one indexed seek each."""
        found: list[tuple[int, int]] = []
        for chunk in chunks(people):
            found += self.db.execute(
                "SELECT a.id, min(b.id) FROM person a JOIN person b ON b.name_key = a.name_key "
                f"AND b.kind = a.kind AND b.id < a.id WHERE a.id IN ({','.join('?' * len(chunk))}) "
                "AND a.name_key <> '' GROUP BY a.id",
                chunk,
            ).fetchall()
        return found

    def count_open(self) -> int:
        return int(
            self.db.execute("SELECT count(*) FROM merge_candidate WHERE state = 'open'").fetchone()[
                0
            ]
        )

    def open(self) -> list[tuple[int, int, int, str, float]]:
        rows = self.db.execute(
            "SELECT id, a_id, b_id, reason, score FROM merge_candidate "
            "WHERE state = 'open' ORDER BY score DESC, id"
        )
        return [(int(r[0]), int(r[1]), int(r[2]), r[3], float(r[4])) for r in rows]

    def get(self, candidate_id: int) -> tuple[int, int] | None:
        row = self.db.execute(
            "SELECT a_id, b_id FROM merge_candidate WHERE id = ? AND state = 'open'",
            (candidate_id,),
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def set_state(self, candidate_id: int, state: str) -> None:
        self.db.execute("UPDATE merge_candidate SET state = ? WHERE id = ?", (state, candidate_id))

    def resolve_pair(self, a_id: int, b_id: int) -> None:
        low, high = sorted((a_id, b_id))
        self.db.execute(
            "UPDATE merge_candidate SET state = 'merged' WHERE a_id = ? AND b_id = ?", (low, high)
        )

    def blocks(self, free_mail: frozenset[str]) -> dict[str, list[tuple[int, str]]]:
        """People grouped by current organisation and by mail domain (free-mail domains left
        out): `{"organisation Acme": [(id, folded name), ...], "mail domain acme.test": ...}`."""
        found: dict[str, list[tuple[int, str]]] = {}
        for org, person_id, name in self.db.execute(
            "SELECT o.name, p.id, p.name_key FROM employment e JOIN person p ON p.id = "
            "e.person_id JOIN organisation o ON o.id = e.organisation_id "
            "WHERE e.end_day IS NULL"
        ):
            found.setdefault(f"organisation {org}", []).append((int(person_id), name))
        for value, person_id, name in self.db.execute(
            "SELECT i.value, p.id, p.name_key FROM identity i JOIN person p ON p.id = "
            "i.person_id WHERE i.kind = 'email' AND i.shared = 0"
        ):
            domain = value.rsplit("@", 1)[-1]
            if domain not in free_mail:
                found.setdefault(f"mail domain {domain}", []).append((int(person_id), name))
        return found
