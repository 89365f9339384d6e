"""Each person's vCard 3.0 written by SQLite, for the export of everyone (issue 15):
services.exports.vcard_export's card, line for line, without a Person object each; the cards SQLite
would write otherwise are left to the export's Python."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence

from kith.store.exports.export_sql import INSTANT_GLOB, empty_tables, holds_nul, without_empty
from kith.store.rows import chunks


def _vcard_escape(value: str) -> str:
    """vcard_values.escape in SQL: backslash, line end, comma, semicolon; carriage returns go."""
    return (
        f"replace(replace(replace(replace(replace(coalesce({value}, ''), '\\', '\\\\'), "
        "char(10), '\\n'), ',', '\\,'), ';', '\\;'), char(13), '')"
    )


# a line end as an SQL literal: a constant, where char(13) || char(10), an expression, is copied
# (a string allocated) for every row it is written in
CRLF = "'\r\n'"
# what vcard_values.escape changes, as a GLOB: a text that does not match is written as it is
_SPECIAL = "'*[\\,;\n\r]*'"


def _plain(value: str) -> str:
    """The value as it is (a NULL as nothing): what _vcard_escape gives when it has nothing to
    escape."""
    return f"coalesce({value}, '')"


def _escaped(value: str) -> str:
    """_vcard_escape, its five replaces only for a value that holds what they change."""
    return f"CASE WHEN {value} GLOB {_SPECIAL} THEN {_vcard_escape(value)} ELSE {_plain(value)} END"


def _escaped_if(listed: str, value: str) -> str:
    """_vcard_escape for the rows `listed` says (`row.id IN (:name)`, filled in by for_database
    from one scan of the values in Python), the value as it is for the others (most): a GLOB
    over a set of characters costs SQLite more than the rest of the line."""
    return f"CASE WHEN {listed} THEN {_vcard_escape(value)} ELSE {_plain(value)} END"


def _typed(kind: str, label: str) -> str:
    """The TYPE parameter vcard_values.as_types gives a label that is one of its words."""
    return f"CASE WHEN coalesce({label}, '') = '' THEN '' ELSE ';TYPE=' || upper({label}) END"


def _plain_label(kind: str, label: str, types: Sequence[str]) -> str:
    """Whether the label needs no X-ABLabel: none, or one TYPE word of its kind (`types`:
    "kind:word"), each kind's words a list in the SQL (looked up as a set built once, where a
    text built for every row and looked up in json_each costs a string each)."""
    cases = " ".join(
        f"WHEN {_quoted(of_kind)} THEN {label} IN ({', '.join(map(_quoted, words))})"
        for of_kind, words in _type_words(types).items()
    )
    return f"(coalesce({label}, '') = '' OR CASE {kind} {cases} ELSE 0 END)"


def _type_words(types: Sequence[str]) -> dict[str, list[str]]:
    """Each kind's TYPE words, from `types` ("kind:word")."""
    words: dict[str, list[str]] = {}
    for kind_word in types:
        kind, _, word = kind_word.partition(":")
        words.setdefault(kind, []).append(word)
    return words


_PROPERTY = {"email": "EMAIL", "phone": "TEL", "url": "URL", "linkedin": "URL"}
_HANDLE = "X-KITH-HANDLE"  # the property of an identity of any other kind


def _identity_start(types: Sequence[str]) -> str:
    """An identity's line up to the colon before its value, as a literal chosen by its kind and
    label (none, or one TYPE word of its kind; any other label's card is Python's): one string
    built for the line, where the property, the TYPE parameter and the colon joined built four."""
    untyped = " ".join(f"WHEN {_quoted(k)} THEN {_quoted(f'{n}:')}" for k, n in _PROPERTY.items())
    typed = " ".join(
        f"WHEN {_quoted(kind)} THEN CASE i.label "
        + " ".join(
            f"WHEN {_quoted(word)} THEN "
            + _quoted(f"{_PROPERTY.get(kind, _HANDLE)};TYPE={word.upper()}:")
            for word in words
        )
        + " END"
        for kind, words in _type_words(types).items()
        if kind != "address"
    )
    return (
        f"CASE WHEN coalesce(i.label, '') = '' THEN CASE i.kind {untyped} ELSE '{_HANDLE}:' END "
        f"ELSE CASE i.kind {typed} END END"
    )


def _quoted(text: str) -> str:
    """`text` as an SQL literal."""
    return "'" + text.replace("'", "''") + "'"


_IDENTITY_TEXT = (
    "CASE WHEN i.kind = 'linkedin' AND instr(lower(coalesce(nullif(i.raw, ''), i.value)), "
    "'linkedin.com/') = 0 THEN i.value ELSE coalesce(nullif(i.raw, ''), i.value) END"
)
_IDENTITY_LINES = (
    f"(SELECT group_concat(line, {CRLF}) FROM (SELECT :identity_start || "
    + _escaped_if("i.id IN (:escaped_identities)", _IDENTITY_TEXT)
    + " AS line FROM identity i WHERE i.person_id = p.id ORDER BY i.position, i.id))"
)
_ADDRESS_LINES = (
    f"(SELECT group_concat(line, {CRLF}) FROM (SELECT 'ADR' || "
    + _typed("'address'", "a.label")
    + " || ':;;' || "
    + " || ';' || ".join(
        _escaped(f"a.{part}") for part in ("street", "city", "region", "postcode", "country")
    )
    + " AS line FROM address a WHERE a.person_id = p.id ORDER BY a.id))"
)
_JOB_ESCAPED = "e.id IN (:escaped_jobs)"  # the organisation's name or the title (for_database)
_JOB_LINES = (
    "(SELECT 'ORG:' || " + _escaped_if(_JOB_ESCAPED, "o.name") + " || CASE WHEN "
    f"coalesce(e.title, '') = '' THEN '' ELSE {CRLF} || 'TITLE:' || "
    + _escaped_if(_JOB_ESCAPED, "e.title")
    + " END "
    "FROM employment e JOIN organisation o ON o.id = e.organisation_id "
    "WHERE e.person_id = p.id AND e.end_day IS NULL ORDER BY e.position, e.id LIMIT 1)"
)
_CATEGORIES = (
    "(SELECT 'CATEGORIES:' || group_concat(tag, ',') FROM (SELECT "
    + _escaped("t.name")
    + " AS tag FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
    "WHERE pt.person_id = p.id ORDER BY t.name COLLATE NOCASE))"
)
_NOTE_LINES = (
    f"(SELECT group_concat(line, {CRLF}) FROM (SELECT 'NOTE' || CASE WHEN n.kind "
    "= 'note' THEN '' ELSE ';X-KITH-KIND=' || n.kind END || ';X-KITH-CREATED=\"' || "
    "n.created_at || '\":' || " + _escaped("n.text") + " AS line FROM note n "
    "WHERE n.person_id = p.id ORDER BY n.created_at, n.id))"
)
# Each person's vCard 3.0 as services.exports.vcard_export.card_lines writes it, unfolded (lines
# joined by CRLF, the last one too), written by SQLite; NULL for a card SQLite would write
# otherwise: kept vCard lines (their groups and ORGs), a label that is not one TYPE word of its kind
# (an X-ABLabel then), a tag that is not ASCII, a LinkedIn address that is not ASCII,
# a note kind with what a parameter quotes, an instant not in the stored form.
# the BDAY line and its CRLF written by one printf, NULL without a birthday's day and month
_BDAY_LINE = (
    "CASE WHEN p.birthday_month AND p.birthday_day THEN CASE WHEN p.birthday_year "
    "THEN printf('BDAY:%04d-%02d-%02d\r\n', p.birthday_year, p.birthday_month, p.birthday_day) "
    "ELSE printf('BDAY:--%02d-%02d\r\n', p.birthday_month, p.birthday_day) END END"
)


def _line(expression: str) -> str:
    """A line and its CRLF, for a printf `%s`: NULL, which printf writes as nothing, when the
    expression is NULL (an optional line)."""
    return f"{expression} || {CRLF}"


_NAMES = (
    *("p.uid", "p.display_name", "p.family_name", "p.given_name", "p.additional_names"),
    *("p.prefix", "p.suffix", "p.nickname"),
)


def _own(value: str) -> str:
    """One of a person's own values, escaped only when one of them holds what
    vcard_values.escape changes (most do not): the people listed in :escaped_people
    (for_database); printf writes a NULL as nothing, as coalesce(value, '') would."""
    return f"CASE WHEN p.id IN (:escaped_people) THEN {_vcard_escape(value)} ELSE {value} END"


# UID, FN, N and NICKNAME, in the card's own printf (not one of their own: a string fewer)
_NICKNAME = f"CASE WHEN coalesce(p.nickname, '') != '' THEN 'NICKNAME:' || {_own('p.nickname')} END"
# someone with none of N's parts (people a mail or chat import added before it stored a split):
# N is their name's split (names.split_name, as services.exports.vcard_export writes it) by its last
# space, the family name after it, the given name before; the names split_name splits otherwise
# (a comma, CJK script, no letter, odd spaces, a particle, an address) are left to Python
# (for_database, _split_elsewhere)
UNSPLIT = " AND ".join(
    f"coalesce({part}, '') = ''" for part in ("p.given_name", "p.family_name", *_NAMES[4:7])
)
_HEAD = "rtrim(p.display_name, replace(p.display_name, ' ', ''))"  # up to the last space
_SPLIT = (
    f"CASE WHEN {_HEAD} = '' THEN '' ELSE substr(p.display_name, length({_HEAD}) + 1) END",
    f"CASE WHEN {_HEAD} = '' THEN p.display_name ELSE substr({_HEAD}, 1, length({_HEAD}) - 1) END",
)


def _split(index: int, value: str) -> str:
    """N's family (0) or given (1) name: the split of their name for someone never split, else
    their own."""
    return f"CASE WHEN {UNSPLIT} THEN {_vcard_escape(_SPLIT[index])} ELSE {_own(value)} END"


_NAME_VALUES = ", ".join(
    [
        *(_own(name) for name in _NAMES[:2]),
        _split(0, "p.family_name"),
        _split(1, "p.given_name"),
        *(_own(name) for name in _NAMES[4:7]),
        _line(_NICKNAME),
    ]
)
# the card's text: one printf (one string built, where each || builds one), whose %s cuts a value
# at a NUL: :printable says no value a card prints has one (for_database; else Python writes them)
_CARD_FORMAT = (
    "'BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:%s\r\n"
    "UID:%s\r\nFN:%s\r\nN:%s;%s;%s;%s;%s\r\n%s"
    "%s%s%s%s%s%sREV:%s\r\nEND:VCARD\r\n'"
)


CARD_TEXT_SQL = f"""
SELECT p.id AS id, CASE WHEN :printable AND coalesce(p.vcard_extra, '') = ''
  AND p.updated_at GLOB {INSTANT_GLOB} AND p.id NOT IN (:python_people)
THEN printf({_CARD_FORMAT}, :prodid, {_NAME_VALUES},
  {_BDAY_LINE}, {_line(_IDENTITY_LINES)}, {_line(_ADDRESS_LINES)}, {_line(_JOB_LINES)},
  {_line(_CATEGORIES)}, {_line(_NOTE_LINES)}, p.updated_at) END AS card
FROM person p"""


# python_people_sql: the people with a row their card SQLite would write otherwise (listed once
# by for_database, not looked up for each card): a label that is not one TYPE word of its kind,
# a LinkedIn address that is not ASCII, a tag that is not ASCII, a note kind with what a
# parameter quotes, a note's instant not in the stored form.
def python_people_sql(types: Sequence[str]) -> str:
    """The people whose cards Python writes, by their rows (`types`: each kind's TYPE words)."""
    return f"""
SELECT i.person_id FROM identity i WHERE NOT {_plain_label("i.kind", "i.label", types)}
  OR (i.kind = 'linkedin' AND (coalesce(i.raw, '') || i.value) GLOB '*[^ -~]*')
UNION SELECT a.person_id FROM address a WHERE NOT {_plain_label("'address'", "a.label", types)}
UNION SELECT pt.person_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
  WHERE t.name GLOB '*[^ -~]*'
UNION SELECT n.person_id FROM note n
  WHERE n.created_at NOT GLOB {INSTANT_GLOB} OR n.kind GLOB '*[^a-z_]*'"""


# the text a card's printf writes, by table: printf's %s cuts a value at a NUL, so in a database
# where one of these holds a NUL every card is left to Python (:printable false)
CARD_COLUMNS = {
    "person": (*(name.removeprefix("p.") for name in _NAMES), "updated_at"),
    "identity": ("kind", "value", "raw", "label"),
    "address": ("label", "street", "city", "region", "postcode", "country"),
    "organisation": ("name",),
    "employment": ("title",),
    "tag": ("name",),
    "note": ("kind", "text", "created_at"),
}


# the columns of CARD_COLUMNS the escape scans do not read (ESCAPED_VALUES: they see a NUL in
# those they read by its count), looked for a NUL by SQLite; an identity's kind and label are
# not among them: a kind is one of a few words (the table's CHECK), and a label holding a NUL is
# no TYPE word, which leaves the card to Python (python_people_sql)
NUL_COLUMNS = {
    "person": ("updated_at",),
    **{table: CARD_COLUMNS[table] for table in ("address", "tag", "note")},
}


# each table a card lists rows of, with its subquery in CARD_TEXT_SQL (dump.without_empty)
CARD_LISTS = {
    "identity": (_IDENTITY_LINES,),
    "address": (_ADDRESS_LINES,),
    "employment": (_JOB_LINES,),
    "person_tag": (_CATEGORIES,),
    "note": (_NOTE_LINES,),
}


def card_texts(
    connection: sqlite3.Connection, person_ids: Sequence[int], prodid: str, types: Sequence[str]
) -> list[tuple[int, str | None]]:
    """These people in the order given, each as their vCard 3.0 (unfolded) written by SQLite
    (CARD_TEXT_SQL; `types`: each kind's TYPE words as "kind:word"); None for a card the
    export writes itself."""
    found: dict[int, str | None] = {}
    params = {"prodid": prodid, "types": json.dumps(list(types))}
    sql = for_database(connection, CARD_TEXT_SQL, types)
    for chunk in chunks(list(person_ids)):
        marks = ", ".join(f":p{i}" for i in range(len(chunk)))
        rows = connection.execute(
            f"{sql} WHERE p.id IN ({marks})",
            params | {f"p{i}": person_id for i, person_id in enumerate(chunk)},
        )
        found.update((int(i), text) for i, text in rows)
    return [(i, found[i]) for i in person_ids if i in found]


# Up to :limit cards with an id above :after, in id order, as one text: each card SQLite writes
# (CARD_TEXT_SQL), and for each one it leaves to Python its id between two NUL characters.
CARD_BLOCK_SQL = f"""
SELECT group_concat(coalesce(card, char(0) || id || char(0)), ''), count(*), max(id),
  sum(card IS NULL)
FROM ({CARD_TEXT_SQL}
      WHERE p.id > :after ORDER BY p.id LIMIT :limit)"""


def block_sql(connection: sqlite3.Connection, types: Sequence[str]) -> str:
    """CARD_BLOCK_SQL for this database: without the lines of the tables that have no rows, and
    every card left to Python when a value a card writes holds a NUL (for_database)."""
    sql = without_empty(CARD_BLOCK_SQL, CARD_LISTS, empty_tables(connection, CARD_LISTS), "NULL")
    return for_database(connection, sql, types)


def for_database(connection: sqlite3.Connection, sql: str, types: Sequence[str]) -> str:
    """The cards' `sql` with what it takes from the database once: whether SQLite may print the
    cards (:printable: no value a card prints holds a NUL, NUL_COLUMNS and the escape scans),
    whose cards Python writes (:python_people, python_people_sql), and whose own values, which
    identities and which jobs need escaping (ESCAPED_VALUES); the start of an identity's line
    for each kind and TYPE word (:identity_start)."""
    sql = sql.replace(":identity_start", _identity_start(types))
    escaped = None if holds_nul(connection, NUL_COLUMNS) else _escaped_lists(connection)
    if escaped is None:
        for name in ("python_people", *ESCAPED_VALUES):
            sql = sql.replace(f":{name}", "")
        return sql.replace(":printable", "0")
    python = [int(i) for (i,) in connection.execute(python_people_sql(types))]
    python += _split_elsewhere(connection)
    sql = sql.replace(":python_people", ", ".join(map(str, python)))
    for name, ids in escaped.items():
        sql = sql.replace(f":{name}", ids)
    return sql.replace(":printable", "1")


def _split_elsewhere(connection: sqlite3.Connection) -> list[int]:
    """The people never split (UNSPLIT) whose name names.split_name does not split at its last
    space, as the cards' SQL does (_SPLIT): their cards are Python's."""
    from kith.names import split_name

    found = []
    unsplit = connection.execute(f"SELECT id, display_name FROM person p WHERE {UNSPLIT}")
    for person_id, name in unsplit:
        head, _, last = name.rpartition(" ")
        at_last_space = (head, last) if head else (last, None)
        if name != " ".join(name.split()) or split_name(name) != at_last_space:
            found.append(int(person_id))
    return found


def _escaped_lists(connection: sqlite3.Connection) -> dict[str, str] | None:
    """Each of ESCAPED_VALUES' lists (escaped_ids); None when one of the values they read holds
    a NUL."""
    found: dict[str, str] = {}
    for name in ESCAPED_VALUES:
        ids = _escaped_rows(connection, name)
        if ids is None:
            return None
        found[name] = ids
    return found


# The rows whose values a card writes escaped (vcard_values.escape): for each, the rows it reads
# (their id first) and the values the lines write, or a text holding them (an identity's raw
# text and value, one of which it writes).
ESCAPED_VALUES = {
    "escaped_people": ("p.id", *_NAMES, "FROM person p"),
    "escaped_identities": ("i.id", "i.raw", "i.value", "FROM identity i"),
    "escaped_jobs": (
        *("e.id", "o.name", "e.title"),
        "FROM employment e JOIN organisation o ON o.id = e.organisation_id WHERE e.end_day IS NULL",
    ),
}
_SPECIAL_CHARACTERS = "\\,;\n\r"  # what vcard_values.escape changes


def escaped_ids(connection: sqlite3.Connection, name: str) -> str:
    """The ids, joined by commas, of the rows (ESCAPED_VALUES[name]) one of whose values holds
    what vcard_values.escape changes: each column's values as one text, rows apart by a NUL
    (a value holding one is a ValueError: for_database asks _escaped_rows, which says so),
    searched for each character (a GLOB over a set of characters costs SQLite more than the rest
    of a card's line, a regular expression's set Python about as much: str.find is a memchr)."""
    ids = _escaped_rows(connection, name)
    if ids is None:
        raise ValueError(f"a value {name} reads holds a NUL")
    return ids


def _escaped_rows(connection: sqlite3.Connection, name: str) -> str | None:
    """escaped_ids; None when a value holds a NUL. The values are read rows apart by a unit
    separator (UNIT), and when one of them holds one (the separators are one fewer than the
    rows only when none does), by a NUL, where the NULs say as much."""
    count, ids, values = _rows_apart(connection, name, f"'{UNIT}'")
    if not count:
        return ""
    mark = UNIT
    if any(text.count(UNIT) != count - 1 for text in values):
        count, ids, values = _rows_apart(connection, name, "char(0)")
        mark = "\0"
        if any(text.count(mark) != count - 1 for text in values):
            return None
    elif any("\0" in text for text in values):
        return None
    rows: set[int] = set()
    for text in values:
        row = start = 0
        for place in sorted(at for c in _SPECIAL_CHARACTERS for at in _places(text, c)):
            row += text.count(mark, start, place)
            start = place
            rows.add(row)
    numbers = ids.split(",") if rows else []
    return ", ".join(str(int(numbers[row])) for row in sorted(rows))


# Between the rows' values: a literal in the SQL, where char(0) (a function's result) is copied
# for every row, a third of the scan.
UNIT = "\x1f"


def _rows_apart(
    connection: sqlite3.Connection, name: str, separator: str
) -> tuple[int, str, list[str]]:
    """How many rows ESCAPED_VALUES[name] reads, their ids joined by commas, and each column's
    values as one text, rows apart by `separator` (in SQL)."""
    key, *columns, source = ESCAPED_VALUES[name]
    texts = ", ".join(f"group_concat(coalesce({column}, ''), {separator})" for column in columns)
    sql = f"SELECT count(*), group_concat({key}), {texts} {source}"
    count, ids, *values = connection.execute(sql).fetchone()
    return count, ids or "", [text or "" for text in values]


def _places(text: str, character: str) -> Iterator[int]:
    """Where `character` is in `text`, in order."""
    at = text.find(character)
    while at >= 0:
        yield at
        at = text.find(character, at + 1)


def escaped_people(connection: sqlite3.Connection) -> str:
    """The ids, joined by commas, of the people one of whose own values holds what
    vcard_values.escape changes."""
    return escaped_ids(connection, "escaped_people")


def card_block(
    connection: sqlite3.Connection,
    sql: str,
    after: int,
    limit: int,
    prodid: str,
    types: Sequence[str],
) -> tuple[list[str | int], int, int] | None:
    """Up to `limit` cards with an id above `after`, in id order (`sql`: block_sql's): the
    cards' text (unfolded) in pieces, with in between the id of each card the export writes
    itself; how many cards; and the last id. No pieces after the last card; None when a card's
    text holds a NUL (card_texts then gives the same cards)."""
    params = {"prodid": prodid, "types": json.dumps(list(types)), "after": after, "limit": limit}
    text, count, last, missing = connection.execute(sql, params).fetchone()
    if not count:
        return [], 0, after
    texts = text.split("\0")
    if len(texts) != 2 * missing + 1:
        return None
    pieces: list[str | int] = [int(t) if n % 2 else t for n, t in enumerate(texts)]
    return pieces, int(count), int(last)
