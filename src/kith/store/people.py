"""People: the person row, lookups by id, uid, name and identity, and the search rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import repeat
from typing import Any

from kith.clock import to_utc_text
from kith.model import Birthday, Person, PersonHead, PersonRef
from kith.store.cards import CardReader
from kith.store.rows import chunks, column, day, instant, placeholders

PERSON_COLUMNS = (
    "id, uid, display_name, given_name, family_name, additional_names, prefix, suffix, nickname,"
    " birthday_month, birthday_day, birthday_year, how_met, met_where, met_through_id,"
    " met_event_id, known_since, depth, kind, archived, created_at, updated_at,"
    " last_contact_at, interaction_count, vcard_extra, closeness"
)
EDITABLE = frozenset(
    {
        "display_name",
        "given_name",
        "family_name",
        "additional_names",
        "prefix",
        "suffix",
        "nickname",
        "birthday_month",
        "birthday_day",
        "birthday_year",
        "how_met",
        "met_where",
        "met_through_id",
        "met_event_id",
        "known_since",
        "depth",
        "kind",
        "archived",
        "closeness",
    }
)


class PersonRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.cards = CardReader(connection)

    def insert(
        self,
        *,
        uid: str,
        name: str,
        name_key: str,
        now: str,
        person_id: int | None = None,
        **fields: Any,
    ) -> int:
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValueError(f"not person columns: {sorted(unknown)}")
        names = ["id", "uid", "display_name", "name_key", "created_at", "updated_at", *fields]
        values = [person_id, uid, name, name_key, now, now, *fields.values()]
        cursor = self.db.execute(
            f"INSERT INTO person ({','.join(names)}) VALUES ({placeholders(len(names))})", values
        )
        return int(cursor.lastrowid or 0)

    def update(self, person_id: int, now: str, **fields: Any) -> None:
        unknown = set(fields) - EDITABLE - {"name_key"}
        if unknown:
            raise ValueError(f"not person columns: {sorted(unknown)}")
        assignments = "".join(f"{name} = ?, " for name in fields)
        self.db.execute(
            f"UPDATE person SET {assignments}updated_at = ? WHERE id = ?",
            (*fields.values(), now, person_id),
        )

    def touch(self, person_id: int, now: str) -> None:
        self.db.execute("UPDATE person SET updated_at = ? WHERE id = ?", (now, person_id))

    def delete(self, person_id: int) -> None:
        """Delete the person (their rows go by the schema's cascades), after counting the places
        their picks in the weekly plan free (the next read of the week fills them)."""
        from kith.store.week.plan import PlanRepo

        PlanRepo(self.db).release(person_id)
        self.db.execute("DELETE FROM person_fts WHERE rowid = ?", (person_id,))
        self.db.execute("DELETE FROM name_trigram WHERE rowid = ?", (person_id,))
        self.db.execute("DELETE FROM person WHERE id = ?", (person_id,))

    def name_key(self, person_id: int) -> str | None:
        row = self.db.execute("SELECT name_key FROM person WHERE id = ?", (person_id,)).fetchone()
        return None if row is None else str(row[0])

    def exists(self, person_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM person WHERE id = ?", (person_id,)).fetchone()
        return row is not None

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM person").fetchone()[0])

    def all_ids(self) -> list[int]:
        return column(self.db, "SELECT id FROM person ORDER BY id")

    # lookups -------------------------------------------------------------------------------

    def id_for_uid(self, uid: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM person WHERE uid = ? UNION ALL "
            "SELECT person_id FROM person_uid_alias WHERE uid = ?",
            (uid, uid),
        ).fetchone()
        return int(row[0]) if row else None

    def ids_for_identity(self, kind: str, value: str) -> list[int]:
        return column(
            self.db,
            "SELECT DISTINCT person_id FROM identity WHERE kind = ? AND value = ?",
            (kind, value),
        )

    def ids_for_name_key(self, name_key: str) -> list[int]:
        return column(self.db, "SELECT id FROM person WHERE name_key = ? ORDER BY id", (name_key,))

    def has_handle_of(self, person_id: int, app: str) -> bool:
        """Whether this person has a chat handle of `app` (`whatsapp:...`, `telegram:...`)."""
        prefix = f"{app}:"
        return (
            self.db.execute(
                "SELECT 1 FROM identity WHERE person_id = ? AND kind = 'handle' "
                "AND substr(value, 1, ?) = ? LIMIT 1",
                (person_id, len(prefix), prefix),
            ).fetchone()
            is not None
        )

    def ids_for_word_prefix(self, folded: str) -> list[int]:
        """People one of whose name words starts with `folded` (given or family name)."""
        pattern = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column(
            self.db,
            "SELECT id FROM person WHERE name_key LIKE ? ESCAPE '\\' "
            "OR name_key LIKE ? ESCAPE '\\' ORDER BY id",
            (f"{pattern}%", f"% {pattern}%"),
        )

    def names_sharing_trigrams(self, folded: str, limit: int = 50) -> list[tuple[int, str]]:
        """Up to `limit` people whose folded names share three-letter runs with `folded`."""
        grams = {folded[i : i + 3] for i in range(len(folded) - 2)} - {""}
        grams = {g for g in grams if '"' not in g}
        if not grams:
            return []
        match = " OR ".join(f'"{g}"' for g in sorted(grams))
        rows = self.db.execute(
            "SELECT p.id, p.display_name FROM name_trigram t JOIN person p ON p.id = t.rowid "
            "WHERE name_trigram MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def all_names(self) -> list[tuple[int, str]]:
        rows = self.db.execute("SELECT id, display_name FROM person ORDER BY id")
        return [(int(r[0]), str(r[1])) for r in rows]

    def refs(self, ids: Iterable[int]) -> dict[int, PersonRef]:
        wanted = list(dict.fromkeys(ids))
        found: dict[int, PersonRef] = {}
        for chunk in chunks(wanted):
            rows = self.db.execute(
                "SELECT id, uid, display_name FROM person "
                f"WHERE id IN ({placeholders(len(chunk))})",
                chunk,
            )
            for r in rows:
                found[int(r[0])] = PersonRef(int(r[0]), str(r[1]), str(r[2]))
        return found

    # reading people ------------------------------------------------------------------------

    def get(self, person_id: int, *, detail: bool = True) -> Person | None:
        people = self.load([person_id], detail=detail)
        return people[0] if people else None

    def load(self, ids: Sequence[int], *, detail: bool = False) -> list[Person]:
        """People in the order of `ids`, with the card's head (or all of it with `detail`)."""
        by_id: dict[int, Person] = {}
        for chunk in chunks(list(ids)):
            rows = self.db.execute(
                f"SELECT {PERSON_COLUMNS} FROM person WHERE id IN ({placeholders(len(chunk))})",
                chunk,
            )
            for row in rows:
                by_id[int(row[0])] = _person(row)
        people = [by_id[i] for i in ids if i in by_id]
        self.cards.fill(people, detail=detail)
        if detail:
            self._fill_met(people)
        return people

    def _fill_met(self, people: list[Person]) -> None:
        """Whom and where they were met through: one query for the people who have either."""
        by_id = {p.id: p for p in people}
        for chunk in chunks(list(by_id)):
            for pid, tid, uid, name, event in self.db.execute(
                "SELECT p.id, t.id, t.uid, t.display_name, e.name FROM person p "
                "LEFT JOIN person t ON t.id = p.met_through_id "
                "LEFT JOIN event e ON e.id = p.met_event_id "
                f"WHERE p.id IN ({placeholders(len(chunk))}) "
                "AND (p.met_through_id IS NOT NULL OR p.met_event_id IS NOT NULL)",
                chunk,
            ):
                person = by_id[int(pid)]
                if tid is not None:
                    person.met_through = PersonRef(int(tid), str(uid), str(name))
                person.met_event = event

    def add_vcard_lines(self, person_id: int, lines: Sequence[str]) -> None:
        """Keep more of a card's unmapped lines (the caller passes only new ones)."""
        self.db.execute(
            "UPDATE person SET vcard_extra = CASE WHEN vcard_extra IS NULL OR vcard_extra = '' "
            "THEN ? ELSE vcard_extra || char(10) || ? END WHERE id = ?",
            ("\n".join(lines), "\n".join(lines), person_id),
        )

    def set_met(self, person_id: int, **fields: object) -> None:
        """Set met_through_id / met_event_id without touching updated_at (import fix-ups)."""
        allowed = {"met_through_id", "met_event_id"}
        if set(fields) - allowed:
            raise ValueError(f"not met columns: {sorted(set(fields) - allowed)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE person SET {assignments} WHERE id = ?", (*fields.values(), person_id)
        )

    def met_ids(self, person_id: int) -> tuple[int | None, int | None]:
        row = self.db.execute(
            "SELECT met_through_id, met_event_id FROM person WHERE id = ?", (person_id,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def heads(self, ids: Sequence[int]) -> list[PersonHead]:
        """The heads of these people's cards, in the order of `ids`: one query per 500."""
        by_id: dict[int, PersonHead] = {}
        for chunk in chunks(list(ids)):
            rows = self.db.execute(f"{HEAD_SQL} WHERE p.id IN ({placeholders(len(chunk))})", chunk)
            for row in rows:
                by_id[int(row[0])] = _head(row)
        return [by_id[i] for i in ids if i in by_id]

    def lines(self, ids: Sequence[int]) -> list[Line]:
        """What `kith list` prints of these people, in the order of `ids`: many at once read
        three tables through once each (no per-person subqueries), a few by id."""
        if len(ids) < LINES_BY_SCAN:
            return [
                (h.id, h.name, h.company or "", ", ".join(h.tags), _text(h.last_contact_at))
                for h in self.heads(ids)
            ]
        names = {int(r[0]): (r[1], r[2]) for r in self.db.execute(LINE_NAMES_SQL)}
        return self.named_lines([(i, *names[i]) for i in ids])

    def named_lines(self, named: Sequence[tuple[int, str, str | None]]) -> list[Line]:
        """`lines` of people whose (id, name, last contact) the caller read already, in that
        order: the tags and current jobs of everyone read in one pass each (of a few, such as
        a name's matches, by id)."""
        if len(named) < LINES_BY_SCAN:
            return self.lines([i for i, _, _ in named])
        return list(zip(*self.named_columns(named), strict=True))

    def columns(self, ids: Sequence[int]) -> Columns:
        """`lines` as five columns (ids, names, companies, tags, last contacts)."""
        lines = self.lines(ids)
        if not lines:
            return (), (), (), (), ()
        found, names, companies, tags, lasts = zip(*lines, strict=True)
        return found, names, companies, tags, lasts

    def named_columns(self, named: Sequence[tuple[int, str, str | None]]) -> Columns:
        """`named_lines` as five columns (ids, names, companies, tags, last contacts), each
        filled by the C loops of `zip` and `map` (no Python line per person): what a face that
        prints thousands formats column by column. Tags and companies by a pass over each
        table."""
        if len(named) < LINES_BY_SCAN:
            return self.columns([i for i, _, _ in named])
        ids, names, lasts = zip(*named, strict=True) if named else ((), (), ())
        tags: dict[int, list[str]] = {}
        tag_names = dict(self.db.execute("SELECT id, name FROM tag").fetchall())
        for person_id, tag_id in self.db.execute(LINE_TAGS_SQL):  # no lookup of a tag each
            tags.setdefault(person_id, []).append(tag_names[tag_id])
        # the current job first in (position, id) order: read backwards, the last write wins
        companies = dict(self.db.execute(LINE_COMPANIES_SQL).fetchall())
        joined = {i: ", ".join(sorted(found, key=str.casefold)) for i, found in tags.items()}
        return (
            ids,
            names,
            tuple(map(companies.get, ids, repeat(""))),
            tuple(map(joined.get, ids, repeat(""))) if joined else ("",) * len(ids),
            lasts,
        )

    # search rows ----------------------------------------------------------------------------

    def refresh_search(self, person_ids: Iterable[int]) -> None:
        """Rewrite the full-text and trigram rows of these people from their cards."""
        for person_id in person_ids:
            self.db.execute("DELETE FROM person_fts WHERE rowid = ?", (person_id,))
            self.db.execute("DELETE FROM name_trigram WHERE rowid = ?", (person_id,))
            self.db.execute(SEARCH_ROW_SQL, (person_id,))
            self.db.execute(
                "INSERT INTO name_trigram(rowid, name_key) "
                "SELECT id, name_key FROM person WHERE id = ?",
                (person_id,),
            )

    def rebuild_search(self) -> None:
        self.db.execute("DELETE FROM person_fts")
        self.db.execute("DELETE FROM name_trigram")
        self.db.execute(SEARCH_ROW_SQL.replace("WHERE p.id = ?", ""))
        self.db.execute("INSERT INTO name_trigram(rowid, name_key) SELECT id, name_key FROM person")


SEARCH_ROW_SQL = """
INSERT INTO person_fts(rowid, name, company, notes, interests, working_on)
SELECT p.id,
       p.display_name || ' ' || p.name_key || ' ' || coalesce(p.nickname, ''),
       (SELECT group_concat(o.name || coalesce(' ' || e.title, ''), ' ')
          FROM employment e JOIN organisation o ON o.id = e.organisation_id
         WHERE e.person_id = p.id),
       coalesce(p.how_met, '') || ' ' || coalesce(p.met_where, '') || ' '
         || coalesce((SELECT group_concat(n.text, ' ') FROM note n WHERE n.person_id = p.id), ''),
       (SELECT group_concat(f.text, ' ') FROM facet f WHERE f.person_id = p.id),
       (SELECT group_concat(w.text, ' ') FROM working_on w WHERE w.person_id = p.id)
  FROM person p WHERE p.id = ?
"""


SEP = "\x1f"  # unit separator: joins a person's e-mails, phones or tags in one column
HEAD_SQL = f"""
SELECT p.id, p.uid, p.display_name, p.kind, p.archived, p.last_contact_at, p.interaction_count,
  (SELECT group_concat(value, '{SEP}') FROM (SELECT value FROM identity
     WHERE person_id = p.id AND kind = 'email' ORDER BY position, id)),
  (SELECT group_concat(value, '{SEP}') FROM (SELECT value FROM identity
     WHERE person_id = p.id AND kind = 'phone' ORDER BY position, id)),
  (SELECT group_concat(name, '{SEP}') FROM (SELECT t.name FROM person_tag pt
     JOIN tag t ON t.id = pt.tag_id WHERE pt.person_id = p.id)),
  (SELECT o.name || '{SEP}' || coalesce(e.title, '') FROM employment e
     JOIN organisation o ON o.id = e.organisation_id
     WHERE e.person_id = p.id AND e.end_day IS NULL ORDER BY e.position, e.id LIMIT 1)
FROM person p"""


# A person as `kith list` prints them: id, name, company, tags (sorted, joined by ", ") and the
# last contact as stored (UTC text, or None).
Line = tuple[int, str, str, str, str | None]
# the same people as five columns: ids, names, companies, tags, last contacts
Columns = tuple[Sequence[int], Sequence[str], Sequence[str], Sequence[str], Sequence[str | None]]
LINES_BY_SCAN = 2_000  # from this many people on, `lines` reads whole tables
LINE_NAMES_SQL = "SELECT id, display_name, last_contact_at FROM person"
LINE_TAGS_SQL = "SELECT person_id, tag_id FROM person_tag"
# a scan of the table and a sort: cheaper for everyone than a lookup per row from the index
LINE_COMPANIES_SQL = """
SELECT e.person_id, o.name FROM employment e NOT INDEXED
JOIN organisation o ON o.id = e.organisation_id
WHERE e.end_day IS NULL ORDER BY e.person_id DESC, e.position DESC, e.id DESC"""


def _head(row: tuple[Any, ...]) -> PersonHead:
    company, _, title = (row[10] or "").partition(SEP)
    return PersonHead(
        id=int(row[0]),
        uid=row[1],
        name=row[2],
        kind=row[3],
        archived=bool(row[4]),
        last_contact_at=instant(row[5]),
        interaction_count=int(row[6]),
        emails=_split(row[7]),
        phones=_split(row[8]),
        tags=sorted(_split(row[9]), key=str.casefold),
        company=company or None,
        title=title or None,
    )


def _text(moment: datetime | None) -> str | None:
    return to_utc_text(moment) if moment else None


def _split(joined: str | None) -> list[str]:
    return joined.split(SEP) if joined else []


def _person(row: sqlite3.Row | tuple[Any, ...]) -> Person:
    birthday = Birthday(row[9], row[10], row[11]) if row[9] and row[10] else None
    return Person(
        id=int(row[0]),
        uid=row[1],
        name=row[2],
        given_name=row[3],
        family_name=row[4],
        additional_names=row[5],
        prefix=row[6],
        suffix=row[7],
        nickname=row[8],
        birthday=birthday,
        how_met=row[12],
        met_where=row[13],
        known_since=day(row[16]),
        depth=row[17],
        kind=row[18],
        archived=bool(row[19]),
        created_at=instant(row[20]),
        updated_at=instant(row[21]),
        last_contact_at=instant(row[22]),
        interaction_count=int(row[23]),
        vcard_extra=row[24].split("\n") if row[24] else [],
        closeness=row[25],
    )
