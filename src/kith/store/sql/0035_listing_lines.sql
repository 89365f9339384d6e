-- 0035 (issue 15): `kith list` of everyone reads its lines from one index. The partial index of
-- listed contacts (0026: contacts not archived, by name_key) now also holds the id, the name
-- shown and the last contact, which is all a list of everyone reads of a person: the rows come
-- in name order from the index alone, without reading the person table or sorting it (the sort
-- of 30,000 rows was half of that query). A first page by name reads the same index.

DROP INDEX IF EXISTS person_listed;
CREATE INDEX IF NOT EXISTS person_listed
    ON person(name_key, id, display_name, last_contact_at) WHERE kind = 'contact' AND archived = 0;
