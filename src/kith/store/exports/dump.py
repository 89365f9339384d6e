"""Reading the whole database in id order for an export, with people named by their uid.

Instants stay in their stored form (ISO 8601 in UTC with a Z), which is also the export's form:
parsing and formatting again a million timestamps would be most of an export's time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kith.store.exports.export_sql import INSTANT_GLOB, empty_tables, without_empty
from kith.store.rows import chunks, placeholders


@dataclass(frozen=True)
class EventRow:
    """An event, as the export reads it."""

    id: int
    name: str
    day: str
    place: str | None
    kind: str | None
    created_at: str
    attendees: tuple[str, ...]  # uids, in person id order
    remarks: tuple[tuple[str, str], ...] = ()  # (uid, what stood out when you met there)


@dataclass(frozen=True)
class InteractionRow:
    """An interaction, as the export reads it."""

    id: int
    at: str
    channel: str
    direction: str
    kind: str
    summary: str
    notes: str | None
    event_id: int | None
    source: str | None
    source_id: str | None
    created_at: str
    topic: str | None
    duration: int | None
    participants: tuple[str, ...] = field(kw_only=True)  # uids, in person id order


@dataclass(frozen=True)
class LinkRow:
    """A link between two people, as the export reads it."""

    a: str
    b: str
    kind: str
    count: int
    evidence: str | None
    last_at: str | None


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship between two people, as the export reads it."""

    a: str
    b: str
    type: str
    created_at: str


@dataclass(frozen=True)
class ReferralRow:
    """A referral, as the export reads it."""

    referrer: str
    referred: str
    note: str | None
    created_at: str
    followed_up_at: str | None
    thanked_at: str | None


@dataclass(frozen=True)
class IntroductionRow:
    """An introduction, as the export reads it."""

    a: str
    b: str
    why: str | None
    state: str
    outcome: str | None
    created_at: str
    updated_at: str
    declined_by: str | None = None  # 'a' or 'b' (migration 0012)


@dataclass(frozen=True)
class PersonPlanRow:
    """A person's choices for the weekly plan (the person columns of migration 0007, and the
    let-go of migration 0009)."""

    pinned: bool
    muted: bool
    snoozed_until: str | None
    cadence_days: float | None
    cadence_max_days: float | None
    let_go_at: str | None


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up, as the export reads it."""

    id: int
    person: str
    text: str
    owner: str
    due: str | None
    created_at: str
    done_at: str | None
    done_note: str | None
    interaction_id: int | None


@dataclass(frozen=True)
class ShareRow:
    """An article shared with a person, as the export reads it."""

    person: str
    at: str
    interaction_id: int | None


@dataclass(frozen=True)
class ArticleRow:
    """A saved article, as the export reads it."""

    id: int
    url: str
    title: str | None
    note: str | None
    saved_at: str
    topics: tuple[str, ...]  # alphabetical
    shares: tuple[ShareRow, ...]  # in the order they happened


@dataclass(frozen=True)
class WantRow:
    """Someone the user wants to meet, as the export reads it."""

    person: str
    why: str | None
    created_at: str
    met_at: str | None


@dataclass(frozen=True)
class SkipRow:
    """A pick of the weekly plan skipped, as the export reads it."""

    person: str
    at: str


# An interaction's export entry (services.exports.transfer._interaction) as JSON text, keys in the
# same order, separated compactly (`,` and `:`, as transfer's encoder); the participants' uids in
# person id order. Each entry on its own: the way for a batch interaction_block does not hold.
INTERACTION_TEXT_SQL = """
SELECT i.id, CASE WHEN coalesce(i.source_id, '') = '' THEN NULL ELSE printf(
  '{"id":%d,"at":%s,"channel":%s,"direction":%s,"kind":%s,"summary":%s,'
  || '"notes":%s,"topic":%s,"duration":%s,"participants":%s,"event":%s,"source":%s,'
  || '"source_id":%s,"created_at":%s}',
  i.id, json_quote(i.at), json_quote(i.channel), json_quote(i.direction), json_quote(i.kind),
  json_quote(i.summary), json_quote(i.notes), json_quote(i.topic), json_quote(i.duration),
  (SELECT '[' || coalesce(group_concat(uid, ','), '') || ']' FROM (
     SELECT json_quote(p.uid) AS uid FROM participant pa JOIN person p ON p.id = pa.person_id
      WHERE pa.interaction_id = i.id ORDER BY pa.person_id)),
  CASE WHEN i.event_id IS NULL THEN 'null' ELSE json_quote('event-' || i.event_id) END,
  json_quote(i.source), json_quote(i.source_id), json_quote(i.created_at)) END
FROM interaction i WHERE i.id > ? ORDER BY i.id LIMIT ?"""

# A batch of interactions' entries in one text (joined by ENTRY_SEPARATOR, as UTF-8 bytes: the
# export writes them as they come), each written by SQLite's json_object (compact, keys in
# transfer._interaction's order, every text escaped as Python's encoder escapes it: checked
# once for an export, JSON_PROBE), so no value needs checking in Python. Also, in one aggregate
# (one step for each entry, where two cost 3% more): the word real for an entry whose duration
# is a real (SQLite writes one otherwise than Python), and the ids of those without a source id
# of their own, written with an empty one that the export replaces by their `kith:` key.
ENTRY_SEPARATOR = ",\n    "
# ENTRY_SEPARATOR as an SQL literal: a constant, where ',' || char(10) || '    ', an expression,
# is worked out again (a string allocated) for every entry group_concat joins
SEPARATOR_SQL = "'" + ENTRY_SEPARATOR + "'"
INTERACTION_BLOCK_SQL = f"""
SELECT CAST(group_concat(line, {SEPARATOR_SQL}) AS BLOB), count(*), max(id),
  group_concat(CASE WHEN real THEN 'real' WHEN source_id = '' THEN id END)
FROM (SELECT i.id, i.source_id, json_object('id', i.id, 'at', i.at, 'channel', i.channel,
  'direction', i.direction, 'kind', i.kind, 'summary', i.summary, 'notes', i.notes,
  'topic', i.topic, 'duration', i.duration, 'participants', :participants,
  'event', 'event-' || i.event_id, 'source', i.source, 'source_id', i.source_id,
  'created_at', i.created_at) AS line, typeof(i.duration) = 'real' AS real
FROM :rows)"""
_BLOCK_SQL = INTERACTION_BLOCK_SQL
# (json() marks the subquery's text as JSON, which json_object then holds as it is)
INTERACTION_BLOCK_SQL = _BLOCK_SQL.replace(
    ":participants",
    """json((SELECT json_group_array(uid) FROM (
     SELECT p.uid AS uid FROM participant pa JOIN person p ON p.id = pa.person_id
      WHERE pa.interaction_id = i.id ORDER BY pa.person_id)))""",
).replace(":rows", "interaction i WHERE i.id > ? ORDER BY i.id LIMIT ?")
# The same block for the interactions with ids in (?, ?] when each has one participant, which
# BLOCK_RANGE_SQL tells (most do: a message, a call): that participant joined to the row, not
# looked up by a subquery for each interaction. No max(id): the block ends at the range's end.
ONE_PARTICIPANT_SCAN_SQL = (
    _BLOCK_SQL.replace(":participants", "json_array(p.uid)")
    .replace("max(id)", "NULL")
    .replace(
        ":rows",
        "interaction i CROSS JOIN participant pa ON pa.interaction_id = i.id "
        "CROSS JOIN person p ON p.id = pa.person_id WHERE i.id > ? AND i.id <= ?",
    )
)
# Its rows in id order, said: an ORDER BY keeps SQLite from merging the subquery into the
# aggregate, so each entry is copied once more (2% of an export's instructions). Without it the
# rows come in the order SQLite's loops read them, which is id order when its plan is SCAN_PLAN
# (DumpReader._joined): the interactions read by a range of ids, ascending, each one's
# participant and person looked up inside that loop.
ONE_PARTICIPANT_BLOCK_SQL = ONE_PARTICIPANT_SCAN_SQL.replace(
    "i.id <= ?)", "i.id <= ? ORDER BY i.id)"
)
SCAN_PLAN = (
    "SEARCH i USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
    "SEARCH pa USING COVERING INDEX participant_interaction (interaction_id=?)",
    "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
)
# The next block's interactions (up to :limit ids above :after): how many, the last id, and how
# many participant rows and interactions with participants there are in that range.
BLOCK_RANGE_SQL = """
SELECT m.n, m.last,
  (SELECT count(*) FROM participant WHERE interaction_id > :after AND interaction_id <= m.last),
  (SELECT count(DISTINCT interaction_id) FROM participant
    WHERE interaction_id > :after AND interaction_id <= m.last)
FROM (SELECT count(*) AS n, max(id) AS last FROM (
  SELECT id FROM interaction WHERE id > :after ORDER BY id LIMIT :limit)) m"""
# every character Python's encoder escapes, and some it writes as they are (accents, emoji, the
# line separators a JavaScript string may not hold, DEL): json_object must write this text as
# Python's encoder does (ensure_ascii off) for a block to be used
JSON_PROBE = "".join(chr(c) for c in range(128)) + "é 😀 \u2028 \u2029 </script>"


@dataclass(frozen=True)
class Block:
    """Several entries' JSON text as UTF-8, joined by ENTRY_SEPARATOR; the id of the last; the
    ids of the entries written with an empty source id, whose `kith:` key the export puts in."""

    data: bytes
    count: int
    last_id: int
    keyless: tuple[int, ...] = ()


# the kept vCard lines are split where their line ends were: each replaced by a unit separator,
# which json_quote writes as this escape (a card holding either, as such, is left to Python)
UNIT_SEPARATOR = "\\u001f"
DAY_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


def json_list(select: str) -> str:
    """A JSON array, as Python's encoder writes it, of one JSON text per row of `select`
    (a subquery whose single column is named q, in the order it gives)."""
    return f"(SELECT '[' || coalesce(group_concat(q, ','), '') || ']' FROM ({select}))"


def _exact_number(column: str) -> str:
    """Whether SQLite writes the number in `column` as Python's encoder would: any integer,
    and a real only when it is a whole number below 1e14 (both then write e.g. 14.0)."""
    whole = f"{column} = CAST({column} AS INTEGER) AND abs({column}) < 1e14"
    return f"(typeof({column}) != 'real' OR ({whole}))"


def _facets(kind: str) -> str:
    return json_list(
        f"SELECT json_quote(text) AS q FROM facet WHERE person_id = p.id AND kind = '{kind}' "
        "ORDER BY id"
    )


ALIASES_JSON = json_list(
    "SELECT json_quote(uid) AS q FROM person_uid_alias WHERE person_id = p.id ORDER BY uid"
)
# (a kind is one of a few words, the tables' CHECKs: printed between quotes as it is)
IDENTITIES_JSON = json_list(
    'SELECT printf(\'{"kind":"%s","value":%s,"raw":%s,"label":%s,'
    '"shared":%s,"verified":%s}\', kind, json_quote(value), json_quote(raw), '
    "json_quote(label), CASE WHEN shared THEN 'true' ELSE 'false' END, "
    "CASE WHEN verified THEN 'true' ELSE 'false' END) AS q FROM identity "
    "WHERE person_id = p.id ORDER BY position, id"
)
TAGS_JSON = json_list(
    "SELECT json_quote(t.name) AS q FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
    "WHERE pt.person_id = p.id ORDER BY t.name COLLATE NOCASE"
)
ADDRESSES_JSON = json_list(
    'SELECT printf(\'{"label":%s,"street":%s,"city":%s,"region":%s,'
    '"postcode":%s,"country":%s}\', json_quote(label), json_quote(street), '
    "json_quote(city), json_quote(region), json_quote(postcode), json_quote(country)) AS q "
    "FROM address WHERE person_id = p.id ORDER BY id"
)
JOBS_JSON = json_list(
    'SELECT printf(\'{"organisation":%s,"title":%s,"start":%s,"end":%s,'
    '"domain":%s}\', json_quote(o.name), json_quote(e.title), json_quote(e.start_day), '
    "json_quote(e.end_day), json_quote(o.domain)) AS q FROM employment e "
    "JOIN organisation o ON o.id = e.organisation_id WHERE e.person_id = p.id "
    "ORDER BY e.position, e.id"
)
WORKING_ON_JSON = json_list(
    'SELECT printf(\'{"text":%s,"as_of":%s}\', json_quote(text), json_quote(as_of)) AS q '
    "FROM working_on WHERE person_id = p.id ORDER BY as_of, id"
)
NOTES_JSON = json_list(
    'SELECT printf(\'{"kind":%s,"text":%s,"created_at":%s}\', json_quote(kind), '
    "json_quote(text), json_quote(created_at)) AS q FROM note WHERE person_id = p.id "
    "ORDER BY created_at, id"
)


FACETS_JSON = {kind: _facets(kind) for kind in ("interest", "need", "offer")}
# the kept vCard lines, each a text
VCARD_EXTRA_JSON = f"""CASE WHEN coalesce(p.vcard_extra, '') = '' THEN '[]'
    ELSE '[' || replace(json_quote(replace(p.vcard_extra, char(10), char(31))),
      '{UNIT_SEPARATOR}', '","') || ']' END"""

# Whether SQLite writes the entry of person p as Python would; not for a real number that is not
# whole (`_exact_number`), kept vCard lines holding a unit separator or its escape
# (UNIT_SEPARATOR), an instant or a day not in the stored form, and the people BUILT_PEOPLE_SQL
# lists (:built_people, filled in by DumpReader).
PERSON_EXACT = f"""{_exact_number("p.closeness")} AND {_exact_number("p.depth")}
  AND {_exact_number("p.cadence_days")} AND {_exact_number("p.cadence_max_days")}
  AND instr(coalesce(p.vcard_extra, ''), char(31)) = 0
  AND instr(coalesce(p.vcard_extra, ''), '{UNIT_SEPARATOR}') = 0
  AND p.created_at GLOB {INSTANT_GLOB} AND p.updated_at GLOB {INSTANT_GLOB}
  AND (p.known_since IS NULL OR p.known_since = '' OR p.known_since GLOB {DAY_GLOB})
  AND p.id NOT IN (:built_people)"""

# Each person's JSON export entry (services.exports.transfer's _person_head, _person_card and plan
# columns, in that order), written by SQLite; NULL where PERSON_EXACT does not hold.
PERSON_TEXT_SQL = f"""
SELECT p.id, CASE WHEN {PERSON_EXACT}
THEN printf(
  '{{"id":%d,"uid":%s,"uid_aliases":%s,"name":%s,"given_name":%s,"family_name":%s,'
  || '"additional_names":%s,"prefix":%s,"suffix":%s,"nickname":%s,"birthday":%s,'
  || '"how_met":%s,"met_where":%s,"met_through":%s,"met_event":%s,"known_since":%s,'
  || '"depth":%s,"kind":"%s","archived":%s,"created_at":%s,"updated_at":%s,'
  || '"identities":%s,"tags":%s,"interests":%s,"needs":%s,"offers":%s,'
  || '"addresses":%s,"jobs":%s,"working_on":%s,"notes":%s,"vcard_extra":%s,'
  || '"closeness":%s,"pinned":%s,"muted":%s,"snoozed_until":%s,"cadence_days":%s,'
  || '"cadence_max_days":%s,"let_go_at":%s}}',
  p.id, json_quote(p.uid),
  {ALIASES_JSON},
  json_quote(p.display_name), json_quote(p.given_name), json_quote(p.family_name),
  json_quote(p.additional_names), json_quote(p.prefix), json_quote(p.suffix),
  json_quote(p.nickname),
  CASE WHEN p.birthday_month AND p.birthday_day THEN json_quote(CASE WHEN p.birthday_year
    THEN printf('%04d-%02d-%02d', p.birthday_year, p.birthday_month, p.birthday_day)
    ELSE printf('--%02d-%02d', p.birthday_month, p.birthday_day) END) ELSE 'null' END,
  json_quote(p.how_met), json_quote(p.met_where), json_quote(t.uid),
  CASE WHEN p.met_event_id THEN json_quote('event-' || p.met_event_id) ELSE 'null' END,
  CASE WHEN p.known_since IS NULL OR p.known_since = '' THEN 'null'
    ELSE json_quote(p.known_since) END,
  json_quote(p.depth), p.kind, CASE WHEN p.archived THEN 'true' ELSE 'false' END,
  json_quote(p.created_at), json_quote(p.updated_at),
  {IDENTITIES_JSON},
  {TAGS_JSON},
  {FACETS_JSON["interest"]}, {FACETS_JSON["need"]}, {FACETS_JSON["offer"]},
  {ADDRESSES_JSON},
  {JOBS_JSON},
  {WORKING_ON_JSON},
  {NOTES_JSON},
  {VCARD_EXTRA_JSON},
  json_quote(p.closeness), CASE WHEN p.pinned THEN 'true' ELSE 'false' END,
  CASE WHEN p.muted THEN 'true' ELSE 'false' END, json_quote(p.snoozed_until),
  json_quote(p.cadence_days), json_quote(p.cadence_max_days), json_quote(g.at)) END
FROM person p LEFT JOIN person t ON t.id = p.met_through_id
LEFT JOIN let_go g ON g.person_id = p.id"""

# The people with a row of another table their entry SQLite would write otherwise than Python,
# listed once for an export (not looked up for each person): a tag that is not ASCII (NOCASE
# sorts those otherwise than casefold), a note's instant or a working_on's day not in the stored
# form.
BUILT_PEOPLE_SQL = f"""
SELECT pt.person_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id WHERE t.name GLOB '*[^ -~]*'
UNION SELECT person_id FROM note WHERE created_at NOT GLOB {INSTANT_GLOB}
UNION SELECT person_id FROM working_on WHERE as_of NOT GLOB {DAY_GLOB}"""

# Each table a person's entry lists rows of, with the subqueries reading it: a table with no
# rows at all (most databases have no aliases, addresses or working_on) is written as no rows
# once, not looked up for every person (`without_empty`).
PERSON_LISTS = {
    "person_uid_alias": (ALIASES_JSON,),
    "identity": (IDENTITIES_JSON,),
    "person_tag": (TAGS_JSON,),
    "facet": tuple(FACETS_JSON.values()),
    "address": (ADDRESSES_JSON,),
    "employment": (JOBS_JSON,),
    "working_on": (WORKING_ON_JSON,),
    "note": (NOTES_JSON,),
}


def _utf8(data: bytes) -> bool:
    """Whether a block's text is UTF-8: SQLite holds what it is given, and a text that is not
    goes the old way."""
    if data.isascii():
        return True
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True


INTERACTION_COLUMNS = (
    "id, at, channel, direction, kind, summary, notes, event_id, source, source_id, created_at, "
    "topic, duration"
)


class DumpReader:
    """Everything in the store, table by table; call it inside `store.reading()`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self._json: bool | None = None  # whether json_object escapes as Python, once asked
        self._person_sql: str | None = None  # PERSON_TEXT_SQL for this database, once asked
        self._person_block_sql: str | None = None  # and person_blocks.PERSON_BLOCK_SQL
        self._joining = True  # whether interaction_block still tries ONE_PARTICIPANT_BLOCK_SQL
        self._joined_sql: str | None = None  # and which of its two texts, once asked

    def person_ids(self) -> list[int]:
        """Everyone's id, in order (store.people's, without importing the people's module)."""
        return [i for (i,) in self.db.execute("SELECT id FROM person ORDER BY id")]

    def met(self, person_ids: Iterable[int]) -> dict[int, tuple[str | None, int | None]]:
        """For each person: the uid of who they were met through, and the id of the event."""
        found: dict[int, tuple[str | None, int | None]] = {}
        for chunk in chunks(list(person_ids)):
            rows = self.db.execute(
                "SELECT p.id, t.uid, p.met_event_id FROM person p "
                "LEFT JOIN person t ON t.id = p.met_through_id "
                f"WHERE p.id IN ({placeholders(len(chunk))})",
                chunk,
            )
            for person_id, uid, event_id in rows:
                found[int(person_id)] = (uid, event_id)
        return found

    def person_plan(self, person_ids: Iterable[int]) -> dict[int, PersonPlanRow]:
        found: dict[int, PersonPlanRow] = {}
        for chunk in chunks(list(person_ids)):
            rows = self.db.execute(
                "SELECT p.id, p.pinned, p.muted, p.snoozed_until, p.cadence_days, "
                "p.cadence_max_days, g.at FROM person p LEFT JOIN let_go g ON g.person_id = p.id "
                f"WHERE p.id IN ({placeholders(len(chunk))})",
                chunk,
            )
            for person_id, pinned, muted, until, days, most, let_go in rows:
                found[int(person_id)] = PersonPlanRow(
                    bool(pinned), bool(muted), until, days, most, let_go
                )
        return found

    def events(self) -> list[EventRow]:
        attendees: dict[int, list[str]] = {}
        remarks: dict[int, list[tuple[str, str]]] = {}
        for event_id, uid, about in self.db.execute(
            "SELECT a.event_id, p.uid, a.about FROM attendee a JOIN person p "
            "ON p.id = a.person_id ORDER BY a.event_id, p.id"
        ):
            attendees.setdefault(event_id, []).append(uid)
            if about:
                remarks.setdefault(event_id, []).append((uid, about))
        return [
            EventRow(
                event_id,
                name,
                day,
                place,
                kind,
                created_at,
                tuple(attendees.get(event_id, ())),
                tuple(remarks.get(event_id, ())),
            )
            for event_id, name, day, place, kind, created_at in self.db.execute(
                "SELECT id, name, day, place, kind, created_at FROM event ORDER BY id"
            )
        ]

    def interactions(self, after_id: int, limit: int) -> list[InteractionRow]:
        """Up to `limit` interactions with an id above `after_id`, in id order."""
        rows = self.db.execute(
            f"SELECT {INTERACTION_COLUMNS} FROM interaction WHERE id > ? ORDER BY id LIMIT ?",
            (after_id, limit),
        ).fetchall()
        if not rows:
            return []
        return self._with_participants(
            rows, "pa.interaction_id BETWEEN ? AND ?", (rows[0][0], rows[-1][0])
        )

    def person_texts(self, person_ids: Sequence[int]) -> list[tuple[int, str | None]]:
        """These people in the order given, each as their export entry's JSON text written by
        SQLite (PERSON_TEXT_SQL); None for one whose entry the export builds itself."""
        if self._person_sql is None:
            self._person_sql = self._for_people(PERSON_TEXT_SQL, PERSON_LISTS)
        found: dict[int, str | None] = {}
        for chunk in chunks(list(person_ids)):
            sql = f"{self._person_sql} WHERE p.id IN ({placeholders(len(chunk))})"
            found.update((int(i), text) for i, text in self.db.execute(sql, chunk))
        return [(i, found[i]) for i in person_ids if i in found]

    def person_block(self, person_ids: Sequence[int]) -> Block | None:
        """These people (ids in order, every id between the first and the last) as one text of
        their entries (person_blocks.PERSON_BLOCK_SQL): what person_texts gives them, joined by
        ENTRY_SEPARATOR; None when one of them is left to the export (person_texts then)."""
        if not person_ids or not self._escapes_as_python():
            return None
        if self._person_block_sql is None:
            from kith.store.exports import person_blocks

            sql = person_blocks.PERSON_BLOCK_SQL
            self._person_block_sql = self._for_people(sql, person_blocks.PERSON_BLOCK_LISTS)
        first, last = person_ids[0], person_ids[-1]
        data, count, written = self.db.execute(self._person_block_sql, (first, last)).fetchone()
        if count != len(person_ids) or written != count or not _utf8(data):
            return None
        return Block(data, count, last)

    def _for_people(self, sql: str, lists: dict[str, tuple[str, ...]]) -> str:
        """`sql` for this database: its subqueries over empty tables written as no rows once,
        and the people BUILT_PEOPLE_SQL lists filled in."""
        sql = without_empty(sql, lists, empty_tables(self.db, lists), "'[]'")
        built = ", ".join(str(int(i)) for (i,) in self.db.execute(BUILT_PEOPLE_SQL))
        return sql.replace(":built_people", built)

    def interaction_texts(self, after_id: int, limit: int) -> list[tuple[int, str | None]]:
        """Up to `limit` interactions with an id above `after_id`, in id order, each as its
        export entry's JSON text written by SQLite (json_quote escapes as Python's encoder
        does); None for one without a source id, whose key the export works out itself."""
        rows = self.db.execute(INTERACTION_TEXT_SQL, (after_id, limit)).fetchall()
        return [(int(i), text) for i, text in rows]

    def interaction_block(self, after_id: int, limit: int) -> Block | None:
        """Up to `limit` interactions with an id above `after_id`, in id order, as one text
        (INTERACTION_BLOCK_SQL, or ONE_PARTICIPANT_BLOCK_SQL where BLOCK_RANGE_SQL says each has
        one participant); an empty Block after the last; None when the text would not be what
        Python's encoder writes (interaction_texts then gives the same entries). Once a block
        is not joined, the next ones are not tried (a database with group interactions has
        them throughout, most likely)."""
        if not self._escapes_as_python():
            return None
        row = None
        if self._joining:
            window = {"after": after_id, "limit": limit}
            size, end, uids, involved = self.db.execute(BLOCK_RANGE_SQL, window).fetchone()
            if not size:
                return Block(b"", 0, after_id)
            self._joining = uids == involved == size  # each has one participant
            if self._joining:
                data, count, _, marks = self.db.execute(self._joined(), (after_id, end)).fetchone()
                if count == size:  # else a participant who is not a person
                    row = (data, count, end, marks)
        if row is None:
            row = self.db.execute(INTERACTION_BLOCK_SQL, (after_id, limit)).fetchone()
        data, count, last, marks = row
        if not count:
            return Block(b"", 0, after_id)
        keyless = marks.split(",") if marks else []
        if "real" in keyless or not _utf8(data):
            return None
        return Block(data, count, int(last), tuple(int(i) for i in keyless))

    def _joined(self) -> str:
        """ONE_PARTICIPANT_SCAN_SQL when SQLite reads its rows in id order (SCAN_PLAN, and
        `reverse_unordered_selects` off, which would read the range backwards), else
        ONE_PARTICIPANT_BLOCK_SQL; asked once."""
        if self._joined_sql is None:
            plan = self.db.execute(f"EXPLAIN QUERY PLAN {ONE_PARTICIPANT_SCAN_SQL}", (0, 0))
            (reverse,) = self.db.execute("PRAGMA reverse_unordered_selects").fetchone()
            in_order = tuple(row[3] for row in plan) == SCAN_PLAN and not reverse
            self._joined_sql = ONE_PARTICIPANT_SCAN_SQL if in_order else ONE_PARTICIPANT_BLOCK_SQL
        return self._joined_sql

    def _escapes_as_python(self) -> bool:
        """Whether this SQLite's json_object writes a text as Python's encoder does (JSON_PROBE),
        and holds a json() chosen by CASE as JSON (the people's booleans); asked once."""
        if self._json is None:
            (text,) = self.db.execute(
                "SELECT json_object('k', ?, 'b', CASE WHEN x THEN json('true') "
                "ELSE json('false') END) FROM (SELECT 1 AS x)",
                (JSON_PROBE,),
            ).fetchone()
            expected = json.dumps(JSON_PROBE, ensure_ascii=False)
            self._json = text == '{"k":' + expected + ',"b":true}'
        return self._json

    def interactions_by_id(self, ids: Iterable[int]) -> list[InteractionRow]:
        """These interactions (the ones follow-ups and shares name), in id order."""
        found: list[InteractionRow] = []
        for chunk in chunks(sorted(set(ids))):
            marks = placeholders(len(chunk))
            rows = self.db.execute(
                f"SELECT {INTERACTION_COLUMNS} FROM interaction WHERE id IN ({marks}) ORDER BY id",
                chunk,
            ).fetchall()
            found += self._with_participants(rows, f"pa.interaction_id IN ({marks})", chunk)
        return found

    def _with_participants(
        self, rows: list[Any], where: str, params: Sequence[object]
    ) -> list[InteractionRow]:
        people: dict[int, list[str]] = {}
        for interaction_id, uid in self.db.execute(
            "SELECT pa.interaction_id, p.uid FROM participant pa JOIN person p "
            f"ON p.id = pa.person_id WHERE {where} ORDER BY pa.interaction_id, p.id",
            params,
        ):
            people.setdefault(interaction_id, []).append(uid)
        return [InteractionRow(*row, participants=tuple(people.get(row[0], ()))) for row in rows]

    def links(self) -> Iterator[LinkRow]:
        for a, b, kind, count, evidence, last_at in self.db.execute(
            "SELECT pa.uid, pb.uid, l.kind, l.count, l.evidence, l.last_at FROM link l "
            "JOIN person pa ON pa.id = l.a_id JOIN person pb ON pb.id = l.b_id ORDER BY l.id"
        ):
            # a link recorded twice without a date keeps '' rather than NULL (RelationRepo.add_link)
            yield LinkRow(a, b, kind, count, evidence, last_at or None)

    def relationships(self) -> Iterator[RelationshipRow]:
        for row in self.db.execute(
            "SELECT pa.uid, pb.uid, r.type, r.created_at FROM relationship r "
            "JOIN person pa ON pa.id = r.a_id JOIN person pb ON pb.id = r.b_id ORDER BY r.id"
        ):
            yield RelationshipRow(*row)

    def referrals(self) -> Iterator[ReferralRow]:
        for row in self.db.execute(
            "SELECT pa.uid, pb.uid, r.note, r.created_at, r.followed_up_at, r.thanked_at "
            "FROM referral r JOIN person pa ON pa.id = r.referrer_id "
            "JOIN person pb ON pb.id = r.referred_id ORDER BY r.id"
        ):
            yield ReferralRow(*row)

    def introductions(self) -> Iterator[IntroductionRow]:
        for row in self.db.execute(
            "SELECT pa.uid, pb.uid, i.why, i.state, i.outcome, i.created_at, i.updated_at, "
            "i.declined_by FROM introduction i JOIN person pa ON pa.id = i.a_id "
            "JOIN person pb ON pb.id = i.b_id ORDER BY i.id"
        ):
            yield IntroductionRow(*row)

    # the weekly plan's data (migration 0007) ----------------------------------------------------

    def follow_ups(self) -> Iterator[FollowUpRow]:
        for row in self.db.execute(
            "SELECT f.id, p.uid, f.text, f.owner, f.due, f.created_at, f.done_at, f.done_note, "
            "f.interaction_id FROM follow_up f JOIN person p ON p.id = f.person_id ORDER BY f.id"
        ):
            yield FollowUpRow(*row)

    def articles(self) -> Iterator[ArticleRow]:
        topics: dict[int, list[str]] = {}
        for article_id, topic in self.db.execute(
            "SELECT article_id, topic FROM article_topic ORDER BY article_id, topic"
        ):
            topics.setdefault(article_id, []).append(topic)
        shares: dict[int, list[ShareRow]] = {}
        for article_id, uid, at, interaction_id in self.db.execute(
            "SELECT s.article_id, p.uid, s.at, s.interaction_id FROM article_share s "
            "JOIN person p ON p.id = s.person_id ORDER BY s.article_id, s.at, p.id"
        ):
            shares.setdefault(article_id, []).append(ShareRow(uid, at, interaction_id))
        for article_id, url, title, note, saved_at in self.db.execute(
            "SELECT id, url, title, note, saved_at FROM article ORDER BY id"
        ):
            yield ArticleRow(
                article_id,
                url,
                title,
                note,
                saved_at,
                tuple(topics.get(article_id, ())),
                tuple(shares.get(article_id, ())),
            )

    def wants(self) -> Iterator[WantRow]:
        for row in self.db.execute(
            "SELECT p.uid, w.why, w.created_at, w.met_at FROM want w "
            "JOIN person p ON p.id = w.person_id ORDER BY w.person_id"
        ):
            yield WantRow(*row)

    def plan_skips(self) -> Iterator[SkipRow]:
        for row in self.db.execute(
            "SELECT p.uid, s.at FROM plan_skip s JOIN person p ON p.id = s.person_id "
            "ORDER BY s.person_id, s.at"
        ):
            yield SkipRow(*row)
