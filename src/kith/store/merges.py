"""Merging two people into one, and taking a merge back.

A merge moves the absorbed person's rows to the survivor and records two things: a snapshot of
everything the absorbed person had, and what it brought to the survivor (row ids, tags,
participations). An unmerge re-creates the absorbed person from the snapshot, with their id and
UIDs, and takes from the survivor exactly what was brought; anything added since stays.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kith.model import PERSON_SCALARS
from kith.store.week.plan import PlanRepo

# rows that belong to one person: moved by id (a duplicate stays behind and goes with them)
OWNED = ("identity", "note", "facet", "address", "employment", "working_on", "follow_up")
# pairs (what, person): the survivor gains the pairs it lacked
PAIRED = {"person_tag": "tag_id", "participant": "interaction_id"}
# rows with a key per person (the SQL that reads it): the survivor gains the rows whose key it
# lacked, moved whole with their other columns (when shared, the give it was logged as; a pick's
# reason and state); the others go with the absorbed person. A want is one row per person ("1").
KEYED = {
    "want": "1",
    "article_share": "article_id",
    "plan_skip": "at",
    "plan_pick": "week",
    "attendee": "event_id",  # with what stood out when you met there
    "let_go": "1",
}
# what a restored row of KEYED hangs on: it comes back only if that is still there
PARENTS = {
    "article_share": ("article_id", "article", "id"),
    "plan_pick": ("week", "plan_week", "week"),
    "attendee": ("event_id", "event", "id"),
}
# the plan's choices on a person: a pin or mute on either side stays, the later snooze wins, and
# the absorbed person's cadence override is taken when the survivor has none
FLAGS = ("pinned", "muted")
CADENCE = ("cadence_days", "cadence_max_days")
# rows that name a person in one of two columns
BETWEEN = {
    "relationship": ("a_id", "b_id"),
    "referral": ("referrer_id", "referred_id"),
    "introduction": ("a_id", "b_id"),
    "link": ("a_id", "b_id"),
}
FILLABLE = (
    "vcard_extra",
    *PERSON_SCALARS,
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "met_through_id",
    "met_event_id",
    "known_since",
    "closeness",
)
Row = dict[str, Any]


class MergeRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def merge(self, survivor: int, absorbed: int, now: str) -> int:
        """Move the absorbed person's rows to the survivor; the caller deletes the absorbed."""
        snapshot = self._snapshot(absorbed)
        brought: dict[str, Any] = {"filled": self._fill(survivor, snapshot["person"][0])}
        brought["plan"] = self._combine_plan(survivor, snapshot["person"][0])
        for table in OWNED:
            brought[table] = self._move_owned(table, absorbed, survivor)
        for table, key in PAIRED.items():
            brought[table] = self._copy_pairs(table, key, absorbed, survivor)
        for table, key in KEYED.items():
            brought[table] = self._move_keyed(table, key, absorbed, survivor)
        brought["person_source"] = self._move_sources(absorbed, survivor)
        brought["aliases"] = self._move_aliases(snapshot, survivor)
        for table, columns in BETWEEN.items():
            brought[table] = self._repoint(table, columns, absorbed, survivor)
        name = snapshot["person"][0]["display_name"]
        cursor = self.db.execute(
            "INSERT INTO merge (survivor_id, absorbed_id, absorbed_name, snapshot, brought, "
            "merged_at) VALUES (?, ?, ?, ?, ?, ?)",
            (survivor, absorbed, name, json.dumps(snapshot), json.dumps(brought), now),
        )
        return int(cursor.lastrowid or 0)

    def unmerge(self, merge_id: int, now: str) -> tuple[int, int]:
        """Take merge `merge_id` back; (survivor id, restored id)."""
        row = self.db.execute(
            "SELECT survivor_id, absorbed_id, snapshot, brought FROM merge WHERE id = ?",
            (merge_id,),
        ).fetchone()
        survivor, absorbed = int(row[0]), int(row[1])
        snapshot, brought = json.loads(row[2]), json.loads(row[3])
        self._insert("person", snapshot["person"][0])
        for table in OWNED:
            self._restore_owned(table, snapshot[table], brought[table], absorbed)
        for table, key in PAIRED.items():
            self._restore_pairs(table, key, snapshot[table], brought[table], survivor)
        for table, key in KEYED.items():  # merges made before these tables have none
            rows, moved = snapshot.get(table, []), brought.get(table, [])
            self._restore_keyed(table, key, rows, moved, absorbed, survivor)
        self._restore_sources(snapshot["person_source"], brought["person_source"])
        self._restore_aliases(snapshot, brought["aliases"])
        for table, columns in BETWEEN.items():
            self._restore_between(table, columns, brought[table], absorbed, survivor)
            for row in snapshot.get(table, []):  # rows between the two, gone with the merge
                self._insert(table, row, ignore=True)
        for field in brought["filled"]:
            self.db.execute(f"UPDATE person SET {field} = NULL WHERE id = ?", (survivor,))
        for field, value in brought.get("plan", {}).items():
            self.db.execute(f"UPDATE person SET {field} = ? WHERE id = ?", (value, survivor))
        self.db.execute("UPDATE merge SET undone_at = ? WHERE id = ?", (now, merge_id))
        return survivor, absorbed

    def listed(self) -> list[tuple[int, int, int, str, str, str | None]]:
        """(id, survivor id, absorbed id, absorbed name, merged at, undone at), newest first."""
        rows = self.db.execute(
            "SELECT id, survivor_id, absorbed_id, absorbed_name, merged_at, "
            "undone_at FROM merge ORDER BY id DESC"
        )
        return [(int(r[0]), int(r[1]), int(r[2]), r[3], r[4], r[5]) for r in rows]

    def state(self, merge_id: int) -> tuple[bool, bool]:
        row = self.db.execute("SELECT undone_at FROM merge WHERE id = ?", (merge_id,)).fetchone()
        return row is not None, row is not None and row[0] is not None

    # merging -----------------------------------------------------------------------------

    def _snapshot(self, person_id: int) -> dict[str, list[Row]]:
        shot = {"person": self._rows("person", "id = ?", (person_id,))}
        for table in (*OWNED, *PAIRED, *KEYED, "person_source"):
            shot[table] = self._rows(table, "person_id = ?", (person_id,))
        shot["person_uid_alias"] = self._rows("person_uid_alias", "person_id = ?", (person_id,))
        for table, (one, other) in BETWEEN.items():  # including rows with the survivor, which
            shot[table] = self._rows(  # the merge deletes and the unmerge must give back
                table, f"{one} = ? OR {other} = ?", (person_id, person_id)
            )
        return shot

    def _fill(self, survivor: int, absorbed: Row) -> list[str]:
        have = self._rows("person", "id = ?", (survivor,))[0]
        filled = [f for f in FILLABLE if have[f] is None and absorbed[f] is not None]
        for field in filled:
            self.db.execute(
                f"UPDATE person SET {field} = ? WHERE id = ?", (absorbed[field], survivor)
            )
        return filled

    def _combine_plan(self, survivor: int, absorbed: Row) -> Row:
        """Give the survivor the absorbed person's plan choices; what the survivor's were."""
        have = self._rows("person", "id = ?", (survivor,))[0]
        new = {flag: 1 for flag in FLAGS if absorbed[flag] and not have[flag]}
        if (absorbed["snoozed_until"] or "") > (have["snoozed_until"] or ""):
            new["snoozed_until"] = absorbed["snoozed_until"]
        if all(have[c] is None for c in CADENCE):
            new |= {c: absorbed[c] for c in CADENCE if absorbed[c] is not None}
        for field, value in new.items():
            self.db.execute(f"UPDATE person SET {field} = ? WHERE id = ?", (value, survivor))
        return {field: have[field] for field in new}

    def _move_keyed(self, table: str, key: str, absorbed: int, survivor: int) -> list[Any]:
        """Move the absorbed person's rows whose key the survivor lacks; their keys."""
        theirs, mine = (
            {r[0] for r in self.db.execute(f"SELECT {key} FROM {table} WHERE person_id = ?", (p,))}
            for p in (absorbed, survivor)
        )
        moving = sorted(theirs - mine)
        self.db.execute(
            f"UPDATE {table} SET person_id = ? WHERE person_id = ? AND {key} IN ({_marks(moving)})",
            (survivor, absorbed, *moving),
        )
        return moving

    def _move_owned(self, table: str, absorbed: int, survivor: int) -> list[int]:
        ids = [
            int(r[0])
            for r in self.db.execute(f"SELECT id FROM {table} WHERE person_id = ?", (absorbed,))
        ]
        self.db.execute(
            f"UPDATE OR IGNORE {table} SET person_id = ? WHERE person_id = ?", (survivor, absorbed)
        )
        return [
            int(r[0])
            for r in self.db.execute(
                f"SELECT id FROM {table} WHERE person_id = ? AND id IN ({_marks(ids)})",
                (survivor, *ids),
            )
        ]

    def _copy_pairs(self, table: str, key: str, absorbed: int, survivor: int) -> list[int]:
        theirs = {
            int(r[0])
            for r in self.db.execute(f"SELECT {key} FROM {table} WHERE person_id = ?", (absorbed,))
        }
        mine = {
            int(r[0])
            for r in self.db.execute(f"SELECT {key} FROM {table} WHERE person_id = ?", (survivor,))
        }
        new = sorted(theirs - mine)
        self.db.executemany(
            f"INSERT INTO {table} ({key}, person_id) VALUES (?, ?)", [(k, survivor) for k in new]
        )
        return new

    def _move_sources(self, absorbed: int, survivor: int) -> list[list[str]]:
        keys = [
            [r[0], r[1]]
            for r in self.db.execute(
                "SELECT source, source_id FROM person_source WHERE person_id = ?", (absorbed,)
            )
        ]
        self.db.execute(
            "UPDATE person_source SET person_id = ? WHERE person_id = ?", (survivor, absorbed)
        )
        return keys

    def _move_aliases(self, snapshot: dict[str, list[Row]], survivor: int) -> list[str]:
        aliases = [snapshot["person"][0]["uid"], *(r["uid"] for r in snapshot["person_uid_alias"])]
        self.db.execute(
            "DELETE FROM person_uid_alias WHERE person_id = ?", (snapshot["person"][0]["id"],)
        )
        self.db.executemany(
            "INSERT INTO person_uid_alias (uid, person_id) VALUES (?, ?)",
            [(uid, survivor) for uid in aliases],
        )
        return aliases

    def _repoint(
        self, table: str, columns: tuple[str, str], absorbed: int, survivor: int
    ) -> list[list[Any]]:
        moved: list[list[Any]] = []
        for column in columns:
            other = columns[1] if column == columns[0] else columns[0]
            for row in self._rows(table, f"{column} = ? AND {other} <> ?", (absorbed, survivor)):
                self.db.execute(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
                row[column] = survivor
                if table == "link" and row["a_id"] > row["b_id"]:
                    row["a_id"], row["b_id"] = row["b_id"], row["a_id"]
                self._insert(table, row, ignore=True)
                moved.append([column, row["id"]])
        return moved

    # unmerging ---------------------------------------------------------------------------

    def _restore_owned(
        self, table: str, rows: list[Row], brought: list[int], absorbed: int
    ) -> None:
        self.db.execute(
            f"UPDATE {table} SET person_id = ? WHERE id IN ({_marks(brought)})",
            (absorbed, *brought),
        )
        for row in rows:
            if row["id"] not in brought:
                self._insert(table, row, ignore=True)

    def _restore_pairs(
        self, table: str, key: str, rows: list[Row], brought: list[int], survivor: int
    ) -> None:
        self.db.execute(
            f"DELETE FROM {table} WHERE person_id = ? AND {key} IN ({_marks(brought)})",
            (survivor, *brought),
        )
        for row in rows:
            self._insert(table, row, ignore=True)

    def _restore_keyed(
        self, table: str, key: str, rows: list[Row], moved: list[Any], absorbed: int, survivor: int
    ) -> None:
        """Move back what was moved; re-insert what went with the absorbed person, if what it
        hangs on is still there (an interaction gone since is forgotten, as its deletion does)."""
        self.db.execute(
            f"UPDATE {table} SET person_id = ? WHERE person_id = ? AND {key} IN ({_marks(moved)})",
            (absorbed, survivor, *moved),
        )
        for row in rows:
            if table in PARENTS:
                column, parent, parent_key = PARENTS[table]
                if not self._rows(parent, f"{parent_key} = ?", (row[column],)):
                    continue
            if table == "plan_pick":  # within the week's budget
                PlanRepo(self.db).restore(row)
                continue
            if row.get("interaction_id") and not self._rows(
                "interaction", "id = ?", (row["interaction_id"],)
            ):
                row["interaction_id"] = None
            self._insert(table, row, ignore=True)

    def _restore_sources(self, rows: list[Row], brought: list[list[str]]) -> None:
        for source, source_id in brought:
            self.db.execute(
                "DELETE FROM person_source WHERE source = ? AND source_id = ?", (source, source_id)
            )
        for row in rows:
            self._insert("person_source", row, ignore=True)

    def _restore_aliases(self, snapshot: dict[str, list[Row]], brought: list[str]) -> None:
        self.db.execute(
            f"DELETE FROM person_uid_alias WHERE uid IN ({_marks(brought)})", tuple(brought)
        )
        for row in snapshot["person_uid_alias"]:
            self._insert("person_uid_alias", row, ignore=True)

    def _restore_between(
        self,
        table: str,
        columns: tuple[str, str],
        moved: list[list[Any]],
        absorbed: int,
        survivor: int,
    ) -> None:
        for column, row_id in moved:
            found = self._rows(table, "id = ?", (row_id,))
            if not found:
                continue
            row = found[0]
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
            if table == "link":
                a, b = row["a_id"], row["b_id"]
                other = b if a == survivor else a
                row["a_id"], row["b_id"] = sorted((absorbed, other))
            else:
                row[column] = absorbed
            self._insert(table, row, ignore=True)

    # rows ---------------------------------------------------------------------------------

    def _rows(self, table: str, where: str, params: tuple[Any, ...]) -> list[Row]:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE {where}", params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _insert(self, table: str, row: Row, ignore: bool = False) -> None:
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        names = ", ".join(row)
        self.db.execute(
            f"{verb} INTO {table} ({names}) VALUES ({_marks(list(row))})", tuple(row.values())
        )


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))
