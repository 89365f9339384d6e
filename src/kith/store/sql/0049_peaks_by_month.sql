-- 0049 (issue 15): the monthly peaks month-major (store/week/peaks.py). A weekly step within a
-- month changes one column of the 60-month ring, for the people whose S rose; with a row of
-- 60 float64 per person (migration 0044) it rewrote ~3,100 rows of 480 bytes on ~3,600 pages
-- of profile L. Now a set's peaks are rows keyed (slot + 1) << 48 | block, where block is
-- person_id >> 8 (ids below 2^56), slot −1 the block's roster (each held person's
-- person_id & 255, one byte, ascending) and slot 0 … 59 that column's peaks of the roster,
-- float64 each in the roster's order. The held people are those 0044 kept a row for (peaks
-- not all 0). No trigger watches these tables.
-- SQL alone packs them: the cells, keyed (slot, block, person_id) in a table of their own, are
-- read in that key's order, which GROUP BY follows (no sort), so group_concat joins each
-- block's bytes in person order; tests/test_peaks_by_month.py checks it on a 0047 file.

CREATE TABLE peaks_0049_cells (
    which     TEXT NOT NULL,
    slot      INTEGER NOT NULL,
    block     INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (which, slot, block, person_id)
) WITHOUT ROWID;
CREATE TABLE peaks_0049_slots (slot INTEGER PRIMARY KEY);
WITH RECURSIVE n(k) AS (SELECT -1 UNION ALL SELECT k + 1 FROM n WHERE k < 59)
INSERT INTO peaks_0049_slots (slot) SELECT k FROM n;

-- a roster's byte is the person's among the 256 bytes 00 … FF (substr of a blob cuts bytes)
INSERT INTO peaks_0049_cells (which, slot, block, person_id, data)
SELECT 'a', s.slot, p.person_id >> 8, p.person_id,
       CASE WHEN s.slot < 0 THEN substr(x'000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF', (p.person_id & 255) + 1, 1)
            ELSE substr(p.peaks, 8 * s.slot + 1, 8) END
  FROM peaks_0049_slots s CROSS JOIN layer_peaks_a p;
INSERT INTO peaks_0049_cells (which, slot, block, person_id, data)
SELECT 'b', s.slot, p.person_id >> 8, p.person_id,
       CASE WHEN s.slot < 0 THEN substr(x'000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF', (p.person_id & 255) + 1, 1)
            ELSE substr(p.peaks, 8 * s.slot + 1, 8) END
  FROM peaks_0049_slots s CROSS JOIN layer_peaks_b p;

DROP TABLE layer_peaks_a;
CREATE TABLE layer_peaks_a (
    key  INTEGER PRIMARY KEY,  -- (slot + 1) << 48 | block
    data BLOB NOT NULL
);
INSERT INTO layer_peaks_a (key, data)
SELECT (slot + 1) << 48 | block, CAST(group_concat(data, x'') AS BLOB)
  FROM peaks_0049_cells WHERE which = 'a' GROUP BY slot, block;

DROP TABLE layer_peaks_b;
CREATE TABLE layer_peaks_b (
    key  INTEGER PRIMARY KEY,  -- (slot + 1) << 48 | block
    data BLOB NOT NULL
);
INSERT INTO layer_peaks_b (key, data)
SELECT (slot + 1) << 48 | block, CAST(group_concat(data, x'') AS BLOB)
  FROM peaks_0049_cells WHERE which = 'b' GROUP BY slot, block;

DROP TABLE peaks_0049_cells;
DROP TABLE peaks_0049_slots;
