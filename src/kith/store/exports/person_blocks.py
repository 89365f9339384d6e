"""The people's JSON export entries, many to one text (issue 15): what dump.PERSON_TEXT_SQL
writes for each person, written by SQLite for a range of people at once, as
dump.INTERACTION_BLOCK_SQL writes the interactions.

Each entry is one printf of the id, the uid, two json_object texts (escaped as Python's encoder
escapes a text, which the export checks once: dump.JSON_PROBE) and the lists between them, in
the order of services.exports.transfer's keys: the names to updated_at with their braces taken off,
the lists (identities and jobs by json_object, the others as PERSON_TEXT_SQL writes them), then the
plan's columns with their opening brace taken off. The first json_object's first key and the
second's are quoted names and the first's last value a text or null, so `ltrim` and `rtrim` take
off exactly one brace each. A person PERSON_TEXT_SQL leaves to Python (dump.PERSON_EXACT) makes
the block's entry NULL: the block is then not used, and its people are written one by one, as
before.
"""

from __future__ import annotations

from kith.store.exports import dump

# (a boolean as JSON: json() marks the text as JSON, which json_object then holds as it is)
_TRUE_FALSE = "CASE WHEN {0} THEN json('true') ELSE json('false') END"


IDENTITIES = dump.json_list(
    "SELECT json_object('kind', kind, 'value', value, 'raw', raw, 'label', label, "
    f"'shared', {_TRUE_FALSE.format('shared')}, "
    f"'verified', {_TRUE_FALSE.format('verified')}) AS q "
    "FROM identity WHERE person_id = p.id ORDER BY position, id"
)
JOBS = dump.json_list(
    "SELECT json_object('organisation', o.name, 'title', e.title, 'start', e.start_day, "
    "'end', e.end_day, 'domain', o.domain) AS q FROM employment e "
    "JOIN organisation o ON o.id = e.organisation_id WHERE e.person_id = p.id "
    "ORDER BY e.position, e.id"
)

# (one printf: a chain of || would copy the entry once for each piece; no piece holds a NUL,
# which would end a %s: json_object and json_quote write it as an escape)
ENTRY = f"""printf('{{"id":%d,"uid":%s,"uid_aliases":%s,%s,"identities":%s,"tags":%s,'
  || '"interests":%s,"needs":%s,"offers":%s,"addresses":%s,"jobs":%s,"working_on":%s,'
  || '"notes":%s,"vcard_extra":%s,%s',
 p.id, json_quote(p.uid), {dump.ALIASES_JSON}, ltrim(rtrim(json_object(
  'name', p.display_name, 'given_name', p.given_name, 'family_name', p.family_name,
  'additional_names', p.additional_names, 'prefix', p.prefix, 'suffix', p.suffix,
  'nickname', p.nickname,
  'birthday', CASE WHEN p.birthday_month AND p.birthday_day THEN CASE WHEN p.birthday_year
    THEN printf('%04d-%02d-%02d', p.birthday_year, p.birthday_month, p.birthday_day)
    ELSE printf('--%02d-%02d', p.birthday_month, p.birthday_day) END END,
  'how_met', p.how_met, 'met_where', p.met_where, 'met_through', t.uid,
  'met_event', CASE WHEN p.met_event_id THEN 'event-' || p.met_event_id END,
  'known_since', nullif(p.known_since, ''), 'depth', p.depth, 'kind', p.kind,
  'archived', {_TRUE_FALSE.format("p.archived")},
  'created_at', p.created_at, 'updated_at', p.updated_at), '}}'), '{{'),
 {IDENTITIES}, {dump.TAGS_JSON},
 {dump.FACETS_JSON["interest"]}, {dump.FACETS_JSON["need"]}, {dump.FACETS_JSON["offer"]},
 {dump.ADDRESSES_JSON}, {JOBS}, {dump.WORKING_ON_JSON}, {dump.NOTES_JSON},
 {dump.VCARD_EXTRA_JSON}, ltrim(json_object(
  'closeness', p.closeness, 'pinned', {_TRUE_FALSE.format("p.pinned")},
  'muted', {_TRUE_FALSE.format("p.muted")}, 'snoozed_until', p.snoozed_until,
  'cadence_days', p.cadence_days, 'cadence_max_days', p.cadence_max_days,
  'let_go_at', g.at), '{{'))"""

# The entries of the people with ids from ? to ?, in id order, joined by ENTRY_SEPARATOR (as
# UTF-8 bytes); how many people there are, and how many entries SQLite wrote.
PERSON_BLOCK_SQL = f"""
SELECT CAST(group_concat(entry, {dump.SEPARATOR_SQL}) AS BLOB), count(*), count(entry)
FROM (SELECT CASE WHEN {dump.PERSON_EXACT} THEN {ENTRY} END AS entry
  FROM person p LEFT JOIN person t ON t.id = p.met_through_id
  LEFT JOIN let_go g ON g.person_id = p.id WHERE p.id BETWEEN ? AND ? ORDER BY p.id)"""

# PERSON_BLOCK_SQL's subqueries over each table (dump.PERSON_LISTS with this module's own)
PERSON_BLOCK_LISTS = dump.PERSON_LISTS | {"identity": (IDENTITIES,), "employment": (JOBS,)}
